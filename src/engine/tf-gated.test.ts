import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { maxRelError } from '../checks/compare.ts';
import { GATED_PARAM_NAMES, type GatedCell, type GatedParams } from '../model/cells.ts';
import { initCellParams, initGatedParams } from '../model/gated-init.ts';
import { stateJacobianNorms } from '../model/gated-jacobian.ts';
import { gruBackward } from '../model/gru.ts';
import { lstmBackward } from '../model/lstm.ts';
import { createRng } from '../model/random.ts';
import { createTfModel } from './tf-cell-model.ts';
import { fusedAvailable, setFusedEnabled } from './tf-fused.ts';
import { fusedGatedAvailable } from './tf-fused-gated.ts';
import { TfGated } from './tf-gated.ts';
import { TfRnn, type TfRnnOptions } from './tf-rnn.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setFusedEnabled(true));

function data(N: number, T: number, F: number, seed: number) {
  const rng = createRng(seed);
  const xs = Float32Array.from({ length: N * T * F }, () => rng.normal());
  const ys = Float32Array.from({ length: N }, () => rng.normal());
  return { xs, ys, x: tf.tensor3d(xs, [N, T, F]), y: tf.tensor2d(ys, [N, 1]) };
}

const OPTS: TfRnnOptions = { activation: 'tanh', output: 'linear', loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9 }, clipNorm: 0 };

/** Three training steps, then the losses seen, the weights reached, predictions and the tensor count's growth. */
async function run(fused: boolean, opts: TfRnnOptions, p: GatedParams) {
  setFusedEnabled(fused);
  expect(fusedGatedAvailable(p.cell)).toBe(fused);
  const { x, y } = data(30, 5, 2, 4);
  const m = new TfGated(p, opts);
  const losses: number[] = [];
  let before = 0;
  for (let i = 0; i < 3; i++) {
    const l = m.trainStep(x, y);
    losses.push((await l.data())[0]);
    l.dispose();
    if (i === 0) before = tf.memory().numTensors;
  }
  const pred = m.predict(x);
  const yhat = Array.from(await pred.data());
  const ev = m.evaluate(x, y);
  const evaluated = (await ev.data())[0];
  tf.dispose([pred, ev]);
  const grew = tf.memory().numTensors - before;
  const params = await m.readParams();
  m.dispose();
  tf.dispose([x, y]);
  return { losses, params, yhat, evaluated, grew };
}

describe.each(['lstm', 'gru'] as const)('TfGated %s on the fused kernel equals TfGated on tfjs autodiff', (cell: GatedCell) => {
  const cases: [string, Partial<TfRnnOptions>][] = [
    ['SGD momentum', {}],
    ['Adam, clipping', { optimizer: { kind: 'adam', lr: 0.01, epsilon: 1e-7 }, clipNorm: 0.05 }],
    ['seed defects: tanh output, broadcast loss', { output: 'tanh', loss: 'broadcast-mse' }],
  ];
  for (const [label, extra] of cases) {
    test(label, async () => {
      const p = initGatedParams(cell, { F: 2, H: 7, O: 1 }, { seed: 2, forgetBias: cell === 'lstm' ? 1 : 0 });
      const a = await run(true, { ...OPTS, ...extra }, p);
      const b = await run(false, { ...OPTS, ...extra }, p);
      for (let i = 0; i < 3; i++) expect(Math.abs(a.losses[i] - b.losses[i])).toBeLessThan(1e-5 * Math.max(1, b.losses[i]));
      for (const k of GATED_PARAM_NAMES) {
        for (let i = 0; i < a.params[k].length; i++) expect(Math.abs(a.params[k][i] - b.params[k][i]), `${k}[${i}]`).toBeLessThan(1e-5);
      }
      for (let i = 0; i < a.yhat.length; i++) expect(Math.abs(a.yhat[i] - b.yhat[i])).toBeLessThan(1e-5);
      expect(Math.abs(a.evaluated - b.evaluated)).toBeLessThan(1e-5);
      expect(a.grew).toBe(0);
      expect(b.grew).toBe(0);
      expect(a.losses[2]).toBeLessThan(a.losses[0]); // it learns
    });
  }

  test('gradientProfile: ∂L/∂h, ∂L/∂c and the state Jacobian equal the Float64 reference on the same weights', async () => {
    const p = initGatedParams(cell, { F: 2, H: 6, O: 1 }, { seed: 5 });
    const { xs, ys, x, y } = data(12, 8, 2, 6);
    const m = createTfModel(p, OPTS);
    const profile = await m.gradientProfile(x, y);
    const q = (await m.readParams()) as GatedParams;
    const seq = { N: 12, T: 8, x: Float64Array.from(xs) };
    const ref = cell === 'lstm' ? lstmBackward(q, seq, Float64Array.from(ys), 'many-to-one') : gruBackward(q, seq, Float64Array.from(ys), 'many-to-one');
    expect(maxRelError(profile.dLdhNorm, ref.dLdhNorm)).toBeLessThan(1e-4);
    if ('dLdcNorm' in ref) expect(maxRelError(profile.dLdcNorm!, ref.dLdcNorm)).toBeLessThan(1e-4);
    else expect(profile.dLdcNorm).toBeUndefined();
    const jac = stateJacobianNorms(q, Float64Array.from(xs.subarray(0, 16)), 8);
    expect(maxRelError(profile.jacobian.spectral, jac.spectral)).toBeLessThan(1e-9);
    m.dispose();
    tf.dispose([x, y]);
  });
});

describe('createTfModel', () => {
  test('the simple cell is TfRnn, unchanged: the same losses bit for bit', async () => {
    const p = initCellParams('rnn', { F: 2, H: 5, O: 1 }, { seed: 1 });
    const { x, y } = data(20, 4, 2, 3);
    const a = createTfModel(p, OPTS);
    const b = new TfRnn(p, OPTS);
    expect(a.cell).toBe('rnn');
    for (let i = 0; i < 3; i++) {
      const [la, lb] = [a.trainStep(x, y), b.trainStep(x, y)];
      expect((await la.data())[0]).toBe((await lb.data())[0]);
      tf.dispose([la, lb]);
    }
    expect(await a.readParams()).toEqual(await b.readParams());
    a.dispose();
    b.dispose();
    tf.dispose([x, y]);
  });

  test('readParams / setParams round trip; another cell or size is refused', async () => {
    const p = initCellParams('gru', { F: 3, H: 4, O: 1 }, { seed: 7 });
    const m = createTfModel(p, OPTS);
    expect(m.cell).toBe('gru');
    const other = initCellParams('gru', { F: 3, H: 4, O: 1 }, { seed: 8 });
    m.setParams(other);
    const back = await m.readParams();
    for (const k of GATED_PARAM_NAMES) expect(maxRelError((back as GatedParams)[k], (other as GatedParams)[k])).toBeLessThan(1e-7);
    expect(() => m.setParams(initCellParams('lstm', { F: 3, H: 4, O: 1 }, { seed: 1 }))).toThrow(/lstm/);
    expect(() => m.setParams(initCellParams('rnn', { F: 3, H: 4, O: 1 }, { seed: 1 }))).toThrow(/rnn/);
    expect(() => m.setParams(initCellParams('gru', { F: 3, H: 5, O: 1 }, { seed: 1 }))).toThrow(/H=5/);
    m.setOptions({ optimizer: { kind: 'adam', lr: 0.01 } });
    expect(m.options.optimizer.kind).toBe('adam');
    m.dispose();
  });

  test('fusedGatedAvailable: on cpu for the seed shapes, not beyond 1 GiB, not when switched off', () => {
    expect(fusedGatedAvailable('lstm', { N: 2717, T: 7, F: 3, H: 50 })).toBe(true);
    expect(fusedGatedAvailable('gru', { N: 200_000, T: 60, F: 3, H: 256 })).toBe(false);
    setFusedEnabled(false);
    expect(fusedAvailable()).toBe(false);
    expect(fusedGatedAvailable('gru', { N: 10, T: 2, F: 1, H: 2 })).toBe(false);
  });
});
