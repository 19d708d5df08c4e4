// The LSTM and GRU of lstm.ts and gru.ts on tfjs ops (float32), as pure
// functions of weight tensors: the fallback training path (autodiff, any
// backend), the float32 reference the fused kernels are checked against, and
// the ∂L/∂h, ∂L/∂c probes of the gradient profile. Callers run these inside
// tf.tidy. Batch-row form: with X_t (N×F) and H_t (N×H),
//   LSTM  A_t = X_t W_ihᵀ + b_ih + b_hh + H_{t−1} W_hhᵀ  (N×4H, split i f g o)
//   GRU   GI_t = X_t W_ihᵀ + b_ih,  GH_t = H_{t−1} W_hhᵀ + b_hh  (N×3H each, split r z n)
// The input projections of every step are one matmul before the time loop.
import * as tf from '@tensorflow/tfjs-core';
import type { GatedCell } from '../model/cells.ts';
import { tfStopGradient, truncationStep } from './tf-model.ts';

export interface TfGatedWeights {
  weight_ih: tf.Tensor2D;
  weight_hh: tf.Tensor2D;
  bias_ih: tf.Tensor1D;
  bias_hh: tf.Tensor1D;
  V: tf.Tensor2D;
  c: tf.Tensor1D;
}

/** Zero tensors added to h(k) (and c(k)) right after they are computed, so ∂L/∂probe is the total derivative. */
export interface StateProbes {
  h?: tf.Tensor[];
  c?: tf.Tensor[];
}

export interface GatedStates {
  /** h(1..T), each N×H */
  h: tf.Tensor2D[];
  /** LSTM: c(1..T), each N×H */
  c: tf.Tensor2D[];
}

/** X W_ihᵀ + bias for every step at once, split along time: T tensors N×(G·H). */
function projectInputs(x: tf.Tensor3D, weight: tf.Tensor2D, bias: tf.Tensor): tf.Tensor2D[] {
  const [N, T, F] = x.shape;
  const width = weight.shape[0];
  const projected = tf.add(tf.matMul(tf.reshape(tf.transpose(x, [1, 0, 2]), [T * N, F]), weight, false, true), bias);
  return tf.unstack(tf.reshape(projected, [T, N, width])) as tf.Tensor2D[];
}

const probed = (v: tf.Tensor2D, probes: tf.Tensor[] | undefined, t: number): tf.Tensor2D => (probes ? tf.add(v, probes[t]) : v);
const cutAt = (v: tf.Tensor2D, t: number, cut: number): tf.Tensor2D => (t === cut ? tfStopGradient(v) : v);

function lstmStates(w: TfGatedWeights, x: tf.Tensor3D, probes: StateProbes, cut: number): GatedStates {
  const inputs = projectInputs(x, w.weight_ih, tf.add(w.bias_ih, w.bias_hh));
  const hs: tf.Tensor2D[] = [];
  const cs: tf.Tensor2D[] = [];
  let h: tf.Tensor2D | null = null;
  let c: tf.Tensor2D | null = null;
  for (let t = 0; t < inputs.length; t++) {
    const a: tf.Tensor2D = h === null ? inputs[t] : tf.add(inputs[t], tf.matMul(h, w.weight_hh, false, true));
    const [ai, af, ag, ao] = tf.split(a, 4, 1) as tf.Tensor2D[];
    const i = tf.sigmoid(ai), f = tf.sigmoid(af), g = tf.tanh(ag), o = tf.sigmoid(ao);
    const ig: tf.Tensor2D = tf.mul(i, g);
    c = probed(c === null ? ig : tf.add(tf.mul(f, c), ig), probes.c, t);
    h = cutAt(probed(tf.mul(o, tf.tanh(c)), probes.h, t), t, cut);
    c = cutAt(c, t, cut);
    cs.push(c);
    hs.push(h);
  }
  return { h: hs, c: cs };
}

function gruStates(w: TfGatedWeights, x: tf.Tensor3D, probes: StateProbes, cut: number): GatedStates {
  const inputs = projectInputs(x, w.weight_ih, w.bias_ih);
  const [bhr, bhz, bhn] = tf.split(w.bias_hh, 3);
  const hs: tf.Tensor2D[] = [];
  let h: tf.Tensor2D | null = null;
  for (let t = 0; t < inputs.length; t++) {
    const [xr, xz, xn] = tf.split(inputs[t], 3, 1) as tf.Tensor2D[];
    let hr: tf.Tensor = bhr, hz: tf.Tensor = bhz, hn: tf.Tensor = bhn;
    if (h !== null) [hr, hz, hn] = tf.split(tf.add(tf.matMul(h, w.weight_hh, false, true), w.bias_hh), 3, 1);
    const r = tf.sigmoid(tf.add(xr, hr));
    const z = tf.sigmoid(tf.add(xz, hz));
    const n = tf.tanh(tf.add(xn, tf.mul(r, hn)));
    const next = tf.mul(tf.sub(1, z), n) as tf.Tensor2D;
    h = cutAt(probed(h === null ? next : tf.add(next, tf.mul(z, h)), probes.h, t), t, cut);
    hs.push(h);
  }
  return { h: hs, c: [] };
}

/**
 * h(1..T) (and the LSTM's c(1..T)) for a batch x (N×T×F). With `truncate`
 * K > 0 no gradient flows back past the state at T − K (truncated BPTT).
 */
export function tfGatedStates(cell: GatedCell, w: TfGatedWeights, x: tf.Tensor3D, probes: StateProbes = {}, truncate = 0): GatedStates {
  const cut = truncationStep(x.shape[1], truncate);
  return cell === 'lstm' ? lstmStates(w, x, probes, cut) : gruStates(w, x, probes, cut);
}
