// The squared-error losses of ../shared/fixtures/README.md and their
// derivative with respect to the outputs o(t):
//   many-to-one:  L = mean_{n,j} (o_nj(T) − y_nj)²,         y is N×O
//   many-to-many: L = Σ_t mean_{n,j} (o_nj(t) − y_nj(t))²,  y is N×T×O
import type { LossMode } from './types.ts';

/** The one list of loss modes (the type LossMode is read off it). */
export const LOSS_MODES = ['many-to-many', 'many-to-one'] as const;

export function targetLength(N: number, T: number, O: number, mode: LossMode): number {
  return mode === 'many-to-one' ? N * O : N * T * O;
}

/** Index into y of target (n, t, j), or −1 when o(t) has no target (many-to-one, t < T). t is 0-based. */
export function targetIndex(n: number, t: number, j: number, T: number, O: number, mode: LossMode): number {
  if (mode === 'many-to-many') return (n * T + t) * O + j;
  return t === T - 1 ? n * O + j : -1;
}

/** L^(t) for each t (0-based), given outputs o (N×T×O). */
export function lossPerStep(o: Float64Array, y: Float64Array, N: number, T: number, O: number, mode: LossMode): Float64Array {
  if (y.length !== targetLength(N, T, O, mode)) throw new RangeError(`loss: y has ${y.length} entries, expected ${targetLength(N, T, O, mode)} for ${mode}`);
  const perStep = new Float64Array(T);
  for (let t = 0; t < T; t++) {
    if (mode === 'many-to-one' && t !== T - 1) continue;
    let s = 0;
    for (let n = 0; n < N; n++) {
      for (let j = 0; j < O; j++) {
        const d = o[(n * T + t) * O + j] - y[targetIndex(n, t, j, T, O, mode)];
        s += d * d;
      }
    }
    perStep[t] = s / (N * O);
  }
  return perStep;
}

/** ∂L^(t)/∂o(t) for sample n, written into g (length O); false when L^(t) does not depend on o(t). */
export function outputGradient(
  o: Float64Array,
  y: Float64Array,
  n: number,
  t: number,
  N: number,
  T: number,
  O: number,
  mode: LossMode,
  g: Float64Array,
): boolean {
  if (mode === 'many-to-one' && t !== T - 1) return false;
  const scale = 2 / (N * O);
  for (let j = 0; j < O; j++) g[j] = scale * (o[(n * T + t) * O + j] - y[targetIndex(n, t, j, T, O, mode)]);
  return true;
}
