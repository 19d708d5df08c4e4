// ζ: the Jacobians ∂h(T)/∂h(k) = Π_{i=k+1..T} diag(σ′(a(i))) W of one sample,
// and their spectral and Frobenius norms for every k = 1..T at once. The
// product and its norms are jacobian-product.ts's (shared with the gated
// cells); this file supplies the simple cell's one-step Jacobian: the row
// scaling diag(σ′(a(k+1))) W, formed in O(H²) before each H×H×H multiply.
import { derivativeAt } from './activation.ts';
import { fromLog10, productLog10Norms, type JacobianNorms, type JacobianOptions } from './jacobian-product.ts';
import type { Activation, ForwardPass, RnnParams } from './types.ts';

export type { JacobianNorms, JacobianOptions } from './jacobian-product.ts';

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
  // scale · diag(σ′(a(t))) W; a(t) is row t−1 (0-based) of a.
  const fill = (t: number, DW: Float64Array, n: number, scale: number): void => {
    const aRow = (t - 1) * H;
    for (let i = 0; i < H; i++) {
      const d = derivativeAt(act, a[aRow + i]) * scale;
      for (let j = 0; j < H; j++) DW[i * n + j] = d * W[i * H + j];
    }
  };
  return productLog10Norms(H, T, fill, opts);
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
  return fromLog10(jacobianLog10Norms(W, H, a, T, act, opts));
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

/** The one-step Jacobian ζ = ∂h(i)/∂h(i−1) = diag(σ′(a(i))) W, row-major H×H, for one step's pre-activations `ai` (length H). */
export function stepJacobian(W: Float64Array, H: number, ai: ArrayLike<number>, act: Activation): Float64Array {
  const J = new Float64Array(H * H);
  for (let r = 0; r < H; r++) {
    const d = derivativeAt(act, ai[r]);
    for (let c = 0; c < H; c++) J[r * H + c] = d * W[r * H + c];
  }
  return J;
}
