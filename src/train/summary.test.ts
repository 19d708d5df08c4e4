import { describe, expect, it } from 'vitest';
import { makeDataset } from '../data/dataset.ts';
import { tableFromColumns } from '../data/table.ts';
import { seriesInfo, tableSummary, timesOf } from './summary.ts';

describe('what the worker tells the page', () => {
  it('turns ISO dates (with or without a time) into UTC milliseconds', () => {
    expect(Array.from(timesOf(['2020-01-02', '2020-01-02T13:30', '1400-01-01'])!)).toEqual([
      Date.UTC(2020, 0, 2),
      Date.UTC(2020, 0, 2, 13, 30),
      Date.UTC(1400, 0, 1),
    ]);
    expect(timesOf(['2020-01-02', 'not a date'])).toBeNull();
  });

  it('summarises a table and its windows with row indices and persistence in price units', () => {
    const dates = Array.from({ length: 30 }, (_, i) => new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10));
    const price = Array.from({ length: 30 }, (_, i) => 10 + i);
    const table = tableFromColumns({ columns: { price }, dates });
    const s = tableSummary(table, 'p.csv', null);
    expect(s).toMatchObject({ rows: 30, firstDate: '2021-01-01', lastDate: '2021-01-30', target: 'price', columns: ['price'] });
    const d = makeDataset(table, { target: 'price', features: ['price'], window: 3, horizon: 1, transform: 'level', trainFraction: 0.7, scaling: 'train-only' });
    if (!d.ok) throw new Error(d.error.kind);
    const info = seriesInfo(table, d.dataset);
    expect(info.time!.length).toBe(30);
    expect(info.train.N + info.test.N).toBe(d.dataset.train.N + d.dataset.test.N);
    // Window forecasting row r: persistence is the price one row earlier.
    for (let i = 0; i < info.test.N; i++) expect(info.test.previous[i]).toBe(price[info.test.rowIndex[i] - 1]);
  });
});
