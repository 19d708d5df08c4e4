// Folding the worker's messages into what the widget draws.
import { describe, expect, it } from 'vitest';
import type { Metrics, Snapshot, TableSummary } from '../../train/protocol.ts';
import { Labeller } from './labels.ts';
import { verdictOf, verdictText } from './metrics-panel.ts';
import { TrainerViewModel, ZETA_HISTORY_MAX } from './view-model.ts';

const summary = { source: 'x.csv', sample: null, columns: ['Close'], target: 'Close', rows: 10 } as unknown as TableSummary;
const metrics = (rmse: number): Metrics => ({ mse: 1, rmse, mae: 1, mape: 1, direction: 0.5 });
const snapshot = (epoch: number, rmse = 10, predStd = 1): Snapshot => ({
  epoch,
  train: new Float64Array(2),
  test: new Float64Array(2),
  model: metrics(rmse),
  baseline: metrics(10),
  predStd,
  zeta: { dLdh: new Float64Array([epoch, 1]), jacobian: new Float64Array([0.5, 1]) },
});
const status = (state: 'idle' | 'training' | 'paused' | 'done' | 'error', epoch: number) => ({ type: 'status' as const, state, epoch, epochs: 100, elapsedMs: 0, notice: null });

describe('TrainerViewModel', () => {
  it('keeps one loss per epoch and cuts the history back on reset or restore', () => {
    const vm = new TrainerViewModel();
    vm.apply({ type: 'table', summary });
    vm.apply({ type: 'losses', from: 0, train: new Float64Array([3, 2, 1]), test: new Float64Array([4, 3, NaN]), elapsedMs: 30 });
    vm.apply({ type: 'losses', from: 3, train: new Float64Array([0.5]), test: new Float64Array([2]), elapsedMs: 40 });
    expect(vm.trainLoss).toEqual([3, 2, 1, 0.5]);
    expect(vm.status.epoch).toBe(4);
    // A NaN guard restored epoch 2.
    expect(vm.apply(status('error', 2))).toContain('losses');
    expect(vm.trainLoss).toEqual([3, 2]);
    expect(vm.testLoss).toEqual([4, 3]);
    vm.apply(status('idle', 0));
    expect(vm.trainLoss).toEqual([]);
  });

  it('a rejected file leaves the table, the windows and the run alone', () => {
    const vm = new TrainerViewModel();
    vm.apply({ type: 'table', summary });
    vm.apply({ type: 'losses', from: 0, train: new Float64Array([1]), test: new Float64Array([1]), elapsedMs: 1 });
    vm.apply({ type: 'snapshot', snapshot: snapshot(1) });
    vm.apply({ type: 'data-error', error: { kind: 'empty', params: {} }, source: 'empty.csv' });
    expect(vm.summary).toBe(summary);
    expect(vm.trainLoss).toEqual([1]);
    expect(vm.snapshot?.epoch).toBe(1);
    expect(vm.dataError?.kind).toBe('empty');
    // The next accepted table clears the error and the run.
    vm.apply({ type: 'table', summary });
    expect(vm.dataError).toBeNull();
    expect(vm.snapshot).toBeNull();
  });

  it('thins the ζ history to a bounded number of columns, keeping the newest', () => {
    const vm = new TrainerViewModel();
    for (let e = 0; e <= 200; e++) vm.apply({ type: 'snapshot', snapshot: snapshot(e) });
    expect(vm.zetaHistory.length).toBeLessThanOrEqual(ZETA_HISTORY_MAX);
    expect(vm.zetaHistory[0].epoch).toBe(0);
    expect(vm.zetaHistory[vm.zetaHistory.length - 1].epoch).toBe(200);
    const epochs = vm.zetaHistory.map((r) => r.epoch);
    expect(epochs).toEqual([...epochs].sort((a, b) => a - b));
    vm.apply(status('error', 150));
    expect(vm.zetaHistory.every((r) => r.epoch <= 150)).toBe(true);
  });
});

describe('verdict', () => {
  it('beats, ties (within 1 %) or loses against persistence by RMSE', () => {
    expect(verdictOf(metrics(9), metrics(10))).toBe('beats');
    expect(verdictOf(metrics(10.05), metrics(10))).toBe('tie');
    expect(verdictOf(metrics(12), metrics(10))).toBe('loses');
  });

  it('names a flat line, and the defect behind it when one is on', () => {
    const L = new Labeller('en');
    const flat = snapshot(5, 30, 0.001);
    expect(verdictText(flat, L.t, 'en')).toMatch(/flat line.*epoch 5/);
    expect(verdictText(flat, L.t, 'en', ['broadcast'])).toContain('broadcast MSE');
    expect(verdictText(snapshot(5, 9, 1), L.t, 'en')).not.toContain('flat');
    const zh = new Labeller('zh');
    expect(verdictText(flat, zh.t, 'zh', ['tanh'])).toContain('tanh');
  });
});
