// σ₁ of a square matrix M (row-major, stride n, live size H) by Lanczos on
// G = M Mᵀ with full reorthogonalisation and explicit restarts, warm-started
// from a unit vector u that is replaced by the top Ritz vector (so the next,
// similar matrix starts close). Stops when the Ritz residual ‖G y − θ y‖ falls
// below tol·θ; the top Ritz value then carries an error of order
// residual²/gap, far below tol. Cost per Lanczos step: two H² mat-vecs.
import { symmetricEigen } from './symmetric-eigen.ts';

export interface LanczosWork {
  /** Lanczos basis, up to `steps` vectors of length H (rows). */
  Q: Float64Array;
  w: Float64Array;
  tmp: Float64Array;
}

export function lanczosWork(H: number, steps: number): LanczosWork {
  return { Q: new Float64Array(steps * H), w: new Float64Array(H), tmp: new Float64Array(H) };
}

/** w = M Mᵀ q (M has stride n; only the H×H block is live). */
function applyGram(M: Float64Array, n: number, H: number, q: Float64Array, qOff: number, w: Float64Array, tmp: Float64Array): void {
  tmp.fill(0, 0, H);
  for (let i = 0; i < H; i++) {
    const qi = q[qOff + i];
    if (qi === 0) continue;
    const row = i * n;
    for (let j = 0; j < H; j++) tmp[j] += qi * M[row + j];
  }
  for (let i = 0; i < H; i++) {
    const row = i * n;
    let s = 0;
    for (let j = 0; j < H; j++) s += M[row + j] * tmp[j];
    w[i] = s;
  }
}

/**
 * Largest eigenvalue θ of M Mᵀ, i.e. σ₁(M)². `u` (length ≥ H, unit norm on
 * entry) is overwritten with the corresponding Ritz vector.
 */
export function topGramEigenvalue(
  M: Float64Array,
  n: number,
  H: number,
  u: Float64Array,
  work: LanczosWork,
  tol: number,
  maxRestarts: number,
): number {
  const steps = work.Q.length / H;
  const { Q, w, tmp } = work;
  const alpha = new Float64Array(steps);
  const beta = new Float64Array(steps);
  let theta = 0;
  for (let restart = 0; restart <= maxRestarts; restart++) {
    for (let i = 0; i < H; i++) Q[i] = u[i];
    let m = 0; // number of basis vectors in use
    let converged = false;
    for (let j = 0; j < steps; j++) {
      m = j + 1;
      const qj = j * H;
      applyGram(M, n, H, Q, qj, w, tmp);
      // Full reorthogonalisation (twice) against every basis vector: stable for small bases.
      for (let pass = 0; pass < 2; pass++) {
        for (let k = 0; k <= j; k++) {
          const qk = k * H;
          let dot = 0;
          for (let i = 0; i < H; i++) dot += Q[qk + i] * w[i];
          if (pass === 0 && k === j) alpha[j] = dot;
          else if (pass === 1 && k === j) alpha[j] += dot;
          for (let i = 0; i < H; i++) w[i] -= dot * Q[qk + i];
        }
      }
      let b = 0;
      for (let i = 0; i < H; i++) b += w[i] * w[i];
      b = Math.sqrt(b);
      beta[j] = b;
      // Ritz pairs of the tridiagonal T_m.
      const T = new Float64Array(m * m);
      for (let k = 0; k < m; k++) {
        T[k * m + k] = alpha[k];
        if (k + 1 < m) T[k * m + k + 1] = T[(k + 1) * m + k] = beta[k];
      }
      const { values, vectors } = symmetricEigen(T, m);
      let top = 0;
      for (let k = 1; k < m; k++) if (values[k] > values[top]) top = k;
      theta = values[top];
      const lastComponent = vectors[(m - 1) * m + top];
      const residual = Math.abs(b * lastComponent);
      // Ritz vector y = Q s becomes the warm start.
      u.fill(0, 0, H);
      for (let k = 0; k < m; k++) {
        const s = vectors[k * m + top];
        const qk = k * H;
        for (let i = 0; i < H; i++) u[i] += s * Q[qk + i];
      }
      let norm = 0;
      for (let i = 0; i < H; i++) norm += u[i] * u[i];
      norm = Math.sqrt(norm);
      for (let i = 0; i < H; i++) u[i] /= norm;
      if (residual <= tol * theta || b <= 1e-300 || m === H) {
        converged = true;
        break;
      }
      if (j + 1 < steps) {
        const next = (j + 1) * H;
        for (let i = 0; i < H; i++) Q[next + i] = w[i] / b;
      }
    }
    if (converged) break;
  }
  return theta;
}
