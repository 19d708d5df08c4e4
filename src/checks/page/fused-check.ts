// The fused training kernel against tfjs's autodiff, in this browser and on
// this page's backend (the fused path runs on wasm and cpu): the largest
// relative difference over the loss and the five gradients, for e2e/perf.spec.ts.
import * as tf from '@tensorflow/tfjs-core';
// Autodiff: tfjs-core registers no gradients of its own.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { FusedRnn, fusedRnn } from '../../engine/fused-step.ts';
import { initParams } from '../../model/init.ts';
import { createRng } from '../../model/random.ts';
import { maxScaledError } from '../compare.ts';
import { fusedAvailable, fusedLossAndGrads, type FusedAttrs } from '../../engine/tf-fused.ts';
import { tfBroadcastSquaredError, tfHiddenStates, tfOutputs, tfSquaredError, type TfWeights } from '../../engine/tf-model.ts';

export interface FusedCheckConfig extends FusedAttrs {
  N: number;
  T: number;
  F: number;
  H: number;
}

export interface FusedCheckResult {
  fused: boolean;
  simd: boolean;
  relaxed: boolean;
  maxRelError: number;
}

/** Median ms of FusedRnn.grads alone (no tfjs) on random seed-shaped data, SIMD kernels with or without relaxed multiply-add. */
export function benchFusedKernel(c: { N: number; T: number; F: number; H: number; relaxed: boolean; runs: number }): { ms: number; relaxed: boolean; simd: boolean } {
  const { N, T, F, H } = c;
  const p = initParams({ F, H, O: 1 }, { seed: 5 });
  const rng = createRng(7);
  const f = new FusedRnn(H, { relaxed: c.relaxed });
  const problem = {
    N,
    T,
    F,
    H,
    O: 1,
    x: Float32Array.from({ length: N * T * F }, () => rng.normal()),
    y: Float32Array.from({ length: N }, () => rng.normal()),
    w: { W: Float32Array.from(p.W), U: Float32Array.from(p.U), b: Float32Array.from(p.b), V: Float32Array.from(p.V), c: Float32Array.from(p.c) },
    activation: 'tanh',
    output: 'linear',
    loss: 'mse',
  } as const;
  for (let i = 0; i < 3; i++) f.grads(problem);
  const times: number[] = [];
  for (let i = 0; i < c.runs; i++) {
    const t0 = performance.now();
    f.grads(problem);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { ms: times[times.length >> 1], relaxed: f.relaxed, simd: f.simd };
}

export async function fusedVsAutodiff(c: FusedCheckConfig): Promise<FusedCheckResult> {
  const { N, T, F, H } = c;
  const p = initParams({ F, H, O: 1 }, { seed: 5 });
  const rng = createRng(6);
  const outs = tf.tidy(() => {
    const w: TfWeights = {
      W: tf.tensor2d(Float32Array.from(p.W), [H, H]),
      U: tf.tensor2d(Float32Array.from(p.U), [H, F]),
      b: tf.tensor1d(Float32Array.from(p.b)),
      V: tf.tensor2d(Float32Array.from(p.V), [1, H]),
      c: tf.tensor1d(Float32Array.from(p.c)),
    };
    const x = tf.tensor3d(Float32Array.from({ length: N * T * F }, () => rng.normal()), [N, T, F]);
    const y = tf.tensor2d(Float32Array.from({ length: N }, () => rng.normal()), [N, 1]);
    const f = (W: tf.Tensor, U: tf.Tensor, b: tf.Tensor, V: tf.Tensor, cc: tf.Tensor): tf.Scalar => {
      const ww = { W, U, b, V, c: cc } as TfWeights;
      let o = tfOutputs(ww, tfHiddenStates(ww, x, c.activation), 'many-to-one') as tf.Tensor2D;
      if (c.output === 'tanh') o = tf.tanh(o);
      return c.loss === 'mse' ? tfSquaredError(o, y, 'many-to-one') : tfBroadcastSquaredError(o, y);
    };
    const ref = tf.valueAndGrads(f as (...a: tf.Tensor[]) => tf.Scalar)([w.W, w.U, w.b, w.V, w.c]);
    const fused = fusedLossAndGrads(w, x, y, c);
    const g = fused.grads;
    return [ref.value, ...ref.grads, fused.loss, g.W, g.U, g.b, g.V, g.c];
  });
  const data = await Promise.all(outs.map((t) => t.data()));
  tf.dispose(outs);
  let worst = 0;
  for (let k = 0; k < 6; k++) worst = Math.max(worst, maxScaledError(data[6 + k], data[k]));
  return { fused: fusedAvailable(), simd: fusedRnn(H).simd, relaxed: fusedRnn(H).relaxed, maxRelError: worst };
}
