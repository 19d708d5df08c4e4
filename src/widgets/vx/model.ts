// The numbers of the vanishing/exploding widget, as a pure function of its
// settings (runs in Node for the tests and in a worker on the page). Every
// piece of arithmetic is a call into src/model; this module only wires the
// experiment together:
//   W: N(0, 1/H) entries (seeded), rescaled to spectral radius ρ;
//   U: PyTorch-style uniform, b = 0;
//   x(t) ~ N(0, input²) (seeded), so the input scale sets how hard tanh saturates;
//   ‖∂h(T)/∂h(k)‖₂ for k = 1..T along that sequence, with the reference
//   (ρ·γ)^(T−k) and the bound (‖W‖₂·γ)^(T−k).
import { MAX_DERIVATIVE, meanDerivative } from '../../model/activation.ts';
import { eigenvalues } from '../../model/eigen.ts';
import { initParams } from '../../model/init.ts';
import { jacobianLog10Norms } from '../../model/jacobian.ts';
import { fastZetaKernels } from '../../engine/wasm-zeta.ts';
import { createRng, deriveSeed } from '../../model/random.ts';
import { forward } from '../../model/rnn.ts';
import type { CellName } from '../../model/cells.ts';
import type { Activation, RnnParams, Sequences } from '../../model/types.ts';
import { computeGated, type GatedSeries } from './gated.ts';

export interface VxSettings {
  rho: number;
  steps: number;
  input: number;
  act: Activation;
  hidden: number;
  clip: boolean;
  /** Clipping threshold θ on the gradient norm. */
  clipAt: number;
  seed: number;
  /** The cell beside the simple one (gated.ts); absent or 'rnn': the simple cell alone. */
  cell?: CellName;
  /** LSTM: forget-gate bias added at initialisation. */
  forgetBias?: number;
}

/** Input features per step. */
export const VX_FEATURES = 4;
/** The input stream is independent of the parameter streams (see deriveSeed). */
const INPUT_STREAM = 101;

export interface VxResult {
  settings: VxSettings;
  /** Index j = T − k (j = 0..T−1): log10 ‖∂h(T)/∂h(k)‖₂ (−Infinity when exactly 0). */
  log10Spectral: Float64Array;
  /** The same with Frobenius norms. */
  log10Frobenius: Float64Array;
  /** log10 of (ρ·γ)^(T−k). */
  log10Reference: Float64Array;
  /** log10 of (‖W‖₂·γ)^(T−k), the upper bound. */
  log10Bound: Float64Array;
  /** log10 ‖∂h(T)/∂h(1)‖₂ — the read-out. */
  readoutLog10: number;
  eigen: { re: Float64Array; im: Float64Array };
  /** Largest eigenvalue modulus of W (equals ρ up to rounding). */
  largestModulus: number;
  /** ‖W‖₂. */
  normW: number;
  gamma: number;
  /** Mean of σ′(a(t)) over all units and steps: 1 = no saturation. */
  meanDerivative: number;
  clip: ClipResult | null;
  /** The chosen gated cell on the same inputs, or null for the simple cell. */
  gated: GatedSeries | null;
}

/** log10 ‖∂s(T)/∂s(1)‖₂ of the chosen cell: what the read-out reports. */
export function chosenReadoutLog10(r: VxResult): number {
  return r.gated ? r.gated.readoutLog10 : r.readoutLog10;
}

export interface ClipResult {
  /** log10 ‖g‖ of the stacked Jacobian g = ∂h(T)/∂(h(1), …, h(T)) (Frobenius). */
  log10GradNorm: number;
  /** log10 of the factor min(1, θ/‖g‖) every term is multiplied by. */
  log10Factor: number;
  /** log10 ‖∂h(T)/∂h(k)‖₂ after clipping, index j = T − k. */
  log10Clipped: Float64Array;
}

export function vxParams(s: VxSettings): RnnParams {
  const p = initParams({ F: VX_FEATURES, H: s.hidden, O: 1 }, { seed: s.seed, recurrent: 'normal', spectralRadius: s.rho });
  return { ...p, b: new Float64Array(s.hidden) };
}

export function vxInputs(s: VxSettings): Sequences {
  const rng = createRng(deriveSeed(s.seed, INPUT_STREAM));
  const x = new Float64Array(s.steps * VX_FEATURES);
  for (let i = 0; i < x.length; i++) x[i] = s.input * rng.normal();
  return { N: 1, T: s.steps, x };
}

/** log10 √(Σ 10^(2·l)) computed without leaving double range. */
export function log10RootSumSquares(logs: ArrayLike<number>): number {
  let top = -Infinity;
  for (let i = 0; i < logs.length; i++) if (logs[i] > top) top = logs[i];
  if (top === -Infinity || !Number.isFinite(top)) return top;
  let s = 0;
  for (let i = 0; i < logs.length; i++) s += 10 ** (2 * (logs[i] - top));
  return top + 0.5 * Math.log10(s);
}

/** log10 of the clip factor min(1, θ/‖g‖) given log10 ‖g‖. */
export function log10ClipFactor(log10GradNorm: number, clipAt: number): number {
  return Math.min(0, Math.log10(clipAt) - log10GradNorm);
}

/**
 * ‖W‖₂ as ‖∂h(2)/∂h(1)‖₂ of a linear RNN (that Jacobian is W itself), which
 * the reference ζ-norm path computes in ~0.2 ms at H = 64, against ~10 ms for the
 * general spectralNorm (Jacobi on WᵀW). The two agree to rounding (tested).
 */
export function spectralNormFast(W: Float64Array, H: number): number {
  return 10 ** jacobianLog10Norms(W, H, new Float64Array(2 * H), 2, 'linear').spectral[0];
}

/** Reverse a k-indexed array (index k−1) into a (T−k)-indexed one (index T−k). */
function byDistance(values: Float64Array): Float64Array {
  const T = values.length;
  const out = new Float64Array(T);
  for (let k = 1; k <= T; k++) out[T - k] = values[k - 1];
  return out;
}

export function computeVx(s: VxSettings): VxResult {
  const p = vxParams(s);
  const seq = vxInputs(s);
  const pass = forward(p, seq, s.act);
  const norms = jacobianLog10Norms(p.W, p.H, pass.a, s.steps, s.act, { kernels: fastZetaKernels() });
  const log10Spectral = byDistance(norms.spectral);
  const log10Frobenius = byDistance(norms.frobenius);
  const eigen = eigenvalues(p.W, p.H);
  let largestModulus = 0;
  for (let i = 0; i < p.H; i++) largestModulus = Math.max(largestModulus, Math.hypot(eigen.re[i], eigen.im[i]));
  const normW = spectralNormFast(p.W, p.H);
  const gamma = MAX_DERIVATIVE[s.act];
  const refRate = Math.log10(s.rho * gamma);
  const boundRate = Math.log10(normW * gamma);
  const log10Reference = new Float64Array(s.steps);
  const log10Bound = new Float64Array(s.steps);
  for (let j = 0; j < s.steps; j++) {
    log10Reference[j] = j === 0 ? 0 : j * refRate;
    log10Bound[j] = j === 0 ? 0 : j * boundRate;
  }
  let clip: ClipResult | null = null;
  if (s.clip) {
    const log10GradNorm = log10RootSumSquares(norms.frobenius);
    const log10Factor = log10ClipFactor(log10GradNorm, s.clipAt);
    clip = { log10GradNorm, log10Factor, log10Clipped: log10Spectral.map((v) => v + log10Factor) };
  }
  return {
    settings: { ...s },
    log10Spectral,
    log10Frobenius,
    log10Reference,
    log10Bound,
    readoutLog10: norms.spectral[0],
    eigen,
    largestModulus,
    normW,
    gamma,
    meanDerivative: meanDerivative(pass.a, s.act),
    clip,
    gated: s.cell && s.cell !== 'rnn' ? computeGated(s.cell, seq, { hidden: s.hidden, seed: s.seed, forgetBias: s.forgetBias ?? 0 }) : null,
  };
}
