import { describe, expect, it } from 'vitest';
import { derivativeAt } from '../../model/activation.ts';
import { spectralNorm } from '../../model/eigen.ts';
import { initParams } from '../../model/init.ts';
import { jacobianNorms } from '../../model/jacobian.ts';
import { forward } from '../../model/rnn.ts';
import { presetEntries } from './fields.ts';
import { computeVx, spectralNormFast, log10ClipFactor, log10RootSumSquares, vxInputs, vxParams, VX_FEATURES, type VxSettings } from './model.ts';

const base: VxSettings = { rho: 1, steps: 50, input: 1, act: 'tanh', hidden: 16, clip: false, clipAt: 1, seed: 1 };

describe('vx read-out', () => {
  for (const s of [
    { ...base },
    { ...base, act: 'linear' as const, rho: 0.5 },
    { ...base, act: 'relu' as const, rho: 1.3, seed: 9 },
    { ...base, act: 'tanh' as const, rho: 1.5, input: 6, hidden: 8, steps: 30 },
  ]) {
    it(`equals log10 of the reference spectral norm of ∂h(T)/∂h(1) (${s.act}, ρ = ${s.rho}, input ${s.input})`, () => {
      const r = computeVx(s);
      // Rebuild the experiment by hand from src/model: W at ρ, b = 0, x ~ N(0, input²).
      const p = initParams({ F: VX_FEATURES, H: s.hidden, O: 1 }, { seed: s.seed, recurrent: 'normal', spectralRadius: s.rho });
      p.b = new Float64Array(s.hidden);
      const pass = forward(p, vxInputs(s), s.act);
      const norms = jacobianNorms(p.W, p.H, pass.a, s.steps, s.act);
      expect(r.readoutLog10).toBeCloseTo(Math.log10(norms.spectral[0]), 9);
      expect(r.log10Spectral[s.steps - 1]).toBe(r.readoutLog10);
      expect(r.log10Spectral[0]).toBeCloseTo(0, 12); // ∂h(T)/∂h(T) = I
    });
  }

  it('agrees with an explicit product of diag(σ′(a(i))) W for a short sequence', () => {
    const s: VxSettings = { ...base, steps: 6, hidden: 5, input: 2, rho: 1.2 };
    const r = computeVx(s);
    const p = vxParams(s);
    const pass = forward(p, vxInputs(s), s.act);
    const H = s.hidden;
    // M = J(T) J(T−1) … J(2), J(i) = diag(σ′(a(i))) W
    let M = new Float64Array(H * H);
    for (let i = 0; i < H; i++) M[i * H + i] = 1;
    for (let i = s.steps; i >= 2; i--) {
      const J = new Float64Array(H * H);
      for (let r0 = 0; r0 < H; r0++) for (let c = 0; c < H; c++) J[r0 * H + c] = derivativeAt(s.act, pass.a[(i - 1) * H + r0]) * p.W[r0 * H + c];
      const next = new Float64Array(H * H);
      for (let a = 0; a < H; a++) for (let b = 0; b < H; b++) {
        let sum = 0;
        for (let k = 0; k < H; k++) sum += M[a * H + k] * J[k * H + b];
        next[a * H + b] = sum;
      }
      M = next;
    }
    expect(r.readoutLog10).toBeCloseTo(Math.log10(spectralNorm(M, H, H)), 8);
  });

  it('puts the largest eigenvalue modulus at ρ and uses b = 0', () => {
    for (const rho of [0.3, 1, 1.77]) {
      const r = computeVx({ ...base, rho });
      expect(r.largestModulus).toBeCloseTo(rho, 10);
      expect(Array.from(vxParams({ ...base, rho }).b)).toEqual(new Array(base.hidden).fill(0));
    }
  });

  it('vanishes and explodes where the section says it does (linear, T = 50)', () => {
    const lin = { ...base, act: 'linear' as const, hidden: 32 };
    expect(computeVx({ ...lin, rho: 0.5 }).readoutLog10).toBeLessThan(-10);
    expect(computeVx({ ...lin, rho: 1.5 }).readoutLog10).toBeGreaterThan(5);
    expect(Math.abs(computeVx({ ...lin, rho: 1 }).readoutLog10)).toBeLessThan(1.5);
    expect(computeVx({ ...base, hidden: 32, rho: 1.5, input: 10 }).readoutLog10).toBeLessThan(-5);
  });

  it('gives −Infinity, not NaN, when W = 0', () => {
    const r = computeVx({ ...base, rho: 0 });
    expect(r.readoutLog10).toBe(-Infinity);
    expect(r.log10Reference[0]).toBe(0);
    expect(Number.isNaN(r.log10Reference[3])).toBe(false);
  });

  it('scales every term by min(1, θ/‖g‖) when clipping', () => {
    const r = computeVx({ ...base, act: 'linear', rho: 1.5, clip: true, clipAt: 1 });
    expect(r.clip).not.toBeNull();
    const c = r.clip!;
    expect(c.log10Factor).toBeCloseTo(-c.log10GradNorm, 12);
    for (let j = 0; j < base.steps; j++) expect(c.log10Clipped[j] - r.log10Spectral[j]).toBeCloseTo(c.log10Factor, 9);
    const small = computeVx({ ...base, act: 'linear', rho: 0.5, clip: true, clipAt: 10 });
    expect(small.clip!.log10Factor).toBe(0);
  });
});

describe('vx helpers', () => {
  it('log10RootSumSquares matches the direct sum and survives huge exponents', () => {
    expect(log10RootSumSquares([0, Math.log10(3), Math.log10(4)])).toBeCloseTo(Math.log10(Math.sqrt(1 + 9 + 16)), 12);
    expect(log10RootSumSquares([500, 500])).toBeCloseTo(500 + 0.5 * Math.log10(2), 12);
    expect(log10RootSumSquares([-Infinity, -Infinity])).toBe(-Infinity);
  });
  it('spectralNormFast equals the reference spectralNorm', () => {
    for (const H of [3, 16, 64]) {
      const W = initParams({ F: 1, H, O: 1 }, { seed: H, recurrent: 'normal', spectralRadius: 1.3 }).W;
      expect(spectralNormFast(W, H)).toBeCloseTo(spectralNorm(W, H, H), 10);
    }
  });
  it('log10ClipFactor is 0 below the threshold', () => {
    expect(log10ClipFactor(-3, 1)).toBe(0);
    expect(log10ClipFactor(2, 1)).toBe(-2);
  });
  it('maps preset links onto the fields', () => {
    expect(presetEntries(new URLSearchParams('rho=0.9&steps=100&act=linear&input=1&hidden=32&clip=0&seed=1'))).toEqual({
      rho: '0.9', steps: '100', input: '1', act: 'linear', hidden: '32', seed: '1', clip: '0',
    });
    expect(presetEntries(new URLSearchParams('clip=1'))).toEqual({ clip: '1' });
    expect(presetEntries(new URLSearchParams('clip=2.5'))).toEqual({ clip: '1', clipAt: '2.5' });
    expect(presetEntries(new URLSearchParams('clip=true&foo=3'))).toEqual({ clip: '1' });
  });
});
