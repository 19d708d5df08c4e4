// A table packed into typed arrays and back is the same table (dates as the
// same ISO strings), for the corpus and the bundled series; anything else
// read back from storage is refused with a reason.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDataFolder } from '../checks/test-data.ts';
import { parseCsv, type Table } from './csv.ts';
import { checkPackedTable, isoFromKey, packTable, packedBytes, unpackTable, PACKED_TABLE_VERSION } from './packed-table.ts';
import { loadSample } from './samples.ts';

const folder = testDataFolder('CSV_CASES', 'csv');
const files = (JSON.parse(readFileSync(resolve(folder, 'cases.json'), 'utf8')) as { file: string; expect: { ok: boolean } }[]).filter((c) => c.expect.ok).map((c) => c.file);

function parsed(text: string): Table {
  const r = parseCsv(new TextEncoder().encode(text));
  if (!r.ok) throw new Error(r.error.kind);
  return r.table;
}

function roundTrip(t: Table): void {
  const p = packTable(t);
  expect(p).not.toBeNull();
  const copy = structuredClone(p!);
  const checked = checkPackedTable(copy);
  expect(checked.ok, checked.ok ? '' : checked.reason).toBe(true);
  expect(unpackTable(copy)).toEqual(t);
}

describe('packed tables', () => {
  it('round-trip every corpus file exactly', () => {
    for (const f of files) {
      const r = parseCsv(new Uint8Array(readFileSync(resolve(folder, f))));
      if (!r.ok) expect.unreachable(f);
      else roundTrip(r.table);
    }
  });

  it('round-trip dates with minutes and seconds, and generated series', () => {
    roundTrip(parsed('Date,Close\n2020-01-02 09:30,1\n2020-01-02 09:35,2\n2020-01-02 09:40,3\n'));
    roundTrip(parsed('Date,Close\n2020-01-02 09:30:15,1\n2020-01-02 09:30:16,2\n'));
    roundTrip(loadSample('seasonal'));
    expect(isoFromKey(0, 'day')).toBe('1970-01-01');
    expect(isoFromKey(86400 + 3661, 'second')).toBe('1970-01-02T01:01:01');
  });

  it('counts the bytes of its arrays', () => {
    const t = parsed('Date,Open,Close\n2020-01-01,1,2\n2020-01-02,3,4\n');
    expect(packedBytes(packTable(t)!)).toBe(3 * 2 * 8);
  });

  it('refuses what is not a whole table of this version', () => {
    const p = structuredClone(packTable(parsed('Date,Close\n2020-01-01,1\n2020-01-02,2\n'))!);
    expect(checkPackedTable({ ...p, version: PACKED_TABLE_VERSION + 1 })).toMatchObject({ ok: false, reason: `version ${PACKED_TABLE_VERSION + 1}` });
    expect(checkPackedTable({ ...p, version: 0 }).ok).toBe(false);
    expect(checkPackedTable(null).ok).toBe(false);
    expect(checkPackedTable({ ...p, values: [new Float64Array(1)] })).toMatchObject({ ok: false, reason: 'values length' });
    expect(checkPackedTable({ ...p, values: [[1, 2]] }).ok).toBe(false);
    expect(checkPackedTable({ ...p, dateKeys: null }).ok).toBe(false);
    expect(checkPackedTable({ ...p, meta: { ...p.meta, target: 'nope' } })).toMatchObject({ ok: false, reason: 'meta.target' });
    expect(checkPackedTable({ ...p, meta: { ...p.meta, format: { ...p.meta.format, decimalMark: 'x' } } }).ok).toBe(false);
  });
});
