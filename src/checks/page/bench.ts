// Measurements for scripts/bench.mjs, run inside check.html on the backend
// the page chose: per-epoch times of a full-batch training step, and the
// training curve of a preset (the trainer's TfRnn, data pipeline, presets
// and shuffling), with training time and test evaluation kept apart so the
// time to a target error counts training only.
import * as tf from '@tensorflow/tfjs-core';
import { initParams } from '../../model/init.ts';
import type { CellName } from '../../model/cells.ts';
import { initCellParams } from '../../model/gated-init.ts';
import { createTfModel } from '../../engine/tf-cell-model.ts';
import { createRng, deriveSeed } from '../../model/random.ts';
import { fusedAvailable, setFusedEnabled } from '../../engine/tf-fused.ts';
import { TfRnn, type OptimizerSpec } from '../../engine/tf-rnn.ts';
import { parseCsv, type Table } from '../../data/csv.ts';
import { makeDataset, windowCounts, type Dataset } from '../../data/dataset.ts';
import { loadSample, SP500_PATH } from '../../data/samples.ts';
import { fetchBundledFile } from '../../train/bundled-file.ts';
import { tableFromColumns } from '../../data/table.ts';
import type { TrainConfig } from '../../train/config.ts';
import { presetSettings, type PresetName, type PresetSettings } from '../../train/presets.ts';
import { permutation } from '../../train/epochs.ts';
import { tfOptions } from '../../train/model-options.ts';

export interface EpochBenchConfig {
  N: number;
  T: number;
  F: number;
  H: number;
  warmup: number;
  epochs: number;
  optimizer?: OptimizerSpec;
  /** false: tfjs's op-by-op graph and autodiff even where the fused kernel runs (the "before"). */
  fused?: boolean;
  /** The cell trained; default the simple cell. */
  cell?: CellName;
  /** rows per step (one mini-batch of the epoch); default N, the full batch */
  batch?: number;
}

/** Full-batch training on random N×T×F inputs and targets (seeded), the seed's TfRnn settings. */
export interface RandomTraining {
  /** One training step; resolves to its loss (read back). */
  step(): Promise<number>;
  dispose(): void;
}

export function randomTraining(c: { N: number; T: number; F: number; H: number; optimizer?: OptimizerSpec; cell?: CellName }): RandomTraining {
  const rng = createRng(1);
  const x = tf.tensor3d(Float32Array.from({ length: c.N * c.T * c.F }, () => rng.normal()), [c.N, c.T, c.F]);
  const y = tf.tensor2d(Float32Array.from({ length: c.N }, () => rng.normal()), [c.N, 1]);
  const model = createTfModel(initCellParams(c.cell ?? 'rnn', { F: c.F, H: c.H, O: 1 }, { seed: 1 }), {
    activation: 'tanh',
    output: 'linear',
    loss: 'mse',
    optimizer: c.optimizer ?? { kind: 'sgd', lr: 0.1, momentum: 0.9 },
    clipNorm: 0,
  });
  return {
    async step() {
      const loss = model.trainStep(x, y);
      const v = (await loss.data())[0];
      loss.dispose();
      return v;
    },
    dispose() {
      model.dispose();
      x.dispose();
      y.dispose();
    },
  };
}

/**
 * ms of each training step on `batch` rows (default the full batch; loss read
 * back each step), after `warmup` untimed steps; `fused`: whether the fused
 * kernel ran (false where it is off, or the shape is beyond its limits).
 */
export async function benchEpochs(c: EpochBenchConfig): Promise<{ times: number[]; firstLoss: number; lastLoss: number; fused: boolean }> {
  const rows = c.batch ?? c.N;
  const training = randomTraining({ ...c, N: rows });
  const step = training.step;
  setFusedEnabled(c.fused !== false);
  const fused = fusedAvailable({ N: rows, T: c.T, F: c.F, H: c.H });
  try {
    const firstLoss = await step();
    for (let i = 1; i < c.warmup; i++) await step();
    const times: number[] = [];
    let lastLoss = firstLoss;
    for (let i = 0; i < c.epochs; i++) {
      const t0 = performance.now();
      lastLoss = await step();
      times.push(performance.now() - t0);
    }
    return { times, firstLoss, lastLoss, fused };
  } finally {
    setFusedEnabled(true);
    training.dispose();
  }
}

/** Training windows of the seed experiment (napa cabbage, 70 % of the rows). */
export const SEED_TRAIN_WINDOWS = 2717;

/**
 * A table of the seed's shape: price, pressure and temperature, daily, with
 * as many rows as give 2717 training windows of 7 days. The price is a
 * slowly mean-reverting walk (persistence does well, as on the seed's data)
 * nudged by the previous days' weather, so the other two columns carry a
 * little information.
 */
export function seedShapedTable(seed = 7): Table {
  let rows = SEED_TRAIN_WINDOWS;
  while (windowCounts(rows, 7, 1, 'level', 0.7).train < SEED_TRAIN_WINDOWS) rows++;
  const rng = createRng(seed);
  const price = new Float64Array(rows);
  const pressure = new Float64Array(rows);
  const temperature = new Float64Array(rows);
  let p = 0;
  for (let i = 0; i < rows; i++) {
    temperature[i] = 15 + 10 * Math.sin((2 * Math.PI * i) / 365) + 2 * rng.normal();
    pressure[i] = 1013 + 0.8 * (i > 0 ? pressure[i - 1] - 1013 : 0) + 3 * rng.normal();
    const weather = i > 1 ? 0.004 * (temperature[i - 1] - 15) - 0.003 * (pressure[i - 2] - 1013) : 0;
    p = 0.99 * p + weather + 0.1 * rng.normal();
    price[i] = 3 + 0.5 * p;
  }
  return tableFromColumns({ columns: { price, pressure, temperature }, target: 'price' });
}

export type BenchData = 'sp500' | 'generated' | { csv: string; columns: string[] };

async function benchTable(data: BenchData): Promise<{ table: Table; target: string; features: string[] | null }> {
  if (data === 'sp500') {
    const table = loadSample('sp500', { sp500Bytes: await fetchBundledFile(SP500_PATH, document.baseURI) });
    return { table, target: table.target, features: null };
  }
  if (data === 'generated') return { table: seedShapedTable(), target: 'price', features: null };
  const parsed = parseCsv(new TextEncoder().encode(data.csv));
  if (!parsed.ok) throw new Error(`CSV rejected: ${parsed.error.kind}`);
  const [target, ...rest] = data.columns;
  for (const c of data.columns) if (!parsed.table.columns.includes(c)) throw new Error(`no numeric column ${c} (have ${parsed.table.columns.join(', ')})`);
  return { table: parsed.table, target, features: [target, ...rest] };
}

export interface CurveConfig {
  data: BenchData;
  preset: PresetName;
  /** Epoch budget; default the preset's. */
  epochs?: number;
  /** Stop as soon as the test MSE reaches this. */
  stopAt?: number;
  /** Settings that replace the preset's (to try another schedule beside it). */
  overrides?: Partial<PresetSettings>;
  seed?: number;
}

export interface Curve {
  preset: PresetName;
  N: number;
  T: number;
  F: number;
  H: number;
  batch: number;
  /** Cumulative training ms after each epoch (test evaluation excluded). */
  trainMs: number[];
  /** Test MSE after each epoch: test split, price level standardised with the training scaler of the level. */
  testMse: number[];
  /** Persistence (tomorrow = today) on the same split and scale. */
  persistenceMse: number;
}

async function datasetFor(data: BenchData, config: TrainConfig): Promise<Dataset> {
  const { table } = await benchTable(data);
  const r = makeDataset(table, {
    target: config.target,
    features: config.features,
    window: config.window,
    horizon: config.horizon,
    transform: config.transform,
    trainFraction: config.trainFraction,
    scaling: config.scaling,
  });
  if (!r.ok) throw new Error(`dataset: ${r.error.kind} ${JSON.stringify(r.error.params)}`);
  return r.dataset;
}

/** Train a preset the way the trainer does (same model, data, shuffling); time training and test evaluation apart. */
export async function trainCurve(c: CurveConfig): Promise<Curve> {
  const { table, target, features } = await benchTable(c.data);
  const settings = presetSettings(c.preset, table.columns, target);
  const config: TrainConfig = { ...settings, target, seed: c.seed ?? 1, trainFraction: 0.7, ...(features ? { features } : {}), ...c.overrides };
  const ds = await datasetFor(c.data, config);
  const { T, F, train, test } = ds;
  const epochs = c.epochs ?? config.epochs;
  const xTrain = tf.tensor3d(train.x, [train.N, T, F]);
  const yTrain = tf.tensor2d(train.y, [train.N, 1]);
  const xTest = tf.tensor3d(test.x, [test.N, T, F]);
  const yTest = tf.tensor2d(test.y, [test.N, 1]);
  const model = new TfRnn(initParams({ F, H: config.hidden, O: 1 }, { seed: config.seed }), tfOptions(config));
  // The error is measured on the price level, standardised by the level's
  // training scaler — the seed's own test MSE — whatever the preset forecasts
  // (a level, a difference or a log return), so presets compare on one scale.
  const levelStd = (await datasetFor(c.data, { ...config, transform: 'level', features: [target] })).scaler.yStd;
  const levelMse = async (pred: tf.Tensor): Promise<number> => {
    const v = await pred.data();
    pred.dispose();
    const price = ds.toPrice(v, 'test');
    let s = 0;
    for (let i = 0; i < test.N; i++) s += ((price[i] - test.actual[i]) / levelStd) ** 2;
    return s / test.N;
  };
  let persistenceMse = 0;
  for (let i = 0; i < test.N; i++) persistenceMse += ((test.previous[i] - test.actual[i]) / levelStd) ** 2 / test.N;
  const N = train.N;
  const B = config.batch > 0 && config.batch < N ? config.batch : N;
  const trainMs: number[] = [];
  const testMse: number[] = [];
  let spent = 0;
  try {
    for (let e = 0; e < epochs; e++) {
      const t0 = performance.now();
      let last: tf.Scalar;
      if (B === N) {
        last = model.trainStep(xTrain, yTrain);
      } else {
        const order = permutation(N, deriveSeed(config.seed, 1 + e));
        const losses: tf.Scalar[] = [];
        for (let s = 0; s < N; s += B) {
          const idx = order.subarray(s, Math.min(s + B, N));
          losses.push(
            tf.tidy(() => {
              const i = tf.tensor1d(idx, 'int32');
              return model.trainStep(tf.gather(xTrain, i) as tf.Tensor3D, tf.gather(yTrain, i) as tf.Tensor2D);
            }),
          );
        }
        last = losses.pop()!;
        tf.dispose(losses);
      }
      await last.data(); // the step is done when its loss can be read
      last.dispose();
      spent += performance.now() - t0;
      trainMs.push(spent);
      const mse = await levelMse(model.predict(xTest));
      testMse.push(mse);
      if (!Number.isFinite(mse) || (c.stopAt !== undefined && mse <= c.stopAt)) break;
    }
    return { preset: c.preset, N, T, F, H: config.hidden, batch: B, trainMs, testMse, persistenceMse };
  } finally {
    model.dispose();
    tf.dispose([xTrain, yTrain, xTest, yTest]);
  }
}
