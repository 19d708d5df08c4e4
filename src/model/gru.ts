// The GRU cell in PyTorch's conventions, forward and backward, on
// Float64Array. Gates stacked r, z, n in weight_ih (3H×F), weight_hh (3H×H),
// bias_ih and bias_hh (3H); h(0) = 0:
//
//   r = σ(W_ir x + b_ir + W_hr h(t−1) + b_hr)      z = σ(W_iz x + b_iz + W_hz h(t−1) + b_hz)
//   n = tanh(W_in x + b_in + r ⊙ (W_hn h(t−1) + b_hn))
//   h(t) = (1 − z) ⊙ n + z ⊙ h(t−1),    ŷ(t) = V h(t) + c
//
// Backward from t = T. Write δˣ = ∂L/∂(W_ih x + b_ih) and δʰ = ∂L/∂(W_hh h(t−1) + b_hh)
// (3H each), d = ∂L/∂h(t) the total derivative:
//
//   ∂L/∂h(t) = Vᵀ ∂L^(t)/∂ŷ(t) + ∂L/∂h(t+1) ⊙ z(t+1) + W_hhᵀ δʰ(t+1)
//   δˣ_n = d ⊙ (1 − z) ⊙ (1 − n²)        δʰ_n = δˣ_n ⊙ r
//   δ_r = δˣ_n ⊙ (W_hn h(t−1) + b_hn) ⊙ r(1 − r)     δ_z = d ⊙ (h(t−1) − n) ⊙ z(1 − z)
//   (δ_r and δ_z are the same in δˣ and δʰ)
//   ∂L/∂W_ih = Σ_t δˣ x(t)ᵀ,  ∂L/∂b_ih = Σ_t δˣ,  ∂L/∂W_hh = Σ_t δʰ h(t−1)ᵀ,  ∂L/∂b_hh = Σ_t δʰ.
//
// The direct path ∂h(t)/∂h(t−1) ∋ diag(z) plays the LSTM's diag(f): it
// carries the gradient only while the update gates stay near 1.
import { sigmoid, type GatedParams } from './cells.ts';
import { readout, readoutBackward, totalLoss } from './readout.ts';
import { firstStepBack, stepNorms } from './bptt.ts';
import { zeroGatedGrads, type GatedBackward } from './lstm.ts';
import type { LossMode, Sequences } from './types.ts';

export interface GruPass {
  N: number;
  T: number;
  /** the gates r, z, n after their nonlinearity: N×T×3H */
  gates: Float64Array;
  /** W_hn h(t−1) + b_hn, the candidate's recurrent term before the reset gate: N×T×H */
  hn: Float64Array;
  /** hidden states h(1..T): N×T×H */
  h: Float64Array;
  /** outputs ŷ(1..T): N×T×O */
  o: Float64Array;
}

/** One step for one sample: from x(t) and h(t−1) writes the gates (3H), W_hn h(t−1) + b_hn (H) and h(t). */
export function gruStep(
  p: GatedParams,
  x: Float64Array, xAt: number,
  hPrev: Float64Array | null, prevAt: number,
  gates: Float64Array, gAt: number,
  hn: Float64Array, h: Float64Array, at: number,
): void {
  const { F, H, weight_ih: Wi, weight_hh: Wh, bias_ih: bi, bias_hh: bh } = p;
  const inputPart = (r: number): number => {
    let s = bi[r];
    for (let f = 0; f < F; f++) s += Wi[r * F + f] * x[xAt + f];
    return s;
  };
  const hiddenPart = (r: number): number => {
    let s = bh[r];
    if (hPrev) for (let j = 0; j < H; j++) s += Wh[r * H + j] * hPrev[prevAt + j];
    return s;
  };
  for (let j = 0; j < H; j++) {
    const r = sigmoid(inputPart(j) + hiddenPart(j));
    const z = sigmoid(inputPart(H + j) + hiddenPart(H + j));
    const rec = hiddenPart(2 * H + j);
    const n = Math.tanh(inputPart(2 * H + j) + r * rec);
    gates[gAt + j] = r;
    gates[gAt + H + j] = z;
    gates[gAt + 2 * H + j] = n;
    hn[at + j] = rec;
    h[at + j] = (1 - z) * n + z * (hPrev ? hPrev[prevAt + j] : 0);
  }
}

export function gruForward(p: GatedParams, seq: Sequences): GruPass {
  const { F, H } = p;
  const { N, T, x } = seq;
  if (p.cell !== 'gru') throw new Error(`gruForward: parameters of a ${p.cell}`);
  if (x.length !== N * T * F) throw new RangeError(`gru: x has ${x.length} entries, expected N·T·F = ${N * T * F}`);
  const gates = new Float64Array(N * T * 3 * H);
  const hn = new Float64Array(N * T * H);
  const h = new Float64Array(N * T * H);
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      const at = (n * T + t) * H;
      gruStep(p, x, (n * T + t) * F, t > 0 ? h : null, t > 0 ? at - H : 0, gates, (n * T + t) * 3 * H, hn, h, at);
    }
  }
  return { N, T, gates, hn, h, o: readout(p, h, N, T) };
}

export interface GruBackward extends GatedBackward {
  pass: GruPass;
}

export function gruLoss(p: GatedParams, seq: Sequences, y: Float64Array, mode: LossMode): number {
  return totalLoss(gruForward(p, seq).o, y, seq.N, seq.T, p.O, mode);
}

/**
 * Loss, gradients and the total derivative ∂L/∂h(k), by the hand-written
 * backward pass above; `truncate` K > 0 stops it K steps back from T (h(T−K)
 * taken as a constant; many-to-one).
 */
export function gruBackward(p: GatedParams, seq: Sequences, y: Float64Array, mode: LossMode, truncate = 0): GruBackward {
  const { F, H, weight_hh: Wh } = p;
  const { N, T, x } = seq;
  const first = firstStepBack(T, mode, truncate);
  const pass = gruForward(p, seq);
  const { gates, hn, h, o } = pass;
  const loss = totalLoss(o, y, N, T, p.O, mode);
  const grads = zeroGatedGrads(p);
  const dLdh = new Float64Array(N * T * H);
  const dx = new Float64Array(3 * H); // δˣ(t)
  const dhid = new Float64Array(3 * H); // δʰ(t+1) while computing step t, then δʰ(t)
  const zNext = new Float64Array(H); // z(t+1)
  const dh = new Float64Array(H);

  for (let n = 0; n < N; n++) {
    for (let t = T - 1; t >= first; t--) {
      const at = (n * T + t) * H;
      const gAt = (n * T + t) * 3 * H;
      // ∂L/∂h(t) = Vᵀ ∂L^(t)/∂ŷ(t) + ∂L/∂h(t+1) ⊙ z(t+1) + W_hhᵀ δʰ(t+1)
      readoutBackward(p, o, y, h, n, t, N, T, mode, grads, dh);
      for (let j = 0; j < H; j++) {
        let s = dh[j];
        if (t < T - 1) {
          s += dLdh[at + H + j] * zNext[j];
          for (let r = 0; r < 3 * H; r++) s += Wh[r * H + j] * dhid[r];
        }
        dLdh[at + j] = s;
      }
      for (let j = 0; j < H; j++) {
        const r = gates[gAt + j], z = gates[gAt + H + j], nn = gates[gAt + 2 * H + j];
        const d = dLdh[at + j];
        const hPrev = t > 0 ? h[at - H + j] : 0;
        const dn = d * (1 - z) * (1 - nn * nn);
        const dr = dn * hn[at + j] * r * (1 - r);
        const dz = d * (hPrev - nn) * z * (1 - z);
        dx[j] = dhid[j] = dr;
        dx[H + j] = dhid[H + j] = dz;
        dx[2 * H + j] = dn;
        dhid[2 * H + j] = dn * r;
        zNext[j] = z;
      }
      const xt = (n * T + t) * F;
      for (let r = 0; r < 3 * H; r++) {
        grads.bias_ih[r] += dx[r];
        grads.bias_hh[r] += dhid[r];
        for (let k = 0; k < F; k++) grads.weight_ih[r * F + k] += dx[r] * x[xt + k];
        if (t > 0) for (let j = 0; j < H; j++) grads.weight_hh[r * H + j] += dhid[r] * h[at - H + j];
      }
    }
  }
  return { loss, grads, pass, dLdh, dLdhNorm: stepNorms(dLdh, N, T, H) };
}
