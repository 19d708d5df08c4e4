import { describe, expect, it } from 'vitest';
import { windowCounts } from '../../data/dataset.ts';
import { MEMORY_SPAN_DEFAULTS, type MemorySpanSettings, type SpanResult } from '../../train/memory-span-settings.ts';
import { minRowsFor, parseLags, spanCurves, spanSettings, SPAN_FIELDS, type SpanFields } from './fields.ts';
import { lagDomain, ratioDomain, SpanViewModel } from './model.ts';

const DEFAULT_FIELDS = Object.fromEntries(Object.entries(SPAN_FIELDS).map(([k, s]) => [k, s.default])) as SpanFields;

describe('the memory-span fields', () => {
  it('default to the driver’s own settings', () => {
    const built = spanSettings(DEFAULT_FIELDS);
    expect(built.ok).toBe(true);
    if (built.ok) expect(built.settings).toEqual({ ...MEMORY_SPAN_DEFAULTS, curves: [...MEMORY_SPAN_DEFAULTS.curves], lags: [...MEMORY_SPAN_DEFAULTS.lags] });
  });

  it('read lags as written: sorted, each once, whole numbers in range only', () => {
    expect(parseLags('20, 5,10 5')).toEqual([5, 10, 20]);
    expect(parseLags('5，10、20')).toEqual([5, 10, 20]);
    for (const bad of ['', ' , ', '5,x', '0,5', '2.5', '201', '1,2,3,4,5,6,7,8,9,10,11,12,13']) expect(parseLags(bad)).toBeNull();
  });

  it('the forget bias sets the third curve, and b = 0 leaves three curves', () => {
    expect(spanCurves(5)).toEqual([{ cell: 'rnn' }, { cell: 'lstm' }, { cell: 'lstm', forgetBias: 5 }, { cell: 'gru' }]);
    expect(spanCurves(0)).toEqual([{ cell: 'rnn' }, { cell: 'lstm' }, { cell: 'gru' }]);
  });

  it('refuse too few rows for the longest lag, naming the rows it needs', () => {
    const needed = minRowsFor(80);
    const at = (rows: number) => windowCounts(rows, 80, 1, 'level', MEMORY_SPAN_DEFAULTS.trainFraction);
    expect(at(needed).train).toBeGreaterThanOrEqual(2);
    expect(at(needed).test).toBeGreaterThanOrEqual(2);
    expect(Math.min(at(needed - 1).train, at(needed - 1).test)).toBeLessThan(2);
    expect(spanSettings({ ...DEFAULT_FIELDS, rows: needed - 1 })).toEqual({ ok: false, problem: { kind: 'rows', lag: 80, rows: needed - 1, needed } });
    expect(spanSettings({ ...DEFAULT_FIELDS, rows: needed }).ok).toBe(true);
    expect(spanSettings({ ...DEFAULT_FIELDS, lags: 'ten' })).toEqual({ ok: false, problem: { kind: 'lags', raw: 'ten' } });
  });
});

const SETTINGS: MemorySpanSettings = { ...MEMORY_SPAN_DEFAULTS, curves: [{ cell: 'rnn' }, { cell: 'lstm', forgetBias: 3 }], lags: [5, 10] };

function result(index: number, lag: number, cell: 'rnn' | 'lstm', ratio: number, nothingRatio = 0.7): SpanResult {
  const forgetBias = cell === 'lstm' ? 3 : 0;
  return { index, curve: { cell, ...(forgetBias ? { forgetBias } : {}) }, cell, forgetBias, lag, testRmse: ratio, persistenceRmse: 1, ratio, nothingRatio, trainLoss: 0, epochs: 40, ms: 1 };
}

describe('the memory-span view model', () => {
  it('grows one series per curve as results arrive, and tracks how far the run has got', () => {
    const vm = new SpanViewModel();
    vm.start(2, SETTINGS);
    expect(vm.total).toBe(4);
    expect(vm.fraction).toBe(0);
    vm.apply({ type: 'span-progress', runId: 2, progress: { index: 0, total: 4, cell: 'rnn', forgetBias: 0, lag: 5, epoch: 20, epochs: 40 } });
    expect(vm.fraction).toBeCloseTo(0.125, 12);
    vm.apply({ type: 'span-result', runId: 2, result: result(0, 5, 'rnn', 0.02, 0.71) });
    vm.apply({ type: 'span-result', runId: 2, result: result(1, 5, 'lstm', 0.03, 0.71) });
    vm.apply({ type: 'span-result', runId: 2, result: result(2, 10, 'rnn', 0.48, 0.72) });
    expect(vm.fraction).toBeCloseTo(0.75, 12);
    expect(vm.series().map((s) => [s.key, s.points.map((p) => [p.lag, p.ratio])])).toEqual([
      ['rnn', [[5, 0.02], [10, 0.48]]],
      ['lstm+3', [[5, 0.03]]],
    ]);
    expect(vm.nothing()).toEqual([{ lag: 5, ratio: 0.71 }, { lag: 10, ratio: 0.72 }]);
    expect(vm.result('lstm+3', 5)?.ratio).toBe(0.03);
    expect(vm.result('lstm+3', 10)).toBeUndefined();
    vm.apply({ type: 'span-done', runId: 2, cancelled: false, error: null, ms: 41_000 });
    expect([vm.state, vm.fraction, vm.ms]).toEqual(['done', 1, 41_000]);
  });

  it('ignores another run’s messages, and says how a run ended', () => {
    const vm = new SpanViewModel();
    vm.start(3, SETTINGS);
    expect(vm.apply({ type: 'span-result', runId: 2, result: result(0, 5, 'rnn', 0.1) })).toBe(false);
    expect(vm.results).toEqual([]);
    vm.apply({ type: 'span-done', runId: 3, cancelled: true, error: null, ms: 5 });
    expect(vm.state).toBe('cancelled');
    expect(vm.apply({ type: 'span-result', runId: 3, result: result(0, 5, 'rnn', 0.1) })).toBe(false);
    vm.start(4, SETTINGS);
    vm.apply({ type: 'span-done', runId: 4, cancelled: false, error: 'lag 60 with 80 rows', ms: 5 });
    expect([vm.state, vm.error]).toEqual(['error', 'lag 60 with 80 rows']);
    vm.start(5, SETTINGS);
    vm.fail('the training worker failed');
    expect(vm.state).toBe('error');
  });

  it('ranges: the lags from 0 to the longest, the ratios from 0 to at least persistence', () => {
    expect(lagDomain([5, 80, 10])).toEqual([0, 80]);
    expect(ratioDomain([0.02, 0.7])).toEqual([0, 1]);
    expect(ratioDomain([0.02, 1.23])).toEqual([0, 1.3]);
    expect(ratioDomain([1.2])).toEqual([0, 1.2]);
    expect(ratioDomain([NaN, Infinity])).toEqual([0, 1]);
  });
});
