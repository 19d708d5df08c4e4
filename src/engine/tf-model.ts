// The RNN of rnn.ts on tfjs ops (float32), as pure functions of weight
// tensors, so the same graph serves training (variables), the reference check
// (plain tensors) and the ∂L/∂h probes. Callers run these inside tf.tidy.
//
// Batch-row form of the article's equations: with X_t (N×F) and H_t (N×H),
//   A_t = H_{t−1} Wᵀ + X_t Uᵀ + b,  H_t = σ(A_t),  O = H_T Vᵀ + c.
// All inputs are projected in one matmul before the time loop: x (N×T×F) is
// transposed to T×N×F, reshaped to (T·N)×F, multiplied by Uᵀ and split along
// time, so each step adds one H×H matmul and the loop never concatenates.
import * as tf from '@tensorflow/tfjs-core';
import type { Activation, LossMode } from '../model/types.ts';

export interface TfWeights {
  W: tf.Tensor2D;
  U: tf.Tensor2D;
  b: tf.Tensor1D;
  V: tf.Tensor2D;
  c: tf.Tensor1D;
}

export function tfActivate(act: Activation, a: tf.Tensor2D): tf.Tensor2D {
  switch (act) {
    case 'tanh':
      return tf.tanh(a);
    case 'relu':
      return tf.relu(a); // gradient 0 at a = 0, as in PyTorch and activation.ts
    case 'linear':
      return a;
  }
}

/** x itself, with no gradient flowing back through it: where truncated BPTT cuts the graph. */
export const tfStopGradient = tf.customGrad(((x: tf.Tensor) => ({
  value: tf.clone(x),
  gradFunc: (dy: tf.Tensor) => tf.zerosLike(dy),
})) as unknown as Parameters<typeof tf.customGrad>[0]) as unknown as <T extends tf.Tensor>(x: T) => T;

/** The 0-based step whose state truncated BPTT over `truncate` steps holds constant, or −1 for none. */
export function truncationStep(T: number, truncate = 0): number {
  return truncate > 0 && truncate < T ? T - truncate - 1 : -1;
}

/**
 * Hidden states h(1..T), each N×H. If `probes` is given (T tensors N×H, zeros),
 * probe k is added to h(k) before it is used anywhere, so ∂L/∂probe_k is the
 * total derivative ∂L/∂h(k). With `truncate` K > 0 no gradient flows back
 * past h(T−K) (truncated BPTT).
 */
export function tfHiddenStates(w: TfWeights, x: tf.Tensor3D, act: Activation, probes?: tf.Tensor[], truncate = 0): tf.Tensor2D[] {
  const [N, T, F] = x.shape;
  const H = w.W.shape[0];
  const projected = tf.add(tf.matMul(tf.reshape(tf.transpose(x, [1, 0, 2]), [T * N, F]), w.U, false, true), w.b);
  const inputs = tf.unstack(tf.reshape(projected, [T, N, H])) as tf.Tensor2D[];
  const states: tf.Tensor2D[] = [];
  const cut = truncationStep(T, truncate);
  let h: tf.Tensor2D | null = null;
  for (let t = 0; t < T; t++) {
    const a: tf.Tensor2D = h === null ? inputs[t] : tf.add(inputs[t], tf.matMul(h, w.W, false, true));
    let next = tfActivate(act, a);
    if (probes) next = tf.add(next, probes[t]);
    if (t === cut) next = tfStopGradient(next);
    states.push(next);
    h = next;
  }
  return states;
}

/** o(T) (N×O) for many-to-one, o(1..T) (N×T×O) for many-to-many. */
export function tfOutputs(w: Pick<TfWeights, 'V' | 'c'>, states: tf.Tensor2D[], mode: LossMode): tf.Tensor {
  if (mode === 'many-to-one') return tf.add(tf.matMul(states[states.length - 1], w.V, false, true), w.c);
  const T = states.length;
  const [N, H] = states[0].shape;
  const O = w.V.shape[0];
  const all = tf.reshape(tf.stack(states, 1), [N * T, H]);
  return tf.reshape(tf.add(tf.matMul(all, w.V, false, true), w.c), [N, T, O]);
}

/**
 * Squared error of ../shared/fixtures/README.md: many-to-one mean over (n, j);
 * many-to-many Σ_t of the mean over (n, j), i.e. the total sum / (N·O).
 */
export function tfSquaredError(o: tf.Tensor, y: tf.Tensor, mode: LossMode): tf.Scalar {
  const sq = tf.square(tf.sub(o, y));
  if (mode === 'many-to-one') return tf.mean(sq);
  const [N, , O] = o.shape;
  return tf.div(tf.sum(sq), N * O);
}

/**
 * The seed article's bug: MSELoss(output[N,1], y[N]) broadcasts to N×N and
 * averages (o_i − y_j)² over all pairs. Without forming the N×N matrix:
 *   mean_{i,j} (o_i − y_j)² = mean_i (o_i − ȳ)² + mean_j (y_j − ȳ)².
 * Minimised by o_i = ȳ for every i: a flat prediction.
 */
export function tfBroadcastSquaredError(o: tf.Tensor2D, y: tf.Tensor2D): tf.Scalar {
  if (o.shape[1] !== 1) throw new Error(`broadcast-mse reproduces MSELoss(output[N,1], y[N]) and needs one output, got ${o.shape[1]}`);
  const yMean = tf.mean(y);
  return tf.add(tf.mean(tf.square(tf.sub(o, yMean))), tf.mean(tf.square(tf.sub(y, yMean))));
}

/** Global-norm clipping: scale every gradient by min(1, clipNorm / ‖all gradients‖₂). */
export function clipByGlobalNorm(grads: tf.NamedTensorMap, clipNorm: number): tf.NamedTensorMap {
  const names = Object.keys(grads);
  const norm = tf.sqrt(tf.addN(names.map((k) => tf.sum(tf.square(grads[k])))));
  const scale = tf.div(clipNorm, tf.maximum(norm, clipNorm));
  const out: tf.NamedTensorMap = {};
  for (const k of names) out[k] = tf.mul(grads[k], scale);
  return out;
}
