// The runs table's data: when a run starts and is recorded, what it keeps,
// and that the list is plain data that survives a structured clone.
import { describe, expect, it } from 'vitest';
import { presetSettings } from '../../train/presets.ts';
import type { Metrics, Snapshot, TableSummary } from '../../train/protocol.ts';
import { MAX_RUNS, RunTracker, RunsList, rmseRatio } from './runs.ts';
import { TrainerViewModel, type ViewMessage } from './view-model.ts';

const summary = { source: 'long-lag', sample: 'long-lag', columns: ['input', 'target'], target: 'target', rows: 1000 } as unknown as TableSummary;
const config = { ...presetSettings('fast', ['input', 'target'], 'target'), target: 'target', seed: 1, trainFraction: 0.7 };
const metrics = (rmse: number): Metrics => ({ mse: rmse * rmse, rmse, mae: rmse, mape: NaN, direction: 0.5 });
const snapshot = (epoch: number, rmse: number): Snapshot => ({ epoch, train: new Float64Array(1), test: new Float64Array(1), model: metrics(rmse), baseline: metrics(1.4), predStd: 1, zeta: null });
const status = (state: 'idle' | 'training' | 'paused' | 'done' | 'error', epoch: number): ViewMessage => ({ type: 'status', state, epoch, epochs: 3, elapsedMs: 0, notice: null });
const dataset = { type: 'dataset', series: {} } as unknown as ViewMessage;

function session() {
  const vm = new TrainerViewModel();
  const runs = new RunsList();
  const tracker = new RunTracker(runs);
  const send = (msg: ViewMessage, c = config) => {
    vm.apply(msg);
    tracker.observe(msg, vm, c, 20);
  };
  send({ type: 'table', summary });
  send(dataset);
  return { vm, runs, tracker, send };
}

function train(send: (m: ViewMessage, c?: typeof config) => void, losses: number[], rmse: number, c = config) {
  send(status('training', 0), c);
  send({ type: 'losses', from: 0, train: Float64Array.from(losses), test: Float64Array.from(losses, (l, i) => (i % 2 ? NaN : l + 0.1)), elapsedMs: 5 }, c);
  send({ type: 'snapshot', snapshot: snapshot(losses.length, rmse) }, c);
  send(status('done', losses.length), c);
}

describe('RunTracker and RunsList', () => {
  it('records a run when it stops, with its settings, curves and metrics against persistence, and updates it when it goes on', () => {
    const { runs, send } = session();
    send(status('idle', 0));
    expect(runs.runs).toEqual([]);
    train(send, [0.9, 0.5, 0.3], 0.28);
    const [r] = runs.runs;
    expect(r).toMatchObject({ id: 1, source: 'long-lag', sample: 'long-lag', rows: 1000, lag: 20, epochs: 3, metricsEpoch: 3, overlay: true });
    expect(r.config.cell).toBe('rnn');
    expect(r.train).toEqual([0.9, 0.5, 0.3]);
    expect(r.test[0]).toBeCloseTo(1.0);
    expect(Number.isNaN(r.test[1])).toBe(true);
    expect(rmseRatio(r)).toBeCloseTo(0.2);
    // More epochs of the same run update it in place.
    send(status('training', 3));
    send({ type: 'losses', from: 3, train: Float64Array.of(0.2), test: Float64Array.of(0.25), elapsedMs: 6 });
    send(status('paused', 4));
    expect(runs.runs.map((x) => [x.id, x.epochs])).toEqual([[1, 4]]);
  });

  it('new windows or a reset start a new run; the newest MAX_RUNS are kept', () => {
    const { runs, send } = session();
    train(send, [1, 0.8], 0.9);
    send(dataset);
    train(send, [1, 0.4], 0.3, { ...config, cell: 'lstm' });
    send(status('idle', 0)); // reset
    train(send, [1, 0.5], 0.5, { ...config, cell: 'gru' });
    expect(runs.runs.map((r) => [r.id, r.config.cell])).toEqual([
      [1, 'rnn'],
      [2, 'lstm'],
      [3, 'gru'],
    ]);
    for (let i = 0; i < MAX_RUNS; i++) {
      send(dataset);
      train(send, [1], 1);
    }
    expect(runs.runs.map((r) => r.id)).toEqual([4, 5, 6, 7, 8]);
  });

  it('overlay flags, removal and a restore; the list is plain data', () => {
    const { runs, send } = session();
    let changes = 0;
    runs.subscribe(() => changes++);
    train(send, [1, 0.5], 0.4);
    send(dataset);
    train(send, [1, 0.6], 0.5);
    runs.setOverlay(1, false);
    expect(runs.runs.map((r) => r.overlay)).toEqual([false, true]);
    const stored = structuredClone(runs.runs);
    runs.remove(2);
    expect(runs.runs.map((r) => r.id)).toEqual([1]);
    const other = new RunsList();
    other.restore(stored);
    expect(other.runs).toEqual(stored);
    expect(other.newId()).toBe(3);
    expect(changes).toBeGreaterThanOrEqual(4);
    // Nothing the list hands out changes it.
    other.runs[0].train.push(99);
    expect(other.runs[0].train).toEqual([1, 0.5]);
  });
});
