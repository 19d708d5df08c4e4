// Backpropagation through time on Float64Array, in the text's notation
// (section 4; the table at the end of section 2): g(t) = ∂L^(t)/∂o(t) is the
// output error, δ(t) = ∂L/∂h(t) the total derivative with respect to the
// state, ε(t) = ∂L/∂a(t) the one with respect to the pre-activation. Going
// backward from t = T, δ(t) collects the output's own term and what flows
// back from step t+1:
//   δ(t) = Vᵀ g(t) + Wᵀ ε(t+1),   ε(T+1) = 0,
//   ε(t) = σ′(a(t)) ⊙ δ(t),
// and the parameters shared across time sum their contributions:
//   ∂L/∂V = Σ_t g(t) h(t)ᵀ,   ∂L/∂c = Σ_t g(t),
//   ∂L/∂W = Σ_t ε(t) h(t−1)ᵀ,   ∂L/∂U = Σ_t ε(t) x(t)ᵀ,   ∂L/∂b = Σ_t ε(t).
// The loss is the fixtures' mean squared error (loss.ts), so g(t) carries the
// factor 2/(N·O) of a mean without the ½.
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
  /** N×T×H: total derivative δ(k) = ∂L/∂h(k). */
  dLdh: Float64Array;
  /** Length T, index k−1: Frobenius norm over the batch (N×H) of δ(k) = ∂L/∂h(k). */
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
  const eps = new Float64Array(H); // ε(t+1) while computing step t, then ε(t)

  for (let n = 0; n < N; n++) {
    eps.fill(0); // ε(T+1) = 0: nothing flows back from beyond T
    for (let t = T - 1; t >= first; t--) {
      const ht = (n * T + t) * H;
      // δ(t) = (diag(σ′(a(t+1))) W)ᵀ δ(t+1) = Wᵀ ε(t+1) ...
      for (let j = 0; j < H; j++) {
        let s = 0;
        if (t < T - 1) for (let i = 0; i < H; i++) s += W[i * H + j] * eps[i];
        dLdh[ht + j] = s;
      }
      // ... + Vᵀ g(t), with g(t) = ∂L^(t)/∂o(t)
      if (outputGradient(o, y, n, t, N, T, O, mode, gO)) {
        for (let k = 0; k < O; k++) {
          grads.c[k] += gO[k];
          for (let j = 0; j < H; j++) {
            grads.V[k * H + j] += gO[k] * h[ht + j];
            dLdh[ht + j] += V[k * H + j] * gO[k];
          }
        }
      }
      // ε(t) = σ′(a(t)) ⊙ δ(t), and the shared parameters' terms.
      const xt = (n * T + t) * F;
      for (let i = 0; i < H; i++) {
        const d = derivativeAt(act, a[ht + i]) * dLdh[ht + i];
        eps[i] = d;
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
        // ∂L^(t)/∂h(k−1) = ζ(k)ᵀ ∂L^(t)/∂h(k) = Wᵀ (σ′(a(k)) ⊙ ∂L^(t)/∂h(k))
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
