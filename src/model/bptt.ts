// Backpropagation through time on Float64Array, as the article writes it.
// Going backward from t = T, the total derivative ∂L/∂h(t) collects the
// output's own term and what flows back from step t+1:
//   ∂L/∂h(t) = Vᵀ ∂L^(t)/∂o(t) + (diag(σ′(a(t+1))) W)ᵀ ∂L/∂h(t+1),
//   δ(t) = ∂L/∂a(t) = σ′(a(t)) ⊙ ∂L/∂h(t),
// and the parameters shared across time sum their contributions:
//   ∂L/∂V = Σ_t ∂L^(t)/∂o(t) h(t)ᵀ,   ∂L/∂c = Σ_t ∂L^(t)/∂o(t),
//   ∂L/∂W = Σ_t δ(t) h(t−1)ᵀ,   ∂L/∂U = Σ_t δ(t) x(t)ᵀ,   ∂L/∂b = Σ_t δ(t).
// Truncated BPTT (many-to-one) keeps only the last K steps of these sums:
// h(T−K) is taken as a constant, so nothing flows back past it.
import { derivativeAt } from './activation.ts';
import { lossPerStep, outputGradient } from './loss.ts';
import { forward } from './rnn.ts';
import type { Activation, ForwardPass, Grads, LossMode, RnnParams, Sequences } from './types.ts';

export interface BpttResult {
  loss: number;
  grads: Grads;
  pass: ForwardPass;
  /** N×T×H: total derivative ∂L/∂h(k). */
  dLdh: Float64Array;
  /** Length T, index k−1: Frobenius norm over the batch (N×H) of ∂L/∂h(k). */
  dLdhNorm: Float64Array;
}

export function lossOf(p: RnnParams, seq: Sequences, y: Float64Array, act: Activation, mode: LossMode): number {
  const pass = forward(p, seq, act);
  return lossPerStep(pass.o, y, seq.N, seq.T, p.O, mode).reduce((s, v) => s + v, 0);
}

/** `truncate` K > 0: truncated BPTT, the gradient flows back K steps from T (many-to-one only); 0 = full. */
export function bptt(p: RnnParams, seq: Sequences, y: Float64Array, act: Activation, mode: LossMode, truncate = 0): BpttResult {
  const { F, H, O, W, V } = p;
  const { N, T, x } = seq;
  const first = firstStepBack(T, mode, truncate);
  const pass = forward(p, seq, act);
  const { a, h, o } = pass;
  const loss = lossPerStep(o, y, N, T, O, mode).reduce((s, v) => s + v, 0);
  const grads: Grads = {
    W: new Float64Array(H * H),
    U: new Float64Array(H * F),
    b: new Float64Array(H),
    V: new Float64Array(O * H),
    c: new Float64Array(O),
  };
  const dLdh = new Float64Array(N * T * H);
  const gO = new Float64Array(O);
  const delta = new Float64Array(H); // δ(t+1) while computing step t, then δ(t)

  for (let n = 0; n < N; n++) {
    delta.fill(0); // nothing flows back from beyond T
    for (let t = T - 1; t >= first; t--) {
      const ht = (n * T + t) * H;
      // ∂L/∂h(t) = (diag(σ′(a(t+1))) W)ᵀ ∂L/∂h(t+1) = Wᵀ δ(t+1) ...
      for (let j = 0; j < H; j++) {
        let s = 0;
        if (t < T - 1) for (let i = 0; i < H; i++) s += W[i * H + j] * delta[i];
        dLdh[ht + j] = s;
      }
      // ... + Vᵀ ∂L^(t)/∂o(t)
      if (outputGradient(o, y, n, t, N, T, O, mode, gO)) {
        for (let k = 0; k < O; k++) {
          grads.c[k] += gO[k];
          for (let j = 0; j < H; j++) {
            grads.V[k * H + j] += gO[k] * h[ht + j];
            dLdh[ht + j] += V[k * H + j] * gO[k];
          }
        }
      }
      // δ(t) = σ′(a(t)) ⊙ ∂L/∂h(t), and the shared parameters' terms.
      const xt = (n * T + t) * F;
      for (let i = 0; i < H; i++) {
        const d = derivativeAt(act, a[ht + i]) * dLdh[ht + i];
        delta[i] = d;
        grads.b[i] += d;
        for (let f = 0; f < F; f++) grads.U[i * F + f] += d * x[xt + f];
        if (t > 0) for (let j = 0; j < H; j++) grads.W[i * H + j] += d * h[ht - H + j];
      }
    }
  }
  return { loss, grads, pass, dLdh, dLdhNorm: stepNorms(dLdh, N, T, H) };
}

/**
 * The earliest step (0-based) the backward pass reaches: 0, or T − K with
 * truncated BPTT over K steps (many-to-one; K ≥ T is full BPTT).
 */
export function firstStepBack(T: number, mode: LossMode, truncate: number): number {
  if (!(Number.isInteger(truncate) && truncate >= 0)) throw new RangeError(`truncate must be a whole number of steps ≥ 0, got ${truncate}`);
  if (truncate === 0) return 0;
  if (mode !== 'many-to-one') throw new RangeError('truncated BPTT is defined here for the many-to-one loss');
  return Math.max(0, T - truncate);
}

/** Frobenius norm over the batch of an N×T×H array, for each t. */
export function stepNorms(v: Float64Array, N: number, T: number, H: number): Float64Array {
  const out = new Float64Array(T);
  for (let n = 0; n < N; n++) for (let t = 0; t < T; t++) {
    const off = (n * T + t) * H;
    for (let i = 0; i < H; i++) out[t] += v[off + i] * v[off + i];
  }
  return out.map(Math.sqrt);
}

/**
 * T×T row-major: entry (t−1)·T + (k−1) = ‖∂L^(t)/∂h(k)‖ (Frobenius over the
 * batch) for k ≤ t, else 0 — how much the loss at step t reaches back to the
 * state at step k. Many-to-one: only t = T is non-zero. O(T²·N·H²).
 */
export function pairGradNorms(p: RnnParams, pass: ForwardPass, y: Float64Array, act: Activation, mode: LossMode): Float64Array {
  const { H, O, W, V } = p;
  const { N, T, a, o } = pass;
  const out = new Float64Array(T * T);
  const gO = new Float64Array(O);
  const g = new Float64Array(H);
  const prev = new Float64Array(H);
  for (let t = 0; t < T; t++) {
    if (mode === 'many-to-one' && t !== T - 1) continue;
    for (let n = 0; n < N; n++) {
      outputGradient(o, y, n, t, N, T, O, mode, gO);
      // ∂L^(t)/∂h(t) = Vᵀ ∂L^(t)/∂o(t)
      for (let j = 0; j < H; j++) {
        let s = 0;
        for (let k = 0; k < O; k++) s += V[k * H + j] * gO[k];
        g[j] = s;
      }
      for (let k = t; k >= 0; k--) {
        let sq = 0;
        for (let j = 0; j < H; j++) sq += g[j] * g[j];
        out[t * T + k] += sq;
        if (k === 0) break;
        // ∂L^(t)/∂h(k−1) = Wᵀ (σ′(a(k)) ⊙ ∂L^(t)/∂h(k))
        const ak = (n * T + k) * H;
        for (let i = 0; i < H; i++) prev[i] = derivativeAt(act, a[ak + i]) * g[i];
        for (let j = 0; j < H; j++) {
          let s = 0;
          for (let i = 0; i < H; i++) s += W[i * H + j] * prev[i];
          g[j] = s;
        }
      }
    }
  }
  return out.map(Math.sqrt);
}
