import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { REPO_ROOT } from '../checks/test-data.ts';
import { futureDates, inferCalendar, isoOfSeconds, isoSeconds, nextDates, weekday, DAY } from './calendar.ts';
import { parseCsv, type Table } from './csv.ts';
import { daysFromCivil } from './dates.ts';
import { SP500_PATH } from './samples.ts';

function parsed(...path: string[]): Table {
  const r = parseCsv(new Uint8Array(readFileSync(resolve(REPO_ROOT, ...path))));
  if (!r.ok) throw new Error(r.error.kind);
  return r.table;
}

const day = (iso: string) => isoSeconds(iso)! / DAY;
const iso = (d: number) => isoOfSeconds(d * DAY, false, false);

/** Every day from `from` to `to` (inclusive) whose weekday passes `keep`. */
function days(from: string, to: string, keep: (d: number) => boolean = () => true): string[] {
  const out: string[] = [];
  for (let d = day(from); d <= day(to); d++) if (keep(d)) out.push(iso(d));
  return out;
}
const mondayToFriday = (d: number) => weekday(d) >= 1 && weekday(d) <= 5;

describe('ISO times', () => {
  it('reads and writes dates with and without a time of day', () => {
    expect(isoSeconds('1970-01-02')).toBe(DAY);
    expect(isoSeconds('2020-02-29T13:30')).toBe(daysFromCivil(2020, 2, 29) * DAY + 13.5 * 3600);
    expect(isoSeconds('2021-02-29')).toBeNull();
    expect(isoSeconds('2020/01/02')).toBeNull();
    expect(isoOfSeconds(isoSeconds('2020-02-29T13:30:05')!, true, true)).toBe('2020-02-29T13:30:05');
    expect(weekday(day('2020-04-17'))).toBe(5); // a Friday
  });
});

describe('the calendar of real exports (read with parseCsv)', () => {
  it('Yahoo daily: trading days, no weekend dates after a Monday', () => {
    const t = parsed('test-data', 'csv', 'yahoo-daily.csv');
    const c = inferCalendar(t.dates);
    expect(c.spacing).toBe('trading-days');
    expect(c.rule).toMatchObject({ kind: 'days', days: 1, open: [false, true, true, true, true, true, false] });
    expect(c.fit).toBeGreaterThan(0.9);
    expect(t.dates!.at(-1)).toBe('2001-03-12');
    expect(nextDates(c, '2001-03-12', 5)).toEqual(['2001-03-13', '2001-03-14', '2001-03-15', '2001-03-16', '2001-03-19']);
  });

  it('the bundled S&P 500 file ends on a Friday: the next trading days are the following week', () => {
    const t = parsed('public', SP500_PATH);
    expect(t.dates!.at(-1)).toBe('2020-04-17');
    expect(futureDates(t.dates, 3)).toEqual(['2020-04-20', '2020-04-21', '2020-04-22']);
    // Twenty years of exchange holidays are skipped days, not a different calendar.
    const c = inferCalendar(t.dates);
    expect(c.spacing).toBe('trading-days');
    expect(c.fit).toBeGreaterThan(0.95);
    expect(c.fit).toBeLessThan(1);
  });

  it('newest-first, D.M.YYYY and M/D/YYYY files step from their latest date', () => {
    const investing = parsed('test-data', 'csv', 'investing-desc.csv');
    expect(investing.reversed).toBe(true);
    expect(investing.dates!.at(-1)).toBe('2005-07-28'); // a Thursday
    expect(futureDates(investing.dates, 2)).toEqual(['2005-07-29', '2005-08-01']);
    const eu = parsed('test-data', 'csv', 'eu-semicolon-bom.csv');
    expect(eu.dates!.at(-1)).toBe('2022-11-07');
    expect(futureDates(eu.dates, 1)).toEqual(['2022-11-08']);
    const us = parsed('test-data', 'csv', 'tab-us-dates.tsv');
    expect(inferCalendar(us.dates).spacing).toBe('trading-days');
    expect(futureDates(us.dates, 5)).toEqual(['2021-12-28', '2021-12-29', '2021-12-30', '2021-12-31', '2022-01-03']);
  });

  it('a file without dates counts steps', () => {
    const t = parsed('test-data', 'csv', 'price-only.csv');
    expect(t.dates).toBeNull();
    expect(inferCalendar(t.dates).spacing).toBe('steps');
    expect(futureDates(t.dates, 3)).toEqual(['1', '2', '3']);
    expect(futureDates(['2020-01-01'], 2)).toEqual(['1', '2']); // one date tells no spacing
  });
});

describe('synthetic calendars', () => {
  it('a daily file with weekend rows (crypto) steps one calendar day', () => {
    const dates = days('2021-01-01', '2021-03-06'); // ends on a Saturday
    const c = inferCalendar(dates);
    expect(c).toMatchObject({ spacing: 'daily', fit: 1 });
    expect(nextDates(c, dates.at(-1)!, 3)).toEqual(['2021-03-07', '2021-03-08', '2021-03-09']);
  });

  it('trading days with holidays missing: the weekday pattern holds, holidays ahead are not guessed', () => {
    const holidays = new Set(['2021-12-24', '2021-12-31', '2022-01-17', '2022-02-21']);
    const dates = days('2021-11-01', '2022-03-03', (d) => mondayToFriday(d) && !holidays.has(iso(d)));
    const c = inferCalendar(dates);
    expect(c.spacing).toBe('trading-days');
    expect(c.fit).toBeGreaterThan(0.9);
    expect(nextDates(c, '2022-03-03', 4)).toEqual(['2022-03-04', '2022-03-07', '2022-03-08', '2022-03-09']);
  });

  it('a Sunday–Thursday exchange keeps its own week', () => {
    const dates = days('2022-01-02', '2022-03-31', (d) => weekday(d) <= 4);
    expect(futureDates(dates, 2)).toEqual(['2022-04-03', '2022-04-04']); // 03-31 is a Thursday
  });

  it('weekly on Fridays, a holiday-shifted Thursday at the end returns to Friday', () => {
    const fridays = days('2021-01-01', '2021-12-31', (d) => weekday(d) === 5);
    fridays[fridays.length - 1] = '2021-12-30'; // New Year's Eve week: published on Thursday
    const c = inferCalendar(fridays);
    expect(c.spacing).toBe('weekly');
    expect(c.rule).toMatchObject({ kind: 'days', days: 7 });
    expect(nextDates(c, '2021-12-30', 2)).toEqual(['2022-01-07', '2022-01-14']);
  });

  it('month-end files step to month ends (leap February included)', () => {
    const ends = ['2019-01-31', '2019-02-28', '2019-03-31', '2019-04-30', '2019-05-31', '2019-06-30', '2019-07-31', '2019-08-31', '2019-09-30', '2019-10-31', '2019-11-30', '2019-12-31', '2020-01-31'];
    const c = inferCalendar(ends);
    expect(c).toMatchObject({ spacing: 'monthly', fit: 1, rule: { kind: 'months', months: 1, anchor: { kind: 'end' } } });
    expect(nextDates(c, '2020-01-31', 3)).toEqual(['2020-02-29', '2020-03-31', '2020-04-30']);
  });

  it('first-of-month (YYYY-MM) files, last business day, quarterly and yearly', () => {
    const firsts = Array.from({ length: 24 }, (_, i) => `${2018 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}-01`);
    expect(futureDates(firsts, 2)).toEqual(['2020-01-01', '2020-02-01']);
    const bizEnds = ['2020-01-31', '2020-02-28', '2020-03-31', '2020-04-30', '2020-05-29', '2020-06-30', '2020-07-31', '2020-08-31', '2020-09-30', '2020-10-30', '2020-11-30', '2020-12-31', '2021-01-29', '2021-02-26'];
    const c = inferCalendar(bizEnds);
    expect(c.rule).toMatchObject({ kind: 'months', anchor: { kind: 'last-weekday' } });
    expect(nextDates(c, '2021-02-26', 3)).toEqual(['2021-03-31', '2021-04-30', '2021-05-31']);
    expect(nextDates(c, '2021-04-30', 1)).toEqual(['2021-05-31']);
    const quarters = ['2019-03-31', '2019-06-30', '2019-09-30', '2019-12-31', '2020-03-31', '2020-06-30'];
    expect(inferCalendar(quarters).spacing).toBe('quarterly');
    expect(futureDates(quarters, 2)).toEqual(['2020-09-30', '2020-12-31']);
    const years = ['2015-01-01', '2016-01-01', '2017-01-01', '2018-01-01'];
    expect(inferCalendar(years).spacing).toBe('yearly');
    expect(futureDates(years, 1)).toEqual(['2019-01-01']);
  });

  it('hourly bars in trading hours continue at the next session', () => {
    const dates: string[] = [];
    for (const d of days('2022-03-07', '2022-03-11')) for (let h = 10; h <= 15; h++) dates.push(`${d}T${String(h).padStart(2, '0')}:30`);
    const c = inferCalendar(dates);
    expect(c).toMatchObject({ spacing: 'intraday', withTime: true, withSeconds: false });
    expect(nextDates(c, '2022-03-11T14:30', 3)).toEqual(['2022-03-11T15:30', '2022-03-14T10:30', '2022-03-14T11:30']);
  });

  it('irregular dates step by the median gap and say so', () => {
    const gaps = [1, 5, 2, 9, 3, 14, 2, 7, 4, 11, 3, 6];
    let d = day('2020-01-01');
    const dates = [iso(d)];
    for (const g of gaps) dates.push(iso((d += g)));
    const c = inferCalendar(dates);
    expect(c.spacing).toBe('irregular');
    expect(c.fit).toBeLessThan(0.5);
    expect(c.rule).toMatchObject({ kind: 'days', days: 4 }); // lower median of the gaps
    expect(nextDates(c, dates.at(-1)!, 1)).toEqual([iso(d + 4)]);
  });

  it('duplicate dates are skipped when measuring the spacing', () => {
    const dates = days('2021-01-04', '2021-02-26', mondayToFriday).flatMap((x, i) => (i % 5 === 0 ? [x, x] : [x]));
    expect(inferCalendar(dates)).toMatchObject({ spacing: 'trading-days', fit: 1 });
  });
});
