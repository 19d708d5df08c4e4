import { describe, expect, it } from 'vitest';
import { eigenvalues } from '../../model/eigen.ts';
import { initParams } from '../../model/init.ts';
import { keyOf, memoLast } from './memo.ts';
import { computeVx, vxParams, VX_FEATURES, type VxSettings } from './model.ts';

const base: VxSettings = { rho: 1, steps: 40, input: 1, act: 'tanh', hidden: 12, clip: false, clipAt: 1, seed: 3 };

describe('the lab’s incremental compute', () => {
  it('memoLast computes once per key and forgets the oldest', () => {
    let calls = 0;
    const f = memoLast(keyOf<{ a: number; b: number }>(['a']), (s) => ++calls + s.a, 2);
    expect(f({ a: 1, b: 0 })).toBe(2);
    expect(f({ a: 1, b: 5 })).toBe(2); // b is not part of the key
    f({ a: 2, b: 0 });
    f({ a: 3, b: 0 });
    expect(calls).toBe(3);
    f({ a: 1, b: 0 }); // evicted: computed again
    expect(calls).toBe(4);
  });

  it('rescales the drawn W exactly as initParams does, and its spectrum with it', () => {
    for (const rho of [0.3, 1, 1.7]) {
      const s = { ...base, rho };
      const direct = initParams({ F: VX_FEATURES, H: s.hidden, O: 1 }, { seed: s.seed, recurrent: 'normal', spectralRadius: rho });
      expect(Array.from(vxParams(s).W)).toEqual(Array.from(direct.W));
      const r = computeVx(s);
      const e = eigenvalues(direct.W, s.hidden);
      const moduli = (re: Float64Array, im: Float64Array) => Array.from(re, (x, i) => Math.hypot(x, im[i])).sort((a, b) => a - b);
      const got = moduli(r.eigen.re, r.eigen.im);
      const want = moduli(e.re, e.im);
      for (let i = 0; i < got.length; i++) expect(got[i]).toBeCloseTo(want[i], 12);
    }
  });

  it('gives the same numbers from the cache as from a fresh computation', () => {
    const a = computeVx({ ...base, rho: 1.2, clip: true, clipAt: 0.5 });
    computeVx({ ...base, rho: 0.8 });
    const b = computeVx({ ...base, rho: 1.2, clip: true, clipAt: 2 }); // norms reused, clipping redone
    expect(Array.from(b.log10Spectral)).toEqual(Array.from(a.log10Spectral));
    expect(b.clip!.log10GradNorm).toBe(a.clip!.log10GradNorm);
    expect(b.clip!.log10Factor).not.toBe(a.clip!.log10Factor);
    const fresh = computeVx({ ...base, rho: 1.2, seed: base.seed, steps: base.steps });
    expect(fresh.readoutLog10).toBe(a.readoutLog10);
  });
});
