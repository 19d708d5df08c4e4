import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { initParams } from '../model/init.ts';
import { createRng } from '../model/random.ts';
import { fusedApplies, fusedAvailable, setFusedEnabled } from './tf-fused.ts';
import { TfRnn, type TfRnnOptions } from './tf-rnn.ts';
import { PARAM_NAMES, type RnnParams } from '../model/types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setFusedEnabled(true));

function data(N: number, T: number, F: number, seed: number) {
  const rng = createRng(seed);
  const x = tf.tensor3d(Float32Array.from({ length: N * T * F }, () => rng.normal()), [N, T, F]);
  const y = tf.tensor2d(Float32Array.from({ length: N }, () => rng.normal()), [N, 1]);
  return { x, y };
}

/** Three training steps, then the loss values seen and the weights reached. */
async function run(fused: boolean, opts: TfRnnOptions, p: RnnParams) {
  setFusedEnabled(fused);
  expect(fusedAvailable()).toBe(fused);
  const { x, y } = data(30, 5, 2, 4);
  const m = new TfRnn(p, opts);
  const losses: number[] = [];
  let before = 0;
  for (let i = 0; i < 3; i++) {
    const l = m.trainStep(x, y);
    losses.push((await l.data())[0]);
    l.dispose();
    if (i === 0) before = tf.memory().numTensors; // after the optimiser made its slots
  }
  const pred = m.predict(x);
  const yhat = Array.from(await pred.data());
  pred.dispose();
  const ev = m.evaluate(x, y);
  const evaluated = (await ev.data())[0];
  ev.dispose();
  const after = tf.memory().numTensors;
  const params = await m.readParams();
  m.dispose();
  tf.dispose([x, y]);
  return { losses, params, yhat, evaluated, grew: after - before };
}

describe('TfRnn on the fused kernel (wasm/cpu) equals TfRnn on tfjs autodiff', () => {
  const cases: [string, Partial<TfRnnOptions>][] = [
    ['SGD momentum, tanh', {}],
    ['Adam, clipping, relu', { activation: 'relu', optimizer: { kind: 'adam', lr: 0.01, epsilon: 1e-7 }, clipNorm: 0.05 }],
    ['seed defects: tanh output, broadcast loss', { output: 'tanh', loss: 'broadcast-mse' }],
    ['linear activation', { activation: 'linear', optimizer: { kind: 'sgd', lr: 0.05, momentum: 0 } }],
  ];
  for (const [label, extra] of cases) {
    test(label, async () => {
      const opts: TfRnnOptions = { activation: 'tanh', output: 'linear', loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9 }, clipNorm: 0, ...extra };
      const p = initParams({ F: 2, H: 7, O: 1 }, { seed: 2 });
      const a = await run(true, opts, p);
      const b = await run(false, opts, p);
      for (let i = 0; i < 3; i++) expect(Math.abs(a.losses[i] - b.losses[i])).toBeLessThan(1e-5 * Math.max(1, b.losses[i]));
      for (const k of PARAM_NAMES) {
        for (let i = 0; i < a.params[k].length; i++) expect(Math.abs(a.params[k][i] - b.params[k][i]), `${k}[${i}]`).toBeLessThan(1e-5);
      }
      for (let i = 0; i < a.yhat.length; i++) expect(Math.abs(a.yhat[i] - b.yhat[i])).toBeLessThan(1e-5);
      expect(Math.abs(a.evaluated - b.evaluated)).toBeLessThan(1e-5);
      expect(a.grew).toBe(0);
    });
  }
});

describe('fusedAvailable', () => {
  test('on cpu: yes for the seed shapes, no once the workspace would pass 1 GiB, no when switched off', () => {
    expect(fusedAvailable({ N: 2717, T: 7, F: 3, H: 50 })).toBe(true);
    expect(fusedAvailable({ N: 200_000, T: 60, F: 3, H: 256 })).toBe(false);
    setFusedEnabled(false);
    expect(fusedAvailable({ N: 10, T: 2, F: 1, H: 2 })).toBe(false);
  });
});

describe('fusedApplies', () => {
  const seed = { N: 2717, T: 7, F: 3, H: 50 };
  test('needs WebAssembly SIMD: the plain-JS fallback is slower than tfjs, so it is never chosen', () => {
    expect(fusedApplies({ enabled: true, backend: 'wasm', simd: true }, seed)).toBe(true);
    expect(fusedApplies({ enabled: true, backend: 'cpu', simd: true }, seed)).toBe(true);
    expect(fusedApplies({ enabled: true, backend: 'wasm', simd: false }, seed)).toBe(false);
    expect(fusedApplies({ enabled: true, backend: 'cpu', simd: false })).toBe(false);
  });
  test('only on the CPU-class backends, and only when switched on', () => {
    expect(fusedApplies({ enabled: true, backend: 'webgl', simd: true }, seed)).toBe(false);
    expect(fusedApplies({ enabled: true, backend: 'webgpu', simd: true }, seed)).toBe(false);
    expect(fusedApplies({ enabled: false, backend: 'wasm', simd: true }, seed)).toBe(false);
  });
});
