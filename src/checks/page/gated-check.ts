// The fused LSTM and GRU kernels against tfjs's autodiff of the op graph, in
// this browser and on this page's backend (the fused path runs on wasm and
// cpu): the largest relative difference over the loss and the six
// gradients, for e2e/perf.spec.ts; and the kernels' own time, for the bench.
import * as tf from '@tensorflow/tfjs-core';
import { GATED_PARAM_NAMES, type GatedCell } from '../../model/cells.ts';
import { initGatedParams } from '../../model/gated-init.ts';
import { createRng } from '../../model/random.ts';
import { FusedGated, fusedGated } from '../../engine/fused-gated.ts';
import { fusedGatedAvailable, fusedGatedLossAndGrads, type FusedHead } from '../../engine/tf-fused-gated.ts';
import { tfGatedStates, type TfGatedWeights } from '../../engine/tf-gated-model.ts';
import { tfBroadcastSquaredError, tfOutputs, tfSquaredError } from '../../engine/tf-model.ts';
import { maxScaledError } from '../compare.ts';
import type { FusedCheckResult } from './fused-check.ts';

export interface GatedCheckConfig extends FusedHead {
  cell: GatedCell;
  N: number;
  T: number;
  F: number;
  H: number;
  /** LSTM: added to the forget-gate bias (saturated gates test the kernels' σ and tanh). */
  forgetBias?: number;
}

function weightsOf(c: GatedCheckConfig): Record<string, Float32Array> {
  const p = initGatedParams(c.cell, { F: c.F, H: c.H, O: 1 }, { seed: 5, forgetBias: c.forgetBias });
  return Object.fromEntries(GATED_PARAM_NAMES.map((k) => [k, Float32Array.from(p[k])]));
}

export async function gatedFusedVsAutodiff(c: GatedCheckConfig): Promise<FusedCheckResult> {
  const { cell, N, T, F, H } = c;
  const raw = weightsOf(c);
  const rng = createRng(6);
  const G = raw.weight_hh.length / H;
  const shapes: Record<string, number[]> = { weight_ih: [G, F], weight_hh: [G, H], bias_ih: [G], bias_hh: [G], V: [1, H], c: [1] };
  const outs = tf.tidy(() => {
    const w = Object.fromEntries(GATED_PARAM_NAMES.map((k) => [k, tf.tensor(raw[k], shapes[k])])) as unknown as TfGatedWeights;
    const x = tf.tensor3d(Float32Array.from({ length: N * T * F }, () => rng.normal()), [N, T, F]);
    const y = tf.tensor2d(Float32Array.from({ length: N }, () => rng.normal()), [N, 1]);
    const f = (...args: tf.Tensor[]): tf.Scalar => {
      const ww = Object.fromEntries(GATED_PARAM_NAMES.map((k, i) => [k, args[i]])) as unknown as TfGatedWeights;
      let o = tfOutputs(ww, tfGatedStates(cell, ww, x, {}, c.truncate).h, 'many-to-one') as tf.Tensor2D;
      if (c.output === 'tanh') o = tf.tanh(o);
      return c.loss === 'mse' ? tfSquaredError(o, y, 'many-to-one') : tfBroadcastSquaredError(o, y);
    };
    const ref = tf.valueAndGrads(f)(GATED_PARAM_NAMES.map((k) => w[k]));
    const fused = fusedGatedLossAndGrads(cell, w, x, y, c);
    return [ref.value, ...ref.grads, fused.loss, ...GATED_PARAM_NAMES.map((k) => fused.grads[k])];
  });
  const data = await Promise.all(outs.map((t) => t.data()));
  tf.dispose(outs);
  const P = 1 + GATED_PARAM_NAMES.length;
  let worst = 0;
  for (let k = 0; k < P; k++) worst = Math.max(worst, maxScaledError(data[P + k], data[k]));
  const ws = fusedGated(cell, H);
  return { fused: fusedGatedAvailable(cell), simd: ws.simd, relaxed: ws.relaxed, maxRelError: worst };
}

/** Median ms of FusedGated.grads alone (no tfjs) on random data of the given shape. */
export function benchGatedKernel(c: { cell: GatedCell; N: number; T: number; F: number; H: number; relaxed: boolean; runs: number }): { ms: number; relaxed: boolean; simd: boolean } {
  const { N, T, F, H } = c;
  const rng = createRng(7);
  const f = new FusedGated(c.cell, H, { relaxed: c.relaxed });
  const w = weightsOf({ ...c, output: 'linear', loss: 'mse' }) as unknown as Parameters<FusedGated['grads']>[0]['w'];
  const problem = {
    N, T, F, H, O: 1,
    x: Float32Array.from({ length: N * T * F }, () => rng.normal()),
    y: Float32Array.from({ length: N }, () => rng.normal()),
    w,
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
