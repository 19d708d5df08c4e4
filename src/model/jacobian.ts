// ζ: the Jacobians ∂h(T)/∂h(k) = Π_{i=k+1..T} diag(σ′(a(i))) W of one sample,
// and their spectral and Frobenius norms for every k = 1..T at once.
//
// Scheme: accumulate the product backward from T as a row-major matrix,
//   M_T = I,   M_k = M_{k+1} · diag(σ′(a(k+1))) · W,
// where diag(σ′)·W (an O(H²) row scaling) is formed first so each step is one
// H×H×H multiply (zeta-kernels.ts, or the engine's WebAssembly SIMD version). M is
// kept at unit scale: each step's diag(σ′)·W is divided by the previous
// product's Frobenius norm, whose log10 goes into a running scale, so products
// of 1e±300 and beyond keep full relative accuracy. The Frobenius norm falls
// out of that; the spectral norm comes from Lanczos iteration on M Mᵀ, warm-started
// with the previous k's left singular vector (for products growing on the
// right, the leading left singular vector settles as k decreases, so a few
// Lanczos steps suffice; see lanczos.ts). Total O(T·H³) time, O(H²) memory.
import { derivativeAt } from './activation.ts';
import { jsZetaKernels, type ZetaKernels } from './zeta-kernels.ts';
import { topGramEigenvalue, type LanczosWork } from './lanczos.ts';
import type { Activation, ForwardPass, RnnParams } from './types.ts';

/** Lanczos basis size per cycle. */
const LANCZOS_STEPS = 8;

/** Index k−1 holds the norm of ∂h(T)/∂h(k); k = T is the identity (spectral 1, Frobenius √H). */
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
 * log10 of the norms (−Infinity where the product is exactly zero, e.g. ReLU
 * with every unit off). Use this when the norms may leave double range
 * (below ~1e−308 or above ~1e308).
 */
export function jacobianLog10Norms(
  W: Float64Array,
  H: number,
  a: Float64Array,
  T: number,
  act: Activation,
  opts: JacobianOptions = {},
): JacobianNorms {
  if (W.length !== H * H) throw new RangeError(`jacobian: W has ${W.length} entries, expected ${H * H}`);
  if (a.length !== T * H) throw new RangeError(`jacobian: a has ${a.length} entries, expected T·H = ${T * H}`);
  const tol = opts.tolerance ?? 1e-8;
  const maxRestarts = opts.maxRestarts ?? 30;
  const kernels = opts.kernels ?? jsZetaKernels;
  const spectral = new Float64Array(T);
  const frobenius = new Float64Array(T);
  if (T === 0) return { spectral, frobenius };
  spectral[T - 1] = 0;
  frobenius[T - 1] = 0.5 * Math.log10(H);

  const n = Math.ceil(H / 4) * 4; // zero padding leaves every norm unchanged
  const steps = Math.min(H, LANCZOS_STEPS);
  const arrays = kernels.allocate([n * n, n * n, n * n, n, n, n, ...new Array(steps).fill(n)]);
  let [M, next] = arrays;
  const [, , DW, u, w, tmp] = arrays;
  const lanczos: LanczosWork = {
    Q: arrays.slice(6),
    w,
    tmp,
    alpha: new Float64Array(steps),
    beta: new Float64Array(steps),
    s: new Float64Array(steps),
  };
  for (let i = 0; i < H; i++) M[i * n + i] = 1 / Math.sqrt(H); // I / ‖I‖_F
  let log10Scale = 0.5 * Math.log10(H);
  // Lanczos warm start: a fixed generic unit vector, then the previous k's left singular vector.
  for (let i = 0; i < H; i++) u[i] = 1 + 0.5 * Math.sin(1.7 * i + 0.3);
  normalise(u, H);

  let inv = 1; // 1/‖M‖_F of the current product, folded into the next DW instead of rescaling M
  for (let k = T - 1; k >= 1; k--) {
    // DW = diag(σ′(a(k+1))) W / ‖M‖_F; a(k+1) is row k (0-based) of a.
    const aRow = k * H;
    for (let i = 0; i < H; i++) {
      const d = derivativeAt(act, a[aRow + i]) * inv;
      for (let j = 0; j < H; j++) DW[i * n + j] = d * W[i * H + j];
    }
    kernels.matmul(M, DW, next, n);
    [M, next] = [next, M];
    let sumSq = 0;
    for (let i = 0; i < M.length; i++) sumSq += M[i] * M[i];
    if (!Number.isFinite(sumSq)) throw new RangeError('jacobian: non-finite entries (check W and a)');
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
    const sigma1 = Math.sqrt(topGramEigenvalue(kernels, M, n, H, u, lanczos, tol, maxRestarts));
    spectral[k - 1] = Math.log10(sigma1) + log10Scale;
    log10Scale += log10Fro;
    inv = 1 / fro;
  }
  return { spectral, frobenius };
}

function normalise(x: Float64Array, H: number): void {
  let s = 0;
  for (let i = 0; i < H; i++) s += x[i] * x[i];
  const norm = Math.sqrt(s);
  if (norm > 0) for (let i = 0; i < H; i++) x[i] /= norm;
}

/** Norms of ∂h(T)/∂h(k) for k = 1..T (see JacobianNorms). Values beyond double range become 0 or Infinity; use jacobianLog10Norms for those. */
export function jacobianNorms(
  W: Float64Array,
  H: number,
  a: Float64Array,
  T: number,
  act: Activation,
  opts?: JacobianOptions,
): JacobianNorms {
  const logs = jacobianLog10Norms(W, H, a, T, act, opts);
  return { spectral: logs.spectral.map((l) => 10 ** l), frobenius: logs.frobenius.map((l) => 10 ** l) };
}

/** The pre-activations a(1..T) of sample n of a forward pass (T×H). */
export function sampleActivations(pass: ForwardPass, H: number, n: number): Float64Array {
  if (n < 0 || n >= pass.N) throw new RangeError(`sample ${n} out of range 0..${pass.N - 1}`);
  return pass.a.subarray(n * pass.T * H, (n + 1) * pass.T * H);
}

/** ζ norms of sample n of a forward pass. */
export function sampleJacobianNorms(p: RnnParams, pass: ForwardPass, n: number, act: Activation): JacobianNorms {
  return jacobianNorms(p.W, p.H, sampleActivations(pass, p.H, n), pass.T, act);
}

/** The same in log10 (see jacobianLog10Norms). */
export function sampleJacobianLog10Norms(p: RnnParams, pass: ForwardPass, n: number, act: Activation): JacobianNorms {
  return jacobianLog10Norms(p.W, p.H, sampleActivations(pass, p.H, n), pass.T, act);
}

/** The one-step Jacobian ζ = ∂h(i)/∂h(i−1) = diag(σ′(a(i))) W, row-major H×H, for one step's pre-activations `ai` (length H). */
export function stepJacobian(W: Float64Array, H: number, ai: ArrayLike<number>, act: Activation): Float64Array {
  const J = new Float64Array(H * H);
  for (let r = 0; r < H; r++) {
    const d = derivativeAt(act, ai[r]);
    for (let c = 0; c < H; c++) J[r * H + c] = d * W[r * H + c];
  }
  return J;
}
