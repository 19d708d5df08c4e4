import '@tensorflow/tfjs-backend-cpu';
// Truncated BPTT three ways for every cell: the hand-written backward passes
// stopped K steps back (bptt.ts, lstm.ts, gru.ts), tfjs autodiff of the op
// graph with the gradient cut at h(T−K), and the fused kernels.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { maxScaledError } from '../checks/compare.ts';
import { cellBackward } from '../model/cell-reference.ts';
import { paramArrays, paramNames, type CellName, type CellParams, type GatedParams } from '../model/cells.ts';
import { initCellParams } from '../model/gated-init.ts';
import { createRng } from '../model/random.ts';
import type { RnnParams } from '../model/types.ts';
import { FusedGated, type FusedGatedWeights } from './fused-gated.ts';
import { FusedRnn, type FusedWeights } from './fused-step.ts';
import { createTfModel } from './tf-cell-model.ts';
import { setFusedEnabled } from './tf-fused.ts';
import { tfGatedStates, type TfGatedWeights } from './tf-gated-model.ts';
import { tfHiddenStates, tfOutputs, tfSquaredError, type TfWeights } from './tf-model.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setFusedEnabled(true));

const N = 10, T = 8, F = 2, H = 6;
const CELLS: CellName[] = ['rnn', 'lstm', 'gru'];

function problem(cell: CellName) {
  const p = initCellParams(cell, { F, H, O: 1 }, { seed: 21, ...(cell === 'lstm' ? { forgetBias: 1 } : {}) });
  const rng = createRng(22);
  const x = Float32Array.from({ length: N * T * F }, () => rng.normal());
  const y = Float32Array.from({ length: N }, () => rng.normal());
  // Float64 reference on the float32 values
  const q = { ...p } as Record<string, unknown>;
  for (const [k, a] of Object.entries(paramArrays(p))) q[k] = Float64Array.from(Float32Array.from(a));
  return { p: q as unknown as CellParams, x, y };
}

function autodiff(cell: CellName, p: CellParams, x: Float32Array, y: Float32Array, K: number): Record<string, Float32Array> {
  const names = paramNames(cell);
  const arrays = paramArrays(p);
  return tf.tidy(() => {
    const G = cell === 'rnn' ? 1 : arrays.weight_hh.length / H;
    const shapes: Record<string, number[]> = cell === 'rnn'
      ? { W: [H, H], U: [H, F], b: [H], V: [1, H], c: [1] }
      : { weight_ih: [G, F], weight_hh: [G, H], bias_ih: [G], bias_hh: [G], V: [1, H], c: [1] };
    const ts = names.map((k) => tf.tensor(Float32Array.from(arrays[k]), shapes[k]));
    const xt = tf.tensor3d(x, [N, T, F]);
    const yt = tf.tensor2d(y, [N, 1]);
    const f = (...args: tf.Tensor[]): tf.Scalar => {
      const w = Object.fromEntries(names.map((k, i) => [k, args[i]]));
      const states = cell === 'rnn' ? tfHiddenStates(w as unknown as TfWeights, xt, 'tanh', undefined, K) : tfGatedStates(cell, w as unknown as TfGatedWeights, xt, {}, K).h;
      return tfSquaredError(tfOutputs(w as unknown as TfWeights, states, 'many-to-one'), yt, 'many-to-one');
    };
    const g = tf.grads(f)(ts);
    return Object.fromEntries(names.map((k, i) => [k, g[i].dataSync() as Float32Array]));
  });
}

function fused(cell: CellName, p: CellParams, x: Float32Array, y: Float32Array, K: number): Record<string, Float32Array> {
  const w = Object.fromEntries(Object.entries(paramArrays(p)).map(([k, a]) => [k, Float32Array.from(a)]));
  const base = { N, T, F, H, O: 1, x, y, output: 'linear', loss: 'mse', truncate: K } as const;
  const out = cell === 'rnn' ? new FusedRnn(H).grads({ ...base, w: w as unknown as FusedWeights, activation: 'tanh' }) : new FusedGated(cell, H).grads({ ...base, w: w as unknown as FusedGatedWeights });
  return { ...out } as unknown as Record<string, Float32Array>;
}

describe.each(CELLS)('%s: truncated BPTT', (cell) => {
  test.each([1, 3, 7])('K = %i: hand backward = tfjs autodiff with the cut = fused kernel', (K) => {
    const { p, x, y } = problem(cell);
    const hand = cellBackward(p, { N, T, x: Float64Array.from(x) }, Float64Array.from(y), 'many-to-one', 'tanh', K).grads;
    const full = cellBackward(p, { N, T, x: Float64Array.from(x) }, Float64Array.from(y), 'many-to-one', 'tanh').grads;
    const ad = autodiff(cell, p, x, y, K);
    const fu = fused(cell, p, x, y, K);
    for (const k of paramNames(cell)) {
      expect(maxScaledError(ad[k], hand[k]), `autodiff ${k}`).toBeLessThan(1e-5);
      expect(maxScaledError(fu[k], hand[k]), `fused ${k}`).toBeLessThan(1e-4);
    }
    const input = cell === 'rnn' ? 'U' : 'weight_ih';
    expect(maxScaledError(hand[input], full[input])).toBeGreaterThan(1e-6); // the cut drops the earliest steps' terms
  });

  test('K ≥ T is full BPTT, exactly', () => {
    const { p, x, y } = problem(cell);
    const seq = { N, T, x: Float64Array.from(x) };
    expect(cellBackward(p, seq, Float64Array.from(y), 'many-to-one', 'tanh', T)).toEqual(cellBackward(p, seq, Float64Array.from(y), 'many-to-one'));
    expect(fused(cell, p, x, y, T + 5)).toEqual(fused(cell, p, x, y, 0));
  });

  test('the training model: fused and autodiff agree with truncate set; the profile shows nothing past the cut', async () => {
    const { p, x, y } = problem(cell);
    const opts = { activation: 'tanh', output: 'linear', loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1, momentum: 0 }, clipNorm: 0, truncate: 3 } as const;
    const xt = tf.tensor3d(x, [N, T, F]);
    const yt = tf.tensor2d(y, [N, 1]);
    const after: Record<string, Float64Array>[] = [];
    for (const on of [true, false]) {
      setFusedEnabled(on);
      const m = createTfModel(p, opts);
      for (let i = 0; i < 2; i++) m.trainStep(xt, yt).dispose();
      after.push(paramArrays(await m.readParams()));
      if (!on) {
        const profile = await m.gradientProfile(xt, yt);
        expect(Array.from(profile.dLdhNorm.subarray(0, T - 3))).toEqual(new Array(T - 3).fill(0));
        expect(profile.dLdhNorm[T - 1]).toBeGreaterThan(0);
      }
      m.dispose();
    }
    for (const k of paramNames(cell)) expect(maxScaledError(after[0][k], after[1][k]), k).toBeLessThan(1e-5);
    tf.dispose([xt, yt]);
  });
});

test('truncated BPTT is refused for the many-to-many loss and for a fractional K', () => {
  const p = initCellParams('gru', { F, H, O: 1 }, { seed: 1 }) as GatedParams;
  const seq = { N: 1, T: 4, x: new Float64Array(4 * F) };
  expect(() => cellBackward(p, seq, new Float64Array(4), 'many-to-many', 'tanh', 2)).toThrow(/many-to-one/);
  expect(() => cellBackward(initCellParams('rnn', { F, H, O: 1 }, { seed: 1 }) as RnnParams, seq, new Float64Array(1), 'many-to-one', 'tanh', 1.5)).toThrow(/whole number/);
});
