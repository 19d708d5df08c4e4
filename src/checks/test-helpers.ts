// Small helpers shared by the model and engine unit tests (not imported by app code).
import { createRng } from '../model/random.ts';

export function randomMatrix(rows: number, cols: number, seed: number, scale = 1): Float64Array {
  const rng = createRng(seed);
  const out = new Float64Array(rows * cols);
  for (let i = 0; i < out.length; i++) out[i] = rng.normal() * scale;
  return out;
}

/** C = A (r×m) · B (m×c), textbook triple loop. */
export function naiveMatmul(A: Float64Array, B: Float64Array, r: number, m: number, c: number): Float64Array {
  const C = new Float64Array(r * c);
  for (let i = 0; i < r; i++) for (let j = 0; j < c; j++) {
    let s = 0;
    for (let k = 0; k < m; k++) s += A[i * m + k] * B[k * c + j];
    C[i * c + j] = s;
  }
  return C;
}

export function relDiff(a: number, b: number): number {
  return a === b ? 0 : Math.abs(a - b) / Math.max(Math.abs(a), Math.abs(b));
}
