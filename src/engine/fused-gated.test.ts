import { describe, expect, test } from 'vitest';
import { GATED_PARAM_NAMES, type GatedCell, type GatedParams } from '../model/cells.ts';
import { initGatedParams } from '../model/gated-init.ts';
import { gruBackward } from '../model/gru.ts';
import { lstmBackward } from '../model/lstm.ts';
import { createRng } from '../model/random.ts';
import { maxScaledError } from '../checks/compare.ts';
import { FusedGated, fusedGatedFloats, type FusedGatedProblem } from './fused-gated.ts';
import { wasmGated } from './wasm-gated.ts';

/** A random problem, and the same weights and data in Float64 for the reference. */
function gatedProblem(cell: GatedCell, N: number, T: number, F: number, H: number, seed: number, forgetBias = 0) {
  const p = initGatedParams(cell, { F, H, O: 1 }, { seed, forgetBias: cell === 'lstm' ? forgetBias : 0 });
  const rng = createRng(seed + 100);
  const f32 = (a: Float64Array) => Float32Array.from(a);
  const prob: FusedGatedProblem = {
    N, T, F, H, O: 1,
    x: Float32Array.from({ length: N * T * F }, () => rng.normal()),
    y: Float32Array.from({ length: N }, () => rng.normal()),
    w: { weight_ih: f32(p.weight_ih), weight_hh: f32(p.weight_hh), bias_ih: f32(p.bias_ih), bias_hh: f32(p.bias_hh), V: f32(p.V), c: f32(p.c) },
    output: 'linear',
    loss: 'mse',
  };
  // The reference runs in Float64 on the very float32 weights and data.
  const f64 = (a: Float32Array) => Float64Array.from(a);
  const p32: GatedParams = { cell, F, H, O: 1, weight_ih: f64(prob.w.weight_ih), weight_hh: f64(prob.w.weight_hh), bias_ih: f64(prob.w.bias_ih), bias_hh: f64(prob.w.bias_hh), V: f64(prob.w.V), c: f64(prob.w.c) };
  return { prob, p32, x: f64(prob.x), y: f64(prob.y) };
}

const reference = (cell: GatedCell, p: GatedParams, N: number, T: number, x: Float64Array, y: Float64Array) =>
  cell === 'lstm' ? lstmBackward(p, { N, T, x }, y, 'many-to-one') : gruBackward(p, { N, T, x }, y, 'many-to-one');

describe('fused LSTM and GRU training step', () => {
  const shapes: [number, number, number, number][] = [
    [37, 7, 3, 50], // hp 52: gate rows of 208 (LSTM) or 156 (GRU) floats, several register chunks
    [65, 5, 2, 13], // hp 16 with padding; 65 rows: a partial row block
    [9, 4, 1, 6],
  ];
  for (const cell of ['lstm', 'gru'] as const) {
    test(`${cell}: the SIMD module validates`, () => {
      expect(wasmGated(cell, 52)).not.toBeNull();
    });
    for (const simd of [true, false]) {
      for (const [N, T, F, H] of shapes) {
        test(`${cell} ${simd ? 'SIMD' : 'JS'} N=${N} T=${T} F=${F} H=${H}: loss and gradients equal the Float64 backward pass`, () => {
          const { prob, p32, x, y } = gatedProblem(cell, N, T, F, H, 3, 1);
          const f = new FusedGated(cell, H, { simd });
          expect(f.simd).toBe(simd);
          const g = f.grads(prob);
          const ref = reference(cell, p32, N, T, x, y);
          expect(Math.abs(g.loss - ref.loss) / ref.loss).toBeLessThan(1e-5);
          for (const k of GATED_PARAM_NAMES) expect(maxScaledError(g[k], ref.grads[k]), k).toBeLessThan(1e-4);
          const again = f.grads(prob); // the workspace is reset, not accumulated
          for (const k of GATED_PARAM_NAMES) expect(Array.from(again[k])).toEqual(Array.from(g[k]));
          const yhat = f.forward(prob);
          const o = Array.from({ length: N }, (_, n) => ref.pass.o[n * T + T - 1]);
          expect(maxScaledError(yhat, o)).toBeLessThan(1e-5);
        });
      }
    }
    test(`${cell}: tanh output and broadcast loss heads`, () => {
      const { prob } = gatedProblem(cell, 20, 5, 2, 8, 9);
      prob.output = 'tanh';
      prob.loss = 'broadcast-mse';
      const g = new FusedGated(cell, 8).grads(prob);
      // Finite differences of the fused loss itself on one weight of each tensor (float32: a coarse step).
      for (const k of GATED_PARAM_NAMES) {
        const w = prob.w[k];
        const i = w.length >> 1;
        const keep = w[i];
        const h = 1e-2;
        w[i] = keep + h;
        const up = new FusedGated(cell, 8).grads(prob).loss;
        w[i] = keep - h;
        const down = new FusedGated(cell, 8).grads(prob).loss;
        w[i] = keep;
        expect(Math.abs((up - down) / (2 * h) - g[k][i]), k).toBeLessThan(2e-3 * Math.max(1, Math.abs(g[k][i])));
      }
    });
  }

  test('workspace size grows with N·T·G·H', () => {
    const s = { N: 2717, T: 7, F: 3, H: 50 };
    expect(fusedGatedFloats('lstm', s)).toBeGreaterThan(fusedGatedFloats('gru', s) * 0.9);
    expect(fusedGatedFloats('lstm', s) * 4).toBeLessThan(64 << 20);
  });
});
