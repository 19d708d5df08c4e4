import { describe, expect, it } from 'vitest';
import { makeDataset, MIN_WINDOWS, windowCounts, type Dataset, type DatasetOptions } from './dataset.ts';
import { tableFromColumns } from './table.ts';

// Hand-computable example: 10 rows, 60 % training → rows 0..5 train, 6..9 test.
const P = [10, 12, 11, 13, 15, 14, 16, 18, 17, 19];
const V = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10];
// Over rows 0..5: mean(P) = 12.5, mean(V) = 3.5, both with Σ(x−mean)² = 17.5.
const S = Math.sqrt(17.5 / 6);

function table(p = P, v = V) {
  return tableFromColumns({ columns: { close: p, volume: v } });
}

const base: DatasetOptions = {
  target: 'close', features: ['close', 'volume'], window: 3, horizon: 1,
  transform: 'level', trainFraction: 0.6, scaling: 'train-only',
};

function build(opts: Partial<DatasetOptions> = {}, t = table()): Dataset {
  const r = makeDataset(t, { ...base, ...opts });
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.dataset;
}

describe('makeDataset: windows, split, scaling (hand-computed)', () => {
  it('cuts windows chronologically', () => {
    const d = build();
    expect([d.T, d.F, d.horizon, d.cut]).toEqual([3, 2, 1, 6]);
    // Training windows end at rows 2..4 and forecast rows 3..5; test windows end at 5..8.
    expect(Array.from(d.train.lastIndex)).toEqual([2, 3, 4]);
    expect(Array.from(d.train.rowIndex)).toEqual([3, 4, 5]);
    expect(Array.from(d.test.lastIndex)).toEqual([5, 6, 7, 8]);
    expect(Array.from(d.test.rowIndex)).toEqual([6, 7, 8, 9]);
    expect(Array.from(d.test.actual)).toEqual([16, 18, 17, 19]);
    expect(Array.from(d.test.previous)).toEqual([14, 16, 18, 17]);
  });

  it('standardises with statistics of the training rows', () => {
    const d = build();
    expect(d.scaler.mean[0]).toBeCloseTo(12.5, 12);
    expect(d.scaler.mean[1]).toBeCloseTo(3.5, 12);
    expect(d.scaler.std[0]).toBeCloseTo(S, 12);
    expect(d.scaler.std[1]).toBeCloseTo(S, 12);
    expect(d.scaler.yMean).toBeCloseTo(12.5, 12);
    expect(d.scaler.yStd).toBeCloseTo(S, 12);
    // First training window: rows 0, 1, 2 → x[t][f]; target row 3.
    const expected = [(10 - 12.5) / S, (1 - 3.5) / S, (12 - 12.5) / S, (2 - 3.5) / S, (11 - 12.5) / S, (3 - 3.5) / S];
    Array.from(d.train.x.slice(0, 6)).forEach((v, i) => expect(v).toBeCloseTo(expected[i], 6));
    expect(d.train.y[0]).toBeCloseTo((13 - 12.5) / S, 6);
    // Last test window: rows 6, 7, 8 → target row 9.
    const n = d.test.N - 1;
    const last = Array.from(d.test.x.slice(n * 6, n * 6 + 6));
    const lastExpected = [(16 - 12.5) / S, (7 - 3.5) / S, (18 - 12.5) / S, (8 - 3.5) / S, (17 - 12.5) / S, (9 - 3.5) / S];
    last.forEach((v, i) => expect(v).toBeCloseTo(lastExpected[i], 6));
    expect(d.test.y[n]).toBeCloseTo((19 - 12.5) / S, 6);
    expect(d.test.persistenceStd[n]).toBeCloseTo((17 - 12.5) / S, 6);
  });

  it('keeps feature order as given', () => {
    const d = build({ features: ['volume', 'close'] });
    expect(d.train.x[0]).toBeCloseTo((1 - 3.5) / S, 6);
    expect(d.train.x[1]).toBeCloseTo((10 - 12.5) / S, 6);
  });

  it('fits the scaler on training rows only: test values do not move it', () => {
    const before = build();
    const p2 = [...P.slice(0, 6), 1000, -50, 7777, 3];
    const v2 = [...V.slice(0, 6), 99, 98, 97, 96];
    const after = build({}, table(p2, v2));
    expect(Array.from(after.scaler.mean)).toEqual(Array.from(before.scaler.mean));
    expect(Array.from(after.scaler.std)).toEqual(Array.from(before.scaler.std));
    expect([after.scaler.yMean, after.scaler.yStd]).toEqual([before.scaler.yMean, before.scaler.yStd]);
    expect(Array.from(after.train.x)).toEqual(Array.from(before.train.x));
    expect(Array.from(after.train.y)).toEqual(Array.from(before.train.y));
    expect(after.test.y[0]).toBeCloseTo((1000 - 12.5) / S, 4);
    expect(after.testScaler).toBe(after.scaler);
  });

  it("'per-split' reproduces the seed's leak: the test split gets its own statistics", () => {
    const d = build({ scaling: 'per-split' });
    // Test rows 6..9 = 16, 18, 17, 19: mean 17.5, Σ(x−mean)² = 5.
    expect(d.testScaler.yMean).toBeCloseTo(17.5, 12);
    expect(d.testScaler.yStd).toBeCloseTo(Math.sqrt(5 / 4), 12);
    expect(d.scaler.yMean).toBeCloseTo(12.5, 12);
    expect(d.test.y[3]).toBeCloseTo((19 - 17.5) / Math.sqrt(5 / 4), 6);
    // And it moves when test values change.
    const moved = build({ scaling: 'per-split' }, table([...P.slice(0, 6), 100, 100, 100, 104]));
    expect(moved.testScaler.yMean).toBeCloseTo(101, 12);
    expect(moved.scaler.yMean).toBeCloseTo(12.5, 12);
  });
});

describe('makeDataset: transforms and inverse', () => {
  for (const transform of ['level', 'diff', 'logret'] as const) {
    for (const scaling of ['train-only', 'per-split'] as const) {
      it(`${transform} (${scaling}): toPrice(y) gives back the actual prices, toPrice(persistence) the previous ones`, () => {
        const d = build({ transform, scaling });
        for (const which of ['train', 'test'] as const) {
          const s = d[which];
          const back = d.toPrice(s.y, which);
          const persist = d.toPrice(s.persistenceStd, which);
          for (let i = 0; i < s.N; i++) {
            expect(back[i]).toBeCloseTo(s.actual[i], 4);
            expect(persist[i]).toBeCloseTo(s.previous[i], 4);
          }
        }
      });
    }
  }

  it('diff: targets are changes over the horizon, the target input its one-step change', () => {
    const d = build({ transform: 'diff', features: ['close'] });
    // Windows start at row 1 (the first change): train windows end at 3, 4 → targets 4, 5.
    expect(Array.from(d.train.lastIndex)).toEqual([3, 4]);
    // y over training target rows 1..5: changes 2, −1, 2, 2, −1 → mean 0.8, var 2.16.
    expect(d.scaler.yMean).toBeCloseTo(0.8, 12);
    expect(d.scaler.yStd).toBeCloseTo(Math.sqrt(2.16), 12);
    expect(d.train.y[0]).toBeCloseTo((2 - 0.8) / Math.sqrt(2.16), 6);
    // Input = one-step changes at rows 1..3 = 2, −1, 2; scaled by the same statistics.
    expect(d.train.x[0]).toBeCloseTo((2 - 0.8) / Math.sqrt(2.16), 6);
    expect(d.train.x[1]).toBeCloseTo((-1 - 0.8) / Math.sqrt(2.16), 6);
    expect(d.train.persistenceStd[0]).toBeCloseTo(-0.8 / Math.sqrt(2.16), 6);
  });

  it('logret: targets are log ratios', () => {
    const d = build({ transform: 'logret', features: ['volume'] });
    const r = d.test.rowIndex[0];
    const l = d.test.lastIndex[0];
    const raw = d.test.y[0] * d.scaler.yStd + d.scaler.yMean;
    expect(raw).toBeCloseTo(Math.log(P[r] / P[l]), 6);
  });

  it('horizon > 1 forecasts that many rows ahead', () => {
    const long = Array.from({ length: 40 }, (_, i) => 50 + Math.sin(i) * 5 + i);
    const t = tableFromColumns({ columns: { close: long } });
    const d = build({ features: ['close'], horizon: 3, transform: 'diff', trainFraction: 0.5, window: 4 }, t);
    for (const s of [d.train, d.test]) {
      for (let i = 0; i < s.N; i++) expect(s.rowIndex[i] - s.lastIndex[i]).toBe(3);
    }
    // Training targets stay inside the training rows.
    expect(Math.max(...d.train.rowIndex)).toBe(d.cut - 1);
    expect(d.test.rowIndex[0]).toBe(d.cut);
    expect(d.test.rowIndex[d.test.N - 1]).toBe(39);
    const raw = d.test.y[0] * d.scaler.yStd + d.scaler.yMean;
    expect(raw).toBeCloseTo(long[d.cut] - long[d.cut - 3], 4);
    const back = d.toPrice(d.test.y, 'test');
    expect(back[5]).toBeCloseTo(d.test.actual[5], 3);
  });
});

describe('makeDataset: errors', () => {
  it('window-too-long, with the longest window that fits', () => {
    const r = makeDataset(table(), { ...base, window: 5 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('window-too-long');
    const p = r.error.params;
    const maxWindow = Number(p.maxWindow);
    expect(maxWindow).toBe(4);
    const fits = windowCounts(10, maxWindow, 1, 'level', 0.6);
    const next = windowCounts(10, maxWindow + 1, 1, 'level', 0.6);
    expect(fits.train).toBeGreaterThanOrEqual(MIN_WINDOWS);
    expect(Math.min(next.train, next.test)).toBeLessThan(MIN_WINDOWS);
    expect(makeDataset(table(), { ...base, window: maxWindow }).ok).toBe(true);
  });

  it('window-too-long with no window at all on a tiny table', () => {
    const r = makeDataset(tableFromColumns({ columns: { close: [1, 2, 3] } }), { ...base, features: ['close'], window: 1 });
    expect(!r.ok && r.error.kind === 'window-too-long' && r.error.params.maxWindow === 0).toBe(true);
  });

  it('typed errors for no features, unknown columns and log of non-positive prices', () => {
    const noFeatures = makeDataset(table(), { ...base, features: [] });
    expect(!noFeatures.ok && noFeatures.error.kind).toBe('no-features');
    const unknown = makeDataset(table(), { ...base, features: ['close', 'nope'] });
    expect(!unknown.ok && unknown.error.kind).toBe('unknown-column');
    expect(!unknown.ok && unknown.error.params.column).toBe('nope');
    const neg = makeDataset(table([...P.slice(0, 4), 0, ...P.slice(5)]), { ...base, transform: 'logret' });
    expect(!neg.ok && neg.error.kind).toBe('nonpositive-target');
    expect(!neg.ok && neg.error.params.row).toBe(5);
  });

  it('throws on impossible options', () => {
    expect(() => makeDataset(table(), { ...base, window: 0 })).toThrow(RangeError);
    expect(() => makeDataset(table(), { ...base, horizon: 1.5 })).toThrow(RangeError);
    expect(() => makeDataset(table(), { ...base, trainFraction: 1 })).toThrow(RangeError);
  });
});
