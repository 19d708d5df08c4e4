// σ₁ of a square matrix M by Lanczos on G = M Mᵀ with full
// reorthogonalisation and explicit restarts, warm-started from a unit vector
// u that is replaced by the top Ritz vector (the next, similar matrix starts
// close). Stops when the Ritz residual ‖G y − θ y‖ = β_m |s_m| falls below
// tol·θ; the top Ritz value then carries an error of order residual²/gap.
// Vectors have the padded length n (the padding stays zero); H is the true
// size, which bounds the Krylov dimension.
import type { ZetaKernels } from './zeta-kernels.ts';
import { symmetricEigen } from './symmetric-eigen.ts';

export interface LanczosWork {
  Q: Float64Array[];
  w: Float64Array;
  tmp: Float64Array;
  alpha: Float64Array;
  beta: Float64Array;
  s: Float64Array;
}

/** Largest eigenvalue θ of the m×m tridiagonal (α on the diagonal, β beside it) and its unit eigenvector s. */
export function topTridiagonal(alpha: Float64Array, beta: Float64Array, m: number, s: Float64Array, upper: number): number {
  if (m === 1) {
    s[0] = 1;
    return alpha[0];
  }
  // Newton on det(T − λI) from above the largest root: monotone, no overshoot.
  let lambda = upper;
  for (let it = 0; it < 200; it++) {
    let d = alpha[0] - lambda;
    let dd = -1;
    let ratio = dd / d;
    let exact = d === 0;
    for (let i = 1; i < m && !exact; i++) {
      const q = (beta[i - 1] * beta[i - 1]) / d;
      const dPrev = d;
      d = alpha[i] - lambda - q;
      dd = -1 + (q * dd) / dPrev;
      if (d === 0) exact = true;
      else ratio += dd / d;
    }
    if (exact) break;
    const step = 1 / ratio;
    if (!(step > 0) || step <= 1e-16 * Math.abs(lambda)) break;
    lambda -= step;
  }
  // Eigenvector by the three-term recurrence of (T − λI) s = 0.
  s[0] = 1;
  s[1] = (lambda - alpha[0]) / beta[0];
  for (let i = 1; i < m - 1; i++) s[i + 1] = ((lambda - alpha[i]) * s[i] - beta[i - 1] * s[i - 1]) / beta[i];
  let norm = 0;
  for (let i = 0; i < m; i++) norm += s[i] * s[i];
  norm = Math.sqrt(norm);
  if (!Number.isFinite(norm) || norm === 0) {
    // Degenerate β: fall back to dense Jacobi.
    const T = new Float64Array(m * m);
    for (let k = 0; k < m; k++) {
      T[k * m + k] = alpha[k];
      if (k + 1 < m) T[k * m + k + 1] = T[(k + 1) * m + k] = beta[k];
    }
    const e = symmetricEigen(T, m);
    let top = 0;
    for (let k = 1; k < m; k++) if (e.values[k] > e.values[top]) top = k;
    for (let k = 0; k < m; k++) s[k] = e.vectors[k * m + top];
    return e.values[top];
  }
  for (let i = 0; i < m; i++) s[i] /= norm;
  return lambda;
}

/**
 * Largest eigenvalue θ of M Mᵀ, i.e. σ₁(M)². `u` (unit, length n, zero
 * padding) is overwritten with the Ritz vector.
 */
export function topGramEigenvalue(
  kernels: ZetaKernels,
  M: Float64Array,
  n: number,
  H: number,
  u: Float64Array,
  work: LanczosWork,
  tol: number,
  maxRestarts: number,
): number {
  const { Q, w, tmp, alpha, beta, s } = work;
  const steps = Q.length;
  let theta = 0;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    Q[0].set(u);
    let m = 0;
    let done = false;
    for (let j = 0; j < steps && !done; j++) {
      m = j + 1;
      kernels.gram(M, Q[j], tmp, w, n);
      alpha[j] = 0;
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k <= j; k++) {
          const q = Q[k];
          let dot = 0;
          for (let i = 0; i < n; i++) dot += q[i] * w[i];
          if (k === j) alpha[j] += dot;
          for (let i = 0; i < n; i++) w[i] -= dot * q[i];
        }
      }
      let b = 0;
      for (let i = 0; i < n; i++) b += w[i] * w[i];
      b = Math.sqrt(b);
      beta[j] = b;
      // Upper bound for the new top eigenvalue (Weyl): max(θ_prev, α_j) + β_{j−1}.
      const upper = j === 0 ? alpha[0] : Math.max(theta, alpha[j]) + beta[j - 1];
      theta = topTridiagonal(alpha, beta, m, s, upper);
      done = b * Math.abs(s[m - 1]) <= tol * theta || b <= 1e-300 || m === H;
      if (!done && j + 1 < steps) {
        const next = Q[j + 1];
        for (let i = 0; i < n; i++) next[i] = w[i] / b;
      }
    }
    // Ritz vector y = Q s: the answer's direction, and the next warm start.
    u.fill(0);
    for (let k = 0; k < m; k++) {
      const q = Q[k];
      const sk = s[k];
      for (let i = 0; i < n; i++) u[i] += sk * q[i];
    }
    let norm = 0;
    for (let i = 0; i < n; i++) norm += u[i] * u[i];
    norm = Math.sqrt(norm);
    for (let i = 0; i < n; i++) u[i] /= norm;
    if (done) break;
  }
  return theta;
}
