import { describe, expect, it } from 'vitest';
import { aheadSource, aheadSteps, emptyPaths, stepWindows, storeStep, testOrigins } from './ahead-windows.ts';
import { makeDataset, type Dataset, type DatasetOptions, type TargetTransform } from './dataset.ts';
import { tableFromColumns } from './table.ts';

const ROWS = 90;
const table = tableFromColumns({
  columns: {
    price: Array.from({ length: ROWS }, (_, i) => 100 + 0.5 * i + 3 * Math.sin(i / 3)),
    temp: Array.from({ length: ROWS }, (_, i) => 10 + 4 * Math.cos(i / 5)),
  },
  target: 'price',
});

function dataset(o: Partial<DatasetOptions>): Dataset {
  const r = makeDataset(table, { target: 'price', features: ['price'], window: 5, horizon: 1, transform: 'level', trainFraction: 0.7, scaling: 'train-only', ...o });
  if (!r.ok) throw new Error(r.error.kind);
  return r.dataset;
}

/** Window n of a split's x. */
const windowOf = (d: Dataset, x: Float32Array, n: number) => x.subarray(n * d.T * d.F, (n + 1) * d.T * d.F);
const all = (n: number) => Int32Array.from({ length: n }, (_, i) => i);

const CASES: { transform: TargetTransform; horizon: number; scaling: DatasetOptions['scaling'] }[] = [];
for (const transform of ['level', 'diff', 'logret'] as const) {
  for (const horizon of [1, 2]) for (const scaling of ['train-only', 'per-split'] as const) CASES.push({ transform, horizon, scaling });
}

describe('how many steps ahead', () => {
  it('the target alone: as many as asked; other inputs: only the horizon', () => {
    expect(aheadSteps(dataset({}), 5)).toEqual({ steps: 5, limit: null });
    expect(aheadSteps(dataset({ features: ['price', 'temp'] }), 5)).toEqual({ steps: 1, limit: { kind: 'other-inputs', columns: ['temp'], steps: 1 } });
    expect(aheadSteps(dataset({ features: ['temp', 'price'], horizon: 3 }), 2)).toEqual({ steps: 2, limit: null });
    expect(aheadSteps(dataset({ features: ['temp'], horizon: 3 }), 4).limit).toEqual({ kind: 'other-inputs', columns: ['temp'], steps: 3 });
    expect(() => aheadSteps(dataset({}), 0)).toThrow(RangeError);
  });
});

describe('windows past an origin are the dataset’s own', () => {
  it.each(CASES)('$transform, horizon $horizon, $scaling: step 1 from each test origin is that test window, bit for bit', ({ transform, horizon, scaling }) => {
    const d = dataset({ transform, horizon, scaling, features: ['temp', 'price'] });
    const src = aheadSource(table, d);
    const origins = testOrigins(d);
    expect(origins.length).toBe(d.test.N);
    expect(origins[origins.length - 1]).toBe(ROWS - 2);
    const p = emptyPaths(origins, 1);
    const which = all(origins.length);
    expect(stepWindows(src, p, which, 1)).toEqual(d.test.x);
    storeStep(src, p, which, 1, d.test.y);
    expect(p.path).toEqual(d.toPrice(d.test.y, 'test'));
  });

  it.each(CASES.filter((c) => c.scaling === 'train-only'))(
    '$transform, horizon $horizon: fed forecasts back, step s is the window of a table whose rows after the origin are those forecasts',
    ({ transform, horizon }) => {
      const options = { transform, horizon, window: 5 };
      const d = dataset(options);
      const src = aheadSource(table, d);
      const origins = testOrigins(d);
      const K = 4;
      const p = emptyPaths(origins, K);
      // Made-up forecasts, well away from the actual values.
      const forecast = (o: number, s: number) => table.values.price[o] + 7 * s + 0.25 * (o % 3);
      origins.forEach((o, k) => {
        for (let s = 1; s <= K; s++) p.path[k * K + s - 1] = forecast(o, s);
      });
      for (const k of [0, 5, origins.length - 1 - K]) {
        const o = origins[k];
        // The same table with rows o+1 … o+K replaced by the forecasts (the scaler sees training rows only).
        const price = Float64Array.from(table.values.price);
        for (let s = 1; s <= K; s++) price[o + s] = forecast(o, s);
        const r = makeDataset(tableFromColumns({ columns: { price, temp: table.values.temp }, target: 'price' }), { ...d.options, ...options });
        if (!r.ok) throw new Error(r.error.kind);
        const d2 = r.dataset;
        expect(d2.testScaler).toEqual(d.testScaler);
        for (let s = 1; s <= K; s++) {
          const x = stepWindows(src, p, Int32Array.of(k), s);
          const m = o + s - horizon - d2.test.lastIndex[0];
          expect(x).toEqual(windowOf(d2, d2.test.x, m));
          if (s > horizon) expect(x).not.toEqual(windowOf(d, d.test.x, m)); // it did read the forecasts
        }
      }
    },
  );

  it('another input’s rows after the origin are never invented', () => {
    const d = dataset({ features: ['price', 'temp'], horizon: 2 });
    const src = aheadSource(table, d);
    const p = emptyPaths(Int32Array.of(ROWS - 1), 3);
    p.path.set([101, 102]);
    const one = Int32Array.of(0);
    expect(() => stepWindows(src, p, one, 2)).not.toThrow();
    expect(() => stepWindows(src, p, one, 3)).toThrow(/not known/);
  });

  it('keeps the latest test origins when capped', () => {
    const d = dataset({});
    const latest = testOrigins(d, 10);
    expect(Array.from(latest)).toEqual(Array.from(testOrigins(d).slice(-10)));
    expect(testOrigins(d, 0).length).toBe(0);
  });
});
