// Norms of a product of one-step state Jacobians, ∂s(T)/∂s(k) = J(T) ⋯ J(k+1),
// for every k = 1..T at once, whatever the cell: the simple cell's
// J(t) = diag(σ′(a(t))) W (jacobian.ts), the LSTM's 2H×2H and the GRU's H×H
// (gated-jacobian.ts). S is the state's size.
//
// Scheme: accumulate the product backward from T as a row-major matrix,
//   M_T = I,   M_k = M_{k+1} · J(k+1),
// one S×S×S multiply per step (zeta-kernels.ts, or the engine's WebAssembly
// SIMD version). M is kept at unit scale: each step's J is multiplied by
// 1/‖M_{k+1}‖_F as it is formed and log10 ‖M_{k+1}‖_F goes into a running
// scale, so products of 1e±300 and beyond keep full relative accuracy. The
// Frobenius norm falls out of that; the spectral norm comes from Lanczos
// iteration on M Mᵀ, warm-started with the previous k's left singular vector
// (for products growing on the right the leading left singular vector
// settles as k decreases, so a few Lanczos steps suffice; see lanczos.ts).
// Total O(T·S³) time, O(S²) memory.
import { jsZetaKernels, type ZetaKernels } from './zeta-kernels.ts';
import { topGramEigenvalue, type LanczosWork } from './lanczos.ts';

/** Lanczos basis size per cycle. */
const LANCZOS_STEPS = 8;

/** Index k−1 holds the norm of ∂s(T)/∂s(k); k = T is the identity (spectral 1, Frobenius √S). */
export interface JacobianNorms {
  spectral: Float64Array;
  frobenius: Float64Array;
}

export interface JacobianOptions {
  /** Stop Lanczos when the Ritz residual is below tolerance·σ₁². Default 1e-8 (the σ₁ error is then of order 1e-16/gap). */
  tolerance?: number;
  /** Lanczos restarts allowed per k. Default 30. */
  maxRestarts?: number;
  /** The inner loops: plain JavaScript by default; the engine's WebAssembly SIMD ones via `fastZetaKernels()`. */
  kernels?: ZetaKernels;
}

/**
 * Writes `scale` · J(t) = scale · ∂s(t)/∂s(t−1) (t = 2..T, 1-based) into the
 * top-left S×S block of J, row-major with leading dimension n. It must write
 * every entry of that block and nothing outside it (the padding stays zero).
 */
export type StepJacobianFill = (t: number, J: Float64Array, n: number, scale: number) => void;

/**
 * log10 of the norms of ∂s(T)/∂s(k) for k = 1..T (−Infinity where the product
 * is exactly zero, e.g. ReLU with every unit off).
 */
export function productLog10Norms(S: number, T: number, fill: StepJacobianFill, opts: JacobianOptions = {}): JacobianNorms {
  const tol = opts.tolerance ?? 1e-8;
  const maxRestarts = opts.maxRestarts ?? 30;
  const kernels = opts.kernels ?? jsZetaKernels;
  const spectral = new Float64Array(T);
  const frobenius = new Float64Array(T);
  if (T === 0) return { spectral, frobenius };
  spectral[T - 1] = 0;
  frobenius[T - 1] = 0.5 * Math.log10(S);

  const n = Math.ceil(S / 4) * 4; // zero padding leaves every norm unchanged
  const steps = Math.min(S, LANCZOS_STEPS);
  const arrays = kernels.allocate([n * n, n * n, n * n, n, n, n, ...new Array(steps).fill(n)]);
  let [M, next] = arrays;
  const [, , J, u, w, tmp] = arrays;
  const lanczos: LanczosWork = {
    Q: arrays.slice(6),
    w,
    tmp,
    alpha: new Float64Array(steps),
    beta: new Float64Array(steps),
    s: new Float64Array(steps),
  };
  for (let i = 0; i < S; i++) M[i * n + i] = 1 / Math.sqrt(S); // I / ‖I‖_F
  let log10Scale = 0.5 * Math.log10(S);
  // Lanczos warm start: a fixed generic unit vector, then the previous k's left singular vector.
  for (let i = 0; i < S; i++) u[i] = 1 + 0.5 * Math.sin(1.7 * i + 0.3);
  normalise(u, S);

  let inv = 1; // 1/‖M‖_F of the current product, folded into the next J instead of rescaling M
  for (let k = T - 1; k >= 1; k--) {
    fill(k + 1, J, n, inv);
    kernels.matmul(M, J, next, n);
    [M, next] = [next, M];
    let sumSq = 0;
    for (let i = 0; i < M.length; i++) sumSq += M[i] * M[i];
    if (!Number.isFinite(sumSq)) throw new RangeError('jacobian: non-finite entries (check the weights and states)');
    if (sumSq === 0) {
      // The product is exactly zero (e.g. ReLU with every unit off), and so is every longer one.
      spectral.fill(-Infinity, 0, k);
      frobenius.fill(-Infinity, 0, k);
      break;
    }
    const fro = Math.sqrt(sumSq);
    const log10Fro = Math.log10(fro);
    frobenius[k - 1] = log10Scale + log10Fro;
    // σ₁² of M (whose Frobenius norm is fro, so no overflow), scale-free tolerance.
    const sigma1 = Math.sqrt(topGramEigenvalue(kernels, M, n, S, u, lanczos, tol, maxRestarts));
    spectral[k - 1] = Math.log10(sigma1) + log10Scale;
    log10Scale += log10Fro;
    inv = 1 / fro;
  }
  return { spectral, frobenius };
}

function normalise(x: Float64Array, S: number): void {
  let s = 0;
  for (let i = 0; i < S; i++) s += x[i] * x[i];
  const norm = Math.sqrt(s);
  if (norm > 0) for (let i = 0; i < S; i++) x[i] /= norm;
}

/** 10^x of both norms (values beyond double range become 0 or Infinity). */
export function fromLog10(logs: JacobianNorms): JacobianNorms {
  return { spectral: logs.spectral.map((l) => 10 ** l), frobenius: logs.frobenius.map((l) => 10 ** l) };
}
