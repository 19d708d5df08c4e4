// The state Jacobians of the gated cells, ∂s(T)/∂s(k), and their norms
// (jacobian-product.ts does the product). One step at a time:
//
// LSTM, s = (h, c) stacked into 2H, with W_hi, W_hf, W_hg, W_ho the gate
// blocks of weight_hh and every gate taken at step t:
//   ∂c(t)/∂h(t−1) = diag(g ⊙ i(1−i)) W_hi + diag(c(t−1) ⊙ f(1−f)) W_hf + diag(i ⊙ (1−g²)) W_hg
//   ∂c(t)/∂c(t−1) = diag(f)                       ← the constant-error path
//   ∂h(t)/∂h(t−1) = diag(tanh c(t) ⊙ o(1−o)) W_ho + diag(o ⊙ (1 − tanh²c(t))) ∂c(t)/∂h(t−1)
//   ∂h(t)/∂c(t−1) = diag(o ⊙ (1 − tanh²c(t)) ⊙ f)
//
// GRU, s = h, with W_hr, W_hz, W_hn the gate blocks and hn = W_hn h(t−1) + b_hn:
//   ∂h(t)/∂h(t−1) = diag(z) + diag((h(t−1) − n) ⊙ z(1−z)) W_hz
//                 + diag((1−z) ⊙ (1−n²)) (diag(r) W_hn + diag(hn ⊙ r(1−r)) W_hr)
import type { GatedParams } from './cells.ts';
import { gruForward, type GruPass } from './gru.ts';
import { fromLog10, productLog10Norms, type JacobianNorms, type JacobianOptions, type StepJacobianFill } from './jacobian-product.ts';
import { lstmForward, type LstmPass } from './lstm.ts';
import type { Sequences } from './types.ts';

/** Size of the state s: 2H for the LSTM (h and c), H for the GRU. */
export function stateSize(p: GatedParams): number {
  return p.cell === 'lstm' ? 2 * p.H : p.H;
}

function lstmFill(p: GatedParams, pass: LstmPass, sample: number): StepJacobianFill {
  const { H, weight_hh: Wh } = p;
  const T = pass.T;
  return (t, J, n, scale) => {
    const at = (sample * T + t - 1) * H; // c(t), 0-based row t−1
    const gAt = (sample * T + t - 1) * 4 * H;
    for (let j = 0; j < H; j++) {
      const i = pass.gates[gAt + j], f = pass.gates[gAt + H + j], g = pass.gates[gAt + 2 * H + j], o = pass.gates[gAt + 3 * H + j];
      const tc = Math.tanh(pass.c[at + j]);
      const cPrev = pass.c[at - H + j];
      const ci = g * i * (1 - i), cf = cPrev * f * (1 - f), cg = i * (1 - g * g);
      const dhdc = o * (1 - tc * tc);
      const ho = tc * o * (1 - o);
      const hRow = j * n, cRow = (H + j) * n;
      for (let k = 0; k < H; k++) {
        const dc = ci * Wh[j * H + k] + cf * Wh[(H + j) * H + k] + cg * Wh[(2 * H + j) * H + k];
        J[cRow + k] = scale * dc;
        J[hRow + k] = scale * (ho * Wh[(3 * H + j) * H + k] + dhdc * dc);
        J[cRow + H + k] = 0;
        J[hRow + H + k] = 0;
      }
      J[cRow + H + j] = scale * f;
      J[hRow + H + j] = scale * dhdc * f;
    }
  };
}

function gruFill(p: GatedParams, pass: GruPass, sample: number): StepJacobianFill {
  const { H, weight_hh: Wh } = p;
  const T = pass.T;
  return (t, J, n, scale) => {
    const at = (sample * T + t - 1) * H;
    const gAt = (sample * T + t - 1) * 3 * H;
    for (let j = 0; j < H; j++) {
      const r = pass.gates[gAt + j], z = pass.gates[gAt + H + j], nn = pass.gates[gAt + 2 * H + j];
      const hPrev = pass.h[at - H + j];
      const az = (hPrev - nn) * z * (1 - z);
      const dn = (1 - z) * (1 - nn * nn);
      const an = dn * r;
      const ar = dn * pass.hn[at + j] * r * (1 - r);
      for (let k = 0; k < H; k++) {
        J[j * n + k] = scale * (az * Wh[(H + j) * H + k] + an * Wh[(2 * H + j) * H + k] + ar * Wh[j * H + k]);
      }
      J[j * n + j] += scale * z;
    }
  };
}

/** log10 norms of ∂s(T)/∂s(k), k = 1..T, for sample `n` of a forward pass of p's cell. */
export function gatedJacobianLog10Norms(p: GatedParams, pass: LstmPass | GruPass, sample: number, opts?: JacobianOptions): JacobianNorms {
  if (sample < 0 || sample >= pass.N) throw new RangeError(`sample ${sample} out of range 0..${pass.N - 1}`);
  const fill = p.cell === 'lstm' ? lstmFill(p, pass as LstmPass, sample) : gruFill(p, pass as GruPass, sample);
  return productLog10Norms(stateSize(p), pass.T, fill, opts);
}

/** The forward pass of p's cell (lstm.ts or gru.ts). */
export function gatedForward(p: GatedParams, seq: Sequences): LstmPass | GruPass {
  return p.cell === 'lstm' ? lstmForward(p, seq) : gruForward(p, seq);
}

/** Norms of ∂s(T)/∂s(k) for the sequence x (T×F, one sample): what the lab and the trainer's gradient panel plot. */
export function stateJacobianNorms(p: GatedParams, x: Float64Array, T: number, opts?: JacobianOptions): JacobianNorms {
  return fromLog10(stateJacobianLog10Norms(p, x, T, opts));
}

/** The same in log10, for products beyond double range. */
export function stateJacobianLog10Norms(p: GatedParams, x: Float64Array, T: number, opts?: JacobianOptions): JacobianNorms {
  return gatedJacobianLog10Norms(p, gatedForward(p, { N: 1, T, x }), 0, opts);
}

/**
 * The one-step Jacobian ∂s(t)/∂s(t−1) (S×S row-major, t = 2..T) of sample 0
 * of a pass, written out densely: for tests and for widgets that show it.
 */
export function gatedStepJacobian(p: GatedParams, pass: LstmPass | GruPass, t: number, sample = 0): Float64Array {
  const S = stateSize(p);
  const J = new Float64Array(S * S);
  const fill = p.cell === 'lstm' ? lstmFill(p, pass as LstmPass, sample) : gruFill(p, pass as GruPass, sample);
  fill(t, J, S, 1);
  return J;
}
