import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
// Autodiff: tfjs-core registers no gradients of its own.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { beforeAll, describe, expect, test } from 'vitest';
import { ACTIVATIONS } from '../model/activation.ts';
import { bptt } from '../model/bptt.ts';
import { FusedRnn, fastTanh, type FusedProblem } from './fused-step.ts';
import { initParams } from '../model/init.ts';
import { createRng } from '../model/random.ts';
import { maxScaledError } from '../checks/compare.ts';
import { tfBroadcastSquaredError, tfHiddenStates, tfOutputs, tfSquaredError, type TfWeights } from './tf-model.ts';
import type { Activation, RnnParams } from '../model/types.ts';
import { PARAM_NAMES } from '../model/types.ts';
import { wasmGemm } from './wasm-gemm.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

function problem(N: number, T: number, F: number, H: number, seed: number, activation: Activation) {
  const p = initParams({ F, H, O: 1 }, { seed });
  const rng = createRng(seed + 100);
  const x = Float64Array.from({ length: N * T * F }, () => rng.normal());
  const y = Float64Array.from({ length: N }, () => rng.normal());
  const prob: FusedProblem = {
    N,
    T,
    F,
    H,
    O: 1,
    x: Float32Array.from(x),
    y: Float32Array.from(y),
    w: { W: Float32Array.from(p.W), U: Float32Array.from(p.U), b: Float32Array.from(p.b), V: Float32Array.from(p.V), c: Float32Array.from(p.c) },
    activation,
    output: 'linear',
    loss: 'mse',
  };
  // The reference runs in Float64 on the very float32 weights and data.
  const p32: RnnParams = { F, H, O: 1, W: Float64Array.from(prob.w.W), U: Float64Array.from(prob.w.U), b: Float64Array.from(prob.w.b), V: Float64Array.from(prob.w.V), c: Float64Array.from(prob.w.c) };
  return { prob, p32, x: Float64Array.from(prob.x), y: Float64Array.from(prob.y) };
}

describe('fused training step', () => {
  test('fastTanh agrees with Math.tanh to a few float32 ulps', () => {
    let worst = 0;
    for (let v = -12; v <= 12; v += 1e-3) worst = Math.max(worst, Math.abs(fastTanh(v) - Math.tanh(v)));
    expect(worst).toBeLessThan(5e-7); // a few float32 ulps near ±1
    expect(fastTanh(1e6)).toBeCloseTo(1, 6);
    expect(fastTanh(-1e6)).toBeCloseTo(-1, 6);
  });

  test('the SIMD tanh kernel agrees with Math.tanh in float32', () => {
    const g = wasmGemm(4)!;
    expect(g).not.toBeNull();
    const n = 24000;
    g.reserve(n * 4);
    const m = new Float32Array(g.memory.buffer, 0, n);
    for (let i = 0; i < n; i++) m[i] = -12 + (24 * i) / n;
    const x = Float64Array.from(m);
    g.tanh(0, n);
    const view = new Float32Array(g.memory.buffer, 0, n);
    let worst = 0;
    for (let i = 0; i < n; i++) worst = Math.max(worst, Math.abs(view[i] - Math.tanh(x[i])));
    expect(worst).toBeLessThan(1e-6);
  });

  const shapes: [number, number, number, number][] = [
    [37, 7, 3, 50], // padded width 52: one register chunk
    [65, 5, 2, 57], // 60 floats: two chunks; 65 rows: a partial row block
    [9, 4, 1, 6],
  ];
  for (const simd of [true, false]) {
    for (const act of ACTIVATIONS) {
      for (const [N, T, F, H] of shapes) {
        test(`${simd ? 'SIMD' : 'JS'} ${act} N=${N} T=${T} F=${F} H=${H}: loss and gradients equal the Float64 BPTT`, () => {
          const { prob, p32, x, y } = problem(N, T, F, H, 3, act);
          const f = new FusedRnn(H, { simd });
          if (simd) expect(f.simd).toBe(true);
          const g = f.grads(prob);
          const ref = bptt(p32, { N, T, x }, y, act, 'many-to-one');
          expect(Math.abs(g.loss - ref.loss) / ref.loss).toBeLessThan(1e-5);
          for (const k of PARAM_NAMES) expect(maxScaledError(g[k], ref.grads[k]), k).toBeLessThan(1e-4);
          // a second call on the same workspace gives the same numbers (buffers are reset, not accumulated)
          const again = f.grads(prob);
          for (const k of PARAM_NAMES) expect(Array.from(again[k])).toEqual(Array.from(g[k]));
        });
      }
    }
  }

  for (const [output, loss] of [
    ['tanh', 'mse'],
    ['linear', 'broadcast-mse'],
    ['tanh', 'broadcast-mse'],
  ] as const) {
    test(`output ${output}, loss ${loss}: equal to tfjs autodiff`, async () => {
      const { prob } = problem(40, 6, 2, 9, 5, 'tanh');
      prob.output = output;
      prob.loss = loss;
      const g = new FusedRnn(9).grads(prob);
      const outs = tf.tidy(() => {
        const w = {
          W: tf.tensor2d(prob.w.W, [9, 9]),
          U: tf.tensor2d(prob.w.U, [9, 2]),
          b: tf.tensor1d(prob.w.b),
          V: tf.tensor2d(prob.w.V, [1, 9]),
          c: tf.tensor1d(prob.w.c),
        };
        const x = tf.tensor3d(prob.x, [40, 6, 2]);
        const y = tf.tensor2d(prob.y, [40, 1]);
        const f = (W: tf.Tensor, U: tf.Tensor, b: tf.Tensor, V: tf.Tensor, c: tf.Tensor): tf.Scalar => {
          const ww = { W, U, b, V, c } as TfWeights;
          let o = tfOutputs(ww, tfHiddenStates(ww, x, 'tanh'), 'many-to-one') as tf.Tensor2D;
          if (output === 'tanh') o = tf.tanh(o);
          return loss === 'mse' ? tfSquaredError(o, y, 'many-to-one') : tfBroadcastSquaredError(o, y);
        };
        const { value, grads } = tf.valueAndGrads(f as (...a: tf.Tensor[]) => tf.Scalar)([w.W, w.U, w.b, w.V, w.c]);
        return [value, ...grads];
      });
      const data = await Promise.all(outs.map((t) => t.data()));
      tf.dispose(outs);
      expect(Math.abs(g.loss - data[0][0]) / data[0][0]).toBeLessThan(1e-5);
      PARAM_NAMES.forEach((k, i) => expect(maxScaledError(g[k], data[i + 1]), k).toBeLessThan(1e-4));
    });
  }

  test('forward gives the predictions of the reference forward pass', () => {
    const { prob, p32, x } = problem(20, 5, 3, 11, 8, 'tanh');
    const yhat = new FusedRnn(11).forward(prob);
    const ref = bptt(p32, { N: 20, T: 5, x }, new Float64Array(20), 'tanh', 'many-to-one');
    const o = Array.from({ length: 20 }, (_, n) => ref.pass.o[n * 5 + 4]);
    expect(maxScaledError(yhat, o)).toBeLessThan(1e-5);
  });
});
