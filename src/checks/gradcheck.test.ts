import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { ACTIVATIONS } from '../model/activation.ts';
import { bptt } from '../model/bptt.ts';
import { finiteDifferenceCellGrads, finiteDifferenceGrads, gradientCheck, gradientCheckCell, tensorRelError } from './gradcheck.ts';
import { cellBackward } from '../model/cell-reference.ts';
import { copyParams, paramArrays, paramNames, type CellName, type GatedCell, type GatedParams } from '../model/cells.ts';
import { initCellParams } from '../model/gated-init.ts';
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

describe('gradientCheckCell: every cell, both loss modes', () => {
  function gatedProblem(cell: GatedCell, mode: LossMode, seed: number) {
    const dims = { F: 3, H: 5, O: 2 };
    const p = initCellParams(cell, dims, { seed, forgetBias: cell === 'lstm' ? 0.5 : 0 });
    const rng = createRng(seed + 7);
    const N = 4, T = 6;
    const seq: Sequences = { N, T, x: Float64Array.from({ length: N * T * dims.F }, () => rng.normal()) };
    const y = Float64Array.from({ length: (mode === 'many-to-one' ? N : N * T) * dims.O }, () => rng.normal());
    return { p, seq, y };
  }

  test.each((['rnn', 'lstm', 'gru'] as const).flatMap((c) => (['many-to-one', 'many-to-many'] as const).map((m) => [c, m] as const)))(
    '%s %s: hand backward vs finite differences < 1e-6, vs tfjs < 1e-3',
    async (cell: CellName, mode: LossMode) => {
      const { p, seq, y } = cell === 'rnn' ? problem(mode, 13) : gatedProblem(cell, mode, 13);
      const before = copyParams(p);
      const r = await gradientCheckCell(p, seq, y, mode);
      expect(r.maxRelErrorFd).toBeLessThan(1e-6);
      expect(r.maxRelErrorTf).toBeLessThan(1e-3);
      expect(Object.keys(r.perParam)).toEqual([...paramNames(cell)]);
      expect(paramArrays(p)).toEqual(paramArrays(before)); // caller's parameters untouched
      console.info(`${cell} ${mode}: FD ${r.maxRelErrorFd.toExponential(2)}, tfjs ${r.maxRelErrorTf.toExponential(2)}`);
    },
  );

  test('the simple cell through gradientCheckCell gives exactly gradientCheck', async () => {
    const { p, seq, y } = problem('many-to-many', 14);
    expect(await gradientCheckCell(p, seq, y, 'many-to-many', 'relu')).toEqual(await gradientCheck(p, seq, y, 'relu', 'many-to-many'));
  });

  test.each(['lstm', 'gru'] as const)('%s: detects a wrong gradient (one taken at other weights)', (cell) => {
    const { p, seq, y } = gatedProblem(cell, 'many-to-one', 15);
    const moved = copyParams(p) as GatedParams;
    for (let i = 0; i < moved.bias_ih.length; i++) moved.bias_ih[i] += 0.3;
    const fd = finiteDifferenceCellGrads(copyParams(p), seq, y, 'many-to-one');
    const stale = cellBackward(moved, seq, y, 'many-to-one').grads;
    expect(tensorRelError(stale.weight_hh, fd.weight_hh)).toBeGreaterThan(1e-2);
  });
});
