// What the parser does with dates that go backwards or repeat in the middle
// of a file (data/rows.ts): sort, keep repeats in file order, and set the
// date column aside when it cannot order the rows at all.
import { describe, expect, it } from 'vitest';
import { parseCsv, type Table } from './csv.ts';

function table(text: string): Table {
  const r = parseCsv(new TextEncoder().encode(text));
  if (!r.ok) throw new Error(JSON.stringify(r.error));
  return r.table;
}
const col = (t: Table, c: string) => Array.from(t.values[c]);
const day = (i: number) => `2021-03-${String(i).padStart(2, '0')}`;

describe('dates out of order or repeated', () => {
  it('a block pasted out of place is sorted back, and the places where dates go backwards are counted', () => {
    const order = [1, 2, 3, 7, 8, 4, 5, 6, 9, 10];
    const t = table(`Date,Close\n${order.map((d) => `${day(d)},${d}`).join('\n')}\n`);
    expect(col(t, 'Close')).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]);
    expect([t.unsortedDates, t.duplicateDates, t.reversed, t.datesSetAside, t.dropped]).toEqual([1, 0, false, null, 0]);
  });

  it('an in-order file and a cleanly newest-first one report no disorder', () => {
    const up = Array.from({ length: 8 }, (_, i) => `${day(i + 1)},${i}`);
    expect(table(`Date,Close\n${up.join('\n')}\n`).unsortedDates).toBe(0);
    const down = table(`Date,Close\n${[...up].reverse().join('\n')}\n`);
    expect([down.reversed, down.unsortedDates]).toEqual([true, 0]);
  });

  it('a newest-first file with one row out of place is turned round, then sorted', () => {
    const order = [10, 9, 8, 7, 3, 6, 5, 4, 2, 1];
    const t = table(`Date,Close\n${order.map((d) => `${day(d)},${d}`).join('\n')}\n`);
    expect([t.reversed, col(t, 'Close')]).toEqual([true, [1, 2, 3, 4, 5, 6, 7, 8, 9, 10]]);
    expect(t.unsortedDates).toBeGreaterThan(0);
  });

  it('rows repeating a date are all kept, in file order within the date (an overlap pasted twice)', () => {
    const first = [1, 2, 3, 4, 5, 6].map((d) => `${day(d)},${d}`);
    const overlap = [5, 6].map((d) => `${day(d)},${d + 0.5}`);
    const t = table(`Date,Close\n${[...first, ...overlap].join('\n')}\n`);
    expect(col(t, 'Close')).toEqual([1, 2, 3, 4, 5, 5.5, 6, 6.5]);
    expect(t.dates).toEqual([day(1), day(2), day(3), day(4), day(5), day(5), day(6), day(6)]);
    expect([t.duplicateDates, t.unsortedDates, t.datesSetAside, t.dateColumn]).toEqual([2, 1, null, 'Date']);
  });

  it('when half the rows or more repeat the date before them, the date column is set aside and rows stay in file order', () => {
    const t = table(`date,price\n${[5, 3, 8, 1, 9, 2].map((v) => `2000-01-01,${v}`).join('\n')}\n`);
    expect([t.dateColumn, t.dates, t.datesSetAside, t.duplicateDates, t.rows]).toEqual([null, null, 'date', 5, 6]);
    expect(col(t, 'price')).toEqual([5, 3, 8, 1, 9, 2]);
    expect(t.format?.date).toBeNull();
  });

  it('set aside, the rows a date would have dropped are kept too (the dates play no part)', () => {
    const t = table(`date,price\n${[1, 2, 3, 4, 5, 6].map((v) => `2000-01-01,${v}`).join('\n')}\n,7\n2000-01-01,8\n`);
    expect([t.datesSetAside, t.rows, t.dropped]).toEqual(['date', 8, 0]);
    expect(col(t, 'price')).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
  });

  it('under half repeated: the dates still order the rows', () => {
    const t = table(`Date,Close\n${[1, 2, 3, 3, 4, 5].map((d, i) => `${day(d)},${i}`).join('\n')}\n`);
    expect([t.dateColumn, t.duplicateDates, t.datesSetAside]).toEqual(['Date', 1, null]);
  });
});
