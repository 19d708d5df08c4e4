// Seeded fuzzing: mutated real files and random inputs never make the parser
// throw, and whatever it returns is a well-formed table or a typed error.
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDataFolder } from '../checks/test-data.ts';
import { createRng, type Rng } from '../model/random.ts';
import { parseCsv, type CsvErrorKind, type ParseResult } from './csv.ts';
import { makeDataset } from './dataset.ts';

const folder = testDataFolder('CSV_CASES', 'csv');
const KINDS: CsvErrorKind[] = ['empty', 'not-text', 'no-rows', 'no-numeric-column', 'too-few-rows', 'too-large'];
const enc = (s: string) => new TextEncoder().encode(s);

const INLINE = [
  'Date,Open,Close,Volume\n2020-01-01,1,2,3K\n2020-01-02,"1,234.5",2.5,4M\n2020-01-03,null,3,-\n',
  'Datum;Schluss;Volumen\n01.03.2022;1.507,99;55.795\n02.03.2022;1.515,14;56.060\n',
  '"Date","Price","Change %"\n"Jul 28, 2005","1,243.72","0.56%"\n"Jul 27, 2005","1,236.79","-0.38%"\n',
  'date\tsymbol\tclose\r\n6/1/2021\tXYZ\t207.09\r\n6/2/2021\tXYZ\t204.3\r\n\r\n',
  'a|b|c\n1|2|3\n4|5|6\n',
  '日期,收盘\n2023年1月3日,1.2万\n2023年1月4日,1.3万\n',
];

function bases(): Uint8Array[] {
  const out = INLINE.map(enc);
  if (existsSync(folder)) {
    for (const f of readdirSync(folder).sort()) {
      if (f === 'cases.json' || f.endsWith('.md')) continue;
      out.push(new Uint8Array(readFileSync(resolve(folder, f))).subarray(0, 6000));
    }
  }
  return out;
}

const SPICE = [',', ';', '\t', '|', '"', '""', '\n', '\r\n', '\r', ' ', '-', '.', '/', ':', '%', 'K', 'null', '\u00a0', '\uFEFF', '收', '0', '9', '13', '2020-13-45', 'sep=,\n'];

function int(rng: Rng, n: number): number {
  return Math.floor(rng.uniform() * n);
}

function mutate(base: Uint8Array, rng: Rng): Uint8Array {
  let b = Uint8Array.from(base);
  const edits = 1 + int(rng, 6);
  for (let e = 0; e < edits; e++) {
    const pos = b.length === 0 ? 0 : int(rng, b.length);
    switch (int(rng, 7)) {
      case 0: // flip a byte
        if (b.length > 0) b[pos] = int(rng, 256);
        break;
      case 1: // truncate
        b = b.subarray(0, pos);
        break;
      case 2: {
        // insert a delimiter, quote, newline or token
        const s = enc(SPICE[int(rng, SPICE.length)]);
        b = Uint8Array.from([...b.subarray(0, pos), ...s, ...b.subarray(pos)]);
        break;
      }
      case 3: // delete a range
        b = Uint8Array.from([...b.subarray(0, pos), ...b.subarray(Math.min(b.length, pos + 1 + int(rng, 40)))]);
        break;
      case 4: {
        // duplicate a range
        const end = Math.min(b.length, pos + 1 + int(rng, 200));
        b = Uint8Array.from([...b.subarray(0, end), ...b.subarray(pos, end), ...b.subarray(end)]);
        break;
      }
      case 5: // a NUL or a high byte
        if (b.length > 0) b[pos] = rng.uniform() < 0.3 ? 0 : 0x80 + int(rng, 128);
        break;
      default: // swap two bytes
        if (b.length > 2) {
          const q = int(rng, b.length);
          [b[pos], b[q]] = [b[q], b[pos]];
        }
    }
  }
  return b;
}

function randomInput(rng: Rng): Uint8Array {
  const n = int(rng, 600);
  if (rng.uniform() < 0.3) {
    const b = new Uint8Array(n);
    for (let i = 0; i < n; i++) b[i] = int(rng, 256);
    return b;
  }
  const alphabet = ['0', '1', '5', '9', '.', ',', ';', '\t', '|', '"', '\n', '\r\n', ' ', '-', '/', ':', 'a', 'Z', '%', 'K', 'M', '$', '€', '年', 'é', 'null', 'Close', 'Date'];
  let s = '';
  for (let i = 0; i < n; i++) s += alphabet[int(rng, alphabet.length)];
  return enc(s);
}

function checkResult(r: ParseResult): void {
  if (!r.ok) {
    expect(KINDS).toContain(r.error.kind);
    expect(r.error.params.internal, String(r.error.params.detail)).toBeUndefined();
    return;
  }
  const t = r.table;
  expect(t.rows).toBeGreaterThanOrEqual(2);
  expect(t.columns.length).toBeGreaterThan(0);
  expect(t.columns).toContain(t.target);
  for (const c of t.columns) {
    expect(t.values[c].length).toBe(t.rows);
    for (const v of t.values[c]) if (!Number.isFinite(v)) expect.unreachable(`non-finite ${v} in ${c}`);
  }
  const d = t.dropReasons;
  expect(t.dropped).toBe(d.missingDate + d.missingTarget + d.ragged + d.unparsableDate);
  if (t.dates !== null) {
    expect(t.dates.length).toBe(t.rows);
    for (let i = 1; i < t.dates.length; i++) if (t.dates[i] < t.dates[i - 1]) expect.unreachable(`dates out of order at ${i}`);
  }
  for (const row of t.preview) for (const cell of row) expect(typeof cell).toBe('string');
  // The table is always usable downstream: a dataset or a typed error, never an exception.
  const ds = makeDataset(t, { target: t.target, features: t.columns, window: 3, horizon: 1, transform: 'logret', trainFraction: 0.7, scaling: 'train-only' });
  if (!ds.ok) expect(['window-too-long', 'nonpositive-target']).toContain(ds.error.kind);
}

describe('parseCsv fuzz (seeded)', () => {
  it('3000 mutated files never throw and give a table or a typed error', () => {
    const rng = createRng(20240611);
    const seeds = bases();
    const kinds = new Map<string, number>();
    for (let i = 0; i < 3000; i++) {
      const input = mutate(seeds[i % seeds.length], rng);
      let r: ParseResult | undefined;
      expect(() => (r = parseCsv(input))).not.toThrow();
      checkResult(r as ParseResult);
      const k = r!.ok ? 'ok' : r!.error.kind;
      kinds.set(k, (kinds.get(k) ?? 0) + 1);
    }
    // The mutations reach both outcomes, not just one.
    expect(kinds.get('ok') ?? 0).toBeGreaterThan(500);
    expect(3000 - (kinds.get('ok') ?? 0)).toBeGreaterThan(100);
  });

  it('2000 random inputs never throw and give a table or a typed error', () => {
    const rng = createRng(7);
    for (let i = 0; i < 2000; i++) {
      const input = randomInput(rng);
      let r: ParseResult | undefined;
      expect(() => (r = parseCsv(input))).not.toThrow();
      checkResult(r as ParseResult);
    }
  });
});
