// A startup self-test of the active tfjs backend: one training step of a
// small model, exactly as the trainer takes it (TfRnn.trainStep), against
// the Float64 reference step, before the backend is trusted with the
// reader's model. Guards against backends that compute but compute wrong —
// all-zero RNN gradients on some mobile GPUs (tfjs #8590), small values
// read back as zeros (tfjs #7733) — which a 1 + 2 probe does not catch.
//
// Two cases, each on every path the backend trains on (the fused kernel
// where it has one, and tfjs's op graph, which the gradient profile and
// shapes beyond the kernel's limits use): ordinary inputs, and inputs
// scaled by 1/255 (#7733's values). One SGD step with learning rate 1 moves
// each weight by exactly −∂L/∂w, so the step checks the gradients too.
import * as tf from '@tensorflow/tfjs-core';
import { FLOAT32_TOLERANCE } from './compare.ts';
import { checkTraining, type CheckResult, type TrainingCheckConfig } from './step-check.ts';
import { fusedAvailable, setFusedEnabled } from '../engine/tf-fused.ts';

export type SelfTestCode = 'ok' | 'zero-gradients' | 'mismatch' | 'failed';

export interface SelfTestCase {
  name: 'ordinary' | 'tiny';
  path: 'fused' | 'op graph';
  worst: number;
  /** the field with the largest error */
  field: string;
  /** weights whose update was all zero where the reference's was not */
  zeroFields: string[];
  ms: number;
}

export interface SelfTestResult {
  backend: string;
  ok: boolean;
  code: SelfTestCode;
  /** One line for the badge's title, e.g. "webgpu rejected: its gradients of W, U, b are all zero (…; as in tfjs #8590)". */
  reason: string;
  /** the largest error over every case (Infinity after a failure) */
  worst: number;
  cases: SelfTestCase[];
  ms: number;
}

const CASES: { name: SelfTestCase['name']; scale: number }[] = [
  { name: 'ordinary', scale: 1 },
  { name: 'tiny', scale: 1 / 255 },
];

const BASE: Omit<TrainingCheckConfig, 'scale'> = {
  activation: 'tanh',
  output: 'linear',
  loss: 'mse',
  N: 6,
  T: 5,
  F: 3,
  H: 8,
  seed: 20240913,
  optimizer: { kind: 'sgd', lr: 1, momentum: 0 },
  clipNorm: 0,
  steps: 1,
};

function worstField(r: CheckResult): string {
  let field = '';
  let worst = -1;
  for (const [k, v] of Object.entries(r.errors)) {
    if (!(v <= worst)) {
      worst = v;
      field = k;
    }
  }
  return field;
}

const fmt = (v: number): string => (Number.isFinite(v) ? v.toExponential(1) : String(v));

function verdict(backend: string, cases: SelfTestCase[], ms: number): SelfTestResult {
  const worst = cases.reduce((m, c) => (c.worst <= m ? m : c.worst), 0);
  const zero = cases.find((c) => c.zeroFields.length > 0);
  const bad = cases.find((c) => !(c.worst <= FLOAT32_TOLERANCE));
  if (zero) {
    return { backend, ok: false, code: 'zero-gradients', worst, cases, ms, reason: `${backend} rejected: its gradients of ${zero.zeroFields.join(', ')} are all zero (${zero.name} inputs, ${zero.path}; as in tfjs #8590)` };
  }
  if (bad) {
    const reason = `${backend} rejected: a training step differs from the Float64 reference (error ${fmt(bad.worst)} in ${bad.field}, ${bad.name} inputs, ${bad.path}; tolerance ${fmt(FLOAT32_TOLERANCE)})`;
    return { backend, ok: false, code: 'mismatch', worst, cases, ms, reason };
  }
  return { backend, ok: true, code: 'ok', worst, cases, ms, reason: `${backend}: a training step matches the Float64 reference (largest error ${fmt(worst)})` };
}

/**
 * Self-test of the active backend (tf.getBackend()); never throws. `paths`
 * limits it to some of the paths (default both where the backend has a fused
 * kernel): the op graph is the slow half on a software adapter.
 */
export async function selfTestBackend(paths: readonly SelfTestCase['path'][] = ['fused', 'op graph']): Promise<SelfTestResult> {
  const backend = tf.getBackend();
  const t0 = performance.now();
  const cases: SelfTestCase[] = [];
  try {
    const fused = fusedAvailable({ N: BASE.N, T: BASE.T, F: BASE.F, H: BASE.H });
    for (const path of paths.filter((p) => p === 'op graph' || fused)) {
      setFusedEnabled(path === 'fused');
      for (const c of CASES) {
        const c0 = performance.now();
        const r = await checkTraining({ ...BASE, scale: c.scale });
        cases.push({ name: c.name, path, worst: r.worst, field: worstField(r), zeroFields: r.zeroFields, ms: performance.now() - c0 });
      }
    }
  } catch (err) {
    const ms = performance.now() - t0;
    return { backend, ok: false, code: 'failed', worst: Infinity, cases, ms, reason: `${backend} rejected: its self-test failed (${(err as Error).message ?? String(err)})` };
  } finally {
    setFusedEnabled(true);
  }
  return verdict(backend, cases, performance.now() - t0);
}
