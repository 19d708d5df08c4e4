import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { bptt } from '../model/bptt.ts';
import { initParams } from '../model/init.ts';
import { createRng } from '../model/random.ts';
import { ADAM_EPSILON, TfRnn, type TfRnnOptions } from './tf-rnn.ts';
import { relDiff } from '../checks/test-helpers.ts';
import type { RnnParams } from '../model/types.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const live: TfRnn[] = [];
afterEach(() => {
  while (live.length) live.pop()!.dispose();
});

function model(p: RnnParams, opts: Partial<TfRnnOptions> = {}): TfRnn {
  const m = new TfRnn(p, {
    activation: 'tanh',
    output: 'linear',
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9 },
    clipNorm: 0,
    ...opts,
  });
  live.push(m);
  return m;
}

/** Toy task: predict the mean of the last three inputs of a random walk. */
function toyData(N: number, T: number, seed: number) {
  const rng = createRng(seed);
  const x = new Float64Array(N * T);
  const y = new Float64Array(N);
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) x[n * T + t] = rng.normal();
    y[n] = (x[n * T + T - 1] + x[n * T + T - 2] + x[n * T + T - 3]) / 3;
  }
  return { x, y, xt: tf.tensor3d(Float32Array.from(x), [N, T, 1]), yt: tf.tensor2d(Float32Array.from(y), [N, 1]) };
}

async function scalar(t: tf.Scalar): Promise<number> {
  const v = (await t.data())[0];
  t.dispose();
  return v;
}

describe('TfRnn', () => {
  test('tensor count stays flat across 20 training steps (SGD momentum, Adam, clipping, profile)', async () => {
    const d = toyData(16, 5, 1);
    for (const opts of [
      { optimizer: { kind: 'sgd', lr: 0.05, momentum: 0.9 } },
      { optimizer: { kind: 'adam', lr: 0.01 } },
      { optimizer: { kind: 'sgd', lr: 0.05, momentum: 0 }, clipNorm: 0.5, loss: 'broadcast-mse', output: 'tanh' },
    ] as Partial<TfRnnOptions>[]) {
      const m = model(initParams({ F: 1, H: 8, O: 1 }, { seed: 2 }), opts);
      await scalar(m.trainStep(d.xt, d.yt)); // the optimiser creates its slots on the first step
      const before = tf.memory().numTensors;
      for (let i = 0; i < 20; i++) await scalar(m.trainStep(d.xt, d.yt));
      await m.gradientProfile(d.xt, d.yt);
      await scalar(m.evaluate(d.xt, d.yt));
      m.predict(d.xt).dispose();
      expect(tf.memory().numTensors).toBe(before);
    }
    d.xt.dispose();
    d.yt.dispose();
  });

  test.each([
    ['SGD with momentum', { kind: 'sgd', lr: 0.05, momentum: 0.9 }],
    ['Adam', { kind: 'adam', lr: 0.02 }],
  ] as const)('%s reduces the loss on a toy task', async (_name, optimizer) => {
    const d = toyData(64, 6, 3);
    const m = model(initParams({ F: 1, H: 12, O: 1 }, { seed: 4 }), { optimizer });
    const first = await scalar(m.evaluate(d.xt, d.yt));
    for (let i = 0; i < 150; i++) m.trainStep(d.xt, d.yt).dispose();
    const last = await scalar(m.evaluate(d.xt, d.yt));
    expect(last).toBeLessThan(0.2 * first);
    d.xt.dispose();
    d.yt.dispose();
  });

  test('trainStep returns the loss before the step; evaluate agrees with the Float64 reference', async () => {
    const d = toyData(10, 4, 5);
    const p = initParams({ F: 1, H: 6, O: 1 }, { seed: 6 });
    const m = model(p);
    const ref = bptt(p, { N: 10, T: 4, x: d.x }, d.y, 'tanh', 'many-to-one');
    const before = await scalar(m.evaluate(d.xt, d.yt));
    expect(relDiff(before, ref.loss)).toBeLessThan(1e-5);
    expect(await scalar(m.trainStep(d.xt, d.yt))).toBeCloseTo(before, 6);
    expect(await scalar(m.evaluate(d.xt, d.yt))).not.toBeCloseTo(before, 6);
    d.xt.dispose();
    d.yt.dispose();
  });

  test('one plain-SGD step moves the weights by lr × the BPTT gradient', async () => {
    const d = toyData(8, 5, 7);
    const p = initParams({ F: 1, H: 5, O: 1 }, { seed: 8 });
    const lr = 0.1;
    const m = model(p, { optimizer: { kind: 'sgd', lr, momentum: 0 } });
    const start = await m.readParams(); // float32-rounded
    const g = bptt(start, { N: 8, T: 5, x: d.x }, d.y, 'tanh', 'many-to-one').grads;
    m.trainStep(d.xt, d.yt).dispose();
    const after = await m.readParams();
    for (const k of ['W', 'U', 'b', 'V', 'c'] as const) {
      for (let i = 0; i < g[k].length; i++) expect(after[k][i]).toBeCloseTo(start[k][i] - lr * g[k][i], 5);
    }
    d.xt.dispose();
    d.yt.dispose();
  });

  test('global-norm clipping caps the step: ‖Δθ‖ = lr · clipNorm when the gradient is larger', async () => {
    const d = toyData(8, 5, 9);
    const p = initParams({ F: 1, H: 5, O: 1 }, { seed: 10, spectralRadius: 1.5 });
    const lr = 0.01;
    const start = (await model(p).readParams());
    const g = bptt(start, { N: 8, T: 5, x: d.x }, d.y, 'tanh', 'many-to-one').grads;
    const gNorm = Math.sqrt(Object.values(g).reduce((s, a) => s + a.reduce((t, v) => t + v * v, 0), 0));
    for (const clip of [gNorm / 4, gNorm * 4]) {
      const m = model(p, { optimizer: { kind: 'sgd', lr, momentum: 0 }, clipNorm: clip });
      m.trainStep(d.xt, d.yt).dispose();
      const after = await m.readParams();
      let step = 0;
      for (const k of ['W', 'U', 'b', 'V', 'c'] as const) for (let i = 0; i < g[k].length; i++) step += (after[k][i] - start[k][i]) ** 2;
      const expected = lr * Math.min(clip, gNorm);
      expect(relDiff(Math.sqrt(step), expected)).toBeLessThan(2e-3);
    }
    d.xt.dispose();
    d.yt.dispose();
  });

  test('broadcast-mse equals the mean over all pairs (i, j) of (o_i − y_j)², tanh output squashes', async () => {
    const d = toyData(7, 4, 11);
    const p = initParams({ F: 1, H: 4, O: 1 }, { seed: 12 });
    const m = model(p, { loss: 'broadcast-mse', output: 'tanh' });
    const o = await m.predict(d.xt).data();
    for (const v of o) expect(Math.abs(v)).toBeLessThan(1);
    let allPairs = 0;
    for (let i = 0; i < 7; i++) for (let j = 0; j < 7; j++) allPairs += (o[i] - d.y[j]) ** 2;
    allPairs /= 49;
    expect(relDiff(await scalar(m.evaluate(d.xt, d.yt)), allPairs)).toBeLessThan(1e-5);
    // and it differs from the shape-correct loss
    let mse = 0;
    for (let i = 0; i < 7; i++) mse += (o[i] - d.y[i]) ** 2;
    expect(relDiff(allPairs, mse / 7)).toBeGreaterThan(1e-2);
    d.xt.dispose();
    d.yt.dispose();
  });

  test('gradientProfile matches the Float64 BPTT on the same (float32) weights', async () => {
    const d = toyData(6, 9, 13);
    const m = model(initParams({ F: 1, H: 7, O: 1 }, { seed: 14 }));
    const p = await m.readParams();
    const ref = bptt(p, { N: 6, T: 9, x: d.x }, d.y, 'tanh', 'many-to-one');
    const prof = await m.gradientProfile(d.xt, d.yt);
    for (let k = 0; k < 9; k++) expect(relDiff(prof.dLdhNorm[k], ref.dLdhNorm[k])).toBeLessThan(1e-4);
    expect(prof.jacobian.spectral[8]).toBeCloseTo(1, 12);
    expect(prof.jacobian.frobenius[8]).toBeCloseTo(Math.sqrt(7), 12);
    d.xt.dispose();
    d.yt.dispose();
  });

  test('setParams replaces weights and resets the optimiser; setOptions keeps momentum on a new lr', async () => {
    const d = toyData(8, 4, 15);
    const p = initParams({ F: 1, H: 4, O: 1 }, { seed: 16 });
    const a = model(p);
    const b = model(p);
    for (let i = 0; i < 3; i++) {
      a.trainStep(d.xt, d.yt).dispose();
      b.trainStep(d.xt, d.yt).dispose();
    }
    // a: lr changed via setOptions (momentum kept); b: recreated through setParams (momentum lost)
    a.setOptions({ optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9 } });
    b.setParams(await b.readParams());
    a.trainStep(d.xt, d.yt).dispose();
    b.trainStep(d.xt, d.yt).dispose();
    const pa = await a.readParams();
    const pb = await b.readParams();
    expect(relDiff(pa.W[0], pb.W[0])).toBeGreaterThan(1e-6);
    expect(() => a.setParams(initParams({ F: 2, H: 4, O: 1 }, { seed: 1 }))).toThrow(/dimensions/);
    expect(ADAM_EPSILON).toBe(1e-7);
    d.xt.dispose();
    d.yt.dispose();
  });
});
