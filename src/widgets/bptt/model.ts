// The numbers of the BPTT heat map, from src/model: a seeded RNN with W at a
// chosen spectral radius, one input sequence x(t) ~ N(0, 1), targets
// y(t) = x(t − 2) (a task that needs memory), the many-to-many squared-error
// loss, and ‖∂L^(t)/∂h(k)‖ for every k ≤ t (pairGradNorms). For a chosen
// cell, the chain of one-step Jacobians diag(σ′(a(i))) W, i = k+1..t, that
// carries ∂L^(t)/∂h(t) back to h(k).
import { meanDerivative } from '../../model/activation.ts';
import { pairGradNorms } from '../../model/bptt.ts';
import { spectralNorm } from '../../model/eigen.ts';
import { stepJacobian as coreStepJacobian } from '../../model/jacobian.ts';
import { initParams } from '../../model/init.ts';
import { createRng, deriveSeed } from '../../model/random.ts';
import { forward } from '../../model/rnn.ts';
import type { Activation, ForwardPass, RnnParams } from '../../model/types.ts';

export interface BpttSettings {
  steps: number;
  hidden: number;
  rho: number;
  act: Activation;
  seed: number;
}

export const DELAY = 2;

export interface BpttModel {
  settings: BpttSettings;
  p: RnnParams;
  pass: ForwardPass;
  x: Float64Array;
  y: Float64Array;
  /** T×T row-major, (t−1)·T + (k−1) → ‖∂L^(t)/∂h(k)‖; NaN above the diagonal (k > t). */
  norms: Float64Array;
}

export interface PathFactor {
  /** The step i of the factor diag(σ′(a(i))) W. */
  i: number;
  /** ‖diag(σ′(a(i))) W‖₂. */
  norm: number;
  /** Mean of σ′(a(i)) over the hidden units. */
  meanDerivative: number;
}

export interface CellPath {
  t: number;
  k: number;
  /** ‖∂L^(t)/∂h(t)‖, where the chain starts. */
  start: number;
  /** ‖∂L^(t)/∂h(k)‖, where it ends (the cell's value). */
  end: number;
  /** Factors from i = t down to i = k + 1 (the order the gradient meets them). */
  factors: PathFactor[];
  /** log10 of start · Π ‖factor‖₂, an upper bound on the end. */
  log10Bound: number;
}

export function buildBpttModel(s: BpttSettings): BpttModel {
  const p = initParams({ F: 1, H: s.hidden, O: 1 }, { seed: s.seed, recurrent: 'normal', spectralRadius: s.rho });
  const rng = createRng(deriveSeed(s.seed, 301));
  const T = s.steps;
  const x = new Float64Array(T);
  for (let t = 0; t < T; t++) x[t] = rng.normal();
  const y = new Float64Array(T);
  for (let t = DELAY; t < T; t++) y[t] = x[t - DELAY];
  const pass = forward(p, { N: 1, T, x }, s.act);
  const norms = pairGradNorms(p, pass, y, s.act, 'many-to-many');
  for (let t = 0; t < T; t++) for (let k = t + 1; k < T; k++) norms[t * T + k] = NaN;
  return { settings: { ...s }, p, pass, x, y, norms };
}

/** diag(σ′(a(i))) W for step i (1-based), row-major H×H. */
export function stepJacobian(m: BpttModel, i: number): Float64Array {
  return coreStepJacobian(m.p.W, m.p.H, stepPreactivations(m, i), m.settings.act);
}

/** a(i) of the sample, 1-based step. */
function stepPreactivations(m: BpttModel, i: number): Float64Array {
  return m.pass.a.subarray((i - 1) * m.p.H, i * m.p.H);
}

/** The chain behind cell (t, k), 1-based, k ≤ t. */
export function cellPath(m: BpttModel, t: number, k: number): CellPath {
  const T = m.settings.steps;
  const H = m.p.H;
  const factors: PathFactor[] = [];
  const start = m.norms[(t - 1) * T + (t - 1)];
  let log10Bound = Math.log10(start);
  for (let i = t; i > k; i--) {
    const norm = spectralNorm(stepJacobian(m, i), H, H);
    factors.push({ i, norm, meanDerivative: meanDerivative(stepPreactivations(m, i), m.settings.act) });
    log10Bound += Math.log10(norm);
  }
  return { t, k, start, end: m.norms[(t - 1) * T + (k - 1)], factors, log10Bound };
}
