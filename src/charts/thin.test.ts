import { describe, expect, test } from 'vitest';
import { thin } from './thin.ts';

describe('thin', () => {
  const rows = Int32Array.from({ length: 10 }, (_, i) => i);
  const xs = Float64Array.from({ length: 10 }, (_, i) => i);

  test('keeps first, lowest, highest and last of each pixel column, in order', () => {
    // Two columns: x 0..4 → column 0, x 5..9 → column 1.
    const ys = Float64Array.from([5, 1, 9, 3, 4, 0, 7, 2, 8, 6]);
    expect(thin(rows, xs, ys, 0, 9, (x) => x / 5)).toEqual([0, 1, 2, 4, 5, 8, 9]);
  });

  test('a window takes one point either side, and non-finite values are kept as breaks', () => {
    const ys = Float64Array.from([0, 1, 2, NaN, 4, 5, 6, 7, 8, 9]);
    expect(thin(rows, xs, ys, 3, 5, (x) => x)).toEqual([2, 3, 4, 5, 6]);
  });
});
