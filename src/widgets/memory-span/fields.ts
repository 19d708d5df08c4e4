// The memory-span experiment's URL state (`?span.seed=2&span.forgetBias=5…`),
// what a prose link (`#try/memory-span?seed=1&forgetBias=5&rows=2000&epochs=40&lr=0.01`)
// writes into it, and the driver's settings those fields describe. The
// defaults are the driver's own (MEMORY_SPAN_DEFAULTS). Pure: no DOM.
import { MIN_WINDOWS, windowCounts } from '../../data/dataset.ts';
import type { FieldSpec, Values } from '../../state/store.ts';
import { MEMORY_SPAN_DEFAULTS, type MemorySpanSettings, type SpanCurve } from '../../train/memory-span-settings.ts';

const D = MEMORY_SPAN_DEFAULTS;

/** The forget-gate bias of the defaults' biased LSTM curve (the one curve the reader tunes). */
const DEFAULT_FORGET_BIAS = D.curves.find((c) => c.cell === 'lstm' && (c.forgetBias ?? 0) !== 0)?.forgetBias ?? 3;

/** Longest lag and most lags a run may have. */
export const MAX_LAG = 200;
export const MAX_LAGS = 12;

export const SPAN_FIELDS = {
  seed: { kind: 'number', default: D.seed, min: 0, max: 4294967295, integer: true },
  forgetBias: { kind: 'number', default: DEFAULT_FORGET_BIAS, min: 0, max: 5 },
  rows: { kind: 'number', default: D.rows, min: 100, max: 10000, integer: true },
  epochs: { kind: 'number', default: D.epochs, min: 1, max: 200, integer: true },
  lr: { kind: 'number', default: D.lr, min: 0.0001, max: 0.1 },
  /** Comma-separated lags, e.g. "5,10,20". */
  lags: { kind: 'string', default: D.lags.join(',') },
} as const satisfies Record<string, FieldSpec>;

export type SpanFields = Values<typeof SPAN_FIELDS>;

/** Lags as written ("5, 10,20"): integers 1 … MAX_LAG, sorted, each once; null when that is not what was written. */
export function parseLags(raw: string): number[] | null {
  const parts = raw.split(/[\s,，、]+/).filter(Boolean);
  if (parts.length === 0 || parts.length > MAX_LAGS) return null;
  const lags = parts.map(Number);
  if (lags.some((L) => !Number.isInteger(L) || L < 1 || L > MAX_LAG)) return null;
  return [...new Set(lags)].sort((a, b) => a - b);
}

/** The four curves: the simple cell, the LSTM as PyTorch starts it, the LSTM with forget-gate bias b, the GRU (b = 0 drops the third). */
export function spanCurves(forgetBias: number): SpanCurve[] {
  const curves = D.curves.map((c): SpanCurve => (c.cell === 'lstm' && (c.forgetBias ?? 0) !== 0 ? { cell: 'lstm', forgetBias } : { ...c }));
  const same = (a: SpanCurve, b: SpanCurve) => a.cell === b.cell && (a.forgetBias ?? 0) === (b.forgetBias ?? 0);
  return curves.filter((c, i) => i === curves.findIndex((d) => same(c, d)));
}

/** Fewest rows that leave every split MIN_WINDOWS windows at lag L (the driver's split). */
export function minRowsFor(lag: number, trainFraction = D.trainFraction): number {
  let rows = lag + 2;
  for (;;) {
    const c = windowCounts(rows, lag, 1, 'level', trainFraction);
    if (c.train >= MIN_WINDOWS && c.test >= MIN_WINDOWS) return rows;
    rows++;
  }
}

export type SpanSettingsProblem = { kind: 'lags'; raw: string } | { kind: 'rows'; lag: number; rows: number; needed: number };

/** The driver's settings for the fields, or why there are none. */
export function spanSettings(f: SpanFields): { ok: true; settings: MemorySpanSettings } | { ok: false; problem: SpanSettingsProblem } {
  const lags = parseLags(f.lags);
  if (!lags) return { ok: false, problem: { kind: 'lags', raw: f.lags } };
  const longest = lags[lags.length - 1];
  const needed = minRowsFor(longest);
  if (f.rows < needed) return { ok: false, problem: { kind: 'rows', lag: longest, rows: f.rows, needed } };
  return {
    ok: true,
    settings: { ...D, curves: spanCurves(f.forgetBias), lags, rows: f.rows, epochs: f.epochs, lr: f.lr, seed: f.seed },
  };
}
