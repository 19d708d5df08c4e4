// The forecast past the data in the worker: driven through the session with
// the protocol's messages (after a run, when the steps change without
// resetting anything, capped at the window, one step with other inputs, back
// after loading weights), and the stale-result rule on a fake trainer.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Table } from '../data/csv.ts';
import { AheadForecasts, type AheadTrainer } from './ahead-forecasts.ts';
import type { TrainConfig } from './config.ts';
import type { AheadRun } from './forecast-ahead.ts';
import { presetSettings } from './presets.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { TrainingSession } from './session.ts';

const PUBLIC = resolve(import.meta.dirname, '../../public');

function drive() {
  const got: FromWorker[] = [];
  const waiters: { test: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void }[] = [];
  const session = new TrainingSession(
    (msg) => {
      got.push(msg);
      for (const w of waiters.splice(0)) {
        if (w.test(msg)) w.resolve(msg);
        else waiters.push(w);
      }
    },
    { lossFlushMs: 5, fetchBundled: async (path) => new Uint8Array(readFileSync(resolve(PUBLIC, path))), trainer: { snapshotEveryMs: 1e9 } },
  );
  let queue = Promise.resolve();
  const send = (msg: ToWorker) => (queue = queue.then(() => session.handle(msg)));
  const next = <T extends FromWorker['type']>(type: T) =>
    new Promise<Extract<FromWorker, { type: T }>>((res) => waiters.push({ test: (m) => m.type === type, resolve: res as (m: FromWorker) => void }));
  const of = <T extends FromWorker['type']>(type: T) => got.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  return { send, next, of };
}

function config(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return { target: 'value', seed: 1, trainFraction: 0.7, ...presetSettings('fast', ['value'], 'value'), hidden: 4, epochs: 3, ...overrides };
}

const models = (m: { run: AheadRun }) => m.run.steps.map((s) => s.model);

describe('the forecast past the data in the training worker', () => {
  it('after a run, for the steps asked for (capped at the window), without resetting the run; again after loading weights', async () => {
    const w = drive();
    await w.send({ type: 'init', backend: 'cpu' });
    await w.send({ type: 'ahead-steps', steps: 3 });
    await w.send({ type: 'load-sample', sample: 'seasonal', lag: 20, pageUrl: 'http://localhost/' });
    await w.send({ type: 'configure', config: config() });
    expect(w.of('ahead')).toEqual([]);
    const first = w.next('ahead');
    await w.send({ type: 'command', command: 'train' });
    const a = await first;
    expect(a.epoch).toBe(3);
    expect(a.run).toMatchObject({ requested: 3, limit: null, lastDate: null });
    expect(a.run.steps.map((s) => s.date)).toEqual(['1', '2', '3']);
    expect(a.run.steps.every((s) => Number.isFinite(s.model) && s.modelErrors.length > 100)).toBe(true);

    // Other steps: a new forecast, same weights (step 1 unchanged), nothing reset.
    const statuses = w.of('status').length;
    await w.send({ type: 'ahead-steps', steps: 2 });
    const b = w.of('ahead').at(-1)!;
    expect(b.run.steps).toHaveLength(2);
    expect(models(b)).toEqual(models(a).slice(0, 2));
    await w.send({ type: 'ahead-steps', steps: 40 });
    expect(w.of('ahead').at(-1)!.run.steps).toHaveLength(7);
    expect(w.of('status').length).toBe(statuses);
    expect(w.of('dataset')).toHaveLength(1);
    // The same steps again: nothing new to send.
    const count = w.of('ahead').length;
    await w.send({ type: 'ahead-steps', steps: 7 });
    expect(w.of('ahead')).toHaveLength(count);

    // Reset: no forecast for untrained weights; the trained weights loaded back bring it back.
    await w.send({ type: 'ahead-steps', steps: 3 });
    const weights = w.next('weights');
    await w.send({ type: 'export-weights', requestId: 1 });
    const file = (await weights).file!;
    await w.send({ type: 'command', command: 'reset' });
    const afterReset = w.of('ahead').length;
    const back = w.next('ahead');
    await w.send({ type: 'import-weights', file });
    expect(models(await back)).toEqual(models(a));
    expect(w.of('ahead').length).toBe(afterReset + 1);
  });

  it('with other columns as inputs, one step and the reason', async () => {
    const w = drive();
    await w.send({ type: 'init', backend: 'cpu' });
    await w.send({ type: 'ahead-steps', steps: 3 });
    await w.send({ type: 'load-sample', sample: 'long-lag', lag: 5, pageUrl: 'http://localhost/' });
    const ahead = w.next('ahead');
    await w.send({ type: 'configure', config: config({ target: 'target', features: ['input', 'target'], transform: 'level', window: 5, epochs: 1 }) });
    await w.send({ type: 'command', command: 'step' });
    const { run } = await ahead;
    expect(run.steps).toHaveLength(1);
    expect(run.limit).toEqual({ kind: 'other-inputs', columns: ['input'], steps: 1 });
  });
});

describe('AheadForecasts', () => {
  /** A stopped, trained fake whose forecasts resolve when the test says. */
  function fake() {
    const pending: ((run: AheadRun) => void)[] = [];
    const trainer: AheadTrainer = {
      status: { state: 'done', epoch: 4, elapsedMs: 0 },
      settings: config({ window: 5 }),
      forecastAhead: (_table, steps) => new Promise<AheadRun>((res) => pending.push((run) => res({ ...run, requested: steps }))),
    };
    return { trainer, pending };
  }
  const table = {} as Table;
  const empty = (): AheadRun => ({ requested: 0, limit: null, calendar: { rule: { kind: 'steps' }, spacing: 'steps', fit: 1, withTime: false, withSeconds: false }, lastDate: null, lastValue: 1, origins: 0, steps: [] });

  it('drops a forecast the weights moved under, posts the next one, and caps the steps at the window', async () => {
    const posted: FromWorker[] = [];
    const a = new AheadForecasts((m) => posted.push(m), (err) => {
      throw err;
    });
    const { trainer, pending } = fake();
    a.setSteps(9);
    const stale = a.update(trainer, table);
    // An epoch ends (training started again) before the forecast is back.
    expect(a.onEvent({ kind: 'epoch', epoch: 5, train: 1, test: 1, elapsedMs: 1 })).toBe(false);
    pending[0](empty());
    await stale;
    expect(posted).toEqual([]);
    expect(a.onEvent({ kind: 'state', state: 'done', epoch: 5, elapsedMs: 1, notice: null })).toBe(true);
    const fresh = a.update(trainer, table);
    pending[1](empty());
    await fresh;
    expect(posted).toHaveLength(1);
    expect(posted[0]).toMatchObject({ type: 'ahead', epoch: 4, run: { requested: 5 } });
    // Untrained, idle or training: nothing to forecast.
    expect(a.onEvent({ kind: 'state', state: 'idle', epoch: 0, elapsedMs: 0, notice: null })).toBe(false);
    expect(a.onEvent({ kind: 'state', state: 'training', epoch: 5, elapsedMs: 0, notice: null })).toBe(false);
  });
});
