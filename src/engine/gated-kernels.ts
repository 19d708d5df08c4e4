// The inner loops of the fused LSTM/GRU step (fused-gated.ts) behind one
// interface over one Float32 memory, offsets and leading dimensions in
// floats: the WebAssembly SIMD module of wasm-gated.ts, or, where SIMD is
// missing, the same loops in plain JavaScript (also the readable statement
// of what each SIMD kernel computes; see wasm-gated.ts for the formulas).
import { gateCount, type GatedCell } from '../model/cells.ts';
import { fastTanh } from './fused-step.ts';
import { wasmGated } from './wasm-gated.ts';

export interface GatedKernels {
  readonly simd: boolean;
  readonly relaxed: boolean;
  mem(): Float32Array;
  reserve(floats: number): void;
  /** C[i, :] += Σ_{j<k} A[i·lda + j] · B[j, :] with rows of gw = G·hp floats. */
  rowsWide(a: number, lda: number, b: number, c: number, n: number, k: number): void;
  /** G[j, :] += Σ_{i<n} A[i·lda + j] · B[i, :] with rows of gw floats. */
  colsWide(a: number, lda: number, b: number, g: number, n: number, k: number): void;
  /** rowsWide with rows of hp floats. */
  rowsNarrow(a: number, lda: number, b: number, c: number, n: number, k: number): void;
  /** LSTM (g, cPrev, c, h, tc, n); GRU (gi, gh, hPrev, h, n). */
  cellForward(...args: number[]): void;
  /** LSTM (g, cPrev, tc, dh, dc, da, n); GRU (gi, gh, hPrev, dh, dgi, dgh, dhPrev, n). */
  cellBackward(...args: number[]): void;
}

const sigmoid = (v: number): number => 0.5 * fastTanh(0.5 * v) + 0.5;

function rows(m: Float32Array, w: number, a: number, lda: number, b: number, c: number, n: number, k: number): void {
  for (let i = 0; i < n; i++) {
    const ci = c + i * w;
    for (let j = 0; j < k; j++) {
      const s = m[a + i * lda + j];
      const bj = b + j * w;
      for (let q = 0; q < w; q++) m[ci + q] += s * m[bj + q];
    }
  }
}

function cols(m: Float32Array, w: number, a: number, lda: number, b: number, g: number, n: number, k: number): void {
  for (let i = 0; i < n; i++) {
    const bi = b + i * w;
    for (let j = 0; j < k; j++) {
      const s = m[a + i * lda + j];
      const gj = g + j * w;
      for (let q = 0; q < w; q++) m[gj + q] += s * m[bi + q];
    }
  }
}

type Pointwise = (m: Float32Array, hp: number, ...args: number[]) => void;

const lstmForward: Pointwise = (m, hp, g, cp, c, h, tc, n) => {
  const gw = 4 * hp;
  for (let r = 0; r < n; r++) {
    for (let u = 0; u < hp; u++) {
      const at = g + r * gw + u;
      const s = r * hp + u;
      const i = (m[at] = sigmoid(m[at]));
      const f = (m[at + hp] = sigmoid(m[at + hp]));
      const gg = (m[at + 2 * hp] = fastTanh(m[at + 2 * hp]));
      const o = (m[at + 3 * hp] = sigmoid(m[at + 3 * hp]));
      const cv = (m[c + s] = f * m[cp + s] + i * gg);
      const t = (m[tc + s] = fastTanh(cv));
      m[h + s] = o * t;
    }
  }
};

const lstmBackward: Pointwise = (m, hp, g, cp, tc, dh, dc, da, n) => {
  const gw = 4 * hp;
  for (let r = 0; r < n; r++) {
    for (let u = 0; u < hp; u++) {
      const at = g + r * gw + u;
      const d = da + r * gw + u;
      const s = r * hp + u;
      const i = m[at], f = m[at + hp], gg = m[at + 2 * hp], o = m[at + 3 * hp];
      const t = m[tc + s];
      const D = m[dc + s] + m[dh + s] * o * (1 - t * t);
      m[d] = D * gg * i * (1 - i);
      m[d + hp] = D * m[cp + s] * f * (1 - f);
      m[d + 2 * hp] = D * i * (1 - gg * gg);
      m[d + 3 * hp] = m[dh + s] * t * o * (1 - o);
      m[dc + s] = D * f;
    }
  }
};

const gruForward: Pointwise = (m, hp, gi, gh, hPrev, h, n) => {
  const gw = 3 * hp;
  for (let r = 0; r < n; r++) {
    for (let u = 0; u < hp; u++) {
      const x = gi + r * gw + u;
      const y = gh + r * gw + u;
      const s = r * hp + u;
      const rr = (m[x] = sigmoid(m[x] + m[y]));
      const z = (m[x + hp] = sigmoid(m[x + hp] + m[y + hp]));
      const nn = (m[x + 2 * hp] = fastTanh(m[x + 2 * hp] + rr * m[y + 2 * hp]));
      m[h + s] = (1 - z) * nn + z * m[hPrev + s];
    }
  }
};

const gruBackward: Pointwise = (m, hp, gi, gh, hPrev, dh, dgi, dgh, dhPrev, n) => {
  const gw = 3 * hp;
  for (let r = 0; r < n; r++) {
    for (let u = 0; u < hp; u++) {
      const row = r * gw + u;
      const s = r * hp + u;
      const rr = m[gi + row], z = m[gi + row + hp], nn = m[gi + row + 2 * hp];
      const d = m[dh + s];
      const dn = d * (1 - z) * (1 - nn * nn);
      const dr = dn * m[gh + row + 2 * hp] * rr * (1 - rr);
      const dz = d * (m[hPrev + s] - nn) * z * (1 - z);
      m[dgi + row] = m[dgh + row] = dr;
      m[dgi + row + hp] = m[dgh + row + hp] = dz;
      m[dgi + row + 2 * hp] = dn;
      m[dgh + row + 2 * hp] = dn * rr;
      m[dhPrev + s] = d * z;
    }
  }
};

const POINTWISE: Record<GatedCell, [Pointwise, Pointwise]> = { lstm: [lstmForward, lstmBackward], gru: [gruForward, gruBackward] };

export function jsGatedKernels(cell: GatedCell, hp: number): GatedKernels {
  const gw = gateCount(cell) * hp;
  const [fwd, bwd] = POINTWISE[cell];
  let m = new Float32Array(1024);
  return {
    simd: false,
    relaxed: false,
    mem: () => m,
    reserve(floats) {
      if (floats > m.length) {
        const next = new Float32Array(Math.max(floats, 2 * m.length));
        next.set(m);
        m = next;
      }
    },
    rowsWide: (a, lda, b, c, n, k) => rows(m, gw, a, lda, b, c, n, k),
    colsWide: (a, lda, b, g, n, k) => cols(m, gw, a, lda, b, g, n, k),
    rowsNarrow: (a, lda, b, c, n, k) => rows(m, hp, a, lda, b, c, n, k),
    cellForward: (...args) => fwd(m, hp, ...args),
    cellBackward: (...args) => bwd(m, hp, ...args),
  };
}

/** The SIMD kernels with float offsets, or null without WebAssembly SIMD. */
export function simdGatedKernels(cell: GatedCell, hp: number, relaxed: boolean): GatedKernels | null {
  const g = wasmGated(cell, hp, { relaxed });
  if (!g) return null;
  let view = new Float32Array(g.memory.buffer);
  // Every argument of the elementwise kernels is a float offset except the last, the row count.
  const bytes = (args: number[]): number[] => args.map((v, i) => (i < args.length - 1 ? v * 4 : v));
  return {
    simd: true,
    relaxed: g.relaxed,
    mem() {
      if (view.buffer !== g.memory.buffer) view = new Float32Array(g.memory.buffer);
      return view;
    },
    reserve: (floats) => g.reserve(floats * 4),
    rowsWide: (a, lda, b, c, rowsN, k) => g.rowsWide(a * 4, lda, b * 4, c * 4, rowsN, k),
    colsWide: (a, lda, b, gg, rowsN, k) => g.colsWide(a * 4, lda, b * 4, gg * 4, rowsN, k),
    rowsNarrow: (a, lda, b, c, rowsN, k) => g.rowsNarrow(a * 4, lda, b * 4, c * 4, rowsN, k),
    cellForward: (...args) => g.cellForward(...bytes(args)),
    cellBackward: (...args) => g.cellBackward(...bytes(args)),
  };
}
