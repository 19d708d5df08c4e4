// "What does it say about tomorrow?": the model's forecast for the K steps
// after the last row, and its own K-step errors on the test split, for the
// band (src/data/ahead-band.ts) beside persistence. Written against a bare
// `predict` so it runs with the tfjs model in the worker (tf-predict.ts) and
// with fakes in tests.
//
// Every step is one call to `predict` with the windows of all origins that
// still have a row to compare with, and the future origin (the last row)
// last. Test origins are the latest `maxOrigins` test windows (all of them in
// files up to ~16k rows); the driver compares step s from origin o with row
// o + s wherever that row exists.
import type { Table } from '../data/csv.ts';
import type { Dataset } from '../data/dataset.ts';
import { inferCalendar, nextDates, type Calendar } from '../data/calendar.ts';
import { aheadSource, aheadSteps, emptyPaths, stepWindows, storeStep, testOrigins, type AheadLimit } from '../data/ahead-windows.ts';
import type { AheadStepErrors } from '../data/ahead-band.ts';

/** Standardised one-step outputs (N) of N windows, N×T×F row-major as in Split.x. */
export type Predict = (windows: Float32Array, N: number, T: number, F: number) => Promise<Float32Array>;

export interface AheadOptions {
  /** Steps asked for (the page offers 1 … window length). */
  steps: number;
  /** Test origins used for the errors: the latest this many (default 5000). */
  maxOrigins?: number;
}

export interface AheadRun {
  requested: number;
  /** Set when fewer steps than requested could be forecast. */
  limit: AheadLimit | null;
  calendar: Calendar;
  /** The last row: its date (null without dates) and the target's value there (= persistence's forecast). */
  lastDate: string | null;
  lastValue: number;
  /** Test origins whose errors make the bands (step s has this many minus s − 1). */
  origins: number;
  steps: AheadStepErrors[];
}

export const DEFAULT_MAX_ORIGINS = 5000;

function range(from: number, to: number, plus: number): Int32Array {
  const out = new Int32Array(to - from + 1);
  for (let i = from; i < to; i++) out[i - from] = i;
  out[to - from] = plus;
  return out;
}

/** Sorted errors (actual − forecast) of step s for the first `count` origins of a path set. */
function errorsAt(price: Float64Array, origins: Int32Array, count: number, s: number, forecast: (k: number) => number): Float64Array {
  const e = new Float64Array(count);
  for (let k = 0; k < count; k++) e[k] = price[origins[k] + s] - forecast(k);
  return e.sort();
}

export async function forecastAhead(table: Table, d: Dataset, predict: Predict, options: AheadOptions): Promise<AheadRun> {
  const { steps: K, limit } = aheadSteps(d, options.steps);
  const src = aheadSource(table, d);
  const R = src.rows;
  const test = testOrigins(d, options.maxOrigins ?? DEFAULT_MAX_ORIGINS);
  const origins = new Int32Array(test.length + 1);
  origins.set(test);
  origins[test.length] = R - 1;
  const paths = emptyPaths(origins, K);
  const future = test.length;
  /** Test origins (a prefix: they ascend) whose step s lands on a row of the table. */
  const checkable = (s: number) => {
    let n = test.length;
    while (n > 0 && test[n - 1] + s > R - 1) n--;
    return n;
  };
  for (let s = 1; s <= K; s++) {
    const which = range(0, checkable(s), future);
    const x = stepWindows(src, paths, which, s);
    const y = await predict(x, which.length, src.T, src.F);
    if (y.length !== which.length) throw new RangeError(`predict returned ${y.length} values for ${which.length} windows`);
    storeStep(src, paths, which, s, y);
  }
  const calendar = inferCalendar(table.dates);
  const lastDate = table.dates ? table.dates[R - 1] : null;
  const dates = nextDates(calendar, lastDate, K);
  const lastValue = src.price[R - 1];
  const out: AheadStepErrors[] = [];
  for (let s = 1; s <= K; s++) {
    const n = checkable(s);
    out.push({
      step: s,
      date: dates[s - 1],
      model: paths.path[future * K + s - 1],
      persistence: lastValue,
      modelErrors: errorsAt(src.price, origins, n, s, (k) => paths.path[k * K + s - 1]),
      persistenceErrors: errorsAt(src.price, origins, n, s, (k) => src.price[origins[k]]),
    });
  }
  return {
    requested: options.steps,
    limit,
    calendar,
    lastDate,
    lastValue,
    origins: test.length,
    steps: out,
  };
}
