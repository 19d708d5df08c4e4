import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
import { aheadBands } from '../../data/ahead-band.ts';
import type { SeriesInfo, Snapshot } from '../../train/protocol.ts';
import { forecastsCsv } from './export-csv.ts';

function series(target: string, time: Float64Array | null): SeriesInfo {
  return {
    target,
    features: [target],
    T: 2,
    horizon: 1,
    time,
    price: Float64Array.of(1, 2, -3.5, 4, 5),
    train: { N: 2, rowIndex: Int32Array.of(2, 3), previous: Float64Array.of(2, -3.5) },
    test: { N: 1, rowIndex: Int32Array.of(4), previous: Float64Array.of(4) },
  };
}
const metrics = { mse: 0, rmse: 0, mae: 0, mape: 0, direction: 0 };
const snapshot: Snapshot = { epoch: 1, train: Float64Array.of(-2.25, NaN), test: Float64Array.of(4.5), model: metrics, baseline: metrics, predStd: 1, zeta: null };

describe('forecasts CSV', () => {
  it('one line per window in time order, dates in UTC, non-finite values empty, negative numbers as numbers', () => {
    const time = Float64Array.from([0, 1, 2, 3, 4], (d) => Date.UTC(2020, 0, 1 + d));
    const text = forecastsCsv(series('Close', time), snapshot);
    expect(text.endsWith('\n')).toBe(true);
    expect(text.trim().split('\n')).toEqual([
      'date,split,actual Close,model,persistence',
      '2020-01-03,train,-3.5,-2.25,2',
      '2020-01-04,train,4,,-3.5',
      '2020-01-05,test,5,4.5,4',
    ]);
  });

  it('row numbers without a date column; a column name with commas and quotes survives a round trip', () => {
    const name = 'Close, "adj"';
    const parsed = Papa.parse<string[]>(forecastsCsv(series(name, null), snapshot).trim()).data;
    expect(parsed[0]).toEqual(['date', 'split', `actual ${name}`, 'model', 'persistence']);
    expect(parsed.slice(1).map((r) => r[0])).toEqual(['3', '4', '5']);
  });

  it('the forecast past the data: one line per step (split future, no actual), both bands at the chosen coverage', () => {
    const time = Float64Array.from([0, 1, 2, 3, 4], (d) => Date.UTC(2020, 0, 1 + d));
    // Ten test errors, 0.1 apart around zero, for both forecasters; 9 are needed for a 10–90 % band, so step 2 (4 errors) has none.
    const errors = Float64Array.from({ length: 10 }, (_, i) => (i - 4.5) / 10);
    const steps = [
      { step: 1, date: '2020-01-06', model: 5.5, persistence: 5, modelErrors: errors, persistenceErrors: errors.map((e) => 2 * e) },
      { step: 2, date: '2020-01-07', model: 6, persistence: 5, modelErrors: errors.slice(0, 4), persistenceErrors: errors.slice(0, 4) },
    ];
    const bands = aheadBands(steps, 0.8);
    const lines = forecastsCsv(series('Close', time), snapshot, bands).trim().split('\n');
    expect(lines[0]).toBe('date,split,actual Close,model,persistence,model low (10 %),model high (90 %),persistence low (10 %),persistence high (90 %)');
    expect(lines[1]).toBe('2020-01-03,train,-3.5,-2.25,2,,,,');
    const m = bands.steps[0].modelBand!;
    const p = bands.steps[0].persistenceBand!;
    expect(lines.slice(-2)).toEqual([`2020-01-06,future,,5.5,5,${m.low},${m.high},${p.low},${p.high}`, '2020-01-07,future,,6,5,,,,']);
    expect(m.low).toBeCloseTo(5.5 - 0.36, 12);
    // Without dates the rows go on counting: 6, 7.
    expect(forecastsCsv(series('Close', null), snapshot, bands).trim().split('\n').slice(-2).map((l) => l.split(',')[0])).toEqual(['6', '7']);
  });
});
