import { describe, expect, it } from 'vitest';
import { bandOutline, fullDomain, futureEnd, futurePath, futureYDomain, nearestFuture, type FutureSeries } from './future-lines.ts';

const DAY = 86_400_000;
/** Three steps a day apart after a last row at day 10 (value 100); the third has no band. */
const f: FutureSeries = {
  originX: 10 * DAY,
  originValue: 100,
  points: [
    { x: 11 * DAY, model: 101, low: 98, high: 104, persistence: 100, persistenceLow: 97, persistenceHigh: 103 },
    { x: 12 * DAY, model: 102, low: 96, high: 107, persistence: 100, persistenceLow: 95, persistenceHigh: 105 },
    { x: 15 * DAY, model: 103, low: NaN, high: NaN, persistence: 100, persistenceLow: NaN, persistenceHigh: NaN },
  ],
};

describe('the future layer, pure', () => {
  it('the x axis runs on half a mean step past the last future step', () => {
    expect(futureEnd(f)).toBe(15 * DAY + (0.5 * 5 * DAY) / 3);
    expect(fullDomain([0, 10 * DAY], f)).toEqual([0, futureEnd(f)]);
    expect(fullDomain([0, 10 * DAY], null)).toEqual([0, 10 * DAY]);
    expect(fullDomain([0, 10 * DAY], { ...f, points: [] })).toEqual([0, 10 * DAY]);
  });

  it('bands start at the last row with no width and stop at the first step without one; lines go through every step', () => {
    expect(bandOutline(f, 'model')).toEqual([
      [10 * DAY, 100, 100],
      [11 * DAY, 98, 104],
      [12 * DAY, 96, 107],
    ]);
    expect(bandOutline(f, 'persistence').map((p) => p[2])).toEqual([100, 103, 105]);
    expect(bandOutline({ ...f, points: [f.points[2]] }, 'model')).toEqual([]);
    expect(futurePath(f, 'model')).toEqual([
      [10 * DAY, 100],
      [11 * DAY, 101],
      [12 * DAY, 102],
      [15 * DAY, 103],
    ]);
    expect(futurePath(f, 'persistence').every(([, v]) => v === 100)).toBe(true);
  });

  it('the y range takes in the steps in view, but not values more than a span beyond the data', () => {
    expect(futureYDomain([99, 101], null, [0, 20 * DAY])).toEqual([99, 101]);
    const [lo, hi] = futureYDomain([90, 105], f, [0, 20 * DAY]);
    expect(lo).toBe(90);
    expect(hi).toBeCloseTo(107 + 0.03 * 17, 12);
    expect(futureYDomain([90, 110], f, [0, 20 * DAY])).toEqual([90, 110]);
    // Out of the x window: no change.
    expect(futureYDomain([90, 100], f, [0, 10 * DAY])).toEqual([90, 100]);
    // A wild forecast (more than a span above the data) is left out.
    const wild: FutureSeries = { ...f, points: [{ ...f.points[0], model: 1e6, high: 2e6 }] };
    const [, top] = futureYDomain([90, 110], wild, [0, 20 * DAY]);
    expect(top).toBeCloseTo(110, 12);
  });

  it('a pointer points at the nearest step once past half-way from the last row', () => {
    expect(nearestFuture(f, 10.4 * DAY)).toBe(-1);
    expect(nearestFuture(f, 10.6 * DAY)).toBe(0);
    expect(nearestFuture(f, 11.6 * DAY)).toBe(1);
    expect(nearestFuture(f, 13.4 * DAY)).toBe(1);
    expect(nearestFuture(f, 13.6 * DAY)).toBe(2);
    expect(nearestFuture(f, 99 * DAY)).toBe(2);
    expect(nearestFuture(null, 11 * DAY)).toBe(-1);
  });
});
