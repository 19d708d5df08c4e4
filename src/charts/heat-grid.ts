// The pure part of the heat map (heatmap.ts): the colour domain, where each
// value sits on it, which cells exist, keyboard moves that skip missing
// cells, and which axis ticks to label. No DOM.

export interface Grid {
  rows: number;
  cols: number;
  /** rows × cols, row-major; NaN marks a missing cell. */
  values: ArrayLike<number>;
}

export interface Cell {
  row: number;
  col: number;
}

/** The colour-scale domain of the finite values (log10 when `log`). */
export function heatDomain(values: ArrayLike<number>, log: boolean): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    const raw = values[i];
    if (Number.isNaN(raw)) continue;
    const v = log ? (raw > 0 ? Math.log10(raw) : NaN) : raw;
    if (!Number.isFinite(v)) continue;
    if (v < lo) lo = v;
    if (v > hi) hi = v;
  }
  if (lo === Infinity) return [0, 1];
  if (hi === lo) return [lo - 0.5, hi + 0.5];
  return [lo, hi];
}

/** Where `v` sits on the colour scale, 0…1 (clamped; values ≤ 0 on a log scale get 0). */
export function colourPosition(v: number, domain: [number, number], log: boolean): number {
  const t = log ? (v > 0 ? Math.log10(v) : -Infinity) : v;
  const u = (Math.max(domain[0], Math.min(domain[1], t)) - domain[0]) / (domain[1] - domain[0]);
  return Number.isFinite(u) ? u : 0;
}

export function valueAt(g: Grid, r: number, c: number): number {
  return g.values[r * g.cols + c];
}

export function exists(g: Grid, r: number, c: number): boolean {
  return r >= 0 && c >= 0 && r < g.rows && c < g.cols && !Number.isNaN(valueAt(g, r, c));
}

/** The existing cell nearest to (r, c) (clamped into the grid; Manhattan distance, first in row order on ties), or null. */
export function nearestCell(g: Grid, r: number, c: number): Cell | null {
  r = Math.max(0, Math.min(g.rows - 1, r));
  c = Math.max(0, Math.min(g.cols - 1, c));
  if (exists(g, r, c)) return { row: r, col: c };
  let best: Cell | null = null;
  let bestD = Infinity;
  for (let i = 0; i < g.rows; i++) {
    for (let j = 0; j < g.cols; j++) {
      if (!exists(g, i, j)) continue;
      const d = Math.abs(i - r) + Math.abs(j - c);
      if (d < bestD) {
        bestD = d;
        best = { row: i, col: j };
      }
    }
  }
  return best;
}

export const ARROW_MOVES: Readonly<Record<string, [number, number]>> = { ArrowUp: [-1, 0], ArrowDown: [1, 0], ArrowLeft: [0, -1], ArrowRight: [0, 1] };

/** One arrow-key step from `from`, jumping over missing cells; `from` itself when nothing exists that way. */
export function stepCell(g: Grid, from: Cell, dr: number, dc: number): Cell {
  let r = from.row + dr;
  let c = from.col + dc;
  while (r >= 0 && c >= 0 && r < g.rows && c < g.cols && !exists(g, r, c)) {
    r += dr;
    c += dc;
  }
  return exists(g, r, c) ? { row: r, col: c } : from;
}

/** Indices 0…n−1 to label on an axis of cells `cell` px wide: every k-th, so labels (~22 px) never collide, and the last. */
export function tickIndices(n: number, cell: number): number[] {
  const every = Math.max(1, Math.ceil(22 / cell));
  return Array.from({ length: n }, (_, i) => i).filter((i) => i % every === 0 || i === n - 1);
}
