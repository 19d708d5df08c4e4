// Parse-time measurement on a generated daily export (Yahoo-like: a date and
// six numeric columns). Pure: runs in Node (scripts/bench-parse.mjs) or a page.
import Papa from 'papaparse';
import { createRng } from '../model/random.ts';
import { civilFromDays } from './dates.ts';
import { parseCsv } from './csv.ts';

export const BENCH_ROWS = 200_000;

/** A deterministic CSV of `rows` daily rows: Date,Open,High,Low,Close,Adj Close,Volume. */
export function makeBenchCsv(rows: number, seed = 1): Uint8Array {
  const rng = createRng(seed);
  const parts: string[] = ['Date,Open,High,Low,Close,Adj Close,Volume'];
  // Log price mean-reverting around ln 100, so every row has about the same width.
  let logPrice = Math.log(100);
  let price = 100;
  const day0 = 3650; // 1979-12-30
  for (let i = 0; i < rows; i++) {
    const [y, m, d] = civilFromDays(day0 + i);
    const open = price;
    logPrice = Math.log(100) + 0.995 * (logPrice - Math.log(100)) + 0.01 * rng.normal();
    price = Math.exp(logPrice);
    const high = Math.max(open, price) * (1 + 0.005 * rng.uniform());
    const low = Math.min(open, price) * (1 - 0.005 * rng.uniform());
    const volume = Math.floor(1e6 + 1e6 * rng.uniform());
    const date = `${y}-${m < 10 ? '0' : ''}${m}-${d < 10 ? '0' : ''}${d}`;
    parts.push(`${date},${open.toFixed(6)},${high.toFixed(6)},${low.toFixed(6)},${price.toFixed(6)},${price.toFixed(6)},${volume}`);
  }
  return new TextEncoder().encode(parts.join('\n') + '\n');
}

let cached: { rows: number; bytes: Uint8Array } | null = null;

/** CPU time of this process in ms where the platform tells it (Node), else null. */
function cpuNow(): number | null {
  const proc = (globalThis as { process?: { cpuUsage?: () => { user: number; system: number } } }).process;
  if (typeof proc?.cpuUsage !== 'function') return null;
  const u = proc.cpuUsage();
  return (u.user + u.system) / 1000;
}

/**
 * Times one parseCsv of the generated file (generated once, outside the
 * timing): wall-clock ms, and in Node the process's CPU ms (all threads,
 * garbage collector included), which a busy shared machine disturbs less.
 */
export function benchParse(rows = BENCH_ROWS): { rows: number; ms: number; cpuMs: number | null; bytes: number } {
  if (cached === null || cached.rows !== rows) cached = { rows, bytes: makeBenchCsv(rows) };
  const c0 = cpuNow();
  const t0 = performance.now();
  const r = parseCsv(cached.bytes);
  const ms = performance.now() - t0;
  const c1 = cpuNow();
  if (!r.ok) throw new Error(`benchmark file did not parse: ${r.error.kind}`);
  return { rows: r.table.rows, ms, cpuMs: c0 === null || c1 === null ? null : c1 - c0, bytes: cached.bytes.length };
}

/**
 * The reference the parse is held to: papaparse's bare parse of the same
 * bytes (decoded as UTF-8, default settings: it detects the delimiter itself),
 * and the same with the delimiter given (its fastest way to split this file).
 * Rows only: no numbers, dates, checks or ordering.
 */
export function benchPapaparse(rows = BENCH_ROWS): { bareMs: number; delimiterMs: number; rows: number } {
  if (cached === null || cached.rows !== rows) cached = { rows, bytes: makeBenchCsv(rows) };
  let t0 = performance.now();
  const bare = Papa.parse<string[]>(new TextDecoder().decode(cached.bytes));
  const bareMs = performance.now() - t0;
  t0 = performance.now();
  Papa.parse<string[]>(new TextDecoder().decode(cached.bytes), { delimiter: ',' });
  const delimiterMs = performance.now() - t0;
  return { bareMs, delimiterMs, rows: bare.data.length };
}
