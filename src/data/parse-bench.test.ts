import { describe, expect, it } from 'vitest';
import { parseCsv } from './csv.ts';
import { benchParse, makeBenchCsv } from './parse-bench.ts';

describe('parse benchmark input', () => {
  it('is a well-formed 7-column daily file, deterministic', () => {
    const bytes = makeBenchCsv(500);
    expect(Array.from(makeBenchCsv(500))).toEqual(Array.from(bytes));
    const r = parseCsv(bytes);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.table.headers.length).toBe(7);
    expect(r.table.columns.length).toBe(6);
    expect([r.table.rows, r.table.dropped, r.table.target]).toEqual([500, 0, 'Close']);
  });

  it('benchParse reports every row', () => {
    const b = benchParse(2000);
    expect(b.rows).toBe(2000);
    expect(b.ms).toBeGreaterThan(0);
  });
});
