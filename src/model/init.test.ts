import { describe, expect, test } from 'vitest';
import { spectralRadius } from './eigen.ts';
import { initParams, randomRecurrent, RECURRENT_INITS, scaleToSpectralRadius } from './init.ts';
import { createRng } from './random.ts';
import { naiveMatmul } from '../checks/test-helpers.ts';

const dims = { F: 3, H: 8, O: 1 };

describe('initParams', () => {
  test('same seed → identical arrays; another seed → different', () => {
    for (const recurrent of RECURRENT_INITS) {
      const a = initParams(dims, { seed: 7, recurrent });
      const b = initParams(dims, { seed: 7, recurrent });
      for (const k of ['W', 'U', 'b', 'V', 'c'] as const) expect(Array.from(a[k])).toEqual(Array.from(b[k]));
      const c = initParams(dims, { seed: 8, recurrent });
      expect(Array.from(a.U)).not.toEqual(Array.from(c.U));
    }
  });

  test('snapshot (the e2e spec checks the browser gives these exact numbers)', () => {
    const p = initParams({ F: 3, H: 4, O: 1 }, { seed: 2024 });
    expect([p.W[0], p.W[5], p.U[2], p.b[3], p.V[1], p.c[0]].map((v) => v.toPrecision(15))).toMatchSnapshot();
  });

  test('PyTorch-style bounds: every entry in (−1/√H, 1/√H)', () => {
    const p = initParams({ F: 3, H: 50, O: 1 }, { seed: 1 });
    const bound = 1 / Math.sqrt(50);
    for (const k of ['W', 'U', 'b', 'V', 'c'] as const) for (const v of p[k]) expect(Math.abs(v)).toBeLessThan(bound);
    // and they fill the interval (not all tiny)
    expect(Math.max(...p.W.map(Math.abs))).toBeGreaterThan(0.9 * bound);
  });

  test('W kind does not change the other parameters', () => {
    const a = initParams(dims, { seed: 3, recurrent: 'uniform' });
    const b = initParams(dims, { seed: 3, recurrent: 'orthogonal', spectralRadius: 0.5 });
    expect(Array.from(a.U)).toEqual(Array.from(b.U));
    expect(Array.from(a.V)).toEqual(Array.from(b.V));
  });

  test.each([0.2, 0.9, 1, 1.5])('spectralRadius %f is hit', (rho) => {
    for (const recurrent of RECURRENT_INITS) {
      const p = initParams({ F: 1, H: 16, O: 1 }, { seed: 5, recurrent, spectralRadius: rho });
      expect(spectralRadius(p.W, 16)).toBeCloseTo(rho, 10);
    }
  });
});

describe('randomRecurrent', () => {
  test('orthogonal: WᵀW = I', () => {
    const H = 20;
    const W = randomRecurrent(H, createRng(4), 'orthogonal');
    const Wt = new Float64Array(H * H);
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) Wt[j * H + i] = W[i * H + j];
    const P = naiveMatmul(Wt, W, H, H, H);
    for (let i = 0; i < H; i++) for (let j = 0; j < H; j++) expect(Math.abs(P[i * H + j] - (i === j ? 1 : 0))).toBeLessThan(1e-13);
  });

  test('identity and normal', () => {
    const I = randomRecurrent(3, createRng(1), 'identity');
    expect(Array.from(I)).toEqual([1, 0, 0, 0, 1, 0, 0, 0, 1]);
    const H = 200;
    const N = randomRecurrent(H, createRng(2), 'normal');
    const variance = N.reduce((s, v) => s + v * v, 0) / N.length;
    expect(variance * H).toBeGreaterThan(0.95);
    expect(variance * H).toBeLessThan(1.05);
  });

  test('scaleToSpectralRadius returns a new array and refuses a nilpotent W', () => {
    const W = randomRecurrent(6, createRng(3), 'uniform');
    const before = Float64Array.from(W);
    const S = scaleToSpectralRadius(W, 6, 2);
    expect(S).not.toBe(W);
    expect(Array.from(W)).toEqual(Array.from(before));
    expect(spectralRadius(S, 6)).toBeCloseTo(2, 11);
    const nil = Float64Array.from([0, 1, 0, 0]);
    expect(() => scaleToSpectralRadius(nil, 2, 1)).toThrow(RangeError);
    expect(Array.from(scaleToSpectralRadius(nil, 2, 0))).toEqual([0, 1, 0, 0]);
  });
});
