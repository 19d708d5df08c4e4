import '@tensorflow/tfjs-backend-cpu';
// The backend self-test accepts a correct backend and rejects corrupted ones:
// on the cpu backend (Node), the fused gradient kernel the training step
// calls is made to zero the recurrent gradients (tfjs #8590's symptom) or
// flush small values to zero (#7733's), and the self-test must say so.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import { fusedGated } from '../engine/fused-gated.ts';
import { fusedRnn } from '../engine/fused-step.ts';
import { paramNames } from '../model/cells.ts';
import { selfTestBackend } from './self-test.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await selfTestBackend(); // registers the fused kernels
});

/** The self-test's hidden size (self-test.ts BASE): the fused kernels' workspaces it steps with. */
const SELF_TEST_H = 8;

/**
 * Corrupt the gradients the trainer's step uses on this backend: the fused
 * kernel of the cell (fused-step.ts / fused-gated.ts, which the step calls on
 * Float32Arrays) returns its gradients through `corrupt`, called with each
 * gradient and its place in the cell's parameter order, counted from 1 (the
 * loss is 0 and left alone): W, U, b, V, c for the simple cell, weight_ih,
 * weight_hh, bias_ih, bias_hh, V, c for the LSTM.
 */
function corruptGradients(corrupt: (v: Float32Array, output: number) => Float32Array, cell: 'rnn' | 'lstm' = 'rnn'): void {
  const names = paramNames(cell);
  type Kernel = { grads(p: unknown): Record<string, Float32Array> };
  const kernel = (cell === 'rnn' ? fusedRnn(SELF_TEST_H) : fusedGated(cell, SELF_TEST_H)) as unknown as Kernel;
  const grads = kernel.grads.bind(kernel);
  vi.spyOn(kernel, 'grads').mockImplementation((p) => {
    const g = grads(p);
    names.forEach((k, i) => (g[k] = corrupt(g[k], i + 1)));
    return g;
  });
}

afterEach(() => {
  vi.restoreAllMocks();
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

describe('selfTestBackend for a gated cell', () => {
  test('the LSTM and GRU kernels pass on both paths, each case a TfGated step against cellBackward', async () => {
    for (const cell of ['lstm', 'gru'] as const) {
      const r = await selfTestBackend(undefined, { cell });
      expect(r.ok, r.reason).toBe(true);
      expect(r.cases.map((c) => `${c.path}/${c.name}`)).toEqual(['fused/ordinary', 'fused/tiny', 'op graph/ordinary', 'op graph/tiny']);
    }
  });

  test('an LSTM kernel whose recurrent gradients are zero is rejected, naming weight_hh', async () => {
    // outputs 1..6: ∂weight_ih, ∂weight_hh, ∂bias_ih, ∂bias_hh, ∂V, ∂c
    corruptGradients((v, i) => (i === 2 ? new Float32Array(v.length) : v), 'lstm');
    const r = await selfTestBackend(undefined, { cell: 'lstm' });
    expect(r.ok).toBe(false);
    expect(r.reason).toBe('cpu rejected: its gradients of weight_hh are all zero (ordinary inputs, fused; as in tfjs #8590)');
  });
});
