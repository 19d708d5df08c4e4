// The exported script's CSV reader (py-csv-reader.ts) against the page's
// parser: every readable file of the CSV corpus, plus files in the formats
// the corpus lacks (Excel sep= line, CRLF, UTF-16, Windows-1252, Unix times,
// a separate time column, YYYYMMDD, unsorted rows, suffixes and accounting
// negatives), read by both; the rows and every numeric column must be equal.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv, type Table } from '../data/csv.ts';
import { csvReaderCode } from './py-csv-reader.ts';
import { csvFormatLiteral } from './py-rows.ts';
import { pythonHas, PYTHON, runPython, tempDir } from './test-python.ts';
import { CSV_DIR, presetConfig, untrainedRecord } from './test-runs.ts';

const HAS_NUMPY = pythonHas('numpy');
if (!HAS_NUMPY) {
  const why = `${PYTHON} cannot import numpy`;
  if (process.env.REQUIRE_TORCH === '1') throw new Error(`REQUIRE_TORCH=1 but ${why}`);
  console.warn(`skipping the exported CSV reader's comparison: ${why}`);
}

interface Case {
  name: string;
  bytes: Uint8Array;
}

const utf8 = (s: string) => new TextEncoder().encode(s);

function utf16le(s: string): Uint8Array {
  const b = new Uint8Array(2 + s.length * 2);
  b[0] = 0xff;
  b[1] = 0xfe;
  for (let i = 0; i < s.length; i++) {
    b[2 + 2 * i] = s.charCodeAt(i) & 0xff;
    b[3 + 2 * i] = s.charCodeAt(i) >> 8;
  }
  return b;
}

/**
 * Windows-1252 bytes for Latin-1 text (each letter its own byte). Bytes
 * 0x80–0x9F other than the five cp1252 leaves undefined are avoided: Node
 * 20.18.3+ decodes windows-1252 as Latin-1 there (nodejs/node#60888), unlike
 * browsers, so parseCsv in Node and the page would disagree. 0x81 decodes to
 * U+0081 in both.
 */
function cp1252(s: string): Uint8Array {
  return Uint8Array.from(Array.from(s, (ch) => ch.charCodeAt(0)));
}

const rows = (n: number, f: (i: number) => string) => Array.from({ length: n }, (_, i) => f(i));
const pad = (n: number) => String(n).padStart(2, '0');

const SYNTHETIC: Case[] = [
  {
    name: 'sep= line, CRLF, newest first, D.M.YYYY, decimal commas with thousands dots, gaps and a row without a target',
    bytes: utf8(
      ['sep=;', 'Datum;Schluss;Volumen;Notiz', ...rows(40, (i) => `${pad(28 - (i % 28))}.${pad(3 - Math.floor(i / 28))}.2022;${i === 7 ? '-' : `1.${500 + i},${i % 10}5`};${i % 6 === 0 ? '' : `${1000 + i}`};x`)].join('\r\n'),
    ),
  },
  {
    name: 'UTF-16 with BOM, tabs, M/D/YYYY dates with a separate time column',
    bytes: utf16le(['Date\tTime\tClose\tVolume', ...rows(30, (i) => `6/${1 + (i % 28)}/2021\t${pad(9 + Math.floor(i / 28))}:30\t${(207 + i * 0.37).toFixed(2)}\t${207090 + i}`)].join('\n')),
  },
  {
    name: 'Windows-1252, D Mon YYYY dates, pound signs, K/M suffixes, accounting negatives, percentages',
    bytes: cp1252(['Date,Clôture,Variation,Volume,Note', ...rows(30, (i) => `${1 + (i % 28)} Jan 2020,"£${(1000 + i * 3.5).toFixed(1)}",${i % 3 === 0 ? `(${i}.5)` : `${i}.25%`},${(1.2 + i / 10).toFixed(1)}${i % 2 ? 'M' : 'K'},caf\u00e9${i === 3 ? "\u0081" : ""}`)].join('\n')),
  },
  {
    name: 'Unix times under a date header, semicolons, plain numbers',
    bytes: utf8(['timestamp;value;other', ...rows(25, (i) => `${1577836800 + i * 86400};${(50 + Math.sin(i)).toFixed(4)};${i * 2}`)].join('\n')),
  },
  {
    name: 'YYYYMMDD dates out of order with duplicates (a stable sort), quoted cells, trailing blank lines',
    bytes: utf8(['date,close,high', ...rows(30, (i) => `${20200100 + 1 + ((i * 7) % 25)},"${(10 + i / 4).toFixed(2)}",${11 + i}`), '', ',,', ''].join('\n')),
  },
  {
    name: 'no header, ISO dates with times, a text column',
    bytes: utf8(rows(30, (i) => `2021-03-${pad(1 + Math.floor(i / 2))} ${i % 2 ? '15:45' : '09:30'},ABC,${(99.5 + i).toFixed(1)}`).join('\n')),
  },
];

function corpus(): Case[] {
  const cases = JSON.parse(readFileSync(resolve(CSV_DIR, 'cases.json'), 'utf8')) as { file: string; expect: { ok: boolean } }[];
  return cases.filter((c) => c.expect.ok).map((c) => ({ name: c.file, bytes: new Uint8Array(readFileSync(resolve(CSV_DIR, c.file))) }));
}

const HARNESS = String.raw`
import codecs, csv, io, json, math, re, sys
import numpy as np
exec(open(sys.argv[1], encoding="utf-8").read())
out = []
for path, fmt in json.load(open(sys.argv[2], encoding="utf-8")):
    columns = read_price_csv(path, eval(fmt), list(eval(fmt)["columns"]))
    out.append({name: v.tolist() for name, v in columns.items()})
print(json.dumps(out))
`;

describe.skipIf(!HAS_NUMPY)("the exported script's CSV reader reads files as the page does", () => {
  const cases = [...corpus(), ...SYNTHETIC];
  const tables: Table[] = cases.map((c) => {
    const r = parseCsv(c.bytes);
    if (!r.ok) throw new Error(`${c.name}: the page rejects it (${r.error.kind})`);
    return r.table;
  });
  let results: Record<string, number[]>[] = [];

  it('reads all of them in one Python run', () => {
    const dir = tempDir('unrolled-csv-');
    writeFileSync(join(dir, 'reader.py'), csvReaderCode('en'));
    const jobs = cases.map((c, i) => {
      const path = join(dir, `case-${i}.csv`);
      writeFileSync(path, c.bytes);
      const table = tables[i];
      const spec = untrainedRecord(table, presetConfig(table, 'fast', { epochs: 1, window: 1 }), { embedLimit: 0 }).data.csv!;
      return [path, csvFormatLiteral(spec, table.columns)];
    });
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
    const r = runPython(['-c', HARNESS, join(dir, 'reader.py'), join(dir, 'jobs.json')]);
    expect(r.status, r.stderr).toBe(0);
    results = JSON.parse(r.stdout);
    expect(results).toHaveLength(cases.length);
  });

  cases.forEach((c, i) => {
    it(`${c.name}: same rows, same values`, () => {
      const table = tables[i];
      const got = results[i];
      expect(got, 'read').toBeDefined();
      expect(Object.keys(got)).toEqual(table.columns);
      for (const name of table.columns) {
        expect(got[name].length, `${name}: rows`).toBe(table.rows);
        expect(got[name], name).toEqual(Array.from(table.values[name]));
      }
    });
  });
});
