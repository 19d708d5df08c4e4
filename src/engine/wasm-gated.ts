// Float32 kernels of the fused LSTM and GRU training step (fused-gated.ts):
// one WebAssembly SIMD module per cell and padded hidden width hp, emitted
// byte by byte (wasm-asm.ts), sharing one memory:
//
//   rowsWide(a, lda, b, c, n, k)   C[i, :] += Σ_{j<k} A[i·lda + j] · B[j, :], rows of gw = G·hp floats
//   colsWide(a, lda, b, g, n, k)   G[j, :] += Σ_{i<n} A[i·lda + j] · B[i, :], rows of gw floats
//   rowsNarrow(a, lda, b, c, n, k) the same as rowsWide with rows of hp floats (∂L/∂h(t−1) = δ W_hh)
//   cellForward, cellBackward      the cell's elementwise step (below), over n rows
//
// (the matrix loops are wasm-gemm.ts's, emitted for the wider rows). Gate
// rows hold the G gate blocks side by side, block g at floats g·hp … g·hp+hp;
// state rows hold hp floats. tanh is wasm-gemm.ts's rational approximation,
// σ(x) = ½ tanh(x/2) + ½. Elementwise, per row and unit:
//
//   LSTM forward  (g, cPrev, c, h, tc, n):   gates ← σ, σ, tanh, σ of gates (in place);
//                 c = f cPrev + i g;  tc = tanh c;  h = o tc
//   LSTM backward (g, cPrev, tc, dh, dc, da, n): with dc the carry ∂L/∂c(t+1) ⊙ f(t+1) in,
//                 D = dc + dh o (1 − tc²);  da = [D g i(1−i), D cPrev f(1−f), D i (1−g²), dh tc o(1−o)];
//                 dc ← D f  (the carry for t − 1)
//   GRU forward   (gi, gh, hPrev, h, n):     r = σ(gi_r + gh_r), z = σ(gi_z + gh_z),
//                 n = tanh(gi_n + r gh_n) stored over gi;  h = (1 − z) n + z hPrev
//   GRU backward  (gi, gh, hPrev, dh, dgi, dgh, dhPrev, n):  dn = dh (1−z)(1−n²),
//                 dr = dn gh_n r(1−r), dz = dh (hPrev − n) z(1−z);
//                 dgi = [dr, dz, dn], dgh = [dr, dz, dn r], dhPrev = dh z
import {
  BLOCK, END, GE_U, I32, LOOP, V128,
  F32X4_ADD, F32X4_DIV, F32X4_MAX, F32X4_MIN, F32X4_MUL, F32X4_SUB,
  assemble, br, brIf, emitter, f32x4Const, funcBody, get, i32Params, i32c, incr, instantiateIfValid, reserve, set, uleb,
} from './wasm-asm.ts';
import { TANH_CLAMP, TANH_DEN, TANH_NUM, colsBody, rowsBody, v128Load, v128Store } from './wasm-gemm.ts';
import { gateCount, type GatedCell } from '../model/cells.ts';

type Code = number[];
const cat = (...parts: Code[]): Code => parts.flat();
const ld = (p: number, off = 0): Code => cat(get(p), v128Load(off));
const st = (p: number, off: number, value: Code): Code => cat(get(p), value, v128Store(off));
const mul = (...xs: Code[]): Code => xs.slice(1).reduce((acc, x) => cat(acc, x, F32X4_MUL), xs[0]);
const add = (a: Code, b: Code): Code => cat(a, b, F32X4_ADD);
const sub = (a: Code, b: Code): Code => cat(a, b, F32X4_SUB);
const ONE = f32x4Const(1);
const HALF = f32x4Const(0.5);
const oneMinus = (a: Code): Code => sub(ONE, a);
/** a (1 − a): σ′ from σ. */
const dsig = (x: number): Code => mul(get(x), oneMinus(get(x)));

/** The polynomial Σ c_k y^k (coefficients lowest first) by Horner, y = local x2. */
function horner(coeffs: readonly number[], x2: number): Code {
  const c = [...coeffs].reverse();
  return c.slice(1).reduce((acc, a) => cat(acc, get(x2), F32X4_MUL, f32x4Const(a), F32X4_ADD), f32x4Const(c[0]));
}

/** dst = tanh(value), the rational approximation of fused-step.ts's fastTanh; x, x2 are scratch locals. */
function tanhTo(dst: number, value: Code, x: number, x2: number): Code {
  return cat(
    value, f32x4Const(-TANH_CLAMP), F32X4_MAX, f32x4Const(TANH_CLAMP), F32X4_MIN, set(x),
    get(x), get(x), F32X4_MUL, set(x2),
    horner(TANH_NUM, x2), get(x), F32X4_MUL, horner(TANH_DEN, x2), F32X4_DIV, set(dst),
  );
}

/** dst = σ(value) = ½ tanh(value/2) + ½. */
function sigmoidTo(dst: number, value: Code, x: number, x2: number): Code {
  return cat(tanhTo(dst, mul(value, HALF), x, x2), get(dst), HALF, F32X4_MUL, HALF, F32X4_ADD, set(dst));
}

interface Loop {
  hp: number;
  gw: number;
  /** pointers to gate rows (gw floats) and to state rows (hp floats) */
  gatePtrs: number[];
  statePtrs: number[];
  n: number;
  row: number;
  v: number;
}

/** for row < n: for each 4-float vector v of the hp units: body; pointers advance 16 bytes per vector, gate pointers skip to their next row. */
function rowLoop(l: Loop, body: Code): Code {
  const { code, emit } = emitter();
  emit(i32c(0), set(l.row), BLOCK, LOOP, get(l.row), get(l.n), GE_U, brIf(1));
  emit(i32c(0), set(l.v), BLOCK, LOOP, get(l.v), i32c(l.hp / 4), GE_U, brIf(1));
  emit(body);
  for (const p of [...l.gatePtrs, ...l.statePtrs]) emit(incr(p, i32c(16)));
  emit(incr(l.v, i32c(1)), br(0), END, END);
  for (const p of l.gatePtrs) emit(incr(p, i32c((l.gw - l.hp) * 4)));
  emit(incr(l.row, i32c(1)), br(0), END, END);
  return code;
}

function lstmForwardBody(hp: number): Code {
  const [g, cp, c, h, tc, n, row, v] = [0, 1, 2, 3, 4, 5, 6, 7];
  const [I, F, G, O, C, TC, X, X2] = [8, 9, 10, 11, 12, 13, 14, 15];
  const b = hp * 4;
  const body = cat(
    sigmoidTo(I, ld(g, 0), X, X2), st(g, 0, get(I)),
    sigmoidTo(F, ld(g, b), X, X2), st(g, b, get(F)),
    tanhTo(G, ld(g, 2 * b), X, X2), st(g, 2 * b, get(G)),
    sigmoidTo(O, ld(g, 3 * b), X, X2), st(g, 3 * b, get(O)),
    add(mul(get(F), ld(cp)), mul(get(I), get(G))), set(C), st(c, 0, get(C)),
    tanhTo(TC, get(C), X, X2), st(tc, 0, get(TC)),
    st(h, 0, mul(get(O), get(TC))),
  );
  const loop = rowLoop({ hp, gw: 4 * hp, gatePtrs: [g], statePtrs: [cp, c, h, tc], n, row, v }, body);
  return funcBody([[...uleb(2), I32], [...uleb(8), V128]], loop);
}

function lstmBackwardBody(hp: number): Code {
  const [g, cp, tc, dh, dc, da, n, row, v] = [0, 1, 2, 3, 4, 5, 6, 7, 8];
  const [I, F, G, O, TC, DH, D] = [9, 10, 11, 12, 13, 14, 15];
  const b = hp * 4;
  const body = cat(
    ld(g, 0), set(I), ld(g, b), set(F), ld(g, 2 * b), set(G), ld(g, 3 * b), set(O),
    ld(tc), set(TC), ld(dh), set(DH),
    add(ld(dc), mul(get(DH), get(O), oneMinus(mul(get(TC), get(TC))))), set(D),
    st(da, 0, mul(get(D), get(G), dsig(I))),
    st(da, b, mul(get(D), ld(cp), dsig(F))),
    st(da, 2 * b, mul(get(D), get(I), oneMinus(mul(get(G), get(G))))),
    st(da, 3 * b, mul(get(DH), get(TC), dsig(O))),
    st(dc, 0, mul(get(D), get(F))),
  );
  const loop = rowLoop({ hp, gw: 4 * hp, gatePtrs: [g, da], statePtrs: [cp, tc, dh, dc], n, row, v }, body);
  return funcBody([[...uleb(2), I32], [...uleb(7), V128]], loop);
}

function gruForwardBody(hp: number): Code {
  const [gi, gh, hPrev, h, n, row, v] = [0, 1, 2, 3, 4, 5, 6];
  const [R, Z, N, X, X2] = [7, 8, 9, 10, 11];
  const b = hp * 4;
  const body = cat(
    sigmoidTo(R, add(ld(gi, 0), ld(gh, 0)), X, X2), st(gi, 0, get(R)),
    sigmoidTo(Z, add(ld(gi, b), ld(gh, b)), X, X2), st(gi, b, get(Z)),
    tanhTo(N, add(ld(gi, 2 * b), mul(get(R), ld(gh, 2 * b))), X, X2), st(gi, 2 * b, get(N)),
    st(h, 0, add(mul(oneMinus(get(Z)), get(N)), mul(get(Z), ld(hPrev)))),
  );
  const loop = rowLoop({ hp, gw: 3 * hp, gatePtrs: [gi, gh], statePtrs: [hPrev, h], n, row, v }, body);
  return funcBody([[...uleb(2), I32], [...uleb(5), V128]], loop);
}

function gruBackwardBody(hp: number): Code {
  const [gi, gh, hPrev, dh, dgi, dgh, dhPrev, n, row, v] = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9];
  const [R, Z, N, DH, DN, DR, DZ] = [10, 11, 12, 13, 14, 15, 16];
  const b = hp * 4;
  const body = cat(
    ld(gi, 0), set(R), ld(gi, b), set(Z), ld(gi, 2 * b), set(N), ld(dh), set(DH),
    mul(get(DH), oneMinus(get(Z)), oneMinus(mul(get(N), get(N)))), set(DN),
    mul(get(DN), ld(gh, 2 * b), dsig(R)), set(DR),
    mul(get(DH), sub(ld(hPrev), get(N)), dsig(Z)), set(DZ),
    st(dgi, 0, get(DR)), st(dgi, b, get(DZ)), st(dgi, 2 * b, get(DN)),
    st(dgh, 0, get(DR)), st(dgh, b, get(DZ)), st(dgh, 2 * b, mul(get(DN), get(R))),
    st(dhPrev, 0, mul(get(DH), get(Z))),
  );
  const loop = rowLoop({ hp, gw: 3 * hp, gatePtrs: [gi, gh, dgi, dgh], statePtrs: [hPrev, dh, dhPrev], n, row, v }, body);
  return funcBody([[...uleb(2), I32], [...uleb(7), V128]], loop);
}

/** Parameter counts of cellForward and cellBackward. */
const ARITY: Record<GatedCell, [number, number]> = { lstm: [6, 7], gru: [5, 8] };

function moduleBytes(cell: GatedCell, hp: number, relaxed: boolean): Uint8Array<ArrayBuffer> {
  const gw = gateCount(cell) * hp;
  const [fwd, bwd] = ARITY[cell];
  return assemble([i32Params(6), i32Params(fwd), i32Params(bwd)], [0, 0, 0, 1, 2], [
    ['rowsWide', rowsBody(gw, relaxed)],
    ['colsWide', colsBody(gw, relaxed)],
    ['rowsNarrow', rowsBody(hp, relaxed)],
    ['cellForward', cell === 'lstm' ? lstmForwardBody(hp) : gruForwardBody(hp)],
    ['cellBackward', cell === 'lstm' ? lstmBackwardBody(hp) : gruBackwardBody(hp)],
  ]);
}

type Kernel = (...byteOffsetsAndCounts: number[]) => void;

export interface WasmGated {
  readonly cell: GatedCell;
  readonly hp: number;
  readonly relaxed: boolean;
  /** The module's memory; views on it go stale when `reserve` grows it. */
  readonly memory: WebAssembly.Memory;
  reserve(bytes: number): void;
  rowsWide: Kernel;
  colsWide: Kernel;
  rowsNarrow: Kernel;
  cellForward: Kernel;
  cellBackward: Kernel;
}

const cache = new Map<string, WasmGated | null>();

function instantiate(cell: GatedCell, hp: number, relaxed: boolean): WasmGated | null {
  const instance = instantiateIfValid(moduleBytes(cell, hp, relaxed));
  if (!instance) return null;
  const e = instance.exports;
  const memory = e.memory as WebAssembly.Memory;
  return {
    cell,
    hp,
    relaxed,
    memory,
    reserve: (bytes) => reserve(memory, bytes),
    rowsWide: e.rowsWide as Kernel,
    colsWide: e.colsWide as Kernel,
    rowsNarrow: e.rowsNarrow as Kernel,
    cellForward: e.cellForward as Kernel,
    cellBackward: e.cellBackward as Kernel,
  };
}

/** The kernels of `cell` for hp-float state rows (hp a multiple of 4), or null without WebAssembly SIMD. */
export function wasmGated(cell: GatedCell, hp: number, opts: { relaxed?: boolean } = {}): WasmGated | null {
  if (hp % 4 !== 0 || hp <= 0) throw new RangeError(`row width must be a positive multiple of 4, got ${hp}`);
  const key = `${cell}:${hp}:${opts.relaxed !== false}`;
  const hit = cache.get(key);
  if (hit !== undefined) return hit;
  let out: WasmGated | null = null;
  try {
    out = (opts.relaxed !== false ? instantiate(cell, hp, true) : null) ?? instantiate(cell, hp, false);
  } catch {
    out = null;
  }
  cache.set(key, out);
  return out;
}
