// One number for "how far is `a` from the reference `b`": the largest absolute
// difference over the largest magnitude in `b`, so small entries of a vector
// are judged on the scale of the whole (unlike fixture.ts's elementwise
// maxRelError). Used by the fused-kernel checks (unit test and check page).

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
