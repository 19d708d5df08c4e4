import { describe, expect, it } from 'vitest';
import { nearestRow, predictionLines, predictionYDomain, valueAtRow, type LineSeries } from './prediction-lines.ts';

/** Ten rows at x = 0..9, actual = 10 + x; train windows forecast rows 2..5, test rows 6..9. */
function series(): LineSeries {
  const x = Float64Array.from({ length: 10 }, (_, i) => i);
  return {
    x,
    actual: x.map((v) => 10 + v),
    trainRows: Int32Array.of(2, 3, 4, 5),
    testRows: Int32Array.of(6, 7, 8, 9),
    persistence: Float64Array.of(15, 16, 17, 18),
  };
}
const rows = Int32Array.from({ length: 10 }, (_, i) => i);
const everything = (lines: { rows: ArrayLike<number> }[]) => lines.map((l) => Array.from({ length: l.rows.length }, (_, i) => i));

describe('forecast chart lines', () => {
  it('draws the forecasts it has, then persistence, then the actual series last', () => {
    expect(predictionLines(series(), rows, null, null).map((l) => l.key)).toEqual(['persistence', 'actual']);
    expect(predictionLines(series(), rows, new Float64Array(4), new Float64Array(4)).map((l) => l.key)).toEqual(['train', 'test', 'persistence', 'actual']);
  });

  it('the y range follows the data; forecasts within one span widen it', () => {
    const lines = predictionLines(series(), rows, Float64Array.of(12, 13, 14, 25), Float64Array.of(16, 17, 18, 19));
    // data 10..19 (span 9); the forecast 25 is within one span, so the range is 10..25, padded 5 %
    expect(predictionYDomain(lines, everything(lines), series().x, [0, 9])).toEqual([10 - 0.75, 25 + 0.75]);
  });

  it('a forecast that has gone wild is left out of the range (clipped at the edge)', () => {
    const lines = predictionLines(series(), rows, Float64Array.of(12, 13, 14, 1e6), Float64Array.of(16, 17, -1e6, NaN));
    const [lo, hi] = predictionYDomain(lines, everything(lines), series().x, [0, 9]);
    expect(lo).toBeCloseTo(10 - 0.45);
    expect(hi).toBeCloseTo(19 + 0.45);
  });

  it('only the points inside the zoomed window count', () => {
    const lines = predictionLines(series(), rows, null, null);
    expect(predictionYDomain(lines, everything(lines), series().x, [0, 3])).toEqual([10 - 0.15, 13 + 0.15]);
  });

  it('an empty or constant window still gets a usable range', () => {
    const s = { ...series(), actual: new Float64Array(10).fill(NaN), persistence: new Float64Array(4).fill(NaN) };
    const lines = predictionLines(s, rows, null, null);
    expect(predictionYDomain(lines, everything(lines), s.x, [0, 9])).toEqual([-0.05, 1.05]);
    const flat = { ...series(), actual: new Float64Array(10).fill(5), persistence: new Float64Array(4).fill(5) };
    const fl = predictionLines(flat, rows, null, null);
    expect(predictionYDomain(fl, everything(fl), flat.x, [0, 9])).toEqual([5 - 0.25, 5 + 0.25]);
  });

  it('hit-testing: the nearest row to a pointer, and the window that forecasts a row', () => {
    const xs = Float64Array.of(0, 10, 20, 40);
    expect(nearestRow(xs, -5)).toBe(0);
    expect(nearestRow(xs, 4)).toBe(0);
    expect(nearestRow(xs, 6)).toBe(1);
    expect(nearestRow(xs, 31)).toBe(3);
    expect(nearestRow(xs, 1e9)).toBe(3);
    const s = series();
    expect(valueAtRow(s.testRows, s.persistence, 7)).toBe(16);
    expect(valueAtRow(s.testRows, s.persistence, 5)).toBeNaN();
    expect(valueAtRow(s.testRows, s.persistence, 10)).toBeNaN();
    expect(valueAtRow(s.testRows, null, 7)).toBeNaN();
  });
});
