// Table → training and test windows: target transform, chronological split,
// standardisation fitted on the training rows, inverse transform back to
// prices, and the persistence forecast (tomorrow = today) on the same windows.
//
// Conventions (row indices are table rows, chronological):
// - a window ends at row l (its last input step) and forecasts row r = l + horizon;
// - rows < cut = floor(trainFraction · rows) are training rows. A window is a
//   training window when its target row r < cut, else a test window (its inputs
//   may reach back into training rows: that is context, not leakage);
// - level:  y = p[r];              diff: y = p[r] − p[l];     logret: y = ln(p[r] / p[l]).
//   With diff/logret the target column, when it is also an input, enters as its
//   one-step change (p[i] − p[i−1], or ln p[i]/p[i−1]); other inputs are levels.
//   Windows then start at row 1, where the first change exists;
// - scaler (train-only): each input's mean and population std over training
//   rows; y's over the training rows' transformed targets (for level this is
//   the target column's own mean and std). A constant series gets std 1.
//   'per-split' fits the test windows on test rows instead — the seed's bug.
import type { CsvErrorKind, Table } from './csv.ts';

/** What the model forecasts: the level, the change, or the log return over the horizon. */
export const TRANSFORMS = ['level', 'diff', 'logret'] as const;
export type TargetTransform = (typeof TRANSFORMS)[number];
/** 'per-split' standardises the test split with its own statistics (the seed's leakage bug). */
export const SCALINGS = ['train-only', 'per-split'] as const;
export type Scaling = (typeof SCALINGS)[number];

export interface DatasetOptions {
  target: string;
  /** May include the target; the order is the input feature order. */
  features: string[];
  window: number;
  /** ≥ 1: forecast this many rows ahead. */
  horizon: number;
  transform: TargetTransform;
  /** Share of rows used for training, e.g. 0.7 like the seed. */
  trainFraction: number;
  scaling: Scaling;
}

export interface Split {
  N: number;
  /** N×T×F standardised inputs, row-major: x[(n·T + t)·F + f]. */
  x: Float32Array;
  /** N standardised targets (of the transformed target). */
  y: Float32Array;
  /** Table row of each window's target. */
  rowIndex: Int32Array;
  /** Table row of each window's last input step. */
  lastIndex: Int32Array;
  /** Target in price units at rowIndex. */
  actual: Float64Array;
  /** Target in price units at lastIndex (what persistence predicts). */
  previous: Float64Array;
  /** The persistence forecast in the same standardised units as y. */
  persistenceStd: Float32Array;
}

export interface Scaler {
  mean: Float64Array;
  std: Float64Array;
  yMean: number;
  yStd: number;
}

export interface Dataset {
  T: number;
  F: number;
  horizon: number;
  features: string[];
  target: string;
  transform: TargetTransform;
  train: Split;
  test: Split;
  /** Inverse transform of standardised forecasts (one per window of the split, in order) to price units. */
  toPrice(yStd: ArrayLike<number>, split: 'train' | 'test'): Float64Array;
  /** Fitted on training rows only (in 'per-split' mode: the training split's own scaler). */
  scaler: Scaler;
  /** The scaler applied to the test split: the same object unless 'per-split'. */
  testScaler: Scaler;
  /** First test row: rows before it are training rows. */
  cut: number;
  options: DatasetOptions;
}

/** What the reader can get wrong when windowing a table (see makeDataset). */
export type DatasetErrorKind = 'window-too-long' | 'no-features' | 'unknown-column' | 'nonpositive-target';

export interface DatasetError {
  kind: DatasetErrorKind;
  params: Record<string, string | number>;
}

/** Any error src/data reports about the reader's data (i18n/data-errors.ts words them). */
export type DataErrorKind = CsvErrorKind | DatasetErrorKind;
export interface DataError {
  kind: DataErrorKind;
  params: Record<string, string | number>;
}
export type DatasetResult = { ok: true; dataset: Dataset } | { ok: false; error: DatasetError };

/** Each split needs at least this many windows. */
export const MIN_WINDOWS = 2;

/** Windows per split for a window length, without building them. */
export function windowCounts(rows: number, window: number, horizon: number, transform: TargetTransform, trainFraction: number): { train: number; test: number; cut: number } {
  const s0 = transform === 'level' ? 0 : 1;
  const cut = Math.floor(trainFraction * rows);
  const train = Math.max(0, cut - horizon - s0 - window + 1);
  const firstTestLast = Math.max(cut - horizon, s0 + window - 1);
  const test = Math.max(0, rows - horizon - firstTestLast);
  return { train, test, cut };
}

function fail(kind: DatasetErrorKind, params: Record<string, string | number>): DatasetResult {
  return { ok: false, error: { kind, params } };
}

function checkOptions(o: DatasetOptions): void {
  if (!Number.isInteger(o.window) || o.window < 1) throw new RangeError(`window must be an integer ≥ 1, got ${o.window}`);
  if (!Number.isInteger(o.horizon) || o.horizon < 1) throw new RangeError(`horizon must be an integer ≥ 1, got ${o.horizon}`);
  if (!(o.trainFraction > 0 && o.trainFraction < 1)) throw new RangeError(`trainFraction must lie in (0, 1), got ${o.trainFraction}`);
}

/**
 * Builds the windows. Typed errors for what the reader can cause (no input
 * column, a column not in the table, log returns of non-positive prices, a
 * window too long for the data); RangeError for impossible options
 * (window or horizon < 1 or not integers, trainFraction outside (0, 1)).
 */
export function makeDataset(table: Table, options: DatasetOptions): DatasetResult {
  checkOptions(options);
  const opts: DatasetOptions = { ...options, features: [...options.features] };
  const { window: T, horizon: h, transform } = opts;
  if (opts.features.length === 0) return fail('no-features', {});
  for (const column of [opts.target, ...opts.features]) {
    if (!(column in table.values)) return fail('unknown-column', { column, columns: table.columns.join(', ') });
  }
  const p = table.values[opts.target];
  const R = table.rows;
  if (transform === 'logret') {
    let count = 0;
    let first = -1;
    for (let i = 0; i < R; i++) {
      if (!(p[i] > 0)) {
        count++;
        if (first < 0) first = i;
      }
    }
    if (count > 0) return fail('nonpositive-target', { column: opts.target, count, row: first + 1 });
  }
  const counts = windowCounts(R, T, h, transform, opts.trainFraction);
  if (counts.train < MIN_WINDOWS || counts.test < MIN_WINDOWS) {
    let maxWindow = T - 1;
    while (maxWindow >= 1) {
      const c = windowCounts(R, maxWindow, h, transform, opts.trainFraction);
      if (c.train >= MIN_WINDOWS && c.test >= MIN_WINDOWS) break;
      maxWindow--;
    }
    return fail('window-too-long', {
      window: T, horizon: h, rows: R, trainWindows: counts.train, testWindows: counts.test, needed: MIN_WINDOWS, maxWindow,
    });
  }
  const cut = counts.cut;
  const s0 = transform === 'level' ? 0 : 1;
  const inputs = opts.features.map((f) => (f === opts.target ? stepSeries(p, transform) : table.values[f]));
  const yAt = (r: number): number => targetValue(p, r, h, transform);

  // Level targets are rows themselves; changes exist from row h on.
  const yFirst = transform === 'level' ? 0 : h;
  const scaler = fitScaler(inputs, yAt, s0, cut, yFirst, cut);
  const testScaler = opts.scaling === 'per-split' ? fitScaler(inputs, yAt, cut, R, Math.max(cut, yFirst), R) : scaler;
  const trainFirst = s0 + T - 1;
  const train = buildSplit(inputs, p, yAt, scaler, T, h, transform, trainFirst, counts.train);
  const test = buildSplit(inputs, p, yAt, testScaler, T, h, transform, Math.max(cut - h, trainFirst), counts.test);

  const toPrice = (yStd: ArrayLike<number>, which: 'train' | 'test'): Float64Array => {
    const split = which === 'train' ? train : test;
    const sc = which === 'train' ? scaler : testScaler;
    if (yStd.length > split.N) throw new RangeError(`${yStd.length} forecasts for ${split.N} ${which} windows`);
    const out = new Float64Array(yStd.length);
    for (let i = 0; i < yStd.length; i++) {
      out[i] = priceFromTarget(transform, split.previous[i], yStd[i] * sc.yStd + sc.yMean);
    }
    return out;
  };

  return {
    ok: true,
    dataset: {
      T, F: inputs.length, horizon: h, features: opts.features, target: opts.target, transform,
      train, test, toPrice, scaler, testScaler, cut, options: opts,
    },
  };
}

/** One row of the target column as an input: its level `cur`, or its change from the row before (`prev`). */
export function targetInput(transform: TargetTransform, prev: number, cur: number): number {
  return transform === 'level' ? cur : transform === 'diff' ? cur - prev : Math.log(cur / prev);
}

/** A transformed target value `v` (unstandardised) back in price units, from the price `previous` at the window's last row. */
export function priceFromTarget(transform: TargetTransform, previous: number, v: number): number {
  return transform === 'level' ? v : transform === 'diff' ? previous + v : previous * Math.exp(v);
}

/** The target column as an input: levels, or one-step changes (NaN at row 0). */
function stepSeries(p: Float64Array, transform: TargetTransform): Float64Array {
  if (transform === 'level') return p;
  const out = new Float64Array(p.length);
  out[0] = NaN;
  for (let i = 1; i < p.length; i++) out[i] = targetInput(transform, p[i - 1], p[i]);
  return out;
}

function targetValue(p: Float64Array, r: number, h: number, transform: TargetTransform): number {
  if (transform === 'level') return p[r];
  return transform === 'diff' ? p[r] - p[r - h] : Math.log(p[r] / p[r - h]);
}

function meanStd(get: (i: number) => number, from: number, to: number): [number, number] {
  const n = to - from;
  if (n <= 0) return [0, 1];
  let sum = 0;
  for (let i = from; i < to; i++) sum += get(i);
  const mean = sum / n;
  let ss = 0;
  for (let i = from; i < to; i++) ss += (get(i) - mean) ** 2;
  const std = Math.sqrt(ss / n);
  return [mean, std > 1e-12 * Math.max(1, Math.abs(mean)) ? std : 1];
}

/** Input statistics over rows [xFrom, xTo), target statistics over target rows [yFrom, yTo). */
function fitScaler(inputs: Float64Array[], yAt: (r: number) => number, xFrom: number, xTo: number, yFrom: number, yTo: number): Scaler {
  const F = inputs.length;
  const mean = new Float64Array(F);
  const std = new Float64Array(F);
  for (let f = 0; f < F; f++) [mean[f], std[f]] = meanStd((i) => inputs[f][i], xFrom, xTo);
  const [yMean, yStd] = meanStd(yAt, yFrom, yTo);
  return { mean, std, yMean, yStd };
}

function buildSplit(
  inputs: Float64Array[], p: Float64Array, yAt: (r: number) => number, sc: Scaler,
  T: number, h: number, transform: TargetTransform, firstLast: number, N: number,
): Split {
  const F = inputs.length;
  const x = new Float32Array(N * T * F);
  const y = new Float32Array(N);
  const rowIndex = new Int32Array(N);
  const lastIndex = new Int32Array(N);
  const actual = new Float64Array(N);
  const previous = new Float64Array(N);
  const persistenceStd = new Float32Array(N);
  const persistence = (l: number) => (transform === 'level' ? p[l] : 0);
  for (let n = 0; n < N; n++) {
    const l = firstLast + n;
    const r = l + h;
    for (let t = 0; t < T; t++) {
      const row = l - T + 1 + t;
      for (let f = 0; f < F; f++) x[(n * T + t) * F + f] = (inputs[f][row] - sc.mean[f]) / sc.std[f];
    }
    y[n] = (yAt(r) - sc.yMean) / sc.yStd;
    rowIndex[n] = r;
    lastIndex[n] = l;
    actual[n] = p[r];
    previous[n] = p[l];
    persistenceStd[n] = (persistence(l) - sc.yMean) / sc.yStd;
  }
  return { N, x, y, rowIndex, lastIndex, actual, previous, persistenceStd };
}
