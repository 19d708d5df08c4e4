// The ζ product's H×H×H multiply as a tiny hand-assembled WebAssembly module
// using 128-bit SIMD (two f64 lanes), about twice as fast as the best plain
// JavaScript loop in V8. The module is emitted byte by byte below (a few
// hundred bytes, compiled synchronously); where WebAssembly SIMD is missing,
// `wasmMatmul()` returns null and callers use matmul.ts.
//
// Exported: memory;
//   matmul(a, b, c, n): C = A·B for n×n row-major f64 matrices at byte
//     offsets a, b, c; n a multiple of 4. Register block: 4 rows of A × 4
//     columns of B, eight f64x2 accumulators;
//   gram(m, q, tmp, w, n): w = M (Mᵀ q) for the n×n matrix M and n-vectors
//     (the Lanczos step of jacobian.ts), tmp is scratch.

import {
  ADD, BLOCK, END, F64_ADD, F64_LOAD, F64_STORE, F64X2_ADD, F64X2_MUL, F64X2_SPLAT, GE_U, I32, LOOP, MUL, SHL, V128, V128_ZERO,
  assemble, br, brIf, emitter, f64x2ExtractLane, funcBody, get, i32Params, i32c, incr, instantiateIfValid, reserve, set, uleb,
  v128Load as asmLoad, v128Store as asmStore,
} from './wasm-asm.ts';
import { jsZetaKernels, type ZetaKernels } from '../model/zeta-kernels.ts';

/** 8-byte aligned vector loads and stores (f64 arrays). */
const v128Load = (offset: number) => asmLoad(offset, 3);
const v128Store = (offset: number) => asmStore(offset, 3);

function matmulBody(): number[] {
  // params: a 0, b 1, c 2, n 3
  const [A, B, C, N] = [0, 1, 2, 3];
  // i32 locals 4..13, v128 locals 14..24
  const [i, j, l, row, pa0, pa1, pa2, pa3, pb, pc] = [4, 5, 6, 7, 8, 9, 10, 11, 12, 13];
  const acc = [14, 15, 16, 17, 18, 19, 20, 21];
  const [b0, b1, s] = [22, 23, 24];
  const pa = [pa0, pa1, pa2, pa3];
  const { code, emit } = emitter();
  emit(get(N), i32c(3), SHL, set(row)); // row = n·8 bytes
  emit(i32c(0), set(i));
  emit(BLOCK, LOOP);
  emit(get(i), get(N), GE_U, brIf(1));
  emit(i32c(0), set(j));
  emit(BLOCK, LOOP);
  emit(get(j), get(N), GE_U, brIf(1));
  for (const x of acc) emit(V128_ZERO, set(x));
  // pa_r = a + (i + r)·row ; pb = b + j·8
  emit(get(A), get(i), get(row), MUL, ADD, set(pa0));
  for (let r = 1; r < 4; r++) emit(get(pa[r - 1]), get(row), ADD, set(pa[r]));
  emit(get(B), get(j), i32c(3), SHL, ADD, set(pb));
  emit(i32c(0), set(l));
  emit(BLOCK, LOOP);
  emit(get(l), get(N), GE_U, brIf(1));
  emit(get(pb), v128Load(0), set(b0), get(pb), v128Load(16), set(b1));
  for (let r = 0; r < 4; r++) {
    emit(get(pa[r]), F64_LOAD, F64X2_SPLAT, set(s));
    emit(get(acc[2 * r]), get(s), get(b0), F64X2_MUL, F64X2_ADD, set(acc[2 * r]));
    emit(get(acc[2 * r + 1]), get(s), get(b1), F64X2_MUL, F64X2_ADD, set(acc[2 * r + 1]));
  }
  for (const p of pa) emit(incr(p, i32c(8)));
  emit(incr(pb, get(row)), incr(l, i32c(1)));
  emit(br(0), END, END);
  // C block: pc = c + i·row + j·8
  emit(get(C), get(i), get(row), MUL, ADD, get(j), i32c(3), SHL, ADD, set(pc));
  for (let r = 0; r < 4; r++) {
    emit(get(pc), get(acc[2 * r]), v128Store(0), get(pc), get(acc[2 * r + 1]), v128Store(16));
    emit(incr(pc, get(row)));
  }
  emit(incr(j, i32c(4)), br(0), END, END);
  emit(incr(i, i32c(4)), br(0), END, END);
  return funcBody([[...uleb(10), I32], [...uleb(11), V128]], code);
}

function gramBody(): number[] {
  // params: m 0, q 1, tmp 2, w 3, n 4
  const [Mp, Q, TMP, W, N] = [0, 1, 2, 3, 4];
  // i32 locals 5..9, v128 locals 10..11
  const [i, j, row, pm, pt] = [5, 6, 7, 8, 9];
  const [s, acc] = [10, 11];
  const { code, emit } = emitter();
  const loopTo = (counter: number, limit: number[], step: number, body: () => void) => {
    emit(i32c(0), set(counter), BLOCK, LOOP, get(counter), ...limit, GE_U, brIf(1));
    body();
    emit(incr(counter, i32c(step)), br(0), END, END);
  };
  emit(get(N), i32c(3), SHL, set(row));
  // tmp = 0
  loopTo(j, get(N), 2, () => emit(get(TMP), get(j), i32c(3), SHL, ADD, V128_ZERO, v128Store(0)));
  // tmp += q[i] · M[i, :]   (tmp = Mᵀ q)
  emit(get(Mp), set(pm));
  loopTo(i, get(N), 1, () => {
    emit(get(Q), get(i), i32c(3), SHL, ADD, F64_LOAD, F64X2_SPLAT, set(s));
    emit(get(TMP), set(pt));
    loopTo(j, get(N), 2, () => {
      emit(get(pt), get(pt), v128Load(0), get(s), get(pm), v128Load(0), F64X2_MUL, F64X2_ADD, v128Store(0));
      emit(incr(pt, i32c(16)), incr(pm, i32c(16)));
    });
  });
  // w[i] = M[i, :] · tmp   (w = M tmp)
  emit(get(Mp), set(pm));
  loopTo(i, get(N), 1, () => {
    emit(V128_ZERO, set(acc), get(TMP), set(pt));
    loopTo(j, get(N), 2, () => {
      emit(get(acc), get(pm), v128Load(0), get(pt), v128Load(0), F64X2_MUL, F64X2_ADD, set(acc));
      emit(incr(pt, i32c(16)), incr(pm, i32c(16)));
    });
    emit(get(W), get(i), i32c(3), SHL, ADD, get(acc), f64x2ExtractLane(0), get(acc), f64x2ExtractLane(1), F64_ADD, F64_STORE);
  });
  return funcBody([[...uleb(5), I32], [...uleb(2), V128]], code);
}

function moduleBytes(): Uint8Array<ArrayBuffer> {
  return assemble([i32Params(4), i32Params(5)], [0, 1], [
    ['matmul', matmulBody()],
    ['gram', gramBody()],
  ]);
}

export interface WasmKernels {
  /** Zeroed Float64Arrays of the given lengths, in the module's memory (valid until the next call). */
  allocate(lengths: number[]): Float64Array[];
  /** C = A·B, all n×n, all allocated by `allocate`. */
  matmul(A: Float64Array, B: Float64Array, C: Float64Array, n: number): void;
  /** w = M (Mᵀ q); tmp is scratch; all allocated by `allocate`. */
  gram(M: Float64Array, q: Float64Array, tmp: Float64Array, w: Float64Array, n: number): void;
}

let cached: WasmKernels | null | undefined;

/** The SIMD kernels, or null where WebAssembly SIMD is unavailable. */
export function wasmKernels(): WasmKernels | null {
  if (cached !== undefined) return cached;
  cached = null;
  try {
    const instance = instantiateIfValid(moduleBytes());
    if (!instance) return cached;
    const memory = instance.exports.memory as WebAssembly.Memory;
    const matmul = instance.exports.matmul as (a: number, b: number, c: number, n: number) => void;
    const gram = instance.exports.gram as (m: number, q: number, tmp: number, w: number, n: number) => void;
    cached = {
      allocate(lengths) {
        const starts: number[] = [];
        let end = 0;
        for (const l of lengths) {
          starts.push(end);
          end += Math.ceil(l / 2) * 16; // 16-byte aligned blocks
        }
        reserve(memory, end);
        return lengths.map((l, k) => new Float64Array(memory.buffer, starts[k], l).fill(0));
      },
      matmul: (A, B, C, n) => matmul(A.byteOffset, B.byteOffset, C.byteOffset, n),
      gram: (M, q, tmp, w, n) => gram(M.byteOffset, q.byteOffset, tmp.byteOffset, w.byteOffset, n),
    };
  } catch {
    cached = null;
  }
  return cached;
}

let fast: ZetaKernels | undefined;

/** The ζ kernels to use: WebAssembly SIMD if this engine has it, else the JavaScript ones. */
export function fastZetaKernels(): ZetaKernels {
  if (fast) return fast;
  const w = wasmKernels();
  fast = w ? { name: 'wasm-simd', allocate: w.allocate, matmul: w.matmul, gram: w.gram } : jsZetaKernels;
  return fast;
}
