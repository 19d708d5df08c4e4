// The LSTM cell in PyTorch's conventions, forward and backward, on
// Float64Array. Gates stacked i, f, g, o in weight_ih (4H×F), weight_hh
// (4H×H), bias_ih and bias_hh (4H); h(0) = c(0) = 0:
//
//   a(t) = W_ih x(t) + b_ih + W_hh h(t−1) + b_hh          (4H: a_i, a_f, a_g, a_o)
//   i = σ(a_i),  f = σ(a_f),  g = tanh(a_g),  o = σ(a_o)
//   c(t) = f ⊙ c(t−1) + i ⊙ g,    h(t) = o ⊙ tanh(c(t)),    ŷ(t) = V h(t) + c_out
//
// Backward from t = T, with ∂L/∂h(t) and ∂L/∂c(t) the total derivatives:
//
//   ∂L/∂h(t) = Vᵀ ∂L^(t)/∂ŷ(t) + W_hhᵀ δ(t+1)
//   ∂L/∂c(t) = ∂L/∂h(t) ⊙ o ⊙ (1 − tanh²c(t)) + ∂L/∂c(t+1) ⊙ f(t+1)
//   δ(t) = ∂L/∂a(t):  δ_i = ∂L/∂c ⊙ g ⊙ i(1 − i)       δ_f = ∂L/∂c ⊙ c(t−1) ⊙ f(1 − f)
//                     δ_g = ∂L/∂c ⊙ i ⊙ (1 − g²)        δ_o = ∂L/∂h ⊙ tanh c(t) ⊙ o(1 − o)
//   ∂L/∂W_ih = Σ_t δ(t) x(t)ᵀ,  ∂L/∂W_hh = Σ_t δ(t) h(t−1)ᵀ,  ∂L/∂b_ih = ∂L/∂b_hh = Σ_t δ(t).
//
// The cell-state path ∂c(t)/∂c(t−1) = diag(f(t)) is the term that lets a
// gradient cross many steps undiminished — while the forget gates stay near 1.
import { sigmoid, type GatedGrads, type GatedParams } from './cells.ts';
import { readout, readoutBackward, totalLoss } from './readout.ts';
import { firstStepBack, stepNorms } from './bptt.ts';
import type { LossMode, Sequences } from './types.ts';

export interface LstmPass {
  N: number;
  T: number;
  /** the gates i, f, g, o after their nonlinearity: N×T×4H */
  gates: Float64Array;
  /** cell states c(1..T): N×T×H */
  c: Float64Array;
  /** hidden states h(1..T): N×T×H */
  h: Float64Array;
  /** outputs ŷ(1..T): N×T×O */
  o: Float64Array;
}

/**
 * One step for one sample: from x(t) (length F), h(t−1) and c(t−1) (length H),
 * writes the gates (4H), c(t) and h(t). `at` offsets each array.
 */
export function lstmStep(
  p: GatedParams,
  x: Float64Array, xAt: number,
  hPrev: Float64Array | null, prevAt: number, cPrev: Float64Array | null,
  gates: Float64Array, gAt: number,
  c: Float64Array, h: Float64Array, at: number,
): void {
  const { F, H, weight_ih: Wi, weight_hh: Wh, bias_ih: bi, bias_hh: bh } = p;
  for (let r = 0; r < 4 * H; r++) {
    let s = bi[r] + bh[r];
    for (let f = 0; f < F; f++) s += Wi[r * F + f] * x[xAt + f];
    if (hPrev) for (let j = 0; j < H; j++) s += Wh[r * H + j] * hPrev[prevAt + j];
    gates[gAt + r] = r >= 2 * H && r < 3 * H ? Math.tanh(s) : sigmoid(s);
  }
  for (let j = 0; j < H; j++) {
    const i = gates[gAt + j], f = gates[gAt + H + j], g = gates[gAt + 2 * H + j], o = gates[gAt + 3 * H + j];
    const cj = f * (cPrev ? cPrev[prevAt + j] : 0) + i * g;
    c[at + j] = cj;
    h[at + j] = o * Math.tanh(cj);
  }
}

export function lstmForward(p: GatedParams, seq: Sequences): LstmPass {
  const { F, H } = p;
  const { N, T, x } = seq;
  if (p.cell !== 'lstm') throw new Error(`lstmForward: parameters of a ${p.cell}`);
  if (x.length !== N * T * F) throw new RangeError(`lstm: x has ${x.length} entries, expected N·T·F = ${N * T * F}`);
  const gates = new Float64Array(N * T * 4 * H);
  const c = new Float64Array(N * T * H);
  const h = new Float64Array(N * T * H);
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      const at = (n * T + t) * H;
      const prev = t > 0 ? at - H : 0;
      lstmStep(p, x, (n * T + t) * F, t > 0 ? h : null, prev, t > 0 ? c : null, gates, (n * T + t) * 4 * H, c, h, at);
    }
  }
  return { N, T, gates, c, h, o: readout(p, h, N, T) };
}

export interface GatedBackward {
  loss: number;
  grads: GatedGrads;
  /** N×T×H: the total derivative ∂L/∂h(k) */
  dLdh: Float64Array;
  /** length T: Frobenius norm over the batch of ∂L/∂h(k) */
  dLdhNorm: Float64Array;
}

export interface LstmBackward extends GatedBackward {
  pass: LstmPass;
  /** N×T×H: the total derivative ∂L/∂c(k) */
  dLdc: Float64Array;
  dLdcNorm: Float64Array;
}

export function zeroGatedGrads(p: GatedParams): GatedGrads {
  const G = p.weight_hh.length / p.H;
  return {
    weight_ih: new Float64Array(G * p.F),
    weight_hh: new Float64Array(G * p.H),
    bias_ih: new Float64Array(G),
    bias_hh: new Float64Array(G),
    V: new Float64Array(p.O * p.H),
    c: new Float64Array(p.O),
  };
}

export function lstmLoss(p: GatedParams, seq: Sequences, y: Float64Array, mode: LossMode): number {
  return totalLoss(lstmForward(p, seq).o, y, seq.N, seq.T, p.O, mode);
}

/**
 * Loss, gradients and the total derivatives ∂L/∂h(k), ∂L/∂c(k), by the
 * hand-written backward pass above; `truncate` K > 0 stops it K steps back
 * from T (h(T−K) and c(T−K) taken as constants; many-to-one).
 */
export function lstmBackward(p: GatedParams, seq: Sequences, y: Float64Array, mode: LossMode, truncate = 0): LstmBackward {
  const { F, H, weight_hh: Wh } = p;
  const { N, T, x } = seq;
  const first = firstStepBack(T, mode, truncate);
  const pass = lstmForward(p, seq);
  const { gates, c, h, o } = pass;
  const loss = totalLoss(o, y, N, T, p.O, mode);
  const grads = zeroGatedGrads(p);
  const dLdh = new Float64Array(N * T * H);
  const dLdc = new Float64Array(N * T * H);
  const delta = new Float64Array(4 * H); // δ(t+1) while computing step t, then δ(t)
  const fNext = new Float64Array(H); // f(t+1)
  const dh = new Float64Array(H);

  for (let n = 0; n < N; n++) {
    for (let t = T - 1; t >= first; t--) {
      const at = (n * T + t) * H;
      const gAt = (n * T + t) * 4 * H;
      // ∂L/∂h(t) = Vᵀ ∂L^(t)/∂ŷ(t) + W_hhᵀ δ(t+1)
      readoutBackward(p, o, y, h, n, t, N, T, mode, grads, dh);
      for (let j = 0; j < H; j++) {
        let s = dh[j];
        if (t < T - 1) for (let r = 0; r < 4 * H; r++) s += Wh[r * H + j] * delta[r];
        dLdh[at + j] = s;
      }
      // ∂L/∂c(t) = ∂L/∂h(t) ⊙ o ⊙ (1 − tanh²c(t)) + ∂L/∂c(t+1) ⊙ f(t+1)
      for (let j = 0; j < H; j++) {
        const o_ = gates[gAt + 3 * H + j];
        const tc = Math.tanh(c[at + j]);
        dLdc[at + j] = dLdh[at + j] * o_ * (1 - tc * tc) + (t < T - 1 ? dLdc[at + H + j] * fNext[j] : 0);
      }
      // δ(t), and the shared parameters' terms
      for (let j = 0; j < H; j++) {
        const i = gates[gAt + j], f = gates[gAt + H + j], g = gates[gAt + 2 * H + j], o_ = gates[gAt + 3 * H + j];
        const dc = dLdc[at + j];
        const cPrev = t > 0 ? c[at - H + j] : 0;
        delta[j] = dc * g * i * (1 - i);
        delta[H + j] = dc * cPrev * f * (1 - f);
        delta[2 * H + j] = dc * i * (1 - g * g);
        delta[3 * H + j] = dLdh[at + j] * Math.tanh(c[at + j]) * o_ * (1 - o_);
        fNext[j] = f;
      }
      const xt = (n * T + t) * F;
      for (let r = 0; r < 4 * H; r++) {
        const d = delta[r];
        grads.bias_ih[r] += d;
        grads.bias_hh[r] += d;
        for (let k = 0; k < F; k++) grads.weight_ih[r * F + k] += d * x[xt + k];
        if (t > 0) for (let j = 0; j < H; j++) grads.weight_hh[r * H + j] += d * h[at - H + j];
      }
    }
  }
  return { loss, grads, pass, dLdh, dLdc, dLdhNorm: stepNorms(dLdh, N, T, H), dLdcNorm: stepNorms(dLdc, N, T, H) };
}
