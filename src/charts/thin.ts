// Thinning a long series for drawing: per pixel column keep only the first,
// lowest, highest and last point, so the drawn line looks the same as the full
// one while a 200k-row series costs about four points per column.

/** Indices of `xs` inside [lo, hi], thinned to ≤ 4 per pixel column of `px(x)`. */
export function thin(rows: ArrayLike<number>, xs: ArrayLike<number>, ys: ArrayLike<number>, lo: number, hi: number, px: (x: number) => number): number[] {
  const out: number[] = [];
  let col = NaN;
  let first = -1;
  let min = -1;
  let max = -1;
  let last = -1;
  const flush = () => {
    if (first < 0) return;
    const pick = [first, min, max, last].filter((v, i, a) => a.indexOf(v) === i).sort((a, b) => a - b);
    out.push(...pick);
    first = -1;
  };
  // Include one point either side of the window so the line reaches the edges.
  let start = 0;
  while (start < rows.length && xs[rows[start]] < lo) start++;
  let end = rows.length - 1;
  while (end >= 0 && xs[rows[end]] > hi) end--;
  start = Math.max(0, start - 1);
  end = Math.min(rows.length - 1, end + 1);
  for (let i = start; i <= end; i++) {
    const y = ys[i];
    if (!Number.isFinite(y)) {
      flush();
      out.push(i);
      continue;
    }
    const c = Math.floor(px(xs[rows[i]]));
    if (c !== col) {
      flush();
      col = c;
      first = min = max = last = i;
    } else {
      if (y < ys[min]) min = i;
      if (y > ys[max]) max = i;
      last = i;
    }
  }
  flush();
  return out;
}
