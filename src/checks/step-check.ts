// The trainer's float32 step on the active tfjs backend against the Float64
// reference step (reference-step.ts), on seeded data: loss and gradients
// from the fused kernels, predictions, and the weights after a few optimiser
// steps of TfRnn — the path training takes. Errors follow compare.ts: the
// loss elementwise relative, tensors by maxFieldRelError; the weights are
// judged by how far the steps moved them (w − w₀), so that an update that
// is wrong or missing cannot hide behind the size of the weights, down to the
// float32 resolution of each weight (maxStepRelError).
import * as tf from '@tensorflow/tfjs-core';
import { initParams } from '../model/init.ts';
import { createRng } from '../model/random.ts';
import type { RnnParams } from '../model/types.ts';
import { PARAM_NAMES } from '../model/types.ts';
import { fusedAvailable, fusedLossAndGrads, fusedPredict } from '../engine/tf-fused.ts';
import { TfRnn } from '../engine/tf-rnn.ts';
import type { TfWeights } from '../engine/tf-model.ts';
import { maxFieldRelError, maxRelError, maxStepRelError } from './compare.ts';
import { ReferenceTrainer, referenceLossAndGrads, type ReferenceAttrs, type ReferenceOptimizer } from './reference-step.ts';

export interface StepCheckConfig extends ReferenceAttrs {
  N: number;
  T: number;
  F: number;
  H: number;
  seed: number;
  /** scale of the inputs and targets (tiny values: tfjs #7733); default 1 */
  scale?: number;
}

export interface TrainingCheckConfig extends StepCheckConfig {
  optimizer: ReferenceOptimizer;
  clipNorm: number;
  steps: number;
  /**
   * Then change things between steps as the trainer does: the learning rate
   * doubled (optimiser state kept), one step; the weights set back to the
   * start (setParams: optimiser state reset), `steps` more.
   */
  changes?: boolean;
}

export interface CheckResult {
  /** largest error per field */
  errors: Record<string, number>;
  /** the largest of them */
  worst: number;
  /** every gradient (or weight update) is exactly zero */
  allZero: boolean;
  /** the weights whose gradient (or update) is all zero where the reference's is not */
  zeroFields: string[];
  /** whether the fused kernel ran (else tfjs's op graph) */
  fused: boolean;
  /** training: tensors and GPU bytes in use after the first and after the `steps`-th step (flat when nothing leaks) */
  inUse?: { tensors: [number, number]; gpuBytes: [number, number] };
  /** training: steps the reference clipped */
  clippedSteps?: number;
}

const inUse = (): [number, number] => [tf.memory().numTensors, (tf.memory() as { numBytesInGPU?: number }).numBytesInGPU ?? 0];

/** Weights (float32-representable) and data of a check, seeded. */
export function checkProblem(c: StepCheckConfig): { p: RnnParams; x: Float64Array; y: Float64Array } {
  const p0 = initParams({ F: c.F, H: c.H, O: 1 }, { seed: c.seed });
  const f32 = (a: Float64Array): Float64Array => Float64Array.from(Float32Array.from(a));
  const p: RnnParams = { ...p0, ...Object.fromEntries(PARAM_NAMES.map((k) => [k, f32(p0[k])])) };
  const rng = createRng(c.seed + 1000);
  const s = c.scale ?? 1;
  const x = f32(Float64Array.from({ length: c.N * c.T * c.F }, () => s * rng.normal()));
  const y = f32(Float64Array.from({ length: c.N }, () => s * rng.normal()));
  return { p, x, y };
}

function summary(errors: Record<string, number>, fused: boolean, got: ArrayLike<number>[], expected: ArrayLike<number>[]): CheckResult {
  const worst = Object.values(errors).reduce((m, v) => (v <= m ? m : v), 0);
  const zero = (a: ArrayLike<number>): boolean => Array.prototype.every.call(a, (v: number) => v === 0);
  const zeroFields = PARAM_NAMES.filter((_, i) => zero(got[i]) && !zero(expected[i]));
  return { errors, worst, allZero: got.every(zero), zeroFields, fused };
}

const weightsOf = (p: RnnParams): TfWeights => ({
  W: tf.tensor2d(Float32Array.from(p.W), [p.H, p.H]),
  U: tf.tensor2d(Float32Array.from(p.U), [p.H, p.F]),
  b: tf.tensor1d(Float32Array.from(p.b)),
  V: tf.tensor2d(Float32Array.from(p.V), [p.O, p.H]),
  c: tf.tensor1d(Float32Array.from(p.c)),
});

/** Loss, gradients and predictions of the fused kernels (fusedAvailable() must hold) against the reference. */
export async function checkFusedGrads(c: StepCheckConfig): Promise<CheckResult> {
  const { p, x, y } = checkProblem(c);
  const { N, T, F } = c;
  if (!fusedAvailable({ N, T, F, H: c.H })) return summary({ unavailable: Infinity }, false, [], []);
  const outs = tf.tidy(() => {
    const w = weightsOf(p);
    const xt = tf.tensor3d(Float32Array.from(x), [N, T, F]);
    const yt = tf.tensor2d(Float32Array.from(y), [N, 1]);
    const r = fusedLossAndGrads(w, xt, yt, c);
    return [r.loss, ...PARAM_NAMES.map((k) => r.grads[k]), fusedPredict(w, xt, c)];
  });
  const [loss, ...rest] = await Promise.all(outs.map((t) => t.data()));
  tf.dispose(outs);
  const ref = referenceLossAndGrads(p, { N, T, x }, y, c);
  const errors: Record<string, number> = { loss: maxRelError([loss[0]], [ref.loss]) };
  PARAM_NAMES.forEach((k, i) => (errors[`grads.${k}`] = maxFieldRelError(rest[i], ref.grads[k])));
  errors.yhat = maxFieldRelError(rest[5], ref.yhat);
  return summary(
    errors,
    true,
    rest.slice(0, 5),
    PARAM_NAMES.map((k) => ref.grads[k]),
  );
}

/** `steps` TfRnn.trainStep calls (full batch) against ReferenceTrainer: each loss, and w − w₀ of every weight. */
export async function checkTraining(c: TrainingCheckConfig): Promise<CheckResult> {
  const { p, x, y } = checkProblem(c);
  const { N, T, F } = c;
  const xt = tf.tensor3d(Float32Array.from(x), [N, T, F]);
  const yt = tf.tensor2d(Float32Array.from(y), [N, 1]);
  const fused = fusedAvailable({ N, T, F, H: c.H });
  const model = new TfRnn(p, { activation: c.activation, output: c.output, loss: c.loss, optimizer: c.optimizer, clipNorm: c.clipNorm });
  let reference = new ReferenceTrainer(p, c, c.optimizer, c.clipNorm);
  const errors: Record<string, number> = {};
  const counts: [number, number][] = [];
  let taken = 0;
  const steps = async (n: number): Promise<void> => {
    for (let s = 0; s < n; s++) {
      const loss = model.trainStep(xt, yt);
      const [v] = await loss.data();
      loss.dispose();
      errors[`loss.${++taken}`] = maxRelError([v], [reference.step({ N, T, x }, y)]);
      counts.push(inUse());
    }
  };
  try {
    await steps(c.steps);
    if (c.changes) {
      model.setOptions({ optimizer: { ...c.optimizer, lr: 2 * c.optimizer.lr } });
      reference.setLearningRate(2 * c.optimizer.lr);
      await steps(1);
      const clipped = reference.clippedSteps;
      model.setParams(p);
      reference = new ReferenceTrainer(p, c, { ...c.optimizer, lr: 2 * c.optimizer.lr }, c.clipNorm);
      reference.clippedSteps = clipped;
      await steps(c.steps);
    }
    const after = await model.readParams();
    const moved = PARAM_NAMES.map((k) => after[k].map((v, e) => v - p[k][e]));
    const expected = PARAM_NAMES.map((k) => reference.params[k].map((v, e) => v - p[k][e]));
    PARAM_NAMES.forEach((k, i) => (errors[`step.${k}`] = maxStepRelError(moved[i], expected[i], after[k], c.steps)));
    const [first, last] = [counts[0], counts[c.steps - 1]]; // (a new optimiser makes new slots)
    return {
      ...summary(errors, fused, moved, expected),
      inUse: { tensors: [first[0], last[0]], gpuBytes: [first[1], last[1]] },
      clippedSteps: reference.clippedSteps,
    };
  } finally {
    model.dispose();
    xt.dispose();
    yt.dispose();
  }
}
