// The hidden-state nonlinearity σ and its derivative σ′, evaluated at the
// pre-activation a(t) (so ∂h/∂a = σ′(a) needs no stored h).
import type { Activation } from './types.ts';

/** The activations σ the reference implements; the one list of them (the type Activation is read off it). */
export const ACTIVATIONS = ['tanh', 'relu', 'linear'] as const;

export function activate(act: Activation, a: number): number {
  switch (act) {
    case 'tanh':
      return Math.tanh(a);
    case 'relu':
      return a > 0 ? a : 0;
    case 'linear':
      return a;
  }
}

/** σ′(a). For ReLU at a = 0 we take 0, as PyTorch does. */
export function derivativeAt(act: Activation, a: number): number {
  switch (act) {
    case 'tanh': {
      const h = Math.tanh(a);
      return 1 - h * h;
    }
    case 'relu':
      return a > 0 ? 1 : 0;
    case 'linear':
      return 1;
  }
}

/** γ = max over a of |σ′(a)|, the factor in the bound ‖∂h(t)/∂h(k)‖ ≤ (‖W‖₂ γ)^(t−k). */
export const MAX_DERIVATIVE: Record<Activation, number> = { tanh: 1, relu: 1, linear: 1 };

/** Mean of σ′(a) over the given pre-activations (1 for linear; small when tanh saturates). */
export function meanDerivative(a: ArrayLike<number>, act: Activation): number {
  if (a.length === 0) return 1;
  let s = 0;
  for (let i = 0; i < a.length; i++) s += derivativeAt(act, a[i]);
  return s / a.length;
}
