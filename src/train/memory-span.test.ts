import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, test } from 'vitest';
import { loadSample } from '../data/samples.ts';
import { createTfModel } from '../engine/tf-cell-model.ts';
import { initCellParams } from '../model/gated-init.ts';
import { deriveSeed } from '../model/random.ts';
import { permutation } from './epochs.ts';
import { curveKey, MEMORY_SPAN_DEFAULTS, runMemorySpan, spanRuns, type MemorySpanSettings, type SpanResult } from './memory-span.ts';
import { spanTask, testRmse } from './memory-span-task.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TINY: MemorySpanSettings = {
  curves: [{ cell: 'rnn' }, { cell: 'lstm', forgetBias: 1 }, { cell: 'gru' }],
  lags: [3, 5],
  rows: 160,
  epochs: 2,
  hidden: 4,
  lr: 0.01,
  clip: 1,
  batch: 32,
  trainFraction: 0.7,
  seed: 7,
};

const rms = (v: number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0) / v.length);

/** The test windows of the long-lag series worked out from the raw columns: window ending at row l forecasts row l + 1. */
function byHand(lag: number, rows: number, seed: number) {
  const t = loadSample('long-lag', { lag, length: rows, seed });
  const input = t.values.input;
  const target = t.values.target;
  const cut = Math.floor(0.7 * rows);
  const lasts: number[] = [];
  for (let l = Math.max(cut - 1, lag - 1); l + 1 < rows; l++) lasts.push(l);
  let mean = 0;
  for (let r = 0; r < cut; r++) mean += target[r] / cut;
  const trainLasts: number[] = [];
  for (let l = lag - 1; l + 1 < cut; l++) trainLasts.push(l);
  return {
    input,
    target,
    cut,
    lasts,
    trainLasts,
    persistence: rms(lasts.map((l) => target[l] - target[l + 1])),
    nothing: rms(lasts.map((l) => mean - target[l + 1])),
  };
}

describe('the long-lag task of the memory-span experiment', () => {
  test('each window holds the last L inputs and its target is the input at its first step', () => {
    const task = spanTask({ lag: 6, rows: 120, seed: 3, trainFraction: 0.7 });
    const { dataset: d } = task;
    expect([d.T, d.F, d.features]).toEqual([6, 1, ['input']]);
    const h = byHand(6, 120, 3);
    const { mean, std } = d.scaler;
    for (const n of [0, 5, d.test.N - 1]) {
      const l = d.test.lastIndex[n];
      expect(d.test.actual[n]).toBe(h.target[l + 1]);
      expect(d.test.actual[n]).toBe(h.input[l + 1 - 6]); // the first step of the window
      expect(d.test.x[n * 6]).toBeCloseTo((h.input[l - 5] - mean[0]) / std[0], 5);
    }
  });

  test('persistence and the learnt-nothing level are the RMSEs worked out by hand on the test windows', () => {
    const task = spanTask({ lag: 5, rows: 400, seed: 2, trainFraction: 0.7 });
    const h = byHand(5, 400, 2);
    expect(task.dataset.test.N).toBe(h.lasts.length);
    expect(task.persistenceRmse).toBeCloseTo(h.persistence, 12);
    expect(task.meanRmse).toBeCloseTo(h.nothing, 12);
    // Two independent unit draws: persistence ≈ √2, the mean ≈ 1, their ratio near 1/√2.
    const big = spanTask({ lag: 10, rows: 6000, seed: 1, trainFraction: 0.7 });
    expect(big.meanRmse / big.persistenceRmse).toBeGreaterThan(0.66);
    expect(big.meanRmse / big.persistenceRmse).toBeLessThan(0.76);
  });

  test('testRmse scores forecasts in target units: the truth scores 0, persistence its own RMSE', () => {
    const task = spanTask({ lag: 4, rows: 200, seed: 5, trainFraction: 0.7 });
    expect(testRmse(task, task.dataset.test.y)).toBeLessThan(1e-6);
    expect(testRmse(task, task.dataset.test.persistenceStd)).toBeCloseTo(task.persistenceRmse, 5);
  });

  test('a lag the rows cannot hold is refused with a message that says why', () => {
    expect(() => spanTask({ lag: 60, rows: 80, seed: 1, trainFraction: 0.7 })).toThrow(/lag 60 with 80 rows/);
  });
});

describe('runMemorySpan', () => {
  test('streams one result per run, in run order, each before the next run starts', async () => {
    const events: string[] = [];
    const before = tf.memory().numTensors;
    const out = await runMemorySpan(TINY, {
      onResult: (r) => events.push(`result ${r.index}`),
      onProgress: (p) => {
        if (p.epoch === 1) events.push(`start ${p.index}`);
      },
    });
    const runs = spanRuns(TINY);
    expect(runs.map((r) => `${r.lag}/${curveKey(r.curve)}`)).toEqual(['3/rnn', '3/lstm+1', '3/gru', '5/rnn', '5/lstm+1', '5/gru']);
    expect(out.cancelled).toBe(false);
    expect(out.results.map((r) => [r.lag, r.cell, r.forgetBias])).toEqual(runs.map((r) => [r.lag, r.curve.cell, r.curve.forgetBias ?? 0]));
    expect(events).toEqual(runs.flatMap((_, i) => [`start ${i}`, `result ${i}`]));
    expect(tf.memory().numTensors).toBe(before);
  });

  test('ratio is test RMSE over persistence RMSE, and the learnt-nothing level is the hand computation', async () => {
    const { results } = await runMemorySpan({ ...TINY, lags: [4], curves: [{ cell: 'rnn' }, { cell: 'lstm' }] });
    const h = byHand(4, TINY.rows, TINY.seed);
    for (const r of results) {
      expect(r.persistenceRmse).toBeCloseTo(h.persistence, 12);
      expect(r.ratio).toBe(r.testRmse / r.persistenceRmse);
      expect(r.nothingRatio).toBeCloseTo(h.nothing / h.persistence, 12);
      expect(Number.isFinite(r.testRmse) && r.testRmse > 0).toBe(true);
      expect(r.epochs).toBe(TINY.epochs);
    }
  });

  test('the test RMSE is that of the same model trained by hand on windows cut by hand', async () => {
    const lag = 4;
    const settings: MemorySpanSettings = { ...TINY, lags: [lag], curves: [{ cell: 'lstm', forgetBias: 1 }], epochs: 2 };
    const [r] = (await runMemorySpan(settings)).results;
    const h = byHand(lag, settings.rows, settings.seed);
    const stats = (v: number[]) => {
      const m = v.reduce((a, b) => a + b, 0) / v.length;
      return [m, Math.sqrt(v.reduce((a, b) => a + (b - m) ** 2, 0) / v.length)];
    };
    const [xm, xs] = stats(Array.from(h.input.subarray(0, h.cut)));
    const [ym, ys] = stats(Array.from(h.target.subarray(0, h.cut)));
    const windows = (lasts: number[]) =>
      tf.tensor3d(lasts.flatMap((l) => Array.from({ length: lag }, (_, t) => (h.input[l - lag + 1 + t] - xm) / xs)), [lasts.length, lag, 1]);
    const xTrain = windows(h.trainLasts);
    const yTrain = tf.tensor2d(h.trainLasts.map((l) => (h.target[l + 1] - ym) / ys), [h.trainLasts.length, 1]);
    const model = createTfModel(initCellParams('lstm', { F: 1, H: settings.hidden, O: 1 }, { seed: settings.seed, forgetBias: 1 }), {
      activation: 'tanh', output: 'linear', loss: 'mse', optimizer: { kind: 'adam', lr: settings.lr, epsilon: 1e-7 }, clipNorm: settings.clip,
    });
    const N = h.trainLasts.length;
    for (let epoch = 0; epoch < settings.epochs; epoch++) {
      const order = permutation(N, deriveSeed(settings.seed, 1 + epoch));
      for (let s = 0; s < N; s += settings.batch) {
        tf.tidy(() => {
          const i = tf.tensor1d(order.subarray(s, Math.min(s + settings.batch, N)), 'int32');
          model.trainStep(tf.gather(xTrain, i) as tf.Tensor3D, tf.gather(yTrain, i) as tf.Tensor2D);
        });
      }
    }
    const xTest = windows(h.lasts);
    const predicted = model.predict(xTest);
    const pred = Array.from(await predicted.data());
    model.dispose();
    tf.dispose([xTrain, yTrain, xTest, predicted]);
    const rmse = rms(h.lasts.map((l, n) => pred[n] * ys + ym - h.target[l + 1]));
    expect(r.testRmse).toBeCloseTo(rmse, 5);
    expect(r.ratio).toBeCloseTo(rmse / h.persistence, 5);
  });

  test('a seeded run is reproducible, and another seed gives other numbers', async () => {
    const settings = { ...TINY, lags: [5] };
    const key = (rs: SpanResult[]) => rs.map((r) => [r.testRmse, r.trainLoss]);
    const a = await runMemorySpan(settings);
    const b = await runMemorySpan(settings);
    const c = await runMemorySpan({ ...settings, seed: 8 });
    expect(key(a.results)).toEqual(key(b.results));
    expect(key(c.results)).not.toEqual(key(a.results));
  });

  test('aborting stops after the current epoch; the unfinished run reports nothing', async () => {
    const ctrl = new AbortController();
    const got: SpanResult[] = [];
    const before = tf.memory().numTensors;
    const out = await runMemorySpan(TINY, {
      signal: ctrl.signal,
      onResult: (r) => got.push(r),
      onProgress: (p) => {
        if (p.index === 1 && p.epoch === 1) ctrl.abort();
      },
    });
    expect(out.cancelled).toBe(true);
    expect(out.results.map((r) => r.index)).toEqual([0]);
    expect(got).toEqual(out.results);
    expect(tf.memory().numTensors).toBe(before);
    const early = new AbortController();
    early.abort();
    expect(await runMemorySpan(TINY, { signal: early.signal })).toEqual({ results: [], cancelled: true });
  });

  test('the loop yields to the event loop, so a cancel message can arrive while it trains', async () => {
    const ctrl = new AbortController();
    setTimeout(() => ctrl.abort(), 0);
    const out = await runMemorySpan({ ...TINY, epochs: 50 }, { signal: ctrl.signal, yieldEveryMs: 0 });
    expect(out.cancelled).toBe(true);
    expect(out.results.length).toBeLessThan(spanRuns(TINY).length);
  });

  test('settings it cannot run are refused before anything trains', async () => {
    await expect(runMemorySpan({ ...TINY, curves: [{ cell: 'gru', forgetBias: 2 }] })).rejects.toThrow(/LSTM setting/);
    await expect(runMemorySpan({ ...TINY, lags: [0] })).rejects.toThrow(/lag/);
    await expect(runMemorySpan({ ...TINY, lags: [] })).rejects.toThrow(/at least one/);
    await expect(runMemorySpan({ ...TINY, lr: 0 })).rejects.toThrow(/learning rate/);
  });

  test('the defaults name every cell, and each default lag fits the default rows', () => {
    expect(new Set(MEMORY_SPAN_DEFAULTS.curves.map((c) => c.cell))).toEqual(new Set(['rnn', 'lstm', 'gru']));
    for (const lag of MEMORY_SPAN_DEFAULTS.lags) {
      expect(() => spanTask({ lag, rows: MEMORY_SPAN_DEFAULTS.rows, seed: 1, trainFraction: MEMORY_SPAN_DEFAULTS.trainFraction })).not.toThrow();
    }
  });
});
