// The two inner loops of the ζ norms (Float64), behind one interface, and
// their plain-JavaScript version. The engine supplies a WebAssembly SIMD
// version of the same interface (engine/wasm-zeta.ts: fastZetaKernels). All
// arrays passed to a kernel must come from its `allocate`.
import { matmulSquare4 } from './matmul.ts';

export interface ZetaKernels {
  readonly name: 'wasm-simd' | 'js';
  /** Zeroed arrays of the given lengths (wasm: carved from one memory, valid until the next call). */
  allocate(lengths: number[]): Float64Array[];
  /** C = A·B for n×n row-major matrices, n a multiple of 4. */
  matmul(A: Float64Array, B: Float64Array, C: Float64Array, n: number): void;
  /** w = M (Mᵀ q) for the n×n matrix M; tmp is scratch of length n. */
  gram(M: Float64Array, q: Float64Array, tmp: Float64Array, w: Float64Array, n: number): void;
}

export const jsZetaKernels: ZetaKernels = {
  name: 'js',
  allocate: (lengths) => lengths.map((l) => new Float64Array(l)),
  matmul: matmulSquare4,
  gram(M, q, tmp, w, n) {
    tmp.fill(0, 0, n);
    for (let i = 0; i < n; i++) {
      const qi = q[i];
      if (qi === 0) continue;
      const row = i * n;
      for (let j = 0; j < n; j++) tmp[j] += qi * M[row + j];
    }
    for (let i = 0; i < n; i++) {
      const row = i * n;
      let s = 0;
      for (let j = 0; j < n; j++) s += M[row + j] * tmp[j];
      w[i] = s;
    }
  },
};
