// Eigenvalues of a real general matrix (for ρ(W) and the complex-plane plot)
// and the largest singular value (for ‖W‖₂).
//
// Eigenvalues: balance, reduce to upper Hessenberg form with Householder
// reflections, then run Francis double-shift QR steps on the Hessenberg matrix
// until it is quasi-triangular, reading off 1×1 (real) and 2×2 (complex pair)
// blocks. Matrices are row-major Float64Array, n×n.
import { symmetricEigen } from './symmetric-eigen.ts';

export interface Eigenvalues {
  re: Float64Array;
  im: Float64Array;
}

const EPS = 2.220446049250313e-16;

/** Parlett–Reinsch balancing by powers of 2: a similarity transform that evens row and column norms. */
function balance(a: Float64Array, n: number): void {
  const RADIX = 2;
  let done = false;
  while (!done) {
    done = true;
    for (let i = 0; i < n; i++) {
      let r = 0;
      let c = 0;
      for (let j = 0; j < n; j++) {
        if (j === i) continue;
        c += Math.abs(a[j * n + i]);
        r += Math.abs(a[i * n + j]);
      }
      if (c === 0 || r === 0) continue;
      let g = r / RADIX;
      let f = 1;
      const s = c + r;
      while (c < g) {
        f *= RADIX;
        c *= RADIX * RADIX;
      }
      g = r * RADIX;
      while (c > g) {
        f /= RADIX;
        c /= RADIX * RADIX;
      }
      if ((c + r) / f < 0.95 * s) {
        done = false;
        for (let j = 0; j < n; j++) a[i * n + j] /= f;
        for (let j = 0; j < n; j++) a[j * n + i] *= f;
      }
    }
  }
}

/** In place: reduce to upper Hessenberg form by Householder similarity transforms. */
function toHessenberg(a: Float64Array, n: number): void {
  const v = new Float64Array(n);
  for (let k = 0; k < n - 2; k++) {
    let scale = 0;
    for (let i = k + 1; i < n; i++) scale = Math.max(scale, Math.abs(a[i * n + k]));
    if (scale === 0) continue;
    let sumSq = 0;
    for (let i = k + 1; i < n; i++) sumSq += (a[i * n + k] / scale) ** 2;
    const norm = scale * Math.sqrt(sumSq);
    const x0 = a[(k + 1) * n + k];
    const alpha = x0 >= 0 ? -norm : norm;
    let vnorm2 = 0;
    for (let i = k + 1; i < n; i++) {
      v[i] = a[i * n + k] - (i === k + 1 ? alpha : 0);
      vnorm2 += v[i] * v[i];
    }
    if (vnorm2 === 0) continue;
    const beta = 2 / vnorm2;
    // A ← (I − β v vᵀ) A  (rows k+1.., columns k..)
    for (let j = k; j < n; j++) {
      let s = 0;
      for (let i = k + 1; i < n; i++) s += v[i] * a[i * n + j];
      s *= beta;
      for (let i = k + 1; i < n; i++) a[i * n + j] -= s * v[i];
    }
    // A ← A (I − β v vᵀ)  (all rows, columns k+1..)
    for (let i = 0; i < n; i++) {
      let s = 0;
      for (let j = k + 1; j < n; j++) s += a[i * n + j] * v[j];
      s *= beta;
      for (let j = k + 1; j < n; j++) a[i * n + j] -= s * v[j];
    }
    for (let i = k + 2; i < n; i++) a[i * n + k] = 0;
  }
}

const withSign = (mag: number, sign: number): number => (sign >= 0 ? Math.abs(mag) : -Math.abs(mag));

/** Francis double-shift QR on an upper Hessenberg matrix (destroyed). */
function hessenbergEigenvalues(a: Float64Array, n: number): Eigenvalues {
  const re = new Float64Array(n);
  const im = new Float64Array(n);
  const A = (i: number, j: number): number => a[i * n + j];
  const set = (i: number, j: number, v: number): void => {
    a[i * n + j] = v;
  };
  let norm = 0;
  for (let i = 0; i < n; i++) for (let j = Math.max(i - 1, 0); j < n; j++) norm += Math.abs(A(i, j));

  let hi = n - 1;
  let shift = 0;
  let its = 0;
  let p = 0, q = 0, r = 0, s = 0, w = 0, x = 0, y = 0, z = 0;
  while (hi >= 0) {
    // Find the lowest negligible subdiagonal entry: the active block is rows lo..hi.
    let lo = hi;
    while (lo > 0) {
      s = Math.abs(A(lo - 1, lo - 1)) + Math.abs(A(lo, lo));
      if (s === 0) s = norm;
      if (Math.abs(A(lo, lo - 1)) <= EPS * s) {
        set(lo, lo - 1, 0);
        break;
      }
      lo--;
    }
    x = A(hi, hi);
    if (lo === hi) {
      // One real root.
      re[hi] = x + shift;
      im[hi] = 0;
      hi--;
      its = 0;
      continue;
    }
    y = A(hi - 1, hi - 1);
    w = A(hi, hi - 1) * A(hi - 1, hi);
    if (lo === hi - 1) {
      // A 2×2 block: two real roots or a complex pair.
      p = 0.5 * (y - x);
      q = p * p + w;
      z = Math.sqrt(Math.abs(q));
      x += shift;
      if (q >= 0) {
        z = p + withSign(z, p);
        re[hi - 1] = re[hi] = x + z;
        if (z !== 0) re[hi] = x - w / z;
        im[hi - 1] = im[hi] = 0;
      } else {
        re[hi - 1] = re[hi] = x + p;
        im[hi - 1] = z;
        im[hi] = -z;
      }
      hi -= 2;
      its = 0;
      continue;
    }
    if (its >= 100) throw new Error(`eigenvalues: QR iteration did not converge (n = ${n})`);
    if (its > 0 && its % 10 === 0) {
      // Exceptional shift to break a cycle.
      shift += x;
      for (let i = 0; i <= hi; i++) set(i, i, A(i, i) - x);
      s = Math.abs(A(hi, hi - 1)) + Math.abs(A(hi - 1, hi - 2));
      x = y = 0.75 * s;
      w = -0.4375 * s * s;
    }
    its++;
    // Look for two consecutive small subdiagonal entries to start the bulge.
    let m = hi - 2;
    for (; m >= lo; m--) {
      z = A(m, m);
      r = x - z;
      s = y - z;
      p = (r * s - w) / A(m + 1, m) + A(m, m + 1);
      q = A(m + 1, m + 1) - z - r - s;
      r = A(m + 2, m + 1);
      s = Math.abs(p) + Math.abs(q) + Math.abs(r);
      p /= s;
      q /= s;
      r /= s;
      if (m === lo) break;
      const u = Math.abs(A(m, m - 1)) * (Math.abs(q) + Math.abs(r));
      const v = Math.abs(p) * (Math.abs(A(m - 1, m - 1)) + Math.abs(z) + Math.abs(A(m + 1, m + 1)));
      if (u <= EPS * v) break;
    }
    for (let i = m + 2; i <= hi; i++) {
      set(i, i - 2, 0);
      if (i !== m + 2) set(i, i - 3, 0);
    }
    // Chase the bulge down with 3×3 Householder reflections.
    for (let k = m; k <= hi - 1; k++) {
      const last = k === hi - 1;
      if (k !== m) {
        p = A(k, k - 1);
        q = A(k + 1, k - 1);
        r = last ? 0 : A(k + 2, k - 1);
        x = Math.abs(p) + Math.abs(q) + Math.abs(r);
        if (x !== 0) {
          p /= x;
          q /= x;
          r /= x;
        }
      }
      s = withSign(Math.sqrt(p * p + q * q + r * r), p);
      if (s === 0) continue;
      if (k === m) {
        if (lo !== m) set(k, k - 1, -A(k, k - 1));
      } else {
        set(k, k - 1, -s * x);
      }
      p += s;
      x = p / s;
      y = q / s;
      z = r / s;
      q /= p;
      r /= p;
      for (let j = k; j <= hi; j++) {
        p = A(k, j) + q * A(k + 1, j);
        if (!last) {
          p += r * A(k + 2, j);
          set(k + 2, j, A(k + 2, j) - p * z);
        }
        set(k + 1, j, A(k + 1, j) - p * y);
        set(k, j, A(k, j) - p * x);
      }
      const iMax = Math.min(hi, k + 3);
      for (let i = lo; i <= iMax; i++) {
        p = x * A(i, k) + y * A(i, k + 1);
        if (!last) {
          p += z * A(i, k + 2);
          set(i, k + 2, A(i, k + 2) - p * r);
        }
        set(i, k + 1, A(i, k + 1) - p * q);
        set(i, k, A(i, k) - p);
      }
    }
  }
  return { re, im };
}

/** All eigenvalues of the real n×n matrix A (not modified), in no particular order. */
export function eigenvalues(A: Float64Array, n: number): Eigenvalues {
  if (A.length !== n * n) throw new RangeError(`eigenvalues: expected ${n * n} entries, got ${A.length}`);
  if (n === 0) return { re: new Float64Array(0), im: new Float64Array(0) };
  const a = Float64Array.from(A);
  for (const v of a) if (!Number.isFinite(v)) throw new RangeError('eigenvalues: matrix has a non-finite entry');
  balance(a, n);
  toHessenberg(a, n);
  return hessenbergEigenvalues(a, n);
}

/**
 * |x + iy| without Math.hypot, whose last bit differs between V8 versions
 * (Node and Chromium): seeded initialisation must give identical weights in both.
 */
export function modulus(x: number, y: number): number {
  const ax = Math.abs(x), ay = Math.abs(y);
  const big = Math.max(ax, ay), small = Math.min(ax, ay);
  if (big === 0) return 0;
  const r = small / big;
  return big * Math.sqrt(1 + r * r);
}

/** ρ(A) = max |λ(A)|. */
export function spectralRadius(A: Float64Array, n: number): number {
  const { re, im } = eigenvalues(A, n);
  let rho = 0;
  for (let i = 0; i < n; i++) rho = Math.max(rho, modulus(re[i], im[i]));
  return rho;
}

/** ‖A‖₂, the largest singular value of the rows×cols matrix A: √λmax of the smaller Gram matrix. */
export function spectralNorm(A: Float64Array, rows: number, cols: number): number {
  if (A.length !== rows * cols) throw new RangeError(`spectralNorm: expected ${rows * cols} entries, got ${A.length}`);
  if (rows === 0 || cols === 0) return 0;
  // Scale first so squaring neither overflows nor underflows.
  let scale = 0;
  for (const v of A) scale = Math.max(scale, Math.abs(v));
  if (scale === 0) return 0;
  const small = Math.min(rows, cols);
  const G = new Float64Array(small * small);
  const byRows = rows <= cols; // G = A Aᵀ (rows×rows) or Aᵀ A (cols×cols)
  for (let i = 0; i < small; i++) {
    for (let j = i; j < small; j++) {
      let s = 0;
      if (byRows) for (let k = 0; k < cols; k++) s += (A[i * cols + k] / scale) * (A[j * cols + k] / scale);
      else for (let k = 0; k < rows; k++) s += (A[k * cols + i] / scale) * (A[k * cols + j] / scale);
      G[i * small + j] = G[j * small + i] = s;
    }
  }
  let top = 0;
  for (const v of symmetricEigen(G, small).values) top = Math.max(top, v);
  return Math.sqrt(top) * scale;
}
