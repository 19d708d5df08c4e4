import { describe, expect, test } from 'vitest';
import { naiveMatmul, relDiff } from '../checks/test-helpers.ts';
import { cellJacobianLog10Norms } from './cell-reference.ts';
import { cellOf, cellParamsFrom, CELLS, copyParams, paramArrays, type GatedCell, type GatedParams } from './cells.ts';
import { spectralNorm } from './eigen.ts';
import { initCellParams, initGatedParams, RECURRENT_INITS_FOR } from './gated-init.ts';
import { gatedForward, gatedJacobianLog10Norms, gatedStepJacobian, stateSize } from './gated-jacobian.ts';
import { gruStep } from './gru.ts';
import { initParams } from './init.ts';
import { jacobianLog10Norms } from './jacobian.ts';
import { lstmStep } from './lstm.ts';
import { createRng } from './random.ts';
import { forward } from './rnn.ts';

function inputs(T: number, F: number, seed: number, scale = 1): Float64Array {
  const rng = createRng(seed);
  return Float64Array.from({ length: T * F }, () => scale * rng.normal());
}

/** s(t) from s(t−1) and x(t) for one sample, through the cell's own step function. */
function step(p: GatedParams, x: Float64Array, s: Float64Array): Float64Array {
  const H = p.H;
  const out = new Float64Array(stateSize(p));
  const gates = new Float64Array(4 * H);
  if (p.cell === 'lstm') {
    const h = new Float64Array(H), c = new Float64Array(H);
    lstmStep(p, x, 0, s.subarray(0, H), 0, s.subarray(H), gates, 0, c, h, 0);
    out.set(h, 0);
    out.set(c, H);
  } else {
    const h = new Float64Array(H), hn = new Float64Array(H);
    gruStep(p, x, 0, s, 0, gates, 0, hn, h, 0);
    out.set(h);
  }
  return out;
}

describe.each(['lstm', 'gru'] as const)('%s state Jacobian', (cell: GatedCell) => {
  const F = 2, H = 5, T = 9;
  const p = initGatedParams(cell, { F, H, O: 1 }, { seed: 4, forgetBias: cell === 'lstm' ? 1 : 0 });
  const x = inputs(T, F, 5, 1.5);
  const pass = gatedForward(p, { N: 1, T, x });
  const S = stateSize(p);
  const stateAt = (t: number): Float64Array => {
    const s = new Float64Array(S);
    s.set(pass.h.subarray((t - 1) * H, t * H));
    if (cell === 'lstm') s.set((pass as { c: Float64Array }).c.subarray((t - 1) * H, t * H), H);
    return s;
  };

  test('the one-step Jacobian ∂s(t)/∂s(t−1) equals central differences of the step', () => {
    for (const t of [2, 5, T]) {
      const J = gatedStepJacobian(p, pass, t);
      const xt = x.subarray((t - 1) * F, t * F);
      const s0 = stateAt(t - 1);
      for (let k = 0; k < S; k++) {
        const up = s0.slice(), down = s0.slice();
        up[k] += 1e-6;
        down[k] -= 1e-6;
        const a = step(p, xt, up), b = step(p, xt, down);
        for (let j = 0; j < S; j++) expect(Math.abs(J[j * S + k] - (a[j] - b[j]) / 2e-6), `t=${t} (${j},${k})`).toBeLessThan(1e-8);
      }
      expect(Array.from(step(p, xt, s0)).map((v, i) => relDiff(v, stateAt(t)[i]))).toEqual(new Array(S).fill(0));
    }
  });

  test('norms of ∂s(T)/∂s(k) equal those of the explicit product, every k', () => {
    const logs = gatedJacobianLog10Norms(p, pass, 0);
    for (let k = 1; k <= T; k++) {
      let M: Float64Array = new Float64Array(S * S);
      for (let i = 0; i < S; i++) M[i * S + i] = 1;
      for (let t = T; t > k; t--) M = naiveMatmul(M, gatedStepJacobian(p, pass, t), S, S, S);
      const fro = Math.sqrt(M.reduce((s, v) => s + v * v, 0));
      expect(relDiff(10 ** logs.frobenius[k - 1], fro), `k=${k}`).toBeLessThan(1e-12);
      expect(relDiff(10 ** logs.spectral[k - 1], spectralNorm(M, S, S)), `k=${k}`).toBeLessThan(1e-9);
    }
    expect(10 ** logs.frobenius[T - 1]).toBeCloseTo(Math.sqrt(S), 12);
  });

  if (cell === 'lstm') {
    test('the cell-state block ∂c(t)/∂c(t−1) is diag(f(t))', () => {
      const J = gatedStepJacobian(p, pass, 4);
      const f = (pass as { gates: Float64Array }).gates.subarray(3 * 4 * H + H, 3 * 4 * H + 2 * H);
      for (let j = 0; j < H; j++) for (let k = 0; k < H; k++) expect(J[(H + j) * S + H + k]).toBe(j === k ? f[j] : 0);
    });
  }
});

describe('cell reference', () => {
  test('the simple cell through cellJacobianLog10Norms gives jacobian.ts exactly', () => {
    const p = initParams({ F: 2, H: 6, O: 1 }, { seed: 3 });
    const x = inputs(12, 2, 8);
    const a = forward(p, { N: 1, T: 12, x }, 'tanh').a;
    expect(cellJacobianLog10Norms(p, x, 12)).toEqual(jacobianLog10Norms(p.W, 6, a, 12, 'tanh'));
  });

  test('the lab at T = 100 (H = 32, unit-scale inputs, seeds 1–3): LSTM forget bias 3 two decades above the simple cell at ρ = 1, bias 0 below it', () => {
    const T = 100, F = 4, H = 32;
    for (const seed of [1, 2, 3]) {
      const x = inputs(T, F, 1000 + seed);
      const rnn = { ...initParams({ F, H, O: 1 }, { seed, recurrent: 'normal', spectralRadius: 1 }), b: new Float64Array(H) };
      const simple = cellJacobianLog10Norms(rnn, x, T).spectral[0];
      const lstm = (b: number) => cellJacobianLog10Norms(initCellParams('lstm', { F, H, O: 1 }, { seed, forgetBias: b }), x, T).spectral[0];
      const gru = cellJacobianLog10Norms(initCellParams('gru', { F, H, O: 1 }, { seed }), x, T).spectral[0];
      expect(lstm(3), `seed ${seed}`).toBeGreaterThan(simple + 2);
      expect(lstm(0), `seed ${seed}`).toBeLessThan(simple);
      expect(lstm(1)).toBeLessThan(lstm(2));
      expect(gru).toBeLessThan(simple); // at PyTorch's default init the GRU's path is as closed as the LSTM's at bias 0
    }
  });

  test('a forget-gate bias holds the LSTM state Jacobian open over 60 steps', () => {
    const x = inputs(60, 1, 9);
    const log = (b: number) => cellJacobianLog10Norms(initCellParams('lstm', { F: 1, H: 16, O: 1 }, { seed: 2, forgetBias: b }), x, 60).spectral[0];
    expect(log(3)).toBeGreaterThan(log(0) + 4);
  });
});

describe('gated initialisation', () => {
  const dims = { F: 3, H: 8, O: 2 };
  test.each(['lstm', 'gru'] as const)('%s: PyTorch shapes and bounds, seeded and reproducible', (cell) => {
    const p = initGatedParams(cell, dims, { seed: 11 });
    const G = (cell === 'lstm' ? 4 : 3) * dims.H;
    expect([p.weight_ih.length, p.weight_hh.length, p.bias_ih.length, p.bias_hh.length, p.V.length, p.c.length]).toEqual([G * 3, G * 8, G, G, 16, 2]);
    for (const a of Object.values(paramArrays(p))) for (const v of a) expect(Math.abs(v)).toBeLessThanOrEqual(1 / Math.sqrt(8));
    expect(paramArrays(initGatedParams(cell, dims, { seed: 11 }))).toEqual(paramArrays(p));
    expect(initGatedParams(cell, dims, { seed: 12 }).weight_hh).not.toEqual(p.weight_hh);
  });

  test('the forget-gate bias is added to the f block of bias_ih only', () => {
    const a = initGatedParams('lstm', dims, { seed: 3 });
    const b = initGatedParams('lstm', dims, { seed: 3, forgetBias: 2 });
    for (let r = 0; r < 32; r++) expect(b.bias_ih[r] - a.bias_ih[r]).toBeCloseTo(r >= 8 && r < 16 ? 2 : 0, 14);
    expect(b.bias_hh).toEqual(a.bias_hh);
    expect(b.weight_hh).toEqual(a.weight_hh);
  });

  test('orthogonal: each gate block of weight_hh is orthogonal; identity is refused for gated cells', () => {
    const H = dims.H;
    const p = initGatedParams('gru', dims, { seed: 5, recurrent: 'orthogonal' });
    for (let g = 0; g < 3; g++) {
      const B = p.weight_hh.subarray(g * H * H, (g + 1) * H * H);
      const BT = Float64Array.from({ length: H * H }, (_, i) => B[(i % H) * H + Math.floor(i / H)]);
      const I = naiveMatmul(Float64Array.from(B), BT, H, H, H);
      for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) expect(I[i * H + j]).toBeCloseTo(i === j ? 1 : 0, 12);
    }
    expect(() => initGatedParams('lstm', dims, { seed: 1, recurrent: 'identity' })).toThrow(/not offered/);
    expect(RECURRENT_INITS_FOR.lstm).not.toContain('identity');
    expect(() => initGatedParams('gru', dims, { seed: 1, forgetBias: 1 })).toThrow(/LSTM setting/);
  });

  test('initCellParams: the simple cell exactly as initParams; every cell round-trips through cellParamsFrom', () => {
    expect(initCellParams('rnn', dims, { seed: 9, recurrent: 'orthogonal' })).toEqual(initParams(dims, { seed: 9, recurrent: 'orthogonal' }));
    for (const cell of CELLS) {
      const p = initCellParams(cell, dims, { seed: 9 });
      expect(cellOf(p)).toBe(cell);
      expect(cellParamsFrom(cell, dims, paramArrays(p))).toEqual(p);
      expect(copyParams(p)).toEqual(p);
    }
    expect(() => cellParamsFrom('lstm', dims, { ...paramArrays(initCellParams('gru', dims, { seed: 1 })) })).toThrow(/weight_ih/);
  });
});
