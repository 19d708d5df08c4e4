// Windows past a forecast origin, built exactly as makeDataset builds them.
//
// An origin o is the last row a forecast may know. Step s forecasts row o + s
// with the window whose last row is l = o + s − horizon (the model maps a
// window ending at l to row l + horizon). Rows after o are not known: where
// the window reaches them, the target's own earlier forecasts stand in for
// it (feeding predictions back in); another input column's future is unknown,
// so with other inputs only the first `horizon` steps — whose windows end at or
// before o — can be forecast.
//
// The future starts at origin R − 1 (the last row). The test split's origins
// are o = lastIndex[n] + horizon − 1, one per test window n: step 1 from
// there is window n's own forecast, and step s is compared with row o + s.
// Both use the scaler of the test split (dataset.testScaler).
import type { Table } from './csv.ts';
import { priceFromTarget, targetInput, type Dataset, type Scaler, type TargetTransform } from './dataset.ts';

/** Why fewer steps than asked can be forecast. */
export type AheadLimit = { kind: 'other-inputs'; columns: string[]; steps: number };

/** How many of `requested` steps can be forecast, and why not all. */
export function aheadSteps(d: Dataset, requested: number): { steps: number; limit: AheadLimit | null } {
  if (!Number.isInteger(requested) || requested < 1) throw new RangeError(`steps ahead must be an integer ≥ 1, got ${requested}`);
  const others = d.features.filter((f) => f !== d.target);
  if (others.length > 0 && requested > d.horizon) {
    return { steps: d.horizon, limit: { kind: 'other-inputs', columns: [...new Set(others)], steps: d.horizon } };
  }
  return { steps: requested, limit: null };
}

/** What building windows past an origin needs from a table and its dataset. */
export interface AheadSource {
  T: number;
  F: number;
  horizon: number;
  transform: TargetTransform;
  scaler: Scaler;
  /** The target column, every row, price units. */
  price: Float64Array;
  /** Per input feature: the column's values, or null where the feature is the target itself. */
  inputs: (Float64Array | null)[];
  rows: number;
}

export function aheadSource(table: Table, d: Dataset): AheadSource {
  return {
    T: d.T,
    F: d.F,
    horizon: d.horizon,
    transform: d.transform,
    scaler: d.testScaler,
    price: table.values[d.target],
    inputs: d.features.map((f) => (f === d.target ? null : table.values[f])),
    rows: table.rows,
  };
}

/** The test split's origins, ascending (consecutive rows); at most the latest `max` of them. */
export function testOrigins(d: Dataset, max = Infinity): Int32Array {
  const N = d.test.N;
  const keep = Math.min(N, Math.max(0, Math.floor(max)));
  const out = new Int32Array(keep);
  for (let i = 0; i < keep; i++) out[i] = d.test.lastIndex[N - keep + i] + d.horizon - 1;
  return out;
}

/**
 * Forecast paths of several origins, K steps each: `path[k·K + s − 1]` is
 * step s from `origins[k]` (price units), filled in step by step.
 */
export interface Paths {
  origins: Int32Array;
  K: number;
  path: Float64Array;
}

export function emptyPaths(origins: Int32Array, K: number): Paths {
  return { origins, K, path: new Float64Array(origins.length * K).fill(NaN) };
}

/** The target at `row` as origin k sees it: known up to its origin, its own forecasts after. */
function priceAt(src: AheadSource, p: Paths, k: number, row: number): number {
  const o = p.origins[k];
  return row <= o ? src.price[row] : p.path[k * p.K + (row - o - 1)];
}

/**
 * The standardised windows (N×T×F, row-major like Split.x) of step s for
 * the origins listed in `which` (indices into `p.origins`, in that order).
 * Steps before s must be filled for those origins.
 */
export function stepWindows(src: AheadSource, p: Paths, which: Int32Array, s: number): Float32Array {
  const { T, F, horizon, transform, scaler } = src;
  const x = new Float32Array(which.length * T * F);
  for (let n = 0; n < which.length; n++) {
    const k = which[n];
    const o = p.origins[k];
    const l = o + s - horizon;
    for (let t = 0; t < T; t++) {
      const row = l - T + 1 + t;
      for (let f = 0; f < F; f++) {
        const column = src.inputs[f];
        let v: number;
        if (column === null) {
          v = transform === 'level' ? priceAt(src, p, k, row) : targetInput(transform, priceAt(src, p, k, row - 1), priceAt(src, p, k, row));
        } else {
          if (row > o) throw new RangeError(`step ${s} from row ${o} needs input row ${row}, which is not known`);
          v = column[row];
        }
        x[(n * T + t) * F + f] = (v - scaler.mean[f]) / scaler.std[f];
      }
    }
  }
  return x;
}

/** Stores step s of the origins in `which` from the model's standardised outputs for stepWindows(…, s). */
export function storeStep(src: AheadSource, p: Paths, which: Int32Array, s: number, yStd: ArrayLike<number>): void {
  if (yStd.length !== which.length) throw new RangeError(`${yStd.length} forecasts for ${which.length} windows`);
  const { horizon, transform, scaler } = src;
  for (let n = 0; n < which.length; n++) {
    const k = which[n];
    const l = p.origins[k] + s - horizon;
    p.path[k * p.K + s - 1] = priceFromTarget(transform, priceAt(src, p, k, l), yStd[n] * scaler.yStd + scaler.yMean);
  }
}
