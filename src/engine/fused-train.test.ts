// The fused mini-batch path against tfjs: the optimisers and clipping on
// Float32Arrays give tfjs's own weights to float32 rounding from the same
// gradients, and a whole mini-batch epoch of TfRnn.trainBatches moves the
// weights as tfjs's op graph + autodiff + optimiser does (maxStepRelError).
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { FLOAT32_TOLERANCE, maxStepRelError } from '../checks/compare.ts';
import { initParams } from '../model/init.ts';
import { createRng } from '../model/random.ts';
import { PARAM_NAMES } from '../model/types.ts';
import { FusedOptimizer } from './fused-optimizer.ts';
import { gatherRows } from './fused-train.ts';
import { setFusedEnabled } from './tf-fused.ts';
import { clipByGlobalNorm } from './tf-model.ts';
import { TfRnn, type TfRnnOptions } from './tf-rnn.ts';
import type { OptimizerSpec } from './optimizer-spec.ts';
import { makeOptimizer } from './optimizers.ts';
import { TfGated } from './tf-gated.ts';
import { GATED_PARAM_NAMES } from '../model/cells.ts';
import { initGatedParams } from '../model/gated-init.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});
afterEach(() => setFusedEnabled(true));

const SPECS: [string, OptimizerSpec][] = [
  ['SGD', { kind: 'sgd', lr: 0.1, momentum: 0 }],
  ['SGD with momentum', { kind: 'sgd', lr: 0.05, momentum: 0.9 }],
  ['Adam', { kind: 'adam', lr: 0.01 }],
];

/** Largest difference in units of the last place of float32. */
function ulps(a: Float32Array, b: Float32Array): number {
  let worst = 0;
  for (let i = 0; i < a.length; i++) {
    const scale = Math.max(Math.abs(a[i]), Math.abs(b[i]), 1e-30);
    worst = Math.max(worst, Math.abs(a[i] - b[i]) / (scale * 2 ** -23));
  }
  return worst;
}

describe('FusedOptimizer equals tfjs’s optimisers from the same gradients', () => {
  for (const [label, spec] of SPECS) {
    for (const clip of [0, 0.5]) {
      test(`${label}${clip ? ', clipped' : ''}: three steps agree to float32 rounding`, async () => {
        const rng = createRng(7);
        const shapes = [[5, 5], [5, 3], [5]];
        const start = shapes.map((s) => Float32Array.from({ length: s.reduce((a, b) => a * b, 1) }, () => rng.normal()));
        const vars = start.map((v, k) => tf.variable(tf.tensor(v, shapes[k])));
        const opt = makeOptimizer(spec);
        const ours = new FusedOptimizer(spec);
        const mine = start.map((v) => Float32Array.from(v));
        for (let step = 0; step < 3; step++) {
          const grads = start.map((v) => Float32Array.from({ length: v.length }, () => rng.normal()));
          tf.tidy(() => {
            const named: tf.NamedTensorMap = {};
            vars.forEach((v, k) => (named[v.name] = tf.tensor(grads[k], shapes[k])));
            opt.applyGradients(clip > 0 ? clipByGlobalNorm(named, clip) : named);
          });
          ours.step(mine, grads, clip);
        }
        for (let k = 0; k < vars.length; k++) expect(ulps(mine[k], (await vars[k].data()) as Float32Array), `param ${k}`).toBeLessThanOrEqual(2);
        opt.dispose();
        tf.dispose(vars);
      });
    }
  }

  test('a new rate keeps the slots; another kind starts afresh', () => {
    const o = new FusedOptimizer({ kind: 'sgd', lr: 0.1, momentum: 0.9 });
    const w = [Float32Array.of(1)];
    o.step(w, [Float32Array.of(1)], 0); // acc = 1, w = 0.9
    o.retune({ kind: 'sgd', lr: 0.2, momentum: 0.9 });
    o.step(w, [Float32Array.of(0)], 0); // acc = 0.9, w = 0.9 − 0.18
    expect(w[0]).toBeCloseTo(0.72, 6);
    o.retune({ kind: 'sgd', lr: 0.2, momentum: 0 });
    o.step(w, [Float32Array.of(0)], 0); // plain SGD: a zero gradient moves nothing
    expect(w[0]).toBeCloseTo(0.72, 6);
  });
});

describe('a fused mini-batch epoch (trainBatches)', () => {
  for (const [label, spec] of SPECS) {
    test(`simple cell, ${label}, clipping: the weights move as on tfjs's op graph (3 batches)`, async () => {
      const N = 36;
      const [T, F, B] = [5, 2, 12];
      const rng = createRng(11);
      const xs = Float32Array.from({ length: N * T * F }, () => rng.normal());
      const ys = Float32Array.from({ length: N }, () => rng.normal());
      const order = Int32Array.from({ length: N }, (_, i) => (i * 7) % N);
      const opts: TfRnnOptions = { activation: 'tanh', output: 'linear', loss: 'mse', optimizer: spec, clipNorm: 1 };
      const p = initParams({ F, H: 6, O: 1 }, { seed: 5 });
      const x = tf.tensor3d(xs, [N, T, F]);
      const y = tf.tensor2d(ys, [N, 1]);

      const fused = new TfRnn(p, opts);
      const run = fused.trainBatches(x, y, order, B)!;
      expect(run.sizes).toEqual([12, 12, 12]);
      const after = await fused.readParams();

      setFusedEnabled(false);
      const graph = new TfRnn(p, opts);
      expect(graph.trainBatches(x, y, order, B)).toBeNull();
      const losses: number[] = [];
      for (let s = 0; s < N; s += B) {
        const idx = order.subarray(s, s + B);
        const xb = new Float32Array(B * T * F);
        const yb = new Float32Array(B);
        gatherRows(xs, T * F, idx, xb);
        gatherRows(ys, 1, idx, yb);
        const l = tf.tidy(() => graph.trainStep(tf.tensor3d(xb, [B, T, F]), tf.tensor2d(yb, [B, 1])));
        losses.push((await l.data())[0]);
        l.dispose();
      }
      const want = await graph.readParams();
      for (let b = 0; b < 3; b++) expect(Math.abs(run.losses[b] - losses[b])).toBeLessThan(1e-5 * Math.max(1, losses[b]));
      for (const k of PARAM_NAMES) {
        const start = Float32Array.from(p[k]);
        const moved = after[k].map((v, i) => v - start[i]);
        const expected = want[k].map((v, i) => v - start[i]);
        expect(maxStepRelError(moved, expected, want[k], 3), k).toBeLessThanOrEqual(FLOAT32_TOLERANCE);
      }
      fused.dispose();
      graph.dispose();
      tf.dispose([x, y]);
    });
  }

  for (const cell of ['lstm', 'gru'] as const) {
    for (const [label, spec] of SPECS) {
      test(`${cell}, ${label}, clipping: the weights move as on tfjs's op graph (3 batches)`, async () => {
        const N = 24;
        const [T, F, B] = [4, 2, 8];
        const rng = createRng(13);
        const x = tf.tensor3d(Float32Array.from({ length: N * T * F }, () => rng.normal()), [N, T, F]);
        const y = tf.tensor2d(Float32Array.from({ length: N }, () => rng.normal()), [N, 1]);
        const order = Int32Array.from({ length: N }, (_, i) => (i * 5) % N);
        const opts: TfRnnOptions = { activation: 'tanh', output: 'linear', loss: 'mse', optimizer: spec, clipNorm: 1 };
        const p = initGatedParams(cell, { F, H: 5, O: 1 }, { seed: 9 });
        const fused = new TfGated(p, opts);
        expect(fused.trainBatches(x, y, order, B)!.sizes).toEqual([8, 8, 8]);
        const after = await fused.readParams();
        setFusedEnabled(false);
        const graph = new TfGated(p, opts);
        expect(graph.trainBatches(x, y, order, B)).toBeNull();
        for (let s = 0; s < N; s += B) {
          const l = tf.tidy(() => {
            const idx = tf.tensor1d(order.subarray(s, s + B), 'int32');
            return graph.trainStep(tf.gather(x, idx) as tf.Tensor3D, tf.gather(y, idx) as tf.Tensor2D);
          });
          l.dispose();
        }
        const want = await graph.readParams();
        for (const k of GATED_PARAM_NAMES) {
          const start = Float32Array.from(p[k]);
          const moved = after[k].map((v, i) => v - start[i]);
          const expected = want[k].map((v, i) => v - start[i]);
          expect(maxStepRelError(moved, expected, want[k], 3), k).toBeLessThanOrEqual(FLOAT32_TOLERANCE);
        }
        fused.dispose();
        graph.dispose();
        tf.dispose([x, y]);
      });
    }
  }
});
