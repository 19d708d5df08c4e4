import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { ACTIVATIONS } from '../model/activation.ts';
import { bptt } from '../model/bptt.ts';
import { finiteDifferenceGrads, gradientCheck, tensorRelError } from './gradcheck.ts';
import { initParams } from '../model/init.ts';
import { createRng } from '../model/random.ts';
import type { Activation, LossMode, Sequences } from '../model/types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function problem(mode: LossMode, seed: number) {
  const dims = { F: 3, H: 6, O: 2 };
  const p = initParams(dims, { seed, recurrent: 'normal', spectralRadius: 1.2 });
  const rng = createRng(seed + 7);
  const N = 4, T = 7;
  const seq: Sequences = { N, T, x: Float64Array.from({ length: N * T * dims.F }, () => rng.normal()) };
  const y = Float64Array.from({ length: (mode === 'many-to-one' ? N : N * T) * dims.O }, () => rng.normal());
  return { p, seq, y };
}

describe('gradientCheck', () => {
  test.each(ACTIVATIONS.flatMap((a) => (['many-to-one', 'many-to-many'] as const).map((m) => [a, m] as const)))(
    '%s %s: hand BPTT vs finite differences < 1e-6, vs tfjs < 1e-3',
    async (act: Activation, mode: LossMode) => {
      const { p, seq, y } = problem(mode, 11);
      const W = p.W.slice();
      const r = await gradientCheck(p, seq, y, act, mode);
      expect(r.maxRelErrorFd).toBeLessThan(1e-6);
      expect(r.maxRelErrorTf).toBeLessThan(1e-3);
      expect(Object.keys(r.perParam).sort()).toEqual(['U', 'V', 'W', 'b', 'c']);
      expect(Array.from(p.W)).toEqual(Array.from(W)); // caller's parameters untouched
    },
  );

  test('detects a wrong gradient (BPTT with the wrong σ′ is far from finite differences)', () => {
    const { p, seq, y } = problem('many-to-one', 12);
    const fd = finiteDifferenceGrads(p, seq, y, 'tanh', 'many-to-one');
    const wrong = bptt(p, seq, y, 'linear', 'many-to-one').grads;
    expect(tensorRelError(wrong.W, fd.W)).toBeGreaterThan(1e-2);
  });

  test('relative error: per tensor, zero for two zero tensors, symmetric', () => {
    expect(tensorRelError([0, 0], [0, 0])).toBe(0);
    expect(tensorRelError([1, 0], [0, 0])).toBe(1);
    expect(tensorRelError([3, 4], [3, 4.5])).toBeCloseTo(0.5 / Math.hypot(3, 4.5), 15);
    expect(tensorRelError([3, 4.5], [3, 4])).toBeCloseTo(tensorRelError([3, 4], [3, 4.5]), 15);
  });
});
