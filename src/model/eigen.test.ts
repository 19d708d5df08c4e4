import { describe, expect, test } from 'vitest';
import { eigenvalues, spectralNorm, spectralRadius } from './eigen.ts';
import { naiveMatmul, randomMatrix, relDiff } from '../checks/test-helpers.ts';

/** Eigenvalues sorted by (re, im) for comparison. */
function sorted(A: Float64Array, n: number): [number, number][] {
  const { re, im } = eigenvalues(A, n);
  return Array.from(re, (r, i) => [r, im[i]] as [number, number]).sort((p, q) => p[0] - q[0] || p[1] - q[1]);
}

function determinant(A: Float64Array, n: number): number {
  const a = Float64Array.from(A);
  let det = 1;
  for (let k = 0; k < n; k++) {
    let piv = k;
    for (let i = k + 1; i < n; i++) if (Math.abs(a[i * n + k]) > Math.abs(a[piv * n + k])) piv = i;
    if (a[piv * n + k] === 0) return 0;
    if (piv !== k) {
      for (let j = 0; j < n; j++) [a[k * n + j], a[piv * n + j]] = [a[piv * n + j], a[k * n + j]];
      det = -det;
    }
    det *= a[k * n + k];
    for (let i = k + 1; i < n; i++) {
      const f = a[i * n + k] / a[k * n + k];
      for (let j = k; j < n; j++) a[i * n + j] -= f * a[k * n + j];
    }
  }
  return det;
}

function trace(A: Float64Array, n: number): number {
  let s = 0;
  for (let i = 0; i < n; i++) s += A[i * n + i];
  return s;
}

/** Re Σ λ^p, computed from the eigenvalues. */
function powerSum(re: Float64Array, im: Float64Array, p: number): { re: number; im: number } {
  let sr = 0, si = 0;
  for (let i = 0; i < re.length; i++) {
    let zr = 1, zi = 0;
    for (let k = 0; k < p; k++) [zr, zi] = [zr * re[i] - zi * im[i], zr * im[i] + zi * re[i]];
    sr += zr; si += zi;
  }
  return { re: sr, im: si };
}

describe('eigenvalues', () => {
  test('2×2 rotation: cos θ ± i sin θ', () => {
    const th = 0.7;
    const R = Float64Array.from([Math.cos(th), -Math.sin(th), Math.sin(th), Math.cos(th)]);
    const ev = sorted(R, 2);
    expect(ev[0][0]).toBeCloseTo(Math.cos(th), 14);
    expect(ev[0][1]).toBeCloseTo(-Math.sin(th), 14);
    expect(ev[1][1]).toBeCloseTo(Math.sin(th), 14);
    expect(spectralRadius(R, 2)).toBeCloseTo(1, 14);
  });

  test('upper triangular: the diagonal', () => {
    const n = 6;
    const A = randomMatrix(n, n, 3);
    const diag = [3, -1.5, 0.25, 2, -4, 0.5];
    for (let i = 0; i < n; i++) for (let j = 0; j < i; j++) A[i * n + j] = 0;
    for (let i = 0; i < n; i++) A[i * n + i] = diag[i];
    const ev = sorted(A, n);
    const want = [...diag].sort((a, b) => a - b);
    ev.forEach(([re, im], i) => {
      expect(re).toBeCloseTo(want[i], 12);
      expect(im).toBe(0);
    });
  });

  test('cyclic permutation: the n-th roots of unity (needs exceptional shifts)', () => {
    const n = 7;
    const P = new Float64Array(n * n);
    for (let i = 0; i < n; i++) P[i * n + ((i + 1) % n)] = 1;
    const { re, im } = eigenvalues(P, n);
    for (let i = 0; i < n; i++) expect(Math.hypot(re[i], im[i])).toBeCloseTo(1, 12);
    const angles = Array.from(re, (r, i) => Math.atan2(im[i], r)).sort((a, b) => a - b);
    for (let i = 1; i < n; i++) expect(angles[i] - angles[i - 1]).toBeCloseTo((2 * Math.PI) / n, 10);
  });

  test('companion matrix of a polynomial with known roots', () => {
    // p(z) = (z − 1)(z + 2)(z − 0.5)(z² − 2z + 5), roots 1, −2, 0.5, 1 ± 2i
    const roots: [number, number][] = [[-2, 0], [0.5, 0], [1, -2], [1, 0], [1, 2]];
    let coeffs = [1]; // highest degree first
    const mulLinear = (c: number[], r: number) => [...c, 0].map((v, i) => v - (i > 0 ? r * c[i - 1] : 0));
    coeffs = mulLinear(mulLinear(mulLinear(coeffs, 1), -2), 0.5);
    // × (z² − 2z + 5)
    const q = [1, -2, 5];
    const prod = new Array(coeffs.length + 2).fill(0);
    coeffs.forEach((a, i) => q.forEach((b, j) => (prod[i + j] += a * b)));
    const n = prod.length - 1;
    const C = new Float64Array(n * n);
    for (let j = 0; j < n; j++) C[j] = -prod[j + 1];
    for (let i = 1; i < n; i++) C[i * n + i - 1] = 1;
    const { re, im } = eigenvalues(C, n);
    const left = Array.from(re, (r, i) => [r, im[i]]);
    for (const [rr, ri] of roots) {
      // each known root is matched by a distinct computed eigenvalue
      let best = 0;
      left.forEach(([r, i], k) => {
        if (Math.hypot(r - rr, i - ri) < Math.hypot(left[best][0] - rr, left[best][1] - ri)) best = k;
      });
      expect(Math.hypot(left[best][0] - rr, left[best][1] - ri)).toBeLessThan(1e-9);
      left.splice(best, 1);
    }
  });

  test.each([5, 16, 64])('random %i-square matrix: power sums equal traces of powers, product equals det', (n) => {
    const A = randomMatrix(n, n, 100 + n, 1 / Math.sqrt(n));
    const { re, im } = eigenvalues(A, n);
    let Ap: Float64Array = Float64Array.from(A);
    for (let p = 1; p <= 4; p++) {
      const s = powerSum(re, im, p);
      expect(Math.abs(s.re - trace(Ap, n))).toBeLessThan(1e-11 * n);
      expect(Math.abs(s.im)).toBeLessThan(1e-11 * n);
      Ap = naiveMatmul(Ap, A, n, n, n);
    }
    // product of eigenvalues = det(A)
    let pr = 1, pi = 0;
    for (let i = 0; i < n; i++) [pr, pi] = [pr * re[i] - pi * im[i], pr * im[i] + pi * re[i]];
    const det = determinant(A, n);
    expect(relDiff(pr, det)).toBeLessThan(1e-9);
    expect(Math.abs(pi)).toBeLessThan(1e-9 * Math.abs(det));
    // complex eigenvalues come in conjugate pairs
    const imSum = im.reduce((s, v) => s + v, 0);
    expect(Math.abs(imSum)).toBeLessThan(1e-10);
  });

  test('degenerate inputs', () => {
    expect(spectralRadius(new Float64Array(9), 3)).toBe(0);
    const I = Float64Array.from([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    expect(Array.from(eigenvalues(I, 3).re)).toEqual([1, 1, 1]);
    expect(() => eigenvalues(new Float64Array(3), 2)).toThrow(RangeError);
    expect(() => eigenvalues(Float64Array.from([NaN]), 1)).toThrow(RangeError);
  });
});

describe('spectralNorm', () => {
  test('diagonal, rank one, orthogonal, rectangular', () => {
    expect(spectralNorm(Float64Array.from([3, 0, 0, -5]), 2, 2)).toBeCloseTo(5, 14);
    const u = [1, -2, 2], v = [3, 4];
    const R1 = Float64Array.from(u.flatMap((a) => v.map((b) => a * b)));
    expect(spectralNorm(R1, 3, 2)).toBeCloseTo(15, 12);
    const th = 1.1;
    expect(spectralNorm(Float64Array.from([Math.cos(th), -Math.sin(th), Math.sin(th), Math.cos(th)]), 2, 2)).toBeCloseTo(1, 14);
    expect(spectralNorm(Float64Array.from(v), 1, 2)).toBeCloseTo(5, 14);
  });

  test('random 40×40: ‖A‖₂ ≥ ρ(A), ‖Ax‖ ≤ ‖A‖₂‖x‖ and equality is approached by power iteration', () => {
    const n = 40;
    const A = randomMatrix(n, n, 11);
    const s = spectralNorm(A, n, n);
    expect(s).toBeGreaterThanOrEqual(spectralRadius(A, n) * (1 - 1e-12));
    let x = randomMatrix(n, 1, 12);
    let est = 0;
    for (let it = 0; it < 2000; it++) {
      const y = naiveMatmul(A, x, n, n, 1);
      const AtY = new Float64Array(n);
      for (let i = 0; i < n; i++) for (let j = 0; j < n; j++) AtY[j] += A[i * n + j] * y[i];
      const norm = Math.hypot(...AtY);
      est = Math.sqrt(norm / Math.hypot(...x));
      x = AtY.map((v) => v / norm);
    }
    expect(relDiff(est, s)).toBeLessThan(1e-10);
  });

  test('scales without overflow', () => {
    expect(spectralNorm(Float64Array.from([1e200, 0, 0, 1e199]), 2, 2)).toBeCloseTo(1e200, -186);
    expect(spectralNorm(Float64Array.from([1e-200, 0, 0, 0]), 2, 2)).toBeGreaterThan(0);
  });
});
