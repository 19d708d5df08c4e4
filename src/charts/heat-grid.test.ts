import { describe, expect, it } from 'vitest';
import { colourPosition, exists, nearestCell, stepCell, tickIndices, type Grid } from './heat-grid.ts';

/** A 4×4 lower triangle (k ≤ t), as the BPTT heat map draws it. */
function triangle(): Grid {
  const values = new Float64Array(16).fill(NaN);
  for (let r = 0; r < 4; r++) for (let c = 0; c <= r; c++) values[r * 4 + c] = 10 ** (c - r);
  return { rows: 4, cols: 4, values };
}

describe('heat map grid', () => {
  it('knows which cells exist', () => {
    const g = triangle();
    expect(exists(g, 3, 0)).toBe(true);
    expect(exists(g, 0, 3)).toBe(false);
    expect(exists(g, -1, 0)).toBe(false);
    expect(exists(g, 4, 0)).toBe(false);
  });

  it('arrow keys jump over missing cells and stop at the edge', () => {
    const g = triangle();
    expect(stepCell(g, { row: 3, col: 0 }, 0, 1)).toEqual({ row: 3, col: 1 });
    expect(stepCell(g, { row: 1, col: 1 }, 0, 1)).toEqual({ row: 1, col: 1 }); // (1, 2) and (1, 3) are missing
    expect(stepCell(g, { row: 1, col: 1 }, 1, 0)).toEqual({ row: 2, col: 1 });
    expect(stepCell(g, { row: 0, col: 0 }, -1, 0)).toEqual({ row: 0, col: 0 });
  });

  it('finds the nearest existing cell to any position', () => {
    const g = triangle();
    expect(nearestCell(g, 0, 3)).toEqual({ row: 0, col: 0 });
    expect(nearestCell(g, 1, 3)).toEqual({ row: 1, col: 1 });
    expect(nearestCell(g, 9, -4)).toEqual({ row: 3, col: 0 });
    expect(nearestCell({ rows: 2, cols: 2, values: [NaN, NaN, NaN, NaN] }, 0, 0)).toBeNull();
  });

  it('places values on the colour scale, clamped, and on a log scale', () => {
    expect(colourPosition(5, [0, 10], false)).toBe(0.5);
    expect(colourPosition(50, [0, 10], false)).toBe(1);
    expect(colourPosition(100, [0, 4], true)).toBe(0.5);
    expect(colourPosition(0, [0, 4], true)).toBe(0);
  });

  it('labels every k-th tick so labels do not collide, and always the last', () => {
    expect(tickIndices(5, 30)).toEqual([0, 1, 2, 3, 4]);
    expect(tickIndices(10, 8)).toEqual([0, 3, 6, 9]);
    expect(tickIndices(11, 10)).toEqual([0, 3, 6, 9, 10]);
  });
});
