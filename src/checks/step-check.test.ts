import '@tensorflow/tfjs-backend-cpu';
// The Float64 reference step against tfjs on the cpu backend, both the fused
// kernel and tfjs's own autodiff + optimisers: if these agree, the reference
// is a fair judge of the WGSL step (e2e/wgsl.spec.ts) and of a backend's
// self-test.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { FLOAT32_TOLERANCE } from './compare.ts';
import { setFusedEnabled } from '../engine/tf-fused.ts';
import { checkFusedGrads, checkTraining } from './step-check.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setFusedEnabled(true));

const ATTRS = [
  { activation: 'tanh', output: 'linear', loss: 'mse' },
  { activation: 'relu', output: 'tanh', loss: 'mse' },
  { activation: 'linear', output: 'linear', loss: 'broadcast-mse' },
  { activation: 'tanh', output: 'tanh', loss: 'broadcast-mse' },
] as const;

const OPTIMIZERS = [
  { optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9 }, clipNorm: 0 },
  { optimizer: { kind: 'sgd', lr: 0.05, momentum: 0 }, clipNorm: 0.02 },
  // Adam divides each gradient by its own size: with ε far below a gradient's float32 noise, any two float32
  // implementations take different full-size steps on near-zero gradients. ε ≥ 1e-3 · max |g| bounds Adam's
  // error by the gradient's field-scaled error, so the comparison checks the formula, not the noise.
  { optimizer: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-3 }, clipNorm: 0.02 },
] as const;

const within = (errors: Record<string, number>) => Object.fromEntries(Object.entries(errors).filter(([, v]) => !(v <= FLOAT32_TOLERANCE)));

describe('Float64 reference step vs tfjs (cpu)', () => {
  for (const a of ATTRS) {
    test(`${a.activation}/${a.output}/${a.loss}: the fused kernel's loss, gradients and predictions`, async () => {
      const r = await checkFusedGrads({ ...a, N: 23, T: 5, F: 2, H: 7, seed: 3 });
      expect(r.fused).toBe(true);
      expect(within(r.errors)).toEqual({});
      expect(r.allZero).toBe(false);
    });
    for (const fused of [true, false]) {
      for (const o of OPTIMIZERS) {
        test(`${a.activation}/${a.output}/${a.loss}, ${o.optimizer.kind}${'momentum' in o.optimizer ? ` m=${o.optimizer.momentum}` : ''} clip ${o.clipNorm}, ${fused ? 'fused' : 'op graph'}: three TfRnn steps`, async () => {
          setFusedEnabled(fused);
          const r = await checkTraining({ ...a, ...o, N: 23, T: 5, F: 2, H: 7, seed: 4, steps: 3, changes: true });
          expect(r.fused).toBe(fused);
          expect(within(r.errors)).toEqual({});
          expect(Object.keys(r.errors)).toContain('loss.7');
          if (o.clipNorm > 0) expect(r.clippedSteps).toBeGreaterThan(0);
        });
      }
    }
  }
});
