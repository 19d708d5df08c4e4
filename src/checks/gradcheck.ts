// Gradient check: the hand-written backward pass (Float64) against central
// finite differences of the loss (Float64) and against tfjs autodiff
// (float32 on the current tf backend), for any of the three cells.
//
// Relative error, per parameter tensor: ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂), with 0
// when both are exactly zero (e.g. a ReLU layer that is off everywhere). Per
// tensor rather than per entry, so that an entry that is tiny next to its
// neighbours (where finite differences and float32 carry only absolute
// accuracy) does not dominate; the report is the largest over the tensors.
import { cellBackward, cellLoss } from '../model/cell-reference.ts';
import { cellOf, copyParams, paramArrays, paramNames, type CellParams, type GatedParams } from '../model/cells.ts';
import { tfLossAndGrads } from '../engine/tf-rnn.ts';
import { tfGatedLossAndGrads } from '../engine/tf-gated.ts';
import type { Activation, Grads, LossMode, ParamName, RnnParams, Sequences } from '../model/types.ts';

export interface CellGradCheckResult {
  maxRelErrorFd: number;
  maxRelErrorTf: number;
  /** by parameter name: W, U, b, V, c (simple cell) or weight_ih, weight_hh, bias_ih, bias_hh, V, c */
  perParam: Record<string, { fd: number; tf: number }>;
}

/** The simple cell's result, keyed by its five parameters. */
export interface GradCheckResult extends CellGradCheckResult {
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

/** ∂L/∂θ for every parameter entry of any cell by (L(θ + ε) − L(θ − ε)) / 2ε. Perturbs p's arrays in place (restored). */
export function finiteDifferenceCellGrads(p: CellParams, seq: Sequences, y: Float64Array, mode: LossMode, act: Activation = 'tanh', eps = FD_STEP): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  for (const [name, values] of Object.entries(paramArrays(p))) {
    const g = new Float64Array(values.length);
    for (let i = 0; i < values.length; i++) {
      const keep = values[i];
      const step = eps * Math.max(1, Math.abs(keep));
      values[i] = keep + step;
      const up = cellLoss(p, seq, y, mode, act);
      values[i] = keep - step;
      const down = cellLoss(p, seq, y, mode, act);
      values[i] = keep;
      g[i] = (up - down) / (2 * step);
    }
    out[name] = g;
  }
  return out;
}

/** The simple cell's finite differences (as before: same arguments, same order). */
export function finiteDifferenceGrads(p: RnnParams, seq: Sequences, y: Float64Array, act: Activation, mode: LossMode, eps = FD_STEP): Grads {
  return finiteDifferenceCellGrads(p, seq, y, mode, act, eps) as Grads;
}

/** tfjs autodiff of p's cell (float32, current backend). */
async function autodiffGrads(p: CellParams, seq: Sequences, y: Float64Array, mode: LossMode, act: Activation): Promise<Record<string, Float64Array>> {
  if (cellOf(p) === 'rnn') return { ...(await tfLossAndGrads(p as RnnParams, seq, y, act, mode)).grads };
  return { ...(await tfGatedLossAndGrads(p as GatedParams, seq, y, mode)).grads };
}

/** Hand backward pass vs finite differences and vs tfjs autodiff, for any cell (`act`: the simple cell's σ). */
export async function gradientCheckCell(p: CellParams, seq: Sequences, y: Float64Array, mode: LossMode, act: Activation = 'tanh'): Promise<CellGradCheckResult> {
  const hand = cellBackward(p, seq, y, mode, act).grads;
  // Perturb a private copy so the caller's arrays are never touched, even transiently.
  const fd = finiteDifferenceCellGrads(copyParams(p), seq, y, mode, act);
  const viaTf = await autodiffGrads(p, seq, y, mode, act);
  const perParam: CellGradCheckResult['perParam'] = {};
  let maxRelErrorFd = 0, maxRelErrorTf = 0;
  for (const name of paramNames(cellOf(p))) {
    const e = { fd: tensorRelError(hand[name], fd[name]), tf: tensorRelError(hand[name], viaTf[name]) };
    perParam[name] = e;
    maxRelErrorFd = Math.max(maxRelErrorFd, e.fd);
    maxRelErrorTf = Math.max(maxRelErrorTf, e.tf);
  }
  return { maxRelErrorFd, maxRelErrorTf, perParam };
}

/** The simple cell's gradient check (the page's original API). */
export async function gradientCheck(p: RnnParams, seq: Sequences, y: Float64Array, act: Activation, mode: LossMode): Promise<GradCheckResult> {
  return (await gradientCheckCell(p, seq, y, mode, act)) as GradCheckResult;
}
