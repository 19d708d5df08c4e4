// The corpus of real-world exports (test-data/csv, or $CSV_CASES): every case
// in cases.json, each in a test named after its file. `CSV_CASES=/other/dir npx vitest run` runs the
// same checks on another folder.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDataFolder } from '../checks/test-data.ts';
import { parseCsv, type Table } from './csv.ts';

const folder = testDataFolder('CSV_CASES', 'csv');

interface Point {
  date: string | null;
  target: number;
}
interface Expect {
  ok: boolean;
  rows?: number;
  dropped?: number;
  dateColumn?: string | null;
  target?: string;
  columns?: string[];
  first?: Point;
  last?: Point;
  error?: string | string[];
  duplicateDates?: number;
  unsortedDates?: number;
  datesSetAside?: string | null;
}
interface Case {
  file: string;
  expect: Expect;
}

const cases = JSON.parse(readFileSync(resolve(folder, 'cases.json'), 'utf8')) as Case[];

function closeTo(actual: number, expected: number): void {
  const tol = 1e-9 * Math.max(1, Math.abs(expected));
  expect(Math.abs(actual - expected), `${actual} vs ${expected}`).toBeLessThanOrEqual(tol);
}

function point(t: Table, i: number): Point {
  return { date: t.dates === null ? null : t.dates[i].slice(0, 10), target: t.values[t.target][i] };
}

describe(`CSV cases from ${folder}`, () => {
  it('has cases', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const c of cases) {
    it(`${c.file}: ${c.expect.ok ? 'parses' : `is rejected (${String(c.expect.error)})`}`, () => {
      const bytes = new Uint8Array(readFileSync(resolve(folder, c.file)));
      const result = parseCsv(bytes);
      const e = c.expect;
      if (!e.ok) {
        expect(result.ok).toBe(false);
        if (result.ok) return;
        const allowed = Array.isArray(e.error) ? e.error : [e.error];
        expect(allowed).toContain(result.error.kind);
        return;
      }
      expect(result.ok, result.ok ? '' : JSON.stringify(result.error)).toBe(true);
      if (!result.ok) return;
      const t = result.table;
      if (e.rows !== undefined) expect(t.rows).toBe(e.rows);
      if (e.dropped !== undefined) expect(t.dropped).toBe(e.dropped);
      if (e.dateColumn !== undefined) expect(t.dateColumn).toBe(e.dateColumn);
      if (e.target !== undefined) expect(t.target).toBe(e.target);
      if (e.columns !== undefined) expect(t.columns).toEqual(e.columns);
      if (e.duplicateDates !== undefined) expect(t.duplicateDates).toBe(e.duplicateDates);
      if (e.unsortedDates !== undefined) expect(t.unsortedDates).toBe(e.unsortedDates);
      if (e.datesSetAside !== undefined) expect(t.datesSetAside).toBe(e.datesSetAside);
      // Internal consistency, whatever the case says.
      expect(t.values[t.target].length).toBe(t.rows);
      for (const col of t.columns) expect(t.values[col].length).toBe(t.rows);
      if (t.dates !== null) expect(t.dates.length).toBe(t.rows);
      if (e.first !== undefined) {
        const p = point(t, 0);
        expect(p.date).toBe(e.first.date);
        closeTo(p.target, e.first.target);
      }
      if (e.last !== undefined) {
        const p = point(t, t.rows - 1);
        expect(p.date).toBe(e.last.date);
        closeTo(p.target, e.last.target);
      }
    });
  }
});
