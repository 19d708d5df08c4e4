// Gradient check: the hand-written BPTT (Float64) against central finite
// differences of the loss (Float64) and against tfjs autodiff (float32 on the
// current tf backend).
//
// Relative error, per parameter tensor: ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂), with 0
// when both are exactly zero (e.g. a ReLU layer that is off everywhere). Per
// tensor rather than per entry, so that an entry that is tiny next to its
// neighbours (where finite differences and float32 carry only absolute
// accuracy) does not dominate; the report is the largest over W, U, b, V, c.
import { bptt, lossOf } from '../model/bptt.ts';
import { tfLossAndGrads } from '../engine/tf-rnn.ts';
import type { Activation, Grads, LossMode, ParamName, RnnParams, Sequences } from '../model/types.ts';
import { PARAM_NAMES } from '../model/types.ts';

export interface GradCheckResult {
  maxRelErrorFd: number;
  maxRelErrorTf: number;
  perParam: Record<ParamName, { fd: number; tf: number }>;
}

/** Central-difference step: balances truncation (∝ ε²) against rounding (∝ 1e−16/ε). */
export const FD_STEP = 1e-5;

export function tensorRelError(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`tensorRelError: lengths ${a.length} and ${b.length} differ`);
  let diff = 0, na = 0, nb = 0;
  for (let i = 0; i < a.length; i++) {
    diff += (a[i] - b[i]) ** 2;
    na += a[i] ** 2;
    nb += b[i] ** 2;
  }
  const denom = Math.sqrt(Math.max(na, nb));
  if (denom === 0) return 0;
  return Math.sqrt(diff) / denom;
}

/** ∂L/∂θ for every parameter entry by (L(θ + ε) − L(θ − ε)) / 2ε. */
export function finiteDifferenceGrads(p: RnnParams, seq: Sequences, y: Float64Array, act: Activation, mode: LossMode, eps = FD_STEP): Grads {
  const out = {} as Grads;
  for (const name of PARAM_NAMES) {
    const values = p[name];
    const g = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const keep = values[i];
      const step = eps * Math.max(1, Math.abs(keep));
      values[i] = keep + step;
      const up = lossOf(p, seq, y, act, mode);
      values[i] = keep - step;
      const down = lossOf(p, seq, y, act, mode);
      values[i] = keep;
      g[i] = (up - down) / (2 * step);
    }
    out[name] = g;
  }
  return out;
}

export async function gradientCheck(p: RnnParams, seq: Sequences, y: Float64Array, act: Activation, mode: LossMode): Promise<GradCheckResult> {
  const hand = bptt(p, seq, y, act, mode).grads;
  // Perturb a private copy so the caller's arrays are never touched, even transiently.
  const copy: RnnParams = { ...p, W: p.W.slice(), U: p.U.slice(), b: p.b.slice(), V: p.V.slice(), c: p.c.slice() };
  const fd = finiteDifferenceGrads(copy, seq, y, act, mode);
  const viaTf = (await tfLossAndGrads(p, seq, y, act, mode)).grads;
  const perParam = {} as GradCheckResult['perParam'];
  let maxRelErrorFd = 0, maxRelErrorTf = 0;
  for (const name of PARAM_NAMES) {
    const e = { fd: tensorRelError(hand[name], fd[name]), tf: tensorRelError(hand[name], viaTf[name]) };
    perParam[name] = e;
    maxRelErrorFd = Math.max(maxRelErrorFd, e.fd);
    maxRelErrorTf = Math.max(maxRelErrorTf, e.tf);
  }
  return { maxRelErrorFd, maxRelErrorTf, perParam };
}
