// One training step of the many-to-one LSTM or GRU regressor as a single
// fused computation on Float32 — forward pass, loss and BPTT — in the way
// fused-step.ts does it for the simple cell. The equations are lstm.ts's and
// gru.ts's in batch-row form, G gate blocks side by side in rows of gw = G·hp
// floats (hp = H rounded up to a multiple of 4; the padding stays zero):
//
//   LSTM forward   A_t = b_ih + b_hh + X_t W_ihᵀ + H_{t−1} W_hhᵀ           (rowsWide)
//                  gates, C_t, tanh C_t, H_t                              (cellForward)
//        backward  δ_t and the carry ∂L/∂c ⊙ f from ∂L/∂H_t               (cellBackward)
//                  ∂b += Σ_n δ_t;  ∂W_ihᵀ += X_tᵀ δ_t;  ∂W_hhᵀ += H_{t−1}ᵀ δ_t  (colsWide)
//                  ∂L/∂H_{t−1} = δ_t W_hh                                  (rowsNarrow)
//   GRU  forward   GI_t = b_ih + X_t W_ihᵀ,  GH_t = b_hh + H_{t−1} W_hhᵀ   (rowsWide)
//                  r, z, n, H_t                                           (cellForward)
//        backward  δˣ_t, δʰ_t and ∂L/∂H_t ⊙ z from ∂L/∂H_t               (cellBackward)
//                  ∂b_ih += Σ δˣ; ∂b_hh += Σ δʰ; ∂W_ihᵀ += X_tᵀ δˣ; ∂W_hhᵀ += H_{t−1}ᵀ δʰ  (colsWide)
//                  ∂L/∂H_{t−1} = ∂L/∂H_t ⊙ z + δʰ W_hh                    (rowsNarrow)
//
// The kernels are gated-kernels.ts's (WebAssembly SIMD, or plain loops); all
// buffers live in one workspace per cell and hidden size, reused from step
// to step.
import { gateCount, type GatedCell } from '../model/cells.ts';
import { firstFusedStep, lossHead } from './fused-step.ts';
import { jsGatedKernels, simdGatedKernels, type GatedKernels } from './gated-kernels.ts';

export interface FusedGatedWeights {
  /** G·H×F, G·H×H, G·H, G·H, O×H, O — the layouts of the tfjs variables (PyTorch's). */
  weight_ih: Float32Array;
  weight_hh: Float32Array;
  bias_ih: Float32Array;
  bias_hh: Float32Array;
  V: Float32Array;
  c: Float32Array;
}

export interface FusedGatedProblem {
  N: number;
  T: number;
  F: number;
  H: number;
  O: number;
  /** N×T×F, row-major. */
  x: Float32Array;
  /** N×O (ignored by `forward`). */
  y: Float32Array;
  w: FusedGatedWeights;
  output: 'linear' | 'tanh';
  loss: 'mse' | 'broadcast-mse';
  /** Truncated BPTT: the gradient flows back this many steps from T; 0 or absent = full BPTT. */
  truncate?: number;
}

export interface FusedGatedGrads extends FusedGatedWeights {
  loss: number;
}

const roundUp4 = (n: number): number => (n + 3) & ~3;

interface Layout {
  gw: number;
  WhT: number; WiT: number; Whp: number; bi: number; bh: number; one: number;
  gWT: number; gUT: number; gbi: number; gbh: number;
  x: number; hs: number; cs: number; tcs: number; gi: number; gh: number;
  da: number; dgh: number; d0: number; d1: number; dc: number;
  end: number;
}

function layout(cell: GatedCell, N: number, T: number, F: number, H: number, hp: number): Layout {
  const lstm = cell === 'lstm';
  const gw = gateCount(cell) * hp;
  let at = 0;
  const take = (floats: number): number => {
    const start = at;
    at += roundUp4(floats);
    return start;
  };
  const state = (T + 1) * N * hp;
  const l: Layout = {
    gw,
    WhT: take(H * gw), WiT: take(F * gw), Whp: take(gw * hp), bi: take(gw), bh: take(gw), one: take(4),
    gWT: take(H * gw), gUT: take(F * gw), gbi: take(gw), gbh: take(gw),
    x: take(N * T * F),
    hs: take(state), cs: take(lstm ? state : 0), tcs: take(lstm ? state : 0),
    gi: take(T * N * gw), gh: take(lstm ? 0 : T * N * gw),
    da: take(N * gw), dgh: take(lstm ? 0 : N * gw),
    d0: take(N * hp), d1: take(N * hp), dc: take(lstm ? N * hp : 0),
    end: 0,
  };
  l.end = at;
  return l;
}

/** Floats of the workspace for this problem's shape (what fusedGatedAvailable weighs). */
export function fusedGatedFloats(cell: GatedCell, s: { N: number; T: number; F: number; H: number }): number {
  return layout(cell, s.N, s.T, s.F, s.H, roundUp4(s.H)).end;
}

/** A reusable workspace for one cell and hidden size. */
export class FusedGated {
  readonly hp: number;
  readonly simd: boolean;
  readonly relaxed: boolean;
  private readonly k: GatedKernels;

  constructor(readonly cell: GatedCell, readonly H: number, opts: { simd?: boolean; relaxed?: boolean } = {}) {
    this.hp = roundUp4(H);
    const simd = opts.simd === false ? null : simdGatedKernels(cell, this.hp, opts.relaxed !== false);
    this.k = simd ?? jsGatedKernels(cell, this.hp);
    this.simd = this.k.simd;
    this.relaxed = this.k.relaxed;
  }

  private load(p: FusedGatedProblem): Layout {
    const { N, T, F, H, w } = p;
    const { hp, cell } = this;
    const G = gateCount(cell);
    const l = layout(cell, N, T, F, H, hp);
    this.k.reserve(l.end);
    const m = this.k.mem();
    m.fill(0, 0, l.x);
    const gw = l.gw;
    for (let g = 0; g < G; g++) {
      for (let i = 0; i < H; i++) {
        const r = g * H + i; // row of the PyTorch tensors
        const col = g * hp + i; // its place in a gate row
        for (let j = 0; j < H; j++) {
          m[l.WhT + j * gw + col] = w.weight_hh[r * H + j];
          m[l.Whp + col * hp + j] = w.weight_hh[r * H + j];
        }
        for (let f = 0; f < F; f++) m[l.WiT + f * gw + col] = w.weight_ih[r * F + f];
        m[l.bi + col] = cell === 'lstm' ? w.bias_ih[r] + w.bias_hh[r] : w.bias_ih[r];
        m[l.bh + col] = w.bias_hh[r];
      }
    }
    m[l.one] = 1;
    m.set(p.x.subarray(0, N * T * F), l.x);
    m.fill(0, l.hs, l.hs + N * hp); // h(0) = 0
    if (cell === 'lstm') m.fill(0, l.cs, l.cs + N * hp); // c(0) = 0
    return l;
  }

  /** Runs the forward pass; returns the layout and the output o(T) (N×O, before the output tanh). */
  private forwardPass(p: FusedGatedProblem): { l: Layout; o: Float32Array } {
    const { N, T, F, H, O, w } = p;
    const { hp, k } = this;
    const l = this.load(p);
    const m = k.mem();
    const step = N * hp;
    const gates = N * l.gw;
    for (let t = 1; t <= T; t++) {
      const gi = l.gi + (t - 1) * gates;
      const hPrev = l.hs + (t - 1) * step;
      const h = hPrev + step;
      for (let n = 0; n < N; n++) m.copyWithin(gi + n * l.gw, l.bi, l.bi + l.gw);
      k.rowsWide(l.x + (t - 1) * F, T * F, l.WiT, gi, N, F);
      if (this.cell === 'lstm') {
        if (t > 1) k.rowsWide(hPrev, hp, l.WhT, gi, N, H);
        const cPrev = l.cs + (t - 1) * step;
        k.cellForward(gi, cPrev, cPrev + step, h, l.tcs + t * step, N);
      } else {
        const gh = l.gh + (t - 1) * gates;
        for (let n = 0; n < N; n++) m.copyWithin(gh + n * l.gw, l.bh, l.bh + l.gw);
        if (t > 1) k.rowsWide(hPrev, hp, l.WhT, gh, N, H);
        k.cellForward(gi, gh, hPrev, h, N);
      }
    }
    const hT = l.hs + T * step;
    const o = new Float32Array(N * O);
    for (let n = 0; n < N; n++) {
      for (let q = 0; q < O; q++) {
        let s = w.c[q];
        for (let i = 0; i < H; i++) s += w.V[q * H + i] * m[hT + n * hp + i];
        o[n * O + q] = s;
      }
    }
    return { l, o };
  }

  /** Predictions ŷ (N×O). */
  forward(p: FusedGatedProblem): Float32Array {
    const { o } = this.forwardPass(p);
    if (p.output === 'tanh') for (let i = 0; i < o.length; i++) o[i] = Math.tanh(o[i]);
    return o;
  }

  /** Loss at the current weights and its gradient with respect to each weight. */
  grads(p: FusedGatedProblem): FusedGatedGrads {
    const { N, T, F, H, O, w } = p;
    const { hp, k } = this;
    const { l, o } = this.forwardPass(p);
    const { loss, dout } = lossHead(o, p.y, N, O, p);
    const m = k.mem();
    const step = N * hp;
    const gates = N * l.gw;
    const hT = l.hs + T * step;
    const gV = new Float32Array(O * H);
    const gc = new Float32Array(O);
    let d = l.d0;
    let spare = l.d1;
    m.fill(0, d, d + step);
    for (let n = 0; n < N; n++) {
      for (let q = 0; q < O; q++) {
        const g = dout[n * O + q];
        if (g === 0) continue;
        gc[q] += g;
        for (let i = 0; i < H; i++) {
          gV[q * H + i] += g * m[hT + n * hp + i];
          m[d + n * hp + i] += g * w.V[q * H + i];
        }
      }
    }
    if (this.cell === 'lstm') m.fill(0, l.dc, l.dc + step);
    const first = firstFusedStep(T, p.truncate);
    for (let t = T; t >= first; t--) {
      const gi = l.gi + (t - 1) * gates;
      const hPrev = l.hs + (t - 1) * step;
      const x = l.x + (t - 1) * F;
      let dRec = l.da; // the δ that multiplies W_hh
      if (this.cell === 'lstm') {
        k.cellBackward(gi, l.cs + (t - 1) * step, l.tcs + t * step, d, l.dc, l.da, N);
        m.fill(0, spare, spare + step);
      } else {
        k.cellBackward(gi, l.gh + (t - 1) * gates, hPrev, d, l.da, l.dgh, spare, N);
        k.colsWide(l.one, 0, l.dgh, l.gbh, N, 1);
        dRec = l.dgh;
      }
      k.colsWide(l.one, 0, l.da, l.gbi, N, 1);
      k.colsWide(x, T * F, l.da, l.gUT, N, F);
      if (t > 1) k.colsWide(hPrev, hp, dRec, l.gWT, N, H);
      if (t > first) {
        k.rowsNarrow(dRec, l.gw, l.Whp, spare, N, l.gw);
        [d, spare] = [spare, d];
      }
    }
    return { loss, ...this.unload(l, F, H), V: gV, c: gc };
  }

  private unload(l: Layout, F: number, H: number): Omit<FusedGatedWeights, 'V' | 'c'> {
    const m = this.k.mem();
    const { hp, cell } = this;
    const G = gateCount(cell);
    const out = {
      weight_ih: new Float32Array(G * H * F),
      weight_hh: new Float32Array(G * H * H),
      bias_ih: new Float32Array(G * H),
      bias_hh: new Float32Array(G * H),
    };
    for (let g = 0; g < G; g++) {
      for (let i = 0; i < H; i++) {
        const r = g * H + i;
        const col = g * hp + i;
        for (let j = 0; j < H; j++) out.weight_hh[r * H + j] = m[l.gWT + j * l.gw + col];
        for (let f = 0; f < F; f++) out.weight_ih[r * F + f] = m[l.gUT + f * l.gw + col];
        out.bias_ih[r] = m[l.gbi + col];
        out.bias_hh[r] = cell === 'lstm' ? m[l.gbi + col] : m[l.gbh + col];
      }
    }
    return out;
  }
}

const workspaces = new Map<string, FusedGated>();

/** The shared workspace for `cell` with hidden size H (SIMD where available). */
export function fusedGated(cell: GatedCell, H: number): FusedGated {
  const key = `${cell}:${H}`;
  let f = workspaces.get(key);
  if (!f) {
    f = new FusedGated(cell, H);
    workspaces.set(key, f);
  }
  return f;
}
