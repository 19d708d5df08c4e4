// How far a computed array is from a reference one. One owner for the three
// rules the checks use:
//
//   maxRelError       elementwise |a − b| / max(|a|, |b|): the Float64
//                     reference against PyTorch (1e-9), and per-k profiles
//                     (norms over k that span many decades) on float32 paths;
//   maxFieldRelError  elementwise error over max(|b|, floor · max_field |b|):
//                     float32 tensors (states, outputs, gradients). An entry far
//                     below its field's largest carries float32 rounding of the
//                     field's scale, not of its own, so it is judged on
//                     floor · max|b|; every entry above that floor is held to the
//                     full relative tolerance (a gradient 10 % off on such an
//                     entry fails);
//   maxScaledError    max |a − b| / max |b|: one number per vector, used where
//                     two float32 computations are compared with each other;
//   maxStepRelError   maxFieldRelError of how far training moved float32
//                     weights (w − w₀). A float32 weight's move is known only
//                     to about an ulp of the weight per step, so each entry's
//                     floor is also raised to 2 ulps per step ÷ the tolerance:
//                     rounding of the weights passes, a wrong or missing update
//                     of any entry that moved more than that fails.

/** Tolerance of Float64 paths against the PyTorch fixtures (relative, per entry). */
export const FLOAT64_TOLERANCE = 1e-9;
/** Tolerance of float32 paths (maxFieldRelError for tensors, maxRelError for per-k profiles). */
export const FLOAT32_TOLERANCE = 1e-3;
/** Below this fraction of a field's largest magnitude an entry is judged on that fraction. */
export const FLOAT32_FLOOR = 1e-3;

/**
 * Largest elementwise |a − b| / max(|a|, |b|, floor). The floor (default
 * 1e-300, none in practice) only guards 0/0; entries equal in both give 0.
 * Different lengths or a NaN give Infinity.
 */
export function maxRelError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = 1e-300): number {
  if (actual.length !== expected.length) return Infinity;
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i], b = expected[i];
    if (a === b) continue;
    const err = Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b), floor);
    if (!(err <= worst)) worst = Number.isNaN(err) ? Infinity : err;
  }
  return worst;
}

/** Largest |a_i − b_i| / max(|b_i|, floor · max_j |b_j|); 0 for an all-zero match, Infinity on NaN or a length mismatch. */
export function maxFieldRelError(actual: ArrayLike<number>, expected: ArrayLike<number>, floor = FLOAT32_FLOOR): number {
  if (actual.length !== expected.length) return Infinity;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  const least = Math.max(floor * scale, 1e-300);
  let worst = 0;
  for (let i = 0; i < actual.length; i++) {
    const diff = Math.abs(actual[i] - expected[i]);
    if (diff === 0) continue;
    const err = diff / Math.max(Math.abs(expected[i]), least);
    if (!(err <= worst)) worst = Number.isNaN(err) ? Infinity : err;
  }
  return worst;
}

/** max_i |a_i − b_i| / max_i |b_i| (the denominator floored at 1e-12). */
export function maxScaledError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  let scale = 0;
  let err = 0;
  for (let i = 0; i < a.length; i++) {
    scale = Math.max(scale, Math.abs(b[i]));
    err = Math.max(err, Math.abs(a[i] - b[i]));
  }
  return err / Math.max(scale, 1e-12);
}

/** Relative spacing of float32 numbers (2⁻²³). */
const F32_EPS = 2 ** -23;

/**
 * Largest error of a float32 weight update: moved = w − w₀ against the
 * reference's expected move, each entry judged relative to
 * max(|expected|, floor · max |expected|, 2 · steps · ulp(w) / tolerance).
 */
export function maxStepRelError(
  moved: ArrayLike<number>,
  expected: ArrayLike<number>,
  weights: ArrayLike<number>,
  steps: number,
  floor = FLOAT32_FLOOR,
  tolerance = FLOAT32_TOLERANCE,
): number {
  if (moved.length !== expected.length || weights.length !== expected.length) return Infinity;
  let scale = 0;
  for (let i = 0; i < expected.length; i++) scale = Math.max(scale, Math.abs(expected[i]));
  const least = Math.max(floor * scale, 1e-300);
  let worst = 0;
  for (let i = 0; i < moved.length; i++) {
    const diff = Math.abs(moved[i] - expected[i]);
    if (diff === 0) continue;
    const err = diff / Math.max(Math.abs(expected[i]), least, (2 * steps * F32_EPS * Math.abs(weights[i])) / tolerance);
    if (!(err <= worst)) worst = Number.isNaN(err) ? Infinity : err;
  }
  return worst;
}
