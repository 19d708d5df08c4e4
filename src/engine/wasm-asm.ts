// A minimal WebAssembly assembler shared by the hand-written SIMD kernels
// (wasm-zeta.ts, wasm-gemm.ts): LEB128 integers, sections and vectors,
// every opcode those kernels use (the kernels hold no opcode bytes of their
// own), function bodies, module assembly, and instantiation that yields null
// where the engine lacks WebAssembly (SIMD).

export const I32 = 0x7f;
export const V128 = 0x7b;

/** Unsigned LEB128. */
export function uleb(n: number): number[] {
  const out: number[] = [];
  do {
    let byte = n & 0x7f;
    n >>>= 7;
    if (n !== 0) byte |= 0x80;
    out.push(byte);
  } while (n !== 0);
  return out;
}

/** Signed LEB128. */
export function sleb(n: number): number[] {
  const out: number[] = [];
  for (;;) {
    const byte = n & 0x7f;
    n >>= 7;
    if ((n === 0 && (byte & 0x40) === 0) || (n === -1 && (byte & 0x40) !== 0)) {
      out.push(byte);
      return out;
    }
    out.push(byte | 0x80);
  }
}

export const section = (id: number, body: number[]): number[] => [id, ...uleb(body.length), ...body];
export const vec = (items: number[][]): number[] => [...uleb(items.length), ...items.flat()];
export const name = (s: string): number[] => [...uleb(s.length), ...Array.from(s, (ch) => ch.charCodeAt(0))];

// Opcodes
export const get = (i: number) => [0x20, ...uleb(i)];
export const set = (i: number) => [0x21, ...uleb(i)];
export const i32c = (v: number) => [0x41, ...sleb(v)];
export const ADD = 0x6a, MUL = 0x6c, SHL = 0x74, GE_U = 0x4f, LT_U = 0x49, SELECT = 0x1b;
export const BLOCK = [0x02, 0x40], LOOP = [0x03, 0x40], END = 0x0b;
export const br = (d: number) => [0x0c, ...uleb(d)];
export const brIf = (d: number) => [0x0d, ...uleb(d)];
export const simd = (op: number) => [0xfd, ...uleb(op)];
/** v128.load with alignment hint 2^alignLog2 bytes. */
export const v128Load = (offset: number, alignLog2: number) => [...simd(0x00), alignLog2, ...uleb(offset)];
/** v128.store with alignment hint 2^alignLog2 bytes. */
export const v128Store = (offset: number, alignLog2: number) => [...simd(0x0b), alignLog2, ...uleb(offset)];
/** v128.const with these 16 bytes. */
export const v128Const = (bytes: ArrayLike<number>) => [...simd(0x0c), ...Array.from(bytes)];
export const V128_ZERO = v128Const(new Array(16).fill(0));

// Scalar float loads, stores and arithmetic (natural alignment, offset 0)
export const F32_LOAD = [0x2a, 2, 0];
export const F64_LOAD = [0x2b, 3, 0];
export const F64_STORE = [0x39, 3, 0];
export const F64_ADD = 0xa0;

// Two f64 lanes
export const F64X2_SPLAT = simd(0x14), F64X2_ADD = simd(0xf0), F64X2_MUL = simd(0xf2);
export const f64x2ExtractLane = (lane: number) => [...simd(0x21), lane];

// Four f32 lanes
export const F32X4_SPLAT = simd(0x13), F32X4_ADD = simd(0xe4), F32X4_SUB = simd(0xe5), F32X4_MUL = simd(0xe6), F32X4_DIV = simd(0xe7);
export const F32X4_MIN = simd(0xe8), F32X4_MAX = simd(0xe9);
/** Relaxed SIMD: a·b + c, fused where the hardware has FMA (one instruction instead of two). */
export const F32X4_RELAXED_MADD = simd(0x105);
/** v128.const of four copies of the float32 nearest to v. */
export const f32x4Const = (v: number) => v128Const(new Uint8Array(new Float32Array([v, v, v, v]).buffer));

/** local[x] += k (i32) */
export const incr = (x: number, k: number[]) => [...get(x), ...k, ADD, ...set(x)];

export type Emit = (...parts: (number | number[])[]) => void;

/** A code buffer and an `emit` that appends opcodes (numbers or byte arrays) to it. */
export function emitter(): { code: number[]; emit: Emit } {
  const code: number[] = [];
  const emit: Emit = (...parts) => {
    for (const p of parts) Array.isArray(p) ? code.push(...p) : code.push(p);
  };
  return { code, emit };
}

/** A size-prefixed function body: local declarations (count, type), then `code` and END. */
export function funcBody(locals: number[][], code: number[]): number[] {
  const b = [...vec(locals), ...code, END];
  return [...uleb(b.length), ...b];
}

/** A function type taking `k` i32 parameters and returning nothing. */
export const i32Params = (k: number) => [0x60, ...vec(Array.from({ length: k }, () => [I32])), ...vec([])];

/**
 * A module with one memory (exported as "memory", one page to start) and the
 * functions `exports` (name → body, in order), function i having type
 * `typeOf[i]` among `types`.
 */
export function assemble(types: number[][], typeOf: number[], exports: [string, number[]][]): Uint8Array<ArrayBuffer> {
  const type = section(1, vec(types));
  const funcs = section(3, vec(typeOf.map((t) => uleb(t))));
  const memory = section(5, vec([[0x00, ...uleb(1)]]));
  const exportSec = section(7, vec([[...name('memory'), 0x02, 0], ...exports.map(([n], i) => [...name(n), 0x00, i])]));
  const codeSec = section(10, vec(exports.map(([, b]) => b)));
  return new Uint8Array([0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, ...type, ...funcs, ...memory, ...exportSec, ...codeSec]);
}

/** The instance of `bytes`, or null where WebAssembly is missing or does not validate them (e.g. no SIMD). */
export function instantiateIfValid(bytes: Uint8Array<ArrayBuffer>): WebAssembly.Instance | null {
  const WA = (globalThis as { WebAssembly?: typeof WebAssembly }).WebAssembly;
  if (!WA || !WA.validate(bytes)) return null;
  return new WA.Instance(new WA.Module(bytes), {});
}

/** Grow `memory` (64 KiB pages) until it holds at least `bytes`. */
export function reserve(memory: WebAssembly.Memory, bytes: number): void {
  const have = memory.buffer.byteLength;
  if (bytes > have) memory.grow(Math.ceil((bytes - have) / 65536));
}
