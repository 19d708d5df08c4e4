// Shared types of the reference RNN (src/model). Conventions (as in the article and
// ../shared/fixtures/README.md): column vectors, row-major Float64Array,
//   a(t) = W h(t-1) + U x(t) + b,  h(0) = 0,  h(t) = act(a(t)),  o(t) = V h(t) + c.

import type { ACTIVATIONS } from './activation.ts';
import type { LOSS_MODES } from './loss.ts';

export type Activation = (typeof ACTIVATIONS)[number];
/** many-to-one: L = mean_{n,j} (o_nj(T) − y_nj)²; many-to-many: L = Σ_t mean_{n,j} (o_nj(t) − y_nj(t))². */
export type LossMode = (typeof LOSS_MODES)[number];
export type ParamName = 'W' | 'U' | 'b' | 'V' | 'c';
export const PARAM_NAMES: readonly ParamName[] = ['W', 'U', 'b', 'V', 'c'];

export interface Dims {
  /** input features */
  F: number;
  /** hidden units */
  H: number;
  /** outputs */
  O: number;
}

/** Parameters, row-major: W H×H, U H×F, b H, V O×H, c O. */
export interface RnnParams extends Dims {
  W: Float64Array;
  U: Float64Array;
  b: Float64Array;
  V: Float64Array;
  c: Float64Array;
}

export type Grads = Record<ParamName, Float64Array>;

/** A batch of sequences: x is N×T×F row-major. */
export interface Sequences {
  N: number;
  T: number;
  x: Float64Array;
}

/** Everything the forward pass computes, all row-major. */
export interface ForwardPass {
  N: number;
  T: number;
  /** pre-activations a(1..T): N×T×H */
  a: Float64Array;
  /** hidden states h(1..T): N×T×H */
  h: Float64Array;
  /** outputs o(1..T): N×T×O */
  o: Float64Array;
}
