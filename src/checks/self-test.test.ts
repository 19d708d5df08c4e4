import '@tensorflow/tfjs-backend-cpu';
// The backend self-test accepts a correct backend and rejects corrupted ones:
// on the cpu backend (Node), the fused gradient kernel is replaced by one
// that zeroes the recurrent gradients (tfjs #8590's symptom) or flushes
// small values to zero (#7733's), and the self-test must say so.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { GRADS } from '../engine/tf-fused.ts';
import { selfTestBackend } from './self-test.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await selfTestBackend(); // registers the fused kernels
});

let original: tf.KernelConfig | undefined;

/** Replace the cpu fused-gradient kernel by the original followed by `corrupt` on each gradient (not the loss). */
function corruptGradients(corrupt: (v: Float32Array, output: number) => Float32Array): void {
  original = tf.getKernel(GRADS, 'cpu');
  const orig = original!;
  tf.unregisterKernel(GRADS, 'cpu');
  tf.registerKernel({
    ...orig,
    kernelFunc: (args) => {
      const outs = orig.kernelFunc(args) as tf.TensorInfo[];
      const backend = args.backend as unknown as { data: { get(id: object): { values: Float32Array } } };
      outs.forEach((o, i) => {
        if (i === 0) return;
        const d = backend.data.get(o.dataId);
        d.values = corrupt(d.values, i);
      });
      return outs;
    },
  });
}

afterEach(() => {
  if (!original) return;
  tf.unregisterKernel(GRADS, 'cpu');
  tf.registerKernel(original);
  original = undefined;
});

describe('selfTestBackend', () => {
  test('a correct backend passes, on the fused kernel and on the op graph, with ordinary and tiny inputs', async () => {
    const r = await selfTestBackend();
    expect(r.ok, r.reason).toBe(true);
    expect(r.code).toBe('ok');
    expect(r.backend).toBe('cpu');
    expect(r.cases.map((c) => `${c.path}/${c.name}`)).toEqual(['fused/ordinary', 'fused/tiny', 'op graph/ordinary', 'op graph/tiny']);
    expect(r.worst).toBeLessThan(1e-3);
    expect(r.reason).toMatch(/^cpu: a training step matches the Float64 reference/);
  });

  test('paths can be limited (a fused-only test runs no op-graph case)', async () => {
    const r = await selfTestBackend(['fused']);
    expect(r.ok, r.reason).toBe(true);
    expect(r.cases.map((c) => `${c.path}/${c.name}`)).toEqual(['fused/ordinary', 'fused/tiny']);
  });

  test('a kernel that returns zero recurrent gradients (tfjs #8590) is rejected, naming them', async () => {
    // outputs 1..5 are ∂W, ∂U, ∂b, ∂V, ∂c: zero the first three, keep the output layer's
    corruptGradients((v, i) => (i <= 3 ? new Float32Array(v.length) : v));
    const r = await selfTestBackend();
    expect(r.ok).toBe(false);
    expect(r.code).toBe('zero-gradients');
    expect(r.reason).toMatch(/^cpu rejected: its gradients of W, U, b are all zero \(ordinary inputs, fused; as in tfjs #8590\)$/);
  });

  test('a kernel that flushes small values to zero (tfjs #7733) is rejected by the tiny-input case', async () => {
    // Below 2⁻¹⁷ ≈ 7.6e-6: no gradient of the ordinary case is that small (its least is ~1.8e-5), many of the tiny case's ∂U are.
    corruptGradients((v) => v.map((g) => (Math.abs(g) < 2 ** -17 ? 0 : g)));
    const r = await selfTestBackend();
    expect(r.ok).toBe(false);
    const ordinary = r.cases.find((c) => c.path === 'fused' && c.name === 'ordinary')!;
    const tiny = r.cases.find((c) => c.path === 'fused' && c.name === 'tiny')!;
    expect(ordinary.worst).toBeLessThan(1e-3); // ordinary values pass through such a backend …
    expect(tiny.worst).toBeGreaterThan(1e-3); // … the tiny ones do not
    expect(r.reason).toContain('tiny inputs, fused');
  });

  test('a kernel that throws makes the self-test fail with its message, not throw', async () => {
    corruptGradients(() => {
      throw new Error('device lost');
    });
    const r = await selfTestBackend();
    expect(r.ok).toBe(false);
    expect(r.code).toBe('failed');
    expect(r.reason).toBe('cpu rejected: its self-test failed (device lost)');
  });
});
