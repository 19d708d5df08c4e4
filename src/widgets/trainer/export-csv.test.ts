import Papa from 'papaparse';
import { describe, expect, it } from 'vitest';
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
});
