// One training step of the many-to-one RNN regressor as a single fused
// computation on Float32 — forward pass, loss, and BPTT — instead of tfjs's
// op-by-op graph and autodiff tape. The same equations as bptt.ts, in batch-
// row form (A_t = H_{t−1} Wᵀ + X_t Uᵀ + b, H_t = σ(A_t), ŷ = H_T Vᵀ + c):
//
//   forward   H_t = σ(b + X_t Uᵀ + H_{t−1} Wᵀ)              (rows kernel)
//   output    ŷ = H_T Vᵀ + c (tanh(·) with the seed's output layer), loss
//   backward  D = ∂L/∂ŷ · V, then for t = T … 1:
//             D ← D ⊙ σ′(A_t);  ∂b += Σ_n D;  ∂U += Dᵀ X_t;  ∂W += Dᵀ H_{t−1}
//             D ← D W                                         (rows / cols kernels)
//
// The matrix work runs in wasm-gemm.ts (WebAssembly SIMD, specialised for
// the padded hidden width Hp) or, without SIMD, in the plain loops below
// (slower than tfjs's own graph, so tfjs uses this step only with SIMD: fusedAvailable).
// All buffers live in one workspace per hidden size that grows as needed and
// is reused from step to step: nothing is allocated per time step.
import type { Activation } from '../model/types.ts';
import type { LossName, OutputName } from './head.ts';
import { TANH_CLAMP, TANH_DEN, TANH_NUM, wasmGemm } from './wasm-gemm.ts';

export interface FusedWeights {
  /** H×H, U H×F, b H, V O×H, c O — the layouts of the tfjs variables. */
  W: Float32Array;
  U: Float32Array;
  b: Float32Array;
  V: Float32Array;
  c: Float32Array;
}

export interface FusedProblem {
  N: number;
  T: number;
  F: number;
  H: number;
  O: number;
  /** N×T×F, row-major. */
  x: Float32Array;
  /** N×O (ignored by `forward`). */
  y: Float32Array;
  w: FusedWeights;
  activation: Activation;
  output: OutputName;
  loss: LossName;
  /** Truncated BPTT: the gradient flows back this many steps from T; 0 or absent = full BPTT. */
  truncate?: number;
}

/** The earliest step (1-based) the backward pass of a fused kernel reaches. */
export function firstFusedStep(T: number, truncate = 0): number {
  return truncate > 0 ? Math.max(1, T - truncate + 1) : 1;
}

export interface FusedGrads {
  loss: number;
  W: Float32Array;
  U: Float32Array;
  b: Float32Array;
  V: Float32Array;
  c: Float32Array;
}

/** Matrix kernels over one Float32 memory; offsets and leading dimensions in floats. */
interface TrainKernels {
  mem(): Float32Array;
  reserve(floats: number): void;
  /** C[i, :] += Σ_{j<k} A[i·lda + j] · B[j, :]  (rows of Hp floats). */
  rows(a: number, lda: number, b: number, c: number, n: number, k: number): void;
  /** G[j, :] += Σ_{i<n} A[i·lda + j] · B[i, :]. */
  cols(a: number, lda: number, b: number, g: number, n: number, k: number): void;
  /** p[i] = tanh(p[i]) for i < n (n a multiple of 4). */
  tanh(p: number, n: number): void;
  /** d[i] ·= 1 − h[i]² for i < n (n a multiple of 4). */
  dtanh(d: number, h: number, n: number): void;
}

function jsTrainKernels(hp: number): TrainKernels {
  let m = new Float32Array(1024);
  return {
    mem: () => m,
    reserve(floats) {
      if (floats > m.length) {
        const next = new Float32Array(Math.max(floats, 2 * m.length));
        next.set(m);
        m = next;
      }
    },
    rows(a, lda, b, c, n, k) {
      for (let i = 0; i < n; i++) {
        const ci = c + i * hp;
        for (let j = 0; j < k; j++) {
          const s = m[a + i * lda + j];
          const bj = b + j * hp;
          for (let q = 0; q < hp; q++) m[ci + q] += s * m[bj + q];
        }
      }
    },
    cols(a, lda, b, g, n, k) {
      for (let i = 0; i < n; i++) {
        const bi = b + i * hp;
        for (let j = 0; j < k; j++) {
          const s = m[a + i * lda + j];
          const gj = g + j * hp;
          for (let q = 0; q < hp; q++) m[gj + q] += s * m[bi + q];
        }
      }
    },
    tanh(p, n) {
      for (let k = p; k < p + n; k++) m[k] = fastTanh(m[k]);
    },
    dtanh(d, h, n) {
      for (let k = 0; k < n; k++) m[d + k] *= 1 - m[h + k] * m[h + k];
    },
  };
}

function simdKernels(hp: number, relaxed: boolean): (TrainKernels & { relaxed: boolean }) | null {
  const g = wasmGemm(hp, { relaxed });
  if (!g) return null;
  let view = new Float32Array(g.memory.buffer);
  return {
    relaxed: g.relaxed,
    mem() {
      if (view.buffer !== g.memory.buffer) view = new Float32Array(g.memory.buffer);
      return view;
    },
    reserve: (floats) => g.reserve(floats * 4),
    rows: (a, lda, b, c, n, k) => g.rows(a * 4, lda, b * 4, c * 4, n, k),
    cols: (a, lda, b, gg, n, k) => g.cols(a * 4, lda, b * 4, gg * 4, n, k),
    tanh: (p, n) => g.tanh(p * 4, n),
    dtanh: (d, h, n) => g.dtanh(d * 4, h * 4, n),
  };
}

// tanh as a rational function of degree 13/6 on [−7.9, 7.9] (within a few
// float32 ulps; beyond, tanh is ±1 in float32). The same form as Eigen's fast
// float tanh; the SIMD kernel evaluates the same coefficients in f32.
const [A1, A3, A5, A7, A9, A11, A13] = TANH_NUM;
const [B0, B2, B4, B6] = TANH_DEN;
const CLAMP = TANH_CLAMP;

export function fastTanh(v: number): number {
  const x = v > CLAMP ? CLAMP : v < -CLAMP ? -CLAMP : v;
  const x2 = x * x;
  const p = x * (A1 + x2 * (A3 + x2 * (A5 + x2 * (A7 + x2 * (A9 + x2 * (A11 + x2 * A13))))));
  const q = B0 + x2 * (B2 + x2 * (B4 + x2 * B6));
  return p / q;
}

function activate(m: Float32Array, from: number, to: number, act: Activation): void {
  if (act === 'relu') for (let k = from; k < to; k++) m[k] = m[k] > 0 ? m[k] : 0;
}

/** D ← D ⊙ σ′(A), with σ′ read off the stored h = σ(A). */
function derive(m: Float32Array, d: number, h: number, len: number, act: Activation): void {
  if (act === 'relu') for (let k = 0; k < len; k++) m[d + k] = m[h + k] > 0 ? m[d + k] : 0;
}

const roundUp4 = (n: number): number => (n + 3) & ~3;

interface Layout {
  WT: number;
  Wp: number;
  UT: number;
  bias: number;
  one: number;
  gWT: number;
  gUT: number;
  gb: number;
  x: number;
  hs: number;
  d0: number;
  d1: number;
  end: number;
}

function layout(N: number, T: number, F: number, H: number, hp: number): Layout {
  let at = 0;
  const take = (floats: number): number => {
    const start = at;
    at += roundUp4(floats);
    return start;
  };
  const l = {
    WT: take(H * hp),
    Wp: take(H * hp),
    UT: take(F * hp),
    bias: take(hp),
    one: take(4),
    gWT: take(H * hp),
    gUT: take(F * hp),
    gb: take(hp),
    x: take(N * T * F),
    hs: take((T + 1) * N * hp),
    d0: take(N * hp),
    d1: take(N * hp),
    end: 0,
  };
  l.end = at;
  return l;
}

/** A reusable workspace for one hidden size. */
export class FusedRnn {
  readonly hp: number;
  private readonly k: TrainKernels;
  readonly simd: boolean;
  /** SIMD kernels with relaxed-SIMD multiply-adds. */
  readonly relaxed: boolean;

  constructor(readonly H: number, opts: { simd?: boolean; relaxed?: boolean } = {}) {
    this.hp = roundUp4(H);
    const simd = opts.simd === false ? null : simdKernels(this.hp, opts.relaxed !== false);
    this.simd = simd !== null;
    this.relaxed = simd?.relaxed ?? false;
    this.k = simd ?? jsTrainKernels(this.hp);
  }

  /** Runs the forward pass; returns the layout and the output o(T) (N×O, before the output tanh). */
  private forwardPass(p: FusedProblem): { l: Layout; o: Float32Array } {
    const { N, T, F, H, O, w } = p;
    const hp = this.hp;
    const l = layout(N, T, F, H, hp);
    this.k.reserve(l.end);
    const m = this.k.mem();
    m.fill(0, 0, l.x);
    for (let i = 0; i < H; i++) {
      for (let j = 0; j < H; j++) {
        m[l.WT + j * hp + i] = w.W[i * H + j];
        m[l.Wp + i * hp + j] = w.W[i * H + j];
      }
      for (let f = 0; f < F; f++) m[l.UT + f * hp + i] = w.U[i * F + f];
      m[l.bias + i] = w.b[i];
    }
    m[l.one] = 1;
    m.set(p.x.subarray(0, N * T * F), l.x);
    const step = N * hp;
    m.fill(0, l.hs, l.hs + step);
    for (let t = 1; t <= T; t++) {
      const at = l.hs + t * step;
      for (let n = 0; n < N; n++) m.copyWithin(at + n * hp, l.bias, l.bias + hp);
      this.k.rows(l.x + (t - 1) * F, T * F, l.UT, at, N, F);
      if (t > 1) this.k.rows(at - step, hp, l.WT, at, N, H);
      if (p.activation === 'tanh') this.k.tanh(at, step);
      else activate(m, at, at + step, p.activation);
    }
    const hT = l.hs + T * step;
    const o = new Float32Array(N * O);
    for (let n = 0; n < N; n++) {
      const hn = hT + n * hp;
      for (let q = 0; q < O; q++) {
        let s = w.c[q];
        const vq = q * H;
        for (let i = 0; i < H; i++) s += w.V[vq + i] * m[hn + i];
        o[n * O + q] = s;
      }
    }
    return { l, o };
  }

  /** Predictions ŷ (N×O). */
  forward(p: FusedProblem): Float32Array {
    const { o } = this.forwardPass(p);
    if (p.output === 'tanh') for (let k = 0; k < o.length; k++) o[k] = Math.tanh(o[k]);
    return o;
  }

  /** Loss at the current weights and its gradient with respect to each weight. */
  grads(p: FusedProblem): FusedGrads {
    const { N, T, F, H, O, w, y } = p;
    const hp = this.hp;
    const { l, o } = this.forwardPass(p);
    const { loss, dout } = lossHead(o, y, N, O, p);
    const m = this.k.mem();
    const step = N * hp;
    const hT = l.hs + T * step;
    const gV = new Float32Array(O * H);
    const gc = new Float32Array(O);
    let d = l.d0;
    let spare = l.d1;
    m.fill(0, d, d + step);
    for (let n = 0; n < N; n++) {
      const hn = hT + n * hp;
      const dn = d + n * hp;
      for (let q = 0; q < O; q++) {
        const g = dout[n * O + q];
        if (g === 0) continue;
        gc[q] += g;
        const vq = q * H;
        for (let i = 0; i < H; i++) {
          gV[vq + i] += g * m[hn + i];
          m[dn + i] += g * w.V[vq + i];
        }
      }
    }
    m.fill(0, l.gWT, l.x);
    const first = firstFusedStep(T, p.truncate);
    for (let t = T; t >= first; t--) {
      const at = l.hs + t * step;
      if (p.activation === 'tanh') this.k.dtanh(d, at, step);
      else derive(m, d, at, step, p.activation);
      this.k.cols(l.one, 0, d, l.gb, N, 1);
      this.k.cols(l.x + (t - 1) * F, T * F, d, l.gUT, N, F);
      if (t > 1) this.k.cols(at - step, hp, d, l.gWT, N, H);
      if (t > first) {
        m.fill(0, spare, spare + step);
        this.k.rows(d, hp, l.Wp, spare, N, H);
        [d, spare] = [spare, d];
      }
    }
    const gW = new Float32Array(H * H);
    const gU = new Float32Array(H * F);
    const gb = new Float32Array(H);
    for (let i = 0; i < H; i++) {
      for (let j = 0; j < H; j++) gW[i * H + j] = m[l.gWT + j * hp + i];
      for (let f = 0; f < F; f++) gU[i * F + f] = m[l.gUT + f * hp + i];
      gb[i] = m[l.gb + i];
    }
    return { loss, W: gW, U: gU, b: gb, V: gV, c: gc };
  }
}

/**
 * The loss of the outputs o (N×O, before the output tanh) against y, and
 * ∂L/∂o: mean squared error, or the seed's broadcast MSE; a linear or tanh
 * output layer. Shared by every fused cell.
 */
export function lossHead(
  o: Float32Array,
  y: Float32Array,
  N: number,
  O: number,
  head: { output: 'linear' | 'tanh'; loss: 'mse' | 'broadcast-mse' },
): { loss: number; dout: Float32Array } {
  const yhat = head.output === 'tanh' ? o.map(Math.tanh) : o;
  // ∂L/∂ŷ, then ∂L/∂o
  const dout = new Float32Array(N * O);
  let loss = 0;
  if (head.loss === 'broadcast-mse') {
    if (O !== 1) throw new Error(`broadcast-mse needs one output, got ${O}`);
    let yMean = 0;
    for (let n = 0; n < N; n++) yMean += y[n];
    yMean /= N;
    let a = 0;
    let b = 0;
    for (let n = 0; n < N; n++) {
      a += (yhat[n] - yMean) ** 2;
      b += (y[n] - yMean) ** 2;
      dout[n] = (2 * (yhat[n] - yMean)) / N;
    }
    loss = a / N + b / N;
  } else {
    const count = N * O;
    for (let k = 0; k < count; k++) {
      const e = yhat[k] - y[k];
      loss += e * e;
      dout[k] = (2 * e) / count;
    }
    loss /= count;
  }
  if (head.output === 'tanh') for (let k = 0; k < dout.length; k++) dout[k] *= 1 - yhat[k] * yhat[k];
  return { loss, dout };
}

const workspaces = new Map<number, FusedRnn>();

/** The shared workspace for hidden size H (SIMD where available). */
export function fusedRnn(H: number): FusedRnn {
  let f = workspaces.get(H);
  if (!f) {
    f = new FusedRnn(H);
    workspaces.set(H, f);
  }
  return f;
}
