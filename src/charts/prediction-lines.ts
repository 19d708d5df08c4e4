// The pure part of the forecast chart (prediction-chart.ts): which lines it
// draws, the y-range rule, and hit-testing a pointer position against the
// rows. No DOM.
import { bisectCenter, bisectLeft } from 'd3';

export interface LineSeries {
  /** Time (or row number) of each table row, ascending. */
  x: Float64Array;
  actual: Float64Array;
  trainRows: Int32Array;
  testRows: Int32Array;
  /** Persistence forecast of each test window. */
  persistence: Float64Array;
}

export type LineKey = 'train' | 'test' | 'persistence' | 'actual';

/** One drawn line: the table rows it covers and its value at each. */
export interface Line {
  key: LineKey;
  rows: ArrayLike<number>;
  ys: ArrayLike<number>;
  color: string;
  dash: string | null;
  width: number;
}

/** Forecasts first, the actual series last and thin, so it stays visible where they agree. */
export function predictionLines(s: LineSeries, allRows: ArrayLike<number>, trainPred: Float64Array | null, testPred: Float64Array | null): Line[] {
  const lines: Line[] = [];
  if (trainPred) lines.push({ key: 'train', rows: s.trainRows, ys: trainPred, color: 'var(--accent)', dash: null, width: 2 });
  if (testPred) lines.push({ key: 'test', rows: s.testRows, ys: testPred, color: 'var(--accent-2)', dash: null, width: 2 });
  lines.push({ key: 'persistence', rows: s.testRows, ys: s.persistence, color: 'var(--muted)', dash: '5 4', width: 1.2 });
  lines.push({ key: 'actual', rows: allRows, ys: s.actual, color: 'var(--fg)', dash: null, width: 1 });
  return lines;
}

/** [lo, hi] of the finite values of `lines` (point indices `picked`) inside the x window `dom`, optionally only those within `within`. */
function valueRange(lines: Line[], picked: number[][], xs: ArrayLike<number>, dom: [number, number], keep: (k: LineKey) => boolean, within: [number, number] | null): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  lines.forEach((line, k) => {
    if (!keep(line.key)) return;
    for (const i of picked[k]) {
      const xv = xs[line.rows[i]];
      const v = line.ys[i];
      if (xv < dom[0] || xv > dom[1] || !Number.isFinite(v)) continue;
      if (within && (v < within[0] || v > within[1])) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  });
  return [lo, hi];
}

/**
 * The y range: it follows the real series (and persistence); forecasts widen
 * it only while they stay within one span of it, so a model that has gone
 * wild is clipped at the edges instead of squashing the data into a line.
 * Padded by 5 % (before the axis rounds it to nice ticks).
 */
export function predictionYDomain(lines: Line[], picked: number[][], xs: ArrayLike<number>, dom: [number, number]): [number, number] {
  let [lo, hi] = valueRange(lines, picked, xs, dom, (k) => k === 'actual' || k === 'persistence', null);
  if (lo <= hi) {
    const span = hi - lo || Math.abs(hi) || 1;
    const [flo, fhi] = valueRange(lines, picked, xs, dom, (k) => k === 'train' || k === 'test', [lo - span, hi + span]);
    if (flo < lo) lo = flo;
    if (fhi > hi) hi = fhi;
  } else [lo, hi] = [0, 1];
  const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
  return [lo - pad, hi + pad];
}

/** The row whose x is nearest to `v` (xs ascending, at least one row). */
export function nearestRow(xs: ArrayLike<number>, v: number): number {
  return Math.min(xs.length - 1, bisectCenter(xs as ArrayLike<number> & Iterable<number>, v));
}

/** The value of the window that forecasts table row `row` (rows ascending), or NaN when no window does. */
export function valueAtRow(rows: Int32Array, values: ArrayLike<number> | null, row: number): number {
  if (!values) return NaN;
  const i = bisectLeft(rows, row);
  return i < rows.length && rows[i] === row ? values[i] : NaN;
}
