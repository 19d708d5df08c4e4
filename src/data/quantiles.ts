// Empirical quantiles and the band levels the page offers.
//
// Definition (Hyndman & Fan 1996, definition 7; R's default, numpy.quantile's
// 'linear'): for n sorted values x[0] ≤ … ≤ x[n−1] and 0 ≤ p ≤ 1,
//   h = (n − 1)·p,  Q(p) = x[⌊h⌋] + (h − ⌊h⌋)·(x[⌊h⌋ + 1] − x[⌊h⌋]),
// so Q(0) is the minimum, Q(1) the maximum and Q(0.5) the usual median;
// it never reaches outside the observed range.

/** Q(p) of values already sorted ascending (definition 7 above). NaN for no values. */
export function quantileSorted(sorted: ArrayLike<number>, p: number): number {
  if (!(p >= 0 && p <= 1)) throw new RangeError(`a quantile level lies in [0, 1], got ${p}`);
  const n = sorted.length;
  if (n === 0) return NaN;
  const h = (n - 1) * p;
  const i = Math.floor(h);
  if (i >= n - 1) return sorted[n - 1];
  return sorted[i] + (h - i) * (sorted[i + 1] - sorted[i]);
}

/** Q(p) of values in any order (sorted on a copy). */
export function quantile(values: ArrayLike<number>, p: number): number {
  return quantileSorted(Float64Array.from(values).sort(), p);
}

/** Central coverages a reader can pick for a band; 0.8 is the 10–90 % band. */
export const BAND_COVERAGES = [0.5, 0.8, 0.9, 0.95] as const;
export const DEFAULT_COVERAGE = 0.8;

/** The quantile levels of a central band: 0.8 → [0.1, 0.9]. */
export function coverageLevels(coverage: number): [number, number] {
  if (!(coverage > 0 && coverage < 1)) throw new RangeError(`a coverage lies in (0, 1), got ${coverage}`);
  return [(1 - coverage) / 2, (1 + coverage) / 2];
}

/**
 * The fewest errors that can back a band of this coverage. The range from the
 * smallest to the largest of n exchangeable errors holds a new one with
 * probability (n − 1)/(n + 1); below `coverage` not even the whole observed
 * range earns the claim. So n ≥ (1 + c)/(1 − c): 3 for 50 %, 9 for 80 %,
 * 19 for 90 %, 39 for 95 %.
 */
export function minErrorsFor(coverage: number): number {
  coverageLevels(coverage);
  return Math.ceil((1 + coverage) / (1 - coverage) - 1e-9);
}
