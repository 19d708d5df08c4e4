import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { DEFAULT_LIMITS, GEMM_TILE, paramCount, planStep, stateFloats, TILE } from './plan.ts';
import { updateOf } from './training.ts';

const SEED = { N: 2717, T: 7, F: 3, H: 50, O: 1 };

describe('planStep', () => {
  test('the seed shape on the guaranteed minimum limits', () => {
    const r = planStep(SEED, DEFAULT_LIMITS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    const p = r.plan;
    expect(p.R).toBe(8); // 340 workgroups of 50 invocations
    expect(p.rowGroups).toBe(Math.ceil(2717 / 8));
    expect(p.P).toBe(paramCount(50, 3, 1));
    expect([p.LW, p.RW]).toEqual([52, 54]); // one 64×64 tile of the gradient product
    expect(p.K).toBe(2717 * 8);
    expect(p.splitLen % TILE).toBe(0);
    expect(p.splits * p.splitLen).toBeGreaterThanOrEqual(p.K);
    expect((p.splits - 1) * p.splitLen).toBeLessThan(p.K); // no empty split
    expect(p.floats).toEqual({ hs: 2717 * 8 * 50, gs: 2717 * 7 * 50, rows: 2717 * 2, partials: p.splits * 52 * 54, state: stateFloats(p.P, 50) });
    expect(R_SHARED(p.R, 50, 1)).toBeLessThanOrEqual(DEFAULT_LIMITS.maxComputeWorkgroupStorageSize);
  });

  test('the large shape (N = 1024 rows a step, T = 64, H = 256) fits the minimum limits', () => {
    const r = planStep({ N: 1024, T: 64, F: 3, H: 256, O: 1 }, DEFAULT_LIMITS);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.plan.R).toBe(4);
    expect(Math.ceil(r.plan.LW / GEMM_TILE) * Math.ceil(r.plan.RW / GEMM_TILE)).toBe(25);
    expect(r.plan.floats.hs * 4).toBeLessThanOrEqual(DEFAULT_LIMITS.maxStorageBufferBindingSize);
  });

  test('a small batch takes one row per workgroup', () => {
    const r = planStep({ N: 6, T: 5, F: 3, H: 8, O: 1 }, DEFAULT_LIMITS);
    expect(r.ok && r.plan.R).toBe(1);
  });

  test('beyond the limits: the reason names the limit (TfRnn then keeps the op graph)', () => {
    const fail = (shape: Partial<typeof SEED>, limits = DEFAULT_LIMITS) => {
      const r = planStep({ ...SEED, ...shape }, limits);
      expect(r.ok).toBe(false);
      return r.ok ? '' : r.reason;
    };
    expect(fail({ H: 300 })).toBe('hidden size 300 > 256 invocations per workgroup');
    expect(fail({ H: 200 }, { ...DEFAULT_LIMITS, maxComputeInvocationsPerWorkgroup: 128 })).toBe('hidden size 200 > 128 invocations per workgroup');
    expect(fail({ H: 64 }, { ...DEFAULT_LIMITS, maxComputeWorkgroupStorageSize: 128 })).toMatch(/^260 bytes of workgroup memory > maxComputeWorkgroupStorageSize 128$/);
    expect(fail({ N: 4096, T: 64, H: 256 })).toMatch(/MiB buffer > the adapter's 128 MiB binding limit$/);
    expect(fail({}, { ...DEFAULT_LIMITS, maxStorageBuffersPerShaderStage: 6 })).toBe('6 storage buffers per stage < 7');
    expect(fail({ N: 0 })).toMatch(/not positive integers/);
  });

  test('adapters with more room get the same plan shape (the plan reads only what it needs)', () => {
    const big = { ...DEFAULT_LIMITS, maxComputeWorkgroupStorageSize: 65536, maxStorageBufferBindingSize: 2 ** 31, maxBufferSize: 2 ** 31 };
    const r = planStep({ N: 4096, T: 64, F: 3, H: 256, O: 1 }, big);
    expect(r.ok).toBe(true);
  });
});

const R_SHARED = (R: number, H: number, O: number) => R * (H + O) * 4;

describe('updateOf: the GPU optimiser reads tfjs optimiser objects', () => {
  test('SGD, momentum and Adam with their hyperparameters; Nesterov is not implemented', () => {
    expect(updateOf(tf.train.sgd(0.1), 1)).toEqual({ kind: 'sgd', lr: 0.1, momentum: 0 });
    const m = tf.train.momentum(0.05, 0.9);
    expect(updateOf(m, 1)).toEqual({ kind: 'sgd', lr: 0.05, momentum: 0.9 });
    m.setLearningRate(0.2);
    m.setMomentum(0.5);
    expect(updateOf(m, 2)).toEqual({ kind: 'sgd', lr: 0.2, momentum: 0.5 });
    expect(updateOf(tf.train.adam(0.01, 0.8, 0.99, 1e-7), 3)).toEqual({ kind: 'adam', lr: 0.01, beta1: 0.8, beta2: 0.99, epsilon: 1e-7, step: 3 });
    expect(updateOf(tf.train.momentum(0.1, 0.9, true), 1)).toBeNull();
    expect(updateOf(tf.train.rmsprop(0.1), 1)).toBeNull();
  });
});
