// The linear read-out shared by the gated cells, o(t) = V h(t) + c, its
// squared-error loss (loss.ts) and the first step of every backward pass:
//   ∂L/∂V = Σ_t ∂L^(t)/∂o(t) h(t)ᵀ,   ∂L/∂c = Σ_t ∂L^(t)/∂o(t),
//   ∂L/∂h(t) starts as Vᵀ ∂L^(t)/∂o(t).
import { lossPerStep, outputGradient } from './loss.ts';
import type { LossMode } from './types.ts';

export interface Readout {
  V: Float64Array;
  c: Float64Array;
  H: number;
  O: number;
}

/** o(1..T) (N×T×O) from the hidden states h (N×T×H). */
export function readout(r: Readout, h: Float64Array, N: number, T: number): Float64Array {
  const { V, c, H, O } = r;
  const o = new Float64Array(N * T * O);
  for (let nt = 0; nt < N * T; nt++) {
    for (let j = 0; j < O; j++) {
      let s = c[j];
      for (let i = 0; i < H; i++) s += V[j * H + i] * h[nt * H + i];
      o[nt * O + j] = s;
    }
  }
  return o;
}

/** L = Σ_t L^(t) (loss.ts). */
export function totalLoss(o: Float64Array, y: Float64Array, N: number, T: number, O: number, mode: LossMode): number {
  return lossPerStep(o, y, N, T, O, mode).reduce((s, v) => s + v, 0);
}

/**
 * The read-out's part of the backward pass at (n, t): adds ∂L^(t)/∂o(t) h(t)ᵀ
 * to gV and ∂L^(t)/∂o(t) to gc, and writes Vᵀ ∂L^(t)/∂o(t) into dh (length H),
 * or zeros when L^(t) does not depend on o(t).
 */
export function readoutBackward(
  r: Readout,
  o: Float64Array,
  y: Float64Array,
  h: Float64Array,
  n: number,
  t: number,
  N: number,
  T: number,
  mode: LossMode,
  grads: { V: Float64Array; c: Float64Array },
  dh: Float64Array,
): void {
  const { V, H, O } = r;
  dh.fill(0);
  const gO = new Float64Array(O);
  if (!outputGradient(o, y, n, t, N, T, O, mode, gO)) return;
  const ht = (n * T + t) * H;
  for (let k = 0; k < O; k++) {
    grads.c[k] += gO[k];
    for (let j = 0; j < H; j++) {
      grads.V[k * H + j] += gO[k] * h[ht + j];
      dh[j] += V[k * H + j] * gO[k];
    }
  }
}
