// The pure part of the forecast chart's future layer (future-layer.ts): the
// steps past the last row on the chart's own x axis, the outlines of their
// bands, how far they stretch the axes, and hit-testing a pointer against
// them. No DOM.

/** One step past the data: its x (ms since 1970, or the row number) and values in the target's units (NaN without a band). */
export interface FuturePoint {
  x: number;
  model: number;
  low: number;
  high: number;
  persistence: number;
  persistenceLow: number;
  persistenceHigh: number;
}

/** The steps past the data, drawn from the last row (its x and value), where every path starts. */
export interface FutureSeries {
  originX: number;
  originValue: number;
  points: FuturePoint[];
}

/** Where the x axis ends with the future in view: half a step (the steps' mean spacing) past the last one, so its dot and band are not cut at the edge. */
export function futureEnd(f: FutureSeries): number {
  const n = f.points.length;
  const last = f.points[n - 1].x;
  return last + (0.5 * (last - f.originX)) / n;
}

/** The x range the chart shows without zoom: the data's, stretched past the last future step. */
export function fullDomain(dataDomain: [number, number], f: FutureSeries | null): [number, number] {
  if (!f || f.points.length === 0) return dataDomain;
  return [dataDomain[0], Math.max(dataDomain[1], futureEnd(f))];
}

/** A band's outline from the last row (zero width there) through every step that has one: [x, low, high]. */
export function bandOutline(f: FutureSeries, which: 'model' | 'persistence'): [number, number, number][] {
  const out: [number, number, number][] = [[f.originX, f.originValue, f.originValue]];
  for (const p of f.points) {
    const lo = which === 'model' ? p.low : p.persistenceLow;
    const hi = which === 'model' ? p.high : p.persistenceHigh;
    if (!Number.isFinite(lo) || !Number.isFinite(hi)) break;
    out.push([p.x, lo, hi]);
  }
  return out.length > 1 ? out : [];
}

/** A line from the last row through the steps: [x, value]. */
export function futurePath(f: FutureSeries, which: 'model' | 'persistence'): [number, number][] {
  return [[f.originX, f.originValue], ...f.points.map((p): [number, number] => [p.x, which === 'model' ? p.model : p.persistence])];
}

/**
 * The y range with the future in view: `base` (the data's, already padded)
 * stretched to the forecasts and bands of steps inside the x window `dom`,
 * but only as far as one span of `base` each way, as the data's own rule
 * does for a model that has gone wild.
 */
export function futureYDomain(base: [number, number], f: FutureSeries | null, dom: [number, number]): [number, number] {
  if (!f) return base;
  const span = base[1] - base[0] || 1;
  let [lo, hi] = base;
  for (const p of f.points) {
    if (p.x < dom[0] || p.x > dom[1]) continue;
    for (const v of [p.model, p.low, p.high, p.persistence, p.persistenceLow, p.persistenceHigh]) {
      if (!Number.isFinite(v) || v < base[0] - span || v > base[1] + span) continue;
      if (v < lo) lo = v;
      if (v > hi) hi = v;
    }
  }
  const pad = (hi - lo) * 0.03;
  return [lo < base[0] ? lo - pad : lo, hi > base[1] ? hi + pad : hi];
}

/** The future step a pointer at x `v` points at: the nearest one once past half-way from the last row to step 1; −1 before that. */
export function nearestFuture(f: FutureSeries | null, v: number): number {
  if (!f || f.points.length === 0) return -1;
  let prev = f.originX;
  for (let i = 0; i < f.points.length; i++) {
    const x = f.points[i].x;
    if (v < (prev + x) / 2) return i - 1;
    prev = x;
  }
  return f.points.length - 1;
}
