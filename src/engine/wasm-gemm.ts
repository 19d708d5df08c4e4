// Float32 matrix kernels for the fused RNN training step (fused-step.ts), as
// a small WebAssembly module emitted byte by byte with 128-bit SIMD (four f32
// lanes). The module is specialised for a row width `Hp` (the hidden size
// rounded up to a multiple of 4): the columns of a row are held in SIMD
// registers for the whole inner loop, in chunks of at most CHUNK vectors.
// Where WebAssembly SIMD is missing, `wasmGemm()` returns null and the caller
// uses the plain JavaScript loops of fused-step.ts (and tfjs keeps its own
// graph: fusedAvailable requires SIMD).
//
// Exported: memory;
//   rows(a, lda, b, c, n, k):  C[i, :] += Σ_{j<k} A[i·lda + j] · B[j, :]   for i < n
//   cols(a, lda, b, g, n, k):  G[j, :] += Σ_{i<n} A[i·lda + j] · B[i, :]   for j < k
//   tanh(p, n):                p[i] = tanh(p[i]) for i < n (n a multiple of 4), rational
//                              approximation of fused-step.ts's fastTanh in f32
//   dtanh(d, h, n):            d[i] ·= 1 − h[i]²  (σ′ of tanh from its output)
// with B, C, G row-major with rows of Hp floats; a, b, c, g byte offsets; lda
// in floats (0 repeats the first row of A, e.g. a single 1 for column sums).

import {
  ADD, BLOCK, END, F32_LOAD, F32X4_ADD, F32X4_DIV, F32X4_MAX, F32X4_MIN, F32X4_MUL, F32X4_RELAXED_MADD, F32X4_SPLAT, F32X4_SUB, GE_U, I32, LOOP, LT_U, MUL,
  SELECT, SHL, V128, assemble, br, brIf, emitter, f32x4Const, funcBody, get, i32Params, i32c, incr, instantiateIfValid, reserve, set, uleb,
  v128Load as asmLoad, v128Store as asmStore,
} from './wasm-asm.ts';

/** 16-byte aligned vector loads and stores. */
export const v128Load = (offset: number) => asmLoad(offset, 4);
export const v128Store = (offset: number) => asmStore(offset, 4);

/** acc ← acc + s·B[p + 16v]: a relaxed multiply-add where allowed, else mul then add. */
function madd(relaxed: boolean, acc: number, s: number, p: number, offset: number): number[] {
  return relaxed
    ? [...get(s), ...get(p), ...v128Load(offset), ...get(acc), ...F32X4_RELAXED_MADD, ...set(acc)]
    : [...get(acc), ...get(s), ...get(p), ...v128Load(offset), ...F32X4_MUL, ...F32X4_ADD, ...set(acc)];
}

/** The coefficients of fastTanh (fused-step.ts): x·P(x²)/Q(x²) on [−CLAMP, CLAMP]. */
export const TANH_NUM = [4.89352455891786e-3, 6.37261928875436e-4, 1.48572235717979e-5, 5.12229709037114e-8, -8.60467152213735e-11, 2.00018790482477e-13, -2.76076847742355e-16];
export const TANH_DEN = [4.89352518554385e-3, 2.268434632439e-3, 1.18534705686654e-4, 1.19825839466702e-6];
export const TANH_CLAMP = 7.90531110763549805;

/** Column vectors (of four floats) held in registers at once. */
export const CHUNK = 13;
/** Rows of B streamed per pass in `cols`, so they stay in L1 across the k loop. */
const ROW_BLOCK = 64;

function chunks(vectors: number): [number, number][] {
  const out: [number, number][] = [];
  for (let v = 0; v < vectors; v += CHUNK) out.push([v, Math.min(CHUNK, vectors - v)]);
  return out;
}

export function rowsBody(hp: number, relaxed: boolean): number[] {
  // params: a 0, lda 1, b 2, c 3, n 4, k 5
  const [A, LDA, B, C, N, K] = [0, 1, 2, 3, 4, 5];
  const [i, j, pa, pb, pc, ldaB] = [6, 7, 8, 9, 10, 11];
  const S = 12;
  const acc = Array.from({ length: CHUNK }, (_, v) => 13 + v);
  const row = hp * 4;
  const { code, emit } = emitter();
  emit(get(LDA), i32c(2), SHL, set(ldaB));
  for (const [v0, w] of chunks(hp / 4)) {
    emit(i32c(0), set(i), BLOCK, LOOP, get(i), get(N), GE_U, brIf(1));
    emit(get(C), get(i), i32c(row), MUL, ADD, i32c(v0 * 16), ADD, set(pc));
    for (let v = 0; v < w; v++) emit(get(pc), v128Load(16 * v), set(acc[v]));
    emit(get(A), get(i), get(ldaB), MUL, ADD, set(pa));
    emit(get(B), i32c(v0 * 16), ADD, set(pb));
    emit(i32c(0), set(j), BLOCK, LOOP, get(j), get(K), GE_U, brIf(1));
    emit(get(pa), F32_LOAD, F32X4_SPLAT, set(S));
    for (let v = 0; v < w; v++) emit(madd(relaxed, acc[v], S, pb, 16 * v));
    emit(incr(pa, i32c(4)), incr(pb, i32c(row)), incr(j, i32c(1)), br(0), END, END);
    for (let v = 0; v < w; v++) emit(get(pc), get(acc[v]), v128Store(16 * v));
    emit(incr(i, i32c(1)), br(0), END, END);
  }
  return funcBody([[...uleb(6), I32], [...uleb(1 + CHUNK), V128]], code);
}

export function colsBody(hp: number, relaxed: boolean): number[] {
  // params: a 0, lda 1, b 2, g 3, n 4, k 5
  const [A, LDA, B, G, N, K] = [0, 1, 2, 3, 4, 5];
  const [i0, i1, i, j, pa, pb, pg, ldaB] = [6, 7, 8, 9, 10, 11, 12, 13];
  const S = 14;
  const acc = Array.from({ length: CHUNK }, (_, v) => 15 + v);
  const row = hp * 4;
  const { code, emit } = emitter();
  emit(get(LDA), i32c(2), SHL, set(ldaB));
  for (const [v0, w] of chunks(hp / 4)) {
    emit(i32c(0), set(i0), BLOCK, LOOP, get(i0), get(N), GE_U, brIf(1));
    // i1 = min(i0 + ROW_BLOCK, n)
    emit(get(i0), i32c(ROW_BLOCK), ADD, get(N), get(i0), i32c(ROW_BLOCK), ADD, get(N), LT_U, SELECT, set(i1));
    emit(i32c(0), set(j), BLOCK, LOOP, get(j), get(K), GE_U, brIf(1));
    emit(get(G), get(j), i32c(row), MUL, ADD, i32c(v0 * 16), ADD, set(pg));
    for (let v = 0; v < w; v++) emit(get(pg), v128Load(16 * v), set(acc[v]));
    emit(get(A), get(i0), get(ldaB), MUL, ADD, get(j), i32c(2), SHL, ADD, set(pa));
    emit(get(B), get(i0), i32c(row), MUL, ADD, i32c(v0 * 16), ADD, set(pb));
    emit(get(i0), set(i), BLOCK, LOOP, get(i), get(i1), GE_U, brIf(1));
    emit(get(pa), F32_LOAD, F32X4_SPLAT, set(S));
    for (let v = 0; v < w; v++) emit(madd(relaxed, acc[v], S, pb, 16 * v));
    emit(incr(pa, get(ldaB)), incr(pb, i32c(row)), incr(i, i32c(1)), br(0), END, END);
    for (let v = 0; v < w; v++) emit(get(pg), get(acc[v]), v128Store(16 * v));
    emit(incr(j, i32c(1)), br(0), END, END);
    emit(get(i1), set(i0), br(0), END, END);
  }
  return funcBody([[...uleb(8), I32], [...uleb(1 + CHUNK), V128]], code);
}

function tanhBody(): number[] {
  // params: p 0, n 1; locals: end 2 (i32), x 3, x2 4, num 5, den 6 (v128)
  const [P, N, E, X, X2, NUM, DEN] = [0, 1, 2, 3, 4, 5, 6];
  const { code, emit } = emitter();
  emit(get(P), get(N), i32c(2), SHL, ADD, set(E));
  emit(BLOCK, LOOP, get(P), get(E), GE_U, brIf(1));
  emit(get(P), v128Load(0), f32x4Const(-TANH_CLAMP), F32X4_MAX, f32x4Const(TANH_CLAMP), F32X4_MIN, set(X));
  emit(get(X), get(X), F32X4_MUL, set(X2));
  const num = [...TANH_NUM].reverse();
  emit(f32x4Const(num[0]), set(NUM));
  for (const a of num.slice(1)) emit(get(NUM), get(X2), F32X4_MUL, f32x4Const(a), F32X4_ADD, set(NUM));
  const den = [...TANH_DEN].reverse();
  emit(f32x4Const(den[0]), set(DEN));
  for (const a of den.slice(1)) emit(get(DEN), get(X2), F32X4_MUL, f32x4Const(a), F32X4_ADD, set(DEN));
  emit(get(P), get(NUM), get(X), F32X4_MUL, get(DEN), F32X4_DIV, v128Store(0));
  emit(incr(P, i32c(16)), br(0), END, END);
  return funcBody([[...uleb(1), I32], [...uleb(4), V128]], code);
}

function dtanhBody(): number[] {
  // params: d 0, h 1, n 2; locals: end 3 (i32), hv 4 (v128)
  const [D, Hh, N, E, HV] = [0, 1, 2, 3, 4];
  const { code, emit } = emitter();
  emit(get(D), get(N), i32c(2), SHL, ADD, set(E));
  emit(BLOCK, LOOP, get(D), get(E), GE_U, brIf(1));
  emit(get(Hh), v128Load(0), set(HV));
  emit(get(D), get(D), v128Load(0), f32x4Const(1), get(HV), get(HV), F32X4_MUL, F32X4_SUB, F32X4_MUL, v128Store(0));
  emit(incr(D, i32c(16)), incr(Hh, i32c(16)), br(0), END, END);
  return funcBody([[...uleb(1), I32], [...uleb(1), V128]], code);
}

function moduleBytes(hp: number, relaxed: boolean): Uint8Array<ArrayBuffer> {
  return assemble([i32Params(6), i32Params(2), i32Params(3)], [0, 0, 1, 2], [
    ['rows', rowsBody(hp, relaxed)],
    ['cols', colsBody(hp, relaxed)],
    ['tanh', tanhBody()],
    ['dtanh', dtanhBody()],
  ]);
}

export interface WasmGemm {
  readonly hp: number;
  /** Built with relaxed-SIMD multiply-add (where the engine validates it). */
  readonly relaxed: boolean;
  /** The module's memory; views on it go stale when `reserve` grows it. */
  readonly memory: WebAssembly.Memory;
  /** Make the memory at least `bytes` long. */
  reserve(bytes: number): void;
  rows(a: number, lda: number, b: number, c: number, n: number, k: number): void;
  cols(a: number, lda: number, b: number, g: number, n: number, k: number): void;
  tanh(p: number, n: number): void;
  dtanh(d: number, h: number, n: number): void;
}

const cache = new Map<string, WasmGemm | null>();

function instantiate(hp: number, relaxed: boolean): WasmGemm | null {
  const instance = instantiateIfValid(moduleBytes(hp, relaxed));
  if (!instance) return null;
  const memory = instance.exports.memory as WebAssembly.Memory;
  return {
    hp,
    relaxed,
    memory,
    reserve: (n: number) => reserve(memory, n),
    rows: instance.exports.rows as WasmGemm['rows'],
    cols: instance.exports.cols as WasmGemm['cols'],
    tanh: instance.exports.tanh as WasmGemm['tanh'],
    dtanh: instance.exports.dtanh as WasmGemm['dtanh'],
  };
}

/**
 * The kernels for rows of `hp` floats (a multiple of 4), or null without
 * WebAssembly SIMD. With relaxed SIMD (Chromium ≥ 114; Node 20 only behind a
 * flag) the multiply-adds use relaxed_madd unless `relaxed` is false.
 */
export function wasmGemm(hp: number, opts: { relaxed?: boolean } = {}): WasmGemm | null {
  if (hp % 4 !== 0 || hp <= 0) throw new RangeError(`row width must be a positive multiple of 4, got ${hp}`);
  const key = `${hp}:${opts.relaxed !== false}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let out: WasmGemm | null = null;
  try {
    out = (opts.relaxed !== false ? instantiate(hp, true) : null) ?? instantiate(hp, false);
  } catch {
    out = null;
  }
  cache.set(key, out);
  return out;
}

/** True where this engine runs the SIMD kernels (WebAssembly with 128-bit SIMD). */
export function hasWasmSimd(): boolean {
  return wasmGemm(4) !== null;
}
