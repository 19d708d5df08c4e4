// The memory-span experiment's driver: over a list of lags L on the long-lag
// task (memory-span-task.ts), train each cell briefly and report its test
// error beside persistence and beside the "learnt nothing" level, one result
// per finished run, so a chart can grow while it runs. Free of DOM and of
// main-thread assumptions: it runs in the training worker (or in Node) on
// whatever tfjs backend is set, and yields to the event loop often enough for
// a cancel message to arrive.
//
// Each run: the simple cell, the LSTM (forget-gate bias b added at init) or
// the GRU, H hidden units, many-to-one, MSE, Adam (ε 1e-7) with global-norm
// clipping, mini-batches cut from the trainer's seeded shuffle (epochs.ts:
// permutation(N, deriveSeed(seed, 1 + epoch))), a fixed number of epochs,
// scored once at the end on the test windows. The seed sets the series, the
// initial weights and the batch order; every cell sees the same data at a lag.
import * as tf from '@tensorflow/tfjs-core';
import { isCellName } from '../model/cells.ts';
import { initCellParams } from '../model/gated-init.ts';
import { deriveSeed } from '../model/random.ts';
import { createTfModel, type TfCellModel } from '../engine/tf-cell-model.ts';
import type { TfRnnOptions } from '../engine/tf-rnn.ts';
import { permutation } from './epochs.ts';
import { spanTask, testRmse, type SpanTask } from './memory-span-task.ts';
import { curveKey, forgetBiasOf, MEMORY_SPAN_DEFAULTS, spanRuns, type MemorySpanSettings, type SpanCurve, type SpanProgress, type SpanResult } from './memory-span-settings.ts';

export { curveKey, forgetBiasOf, MEMORY_SPAN_DEFAULTS, spanRuns, type MemorySpanSettings, type SpanCurve, type SpanProgress, type SpanResult };

export interface MemorySpanHooks {
  /** Called once per finished run, in run order. */
  onResult?: (r: SpanResult) => void;
  /** Called after every epoch. */
  onProgress?: (p: SpanProgress) => void;
  /** Abort to stop after the current epoch; the unfinished run reports nothing. */
  signal?: AbortSignal;
  /** Give the event loop a turn at least this often (ms; default 15). */
  yieldEveryMs?: number;
  now?: () => number;
}

export interface MemorySpanOutcome {
  results: SpanResult[];
  cancelled: boolean;
}


function checkSettings(s: MemorySpanSettings): void {
  const int = (name: string, v: number, min: number) => {
    if (!Number.isInteger(v) || v < min) throw new RangeError(`memory span: ${name} must be an integer ≥ ${min}, got ${v}`);
  };
  if (s.curves.length === 0 || s.lags.length === 0) throw new RangeError('memory span: needs at least one cell and one lag');
  for (const c of s.curves) {
    if (!isCellName(c.cell)) throw new RangeError(`memory span: unknown cell ${String(c.cell)}`);
    if (c.cell !== 'lstm' && (c.forgetBias ?? 0) !== 0) throw new RangeError(`memory span: a forget-gate bias is an LSTM setting, not the ${c.cell}'s`);
    if (!Number.isFinite(c.forgetBias ?? 0)) throw new RangeError(`memory span: forget-gate bias must be finite, got ${c.forgetBias}`);
  }
  for (const L of s.lags) int('each lag', L, 1);
  int('rows', s.rows, 2);
  int('epochs', s.epochs, 1);
  int('hidden', s.hidden, 1);
  int('batch', s.batch, 0);
  if (!(s.lr > 0) || !Number.isFinite(s.lr)) throw new RangeError(`memory span: learning rate must be positive, got ${s.lr}`);
  if (!(s.clip >= 0) || !Number.isFinite(s.clip)) throw new RangeError(`memory span: clip must be ≥ 0, got ${s.clip}`);
}

export function spanModelOptions(s: Pick<MemorySpanSettings, 'lr' | 'clip'>): TfRnnOptions {
  return {
    activation: 'tanh',
    output: 'linear',
    loss: 'mse',
    optimizer: { kind: 'adam', lr: s.lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 },
    clipNorm: s.clip > 0 ? s.clip : 0,
  };
}

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** One lag's windows as tensors, shared by every curve at that lag. */
interface LagData {
  task: SpanTask;
  xTrain: tf.Tensor3D;
  yTrain: tf.Tensor2D;
  xTest: tf.Tensor3D;
}

function lagData(s: MemorySpanSettings, lag: number): LagData {
  const task = spanTask({ lag, rows: s.rows, seed: s.seed, trainFraction: s.trainFraction });
  const { T, F, train, test } = task.dataset;
  return {
    task,
    xTrain: tf.tensor3d(train.x, [train.N, T, F]),
    yTrain: tf.tensor2d(train.y, [train.N, 1]),
    xTest: tf.tensor3d(test.x, [test.N, T, F]),
  };
}

/** One epoch over the training windows, as the trainer cuts it; resolves to the batch-weighted training MSE. */
async function trainEpoch(model: TfCellModel, d: LagData, batch: number, seed: number, epoch: number): Promise<number> {
  const N = d.task.dataset.train.N;
  const B = batch > 0 && batch < N ? batch : N;
  const losses: tf.Scalar[] = [];
  const sizes: number[] = [];
  if (B === N) {
    losses.push(model.trainStep(d.xTrain, d.yTrain));
    sizes.push(N);
  } else {
    const order = permutation(N, deriveSeed(seed, 1 + epoch));
    for (let s = 0; s < N; s += B) {
      const idx = order.subarray(s, Math.min(s + B, N));
      losses.push(
        tf.tidy(() => {
          const i = tf.tensor1d(idx, 'int32');
          return model.trainStep(tf.gather(d.xTrain, i) as tf.Tensor3D, tf.gather(d.yTrain, i) as tf.Tensor2D);
        }),
      );
      sizes.push(idx.length);
    }
  }
  const all = tf.tidy(() => tf.stack(losses));
  tf.dispose(losses);
  const values = await all.data();
  all.dispose();
  let mean = 0;
  for (let b = 0; b < sizes.length; b++) mean += (values[b] * sizes[b]) / N;
  return mean;
}

async function score(model: TfCellModel, d: LagData): Promise<number> {
  const pred = tf.tidy(() => model.predict(d.xTest));
  const v = await pred.data();
  pred.dispose();
  return testRmse(d.task, v);
}

/**
 * Runs the experiment: every curve at every lag (spanRuns order), each
 * result handed to `onResult` as soon as it is known. Resolves with all
 * finished results and whether the signal stopped it early.
 */
export async function runMemorySpan(settings: MemorySpanSettings, hooks: MemorySpanHooks = {}): Promise<MemorySpanOutcome> {
  checkSettings(settings);
  const s = settings;
  const now = hooks.now ?? (() => performance.now());
  const yieldEvery = hooks.yieldEveryMs ?? 15;
  const runs = spanRuns(s);
  const results: SpanResult[] = [];
  const stopped = () => hooks.signal?.aborted === true;
  let lastYield = now();
  const maybeYield = async () => {
    if (now() - lastYield >= yieldEvery) {
      await macrotask();
      lastYield = now();
    }
  };
  let data: LagData | null = null;
  try {
    for (let index = 0; index < runs.length && !stopped(); index++) {
      const { curve, lag } = runs[index];
      const started = now();
      if (!data || data.task.lag !== lag) {
        if (data) tf.dispose([data.xTrain, data.yTrain, data.xTest]);
        data = null;
        data = lagData(s, lag);
      }
      const forgetBias = forgetBiasOf(curve);
      const params = initCellParams(curve.cell, { F: data.task.dataset.F, H: s.hidden, O: 1 }, { seed: s.seed, ...(forgetBias !== 0 ? { forgetBias } : {}) });
      const model = createTfModel(params, spanModelOptions(s));
      try {
        let trainLoss = NaN;
        let epoch = 0;
        while (epoch < s.epochs && !stopped()) {
          trainLoss = await trainEpoch(model, data, s.batch, s.seed, epoch);
          epoch++;
          hooks.onProgress?.({ index, total: runs.length, cell: curve.cell, forgetBias, lag, epoch, epochs: s.epochs });
          await maybeYield();
        }
        if (epoch < s.epochs) break;
        const rmse = await score(model, data);
        const { persistenceRmse, meanRmse } = data.task;
        const result: SpanResult = {
          index, curve: { ...curve }, cell: curve.cell, forgetBias, lag,
          testRmse: rmse, persistenceRmse, ratio: rmse / persistenceRmse, nothingRatio: meanRmse / persistenceRmse,
          trainLoss, epochs: s.epochs, ms: now() - started,
        };
        results.push(result);
        hooks.onResult?.(result);
      } finally {
        model.dispose();
      }
      await maybeYield();
    }
  } finally {
    if (data) tf.dispose([data.xTrain, data.yTrain, data.xTest]);
  }
  return { results, cancelled: results.length < runs.length };
}
