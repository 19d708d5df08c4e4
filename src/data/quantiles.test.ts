import { describe, expect, it } from 'vitest';
import { BAND_COVERAGES, coverageLevels, DEFAULT_COVERAGE, minErrorsFor, quantile, quantileSorted } from './quantiles.ts';

describe('quantiles (Hyndman & Fan definition 7)', () => {
  it('interpolates between order statistics like numpy.quantile', () => {
    // numpy 1.x: np.quantile([3,1,4,1,5,9,2,6], [0, .1, .25, .5, .9, 1]) = [1, 1, 1.75, 3.5, 6.9, 9]
    const a = [3, 1, 4, 1, 5, 9, 2, 6];
    expect([0, 0.1, 0.25, 0.5, 0.9, 1].map((p) => quantile(a, p))).toEqual([1, 1, 1.75, 3.5, expect.closeTo(6.9, 12), 9]);
    expect(quantile([7], 0.3)).toBe(7);
    expect(quantile([], 0.5)).toBeNaN();
  });

  it('a multiset with a known shape: −4.5 … 4.5 each m times has Q(0.1) = −3.6 and Q(0.9) = 3.6', () => {
    // n = 10m: h = (n − 1)·0.1 = m − 0.1 falls between the last −4.5 and the first −3.5, 9/10 of the way.
    for (const m of [1, 7, 40]) {
      const sorted = Float64Array.from({ length: 10 * m }, (_, j) => -4.5 + Math.floor(j / m));
      expect(quantileSorted(sorted, 0.1)).toBeCloseTo(-3.6, 12);
      expect(quantileSorted(sorted, 0.9)).toBeCloseTo(3.6, 12);
      expect(quantileSorted(sorted, 0.5)).toBeCloseTo(0, 12);
    }
  });

  it('rejects levels outside [0, 1]', () => {
    expect(() => quantileSorted([1, 2], 1.5)).toThrow(RangeError);
    expect(() => quantileSorted([1, 2], NaN)).toThrow(RangeError);
  });
});

describe('band levels', () => {
  it('a central coverage c spans the levels (1 ∓ c)/2', () => {
    expect(DEFAULT_COVERAGE).toBe(0.8);
    expect(BAND_COVERAGES).toContain(DEFAULT_COVERAGE);
    const [a, b] = coverageLevels(0.8);
    expect(a).toBeCloseTo(0.1, 15);
    expect(b).toBeCloseTo(0.9, 15);
    expect(() => coverageLevels(1)).toThrow(RangeError);
  });

  it('needs (1 + c)/(1 − c) errors: the range of n errors covers (n − 1)/(n + 1) on average', () => {
    expect(BAND_COVERAGES.map(minErrorsFor)).toEqual([3, 9, 19, 39]);
    for (const c of BAND_COVERAGES) {
      const n = minErrorsFor(c);
      expect((n - 1) / (n + 1)).toBeGreaterThanOrEqual(c - 1e-12);
      expect((n - 2) / n).toBeLessThan(c);
    }
  });
});
