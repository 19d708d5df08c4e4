// C = A·B for square n×n row-major matrices, the inner kernel of the ζ
// product. n must be a multiple of 4 (callers zero-pad). A 4×4 register block
// keeps 16 accumulators live and reads each A and B entry once per block,
// which in V8 runs 3–4× faster than the textbook i-k-j loop.
export function matmulSquare4(A: Float64Array, B: Float64Array, C: Float64Array, n: number): void {
  for (let i = 0; i < n; i += 4) {
    const r0 = i * n;
    const r1 = r0 + n;
    const r2 = r1 + n;
    const r3 = r2 + n;
    for (let j = 0; j < n; j += 4) {
      let c00 = 0, c01 = 0, c02 = 0, c03 = 0;
      let c10 = 0, c11 = 0, c12 = 0, c13 = 0;
      let c20 = 0, c21 = 0, c22 = 0, c23 = 0;
      let c30 = 0, c31 = 0, c32 = 0, c33 = 0;
      for (let l = 0; l < n; l++) {
        const w = l * n + j;
        const b0 = B[w], b1 = B[w + 1], b2 = B[w + 2], b3 = B[w + 3];
        const a0 = A[r0 + l], a1 = A[r1 + l], a2 = A[r2 + l], a3 = A[r3 + l];
        c00 += a0 * b0; c01 += a0 * b1; c02 += a0 * b2; c03 += a0 * b3;
        c10 += a1 * b0; c11 += a1 * b1; c12 += a1 * b2; c13 += a1 * b3;
        c20 += a2 * b0; c21 += a2 * b1; c22 += a2 * b2; c23 += a2 * b3;
        c30 += a3 * b0; c31 += a3 * b1; c32 += a3 * b2; c33 += a3 * b3;
      }
      C[r0 + j] = c00; C[r0 + j + 1] = c01; C[r0 + j + 2] = c02; C[r0 + j + 3] = c03;
      C[r1 + j] = c10; C[r1 + j + 1] = c11; C[r1 + j + 2] = c12; C[r1 + j + 3] = c13;
      C[r2 + j] = c20; C[r2 + j + 1] = c21; C[r2 + j + 2] = c22; C[r2 + j + 3] = c23;
      C[r3 + j] = c30; C[r3 + j + 1] = c31; C[r3 + j + 2] = c32; C[r3 + j + 3] = c33;
    }
  }
}
