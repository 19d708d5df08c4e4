// The forecast past the data with fake models whose errors are known: an
// exact one (its K-step errors vanish), the exact one plus a known error
// sequence (its band is known in closed form), persistence itself, and a jump.
import { describe, expect, it } from 'vitest';
import { aheadBands } from '../data/ahead-band.ts';
import { isoOfSeconds, weekday, DAY, isoSeconds } from '../data/calendar.ts';
import { makeDataset, type Dataset, type DatasetOptions, type TargetTransform } from '../data/dataset.ts';
import { tableFromColumns } from '../data/table.ts';
import { forecastAhead, type Predict } from './forecast-ahead.ts';

const W = (2 * Math.PI) / 11;
const COS = Math.cos(W);
/** One step's change: level and diff add A·sin(ωi + φ); logret multiplies by exp(0.02·sin(ωi + φ)). */
const change = (i: number) => Math.sin(W * i + 0.3);

/** The price at row i, also past the table's end. */
function priceAt(i: number, transform: TargetTransform): number {
  let p = 100;
  for (let j = 1; j <= i; j++) p = transform === 'logret' ? p * Math.exp(0.02 * change(j)) : p + 2 * change(j);
  return p;
}

/** Trading days from 2021-01-04 on. */
function tradingDays(n: number): string[] {
  const out: string[] = [];
  for (let d = isoSeconds('2021-01-04')! / DAY; out.length < n; d++) if (weekday(d) >= 1 && weekday(d) <= 5) out.push(isoOfSeconds(d * DAY, false, false));
  return out;
}

const ROWS = 200;

function setup(transform: TargetTransform, o: Partial<DatasetOptions> = {}, dated = true) {
  const price = Array.from({ length: ROWS }, (_, i) => priceAt(i, transform));
  const other = Array.from({ length: ROWS }, (_, i) => Math.cos(i / 4));
  const table = tableFromColumns({ columns: { price, other }, dates: dated ? tradingDays(ROWS) : null, target: 'price' });
  const r = makeDataset(table, { target: 'price', features: ['price'], window: 6, horizon: 1, transform, trainFraction: 0.7, scaling: 'train-only', ...o });
  if (!r.ok) throw new Error(r.error.kind);
  return { table, d: r.dataset };
}

/**
 * Knows the series' law: the changes obey c[i] = 2cos ω · c[i−1] − c[i−2]. Reads the
 * target (feature `f`) from the window, continues it `horizon` rows, and adds
 * `offset(call, n)` (standardised) to window n's output.
 */
function exact(d: Dataset, f = 0, offset: (call: number, n: number) => number = () => 0, calls: number[] = []): Predict {
  const sc = d.testScaler;
  return async (x, N, T, F) => {
    calls.push(N);
    const out = new Float32Array(N);
    for (let n = 0; n < N; n++) {
      const v = (t: number) => x[(n * T + t) * F + f] * sc.std[f] + sc.mean[f];
      const level = d.transform === 'level';
      let c2 = level ? v(T - 1) - v(T - 2) : v(T - 1);
      let c1 = level ? v(T - 2) - v(T - 3) : v(T - 2);
      let sum = 0;
      for (let j = 0; j < d.horizon; j++) {
        const c = 2 * COS * c2 - c1;
        sum += c;
        [c1, c2] = [c2, c];
      }
      const y = level ? v(T - 1) + sum : sum;
      out[n] = (y - sc.yMean) / sc.yStd + offset(calls.length, n);
    }
    return out;
  };
}

const maxAbs = (a: ArrayLike<number>) => Array.from(a).reduce((m, v) => Math.max(m, Math.abs(v)), 0);

describe('forecasts past the data', () => {
  it.each([
    ['level', 1],
    ['level', 2],
    ['diff', 1],
    ['logret', 1],
    ['logret', 3],
  ] as const)('%s, horizon %i: a model that knows the law has no K-step error, and its future continues the law', async (transform, horizon) => {
    const { table, d } = setup(transform, { horizon });
    const K = 5;
    const calls: number[] = [];
    const run = await forecastAhead(table, d, exact(d, 0, undefined, calls), { steps: K });
    expect(run).toMatchObject({ requested: K, limit: null, lastDate: table.dates![ROWS - 1], lastValue: table.values.price[ROWS - 1], origins: d.test.N });
    // One predict per step: every test origin with a row to compare with, and the future one.
    expect(calls).toEqual([1, 2, 3, 4, 5].map((s) => d.test.N - (s - 1) + 1));
    const last = table.dates![ROWS - 1];
    expect(run.calendar.spacing).toBe('trading-days');
    expect(run.steps.map((s) => s.date)).toEqual(tradingDays(ROWS + K).slice(ROWS));
    expect(run.steps[0].date > last).toBe(true);
    for (const s of run.steps) {
      expect(s.modelErrors.length).toBe(d.test.N - (s.step - 1));
      expect(maxAbs(s.modelErrors)).toBeLessThan(2e-3);
      expect(s.model).toBeCloseTo(priceAt(ROWS - 1 + s.step, transform), 3);
      expect(s.persistence).toBe(table.values.price[ROWS - 1]);
      // Persistence's errors: row o + s minus row o, over the same origins.
      const first = d.test.lastIndex[0] + horizon - 1;
      const direct = Float64Array.from({ length: s.modelErrors.length }, (_, k) => table.values.price[first + k + s.step] - table.values.price[first + k]).sort();
      expect(s.persistenceErrors).toEqual(direct);
    }
    // Persistence is far from the law three steps on: its band is wide, the model's collapses onto its forecast.
    const b = aheadBands(run.steps, 0.8);
    expect(b.steps[2].modelBand!.high - b.steps[2].modelBand!.low).toBeLessThan(4e-3);
    expect(b.steps[2].persistenceBand!.high - b.steps[2].persistenceBand!.low).toBeGreaterThan(0.5);
    expect(b.verdict.narrowerSteps).toEqual([1, 2, 3, 4, 5]);
  });

  it('a known error sequence gives its known band: errors −(j − 4.5)·w, j = 0 … 9, six times each', async () => {
    const { table, d } = setup('level');
    expect(d.test.N).toBe(60);
    const u = 0.3;
    const w = u * d.testScaler.yStd;
    // Only the first call (step 1) is perturbed: window n, i.e. test origin n, gets (n mod 10 − 4.5)·u.
    const run = await forecastAhead(table, d, exact(d, 0, (call, n) => (call === 1 ? ((n % 10) - 4.5) * u : 0)), { steps: 1 });
    const s = run.steps[0];
    expect(s.modelErrors.length).toBe(60);
    expect(s.model).toBeCloseTo(priceAt(ROWS, 'level') + ((60 % 10) - 4.5) * w, 3);
    const b80 = aheadBands(run.steps, 0.8).steps[0].modelBand!;
    expect(b80.qLow).toBeCloseTo(-3.6 * w, 3);
    expect(b80.qHigh).toBeCloseTo(3.6 * w, 3);
    expect(b80.low).toBeCloseTo(s.model - 3.6 * w, 3);
    expect(b80.high).toBeCloseTo(s.model + 3.6 * w, 3);
    // 50 %: h = 59·0.25 = 14.75 lies between sorted errors 14 and 15, both −2.5·w.
    const b50 = aheadBands(run.steps, 0.5).steps[0].modelBand!;
    expect(b50.qLow).toBeCloseTo(-2.5 * w, 3);
    expect(b50.qHigh).toBeCloseTo(2.5 * w, 3);
  });

  it('with another input column only one step is forecast, and the reason is typed', async () => {
    const { table, d } = setup('level', { features: ['other', 'price'] });
    const calls: number[] = [];
    const run = await forecastAhead(table, d, exact(d, 1, undefined, calls), { steps: 3 });
    expect(run.limit).toEqual({ kind: 'other-inputs', columns: ['other'], steps: 1 });
    expect(run.requested).toBe(3);
    expect(run.steps).toHaveLength(1);
    expect(calls).toEqual([d.test.N + 1]);
    expect(run.steps[0].model).toBeCloseTo(priceAt(ROWS, 'level'), 3);
  });

  it('persistence as the model: the same band as persistence, no verdict either way', async () => {
    const { table, d } = setup('diff');
    // diff: the standardised output of "no change" is (0 − yMean)/yStd.
    const same: Predict = async (_x, N) => new Float32Array(N).fill(-d.testScaler.yMean / d.testScaler.yStd);
    const run = await forecastAhead(table, d, same, { steps: 3 });
    const b = aheadBands(run.steps, 0.8);
    for (const s of b.steps) {
      expect(s.model).toBeCloseTo(s.persistence, 4);
      expect(s.modelBand!.low).toBeCloseTo(s.persistenceBand!.low, 4);
      expect(s.modelBand!.high).toBeCloseTo(s.persistenceBand!.high, 4);
    }
    expect(b.verdict).toMatchObject({ kind: 'overlap', apartSteps: [] });
  });

  it('a model that always jumps far up: bands apart, persistence lower, the model biased high', async () => {
    const { table, d } = setup('level');
    const jump = exact(d, 0, () => 40 / d.testScaler.yStd);
    const b = aheadBands((await forecastAhead(table, d, jump, { steps: 2 })).steps, 0.8);
    expect(b.verdict).toMatchObject({ kind: 'apart', lower: 'persistence' });
    expect(b.steps[0].modelBand!.bias).toBe('over');
    expect(b.steps[0].modelBand!.high).toBe(b.steps[0].model);
  });

  it('without dates the steps are counted; the origins can be capped to the latest', async () => {
    const { table, d } = setup('level', {}, false);
    const calls: number[] = [];
    const run = await forecastAhead(table, d, exact(d, 0, undefined, calls), { steps: 3, maxOrigins: 20 });
    expect(run.steps.map((s) => s.date)).toEqual(['1', '2', '3']);
    expect(run.calendar.spacing).toBe('steps');
    expect(run.lastDate).toBeNull();
    expect(run.origins).toBe(20);
    expect(calls).toEqual([21, 20, 19]);
  });

  it('refuses a predictor that answers with the wrong number of values', async () => {
    const { table, d } = setup('level');
    const short: Predict = async (_x, N) => new Float32Array(N - 1);
    await expect(forecastAhead(table, d, short, { steps: 1 })).rejects.toThrow(RangeError);
  });
});
