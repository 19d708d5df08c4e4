import { describe, expect, test } from 'vitest';
import { ACTIVATIONS, derivativeAt } from './activation.ts';
import { spectralNorm } from './eigen.ts';
import { initParams } from './init.ts';
import { jacobianLog10Norms, jacobianNorms, stepJacobian } from './jacobian.ts';
import { fastZetaKernels } from '../engine/wasm-zeta.ts';
import { jsZetaKernels } from './zeta-kernels.ts';
import { randomMatrix, naiveMatmul, relDiff } from '../checks/test-helpers.ts';
import type { Activation } from './types.ts';

/** ∂h(T)/∂h(k) built as an explicit product, then normed: O(T²H³), for checking only. */
function naiveNorms(W: Float64Array, H: number, a: Float64Array, T: number, act: Activation) {
  const spectral = new Float64Array(T);
  const frobenius = new Float64Array(T);
  for (let k = 1; k <= T; k++) {
    let J: Float64Array = new Float64Array(H * H);
    for (let i = 0; i < H; i++) J[i * H + i] = 1;
    for (let i = T; i >= k + 1; i--) {
      // J ← J · diag(σ′(a(i))) W
      J = naiveMatmul(J, stepJacobian(W, H, a.subarray((i - 1) * H, i * H), act), H, H, H);
    }
    spectral[k - 1] = spectralNorm(J, H, H);
    frobenius[k - 1] = Math.sqrt(J.reduce((s, v) => s + v * v, 0));
  }
  return { spectral, frobenius };
}

describe('stepJacobian', () => {
  test('row r of diag(σ′(a)) W is σ′(a_r) times row r of W', () => {
    const H = 4;
    const W = randomMatrix(H, H, 5, 1);
    const a = Float64Array.from([0, 0.5, -2, 3]);
    for (const act of ACTIVATIONS) {
      const J = stepJacobian(W, H, a, act);
      for (let r = 0; r < H; r++) for (let c = 0; c < H; c++) expect(J[r * H + c]).toBe(derivativeAt(act, a[r]) * W[r * H + c]);
    }
    expect(Array.from(stepJacobian(W, H, a, 'linear'))).toEqual(Array.from(W));
  });
});

describe('jacobianNorms', () => {
  test.each(ACTIVATIONS.flatMap((act) => [3, 5, 8, 21].flatMap((H) => (['auto', 'js'] as const).map((k) => [act, H, k] as const))))('%s, H = %i, %s kernels: fast path equals the explicit product', (act, H, kernels) => {
    const T = 12;
    const W = randomMatrix(H, H, 10 + H, 1.2 / Math.sqrt(H));
    const a = randomMatrix(T, H, 20 + H, 1.5);
    const fast = jacobianNorms(W, H, a, T, act, { kernels: kernels === 'js' ? jsZetaKernels : fastZetaKernels() });
    const slow = naiveNorms(W, H, a, T, act);
    for (let k = 0; k < T; k++) {
      expect(relDiff(fast.frobenius[k], slow.frobenius[k])).toBeLessThan(1e-12);
      expect(relDiff(fast.spectral[k], slow.spectral[k])).toBeLessThan(1e-10);
    }
    expect(fast.spectral[T - 1]).toBeCloseTo(1, 14);
    expect(fast.frobenius[T - 1]).toBeCloseTo(Math.sqrt(H), 14);
  });

  test('tiny products keep relative accuracy and log10 goes beyond double range', () => {
    const H = 6, T = 40;
    const p = initParams({ F: 1, H, O: 1 }, { seed: 3, spectralRadius: 0.02 });
    const a = randomMatrix(T, H, 4, 0.1);
    const fast = jacobianNorms(p.W, H, a, T, 'linear');
    const slow = naiveNorms(p.W, H, a, T, 'linear');
    expect(fast.spectral[0]).toBeLessThan(1e-50);
    for (let k = 0; k < T; k++) expect(relDiff(fast.spectral[k], slow.spectral[k])).toBeLessThan(1e-9);
    // ρ = 0.01 and T = 200: about 1e−400, below the smallest double
    const q = initParams({ F: 1, H, O: 1 }, { seed: 3, spectralRadius: 0.01 });
    const a2 = new Float64Array(200 * H);
    const logs = jacobianLog10Norms(q.W, H, a2, 200, 'linear');
    expect(logs.spectral[0]).toBeLessThan(-350);
    expect(Number.isFinite(logs.spectral[0])).toBe(true);
    // ‖W¹⁹⁹‖ ≤ ‖W‖₂¹⁹⁹, and ‖Wⁿ‖^(1/n) → ρ(W) = 0.01 (Gelfand)
    const perStep = (logs.spectral[0] - logs.spectral[199]) / 199;
    expect(perStep).toBeLessThan(Math.log10(spectralNorm(q.W, H, H)) + 1e-9);
    expect(perStep).toBeGreaterThan(-2.05);
  });

  test('ReLU with every unit off gives exact zeros (−Infinity in log10)', () => {
    const H = 4, T = 5;
    const W = randomMatrix(H, H, 1);
    const a = new Float64Array(T * H).fill(-1);
    const logs = jacobianLog10Norms(W, H, a, T, 'relu');
    expect(logs.spectral[T - 2]).toBe(-Infinity);
    expect(jacobianNorms(W, H, a, T, 'relu').frobenius[0]).toBe(0);
    expect(logs.frobenius[T - 1]).toBeCloseTo(Math.log10(2), 14);
  });

  test('the WebAssembly SIMD kernels are available in Node and agree with the JavaScript ones', () => {
    expect(fastZetaKernels().name).toBe('wasm-simd');
    const n = 12;
    const [A, B, C, q, tmp, w] = fastZetaKernels().allocate([n * n, n * n, n * n, n, n, n]);
    A.set(randomMatrix(n, n, 1));
    B.set(randomMatrix(n, n, 2));
    q.set(randomMatrix(n, 1, 3));
    fastZetaKernels().matmul(A, B, C, n);
    expect(Array.from(C)).toEqual(Array.from(naiveMatmul(A, B, n, n, n)));
    fastZetaKernels().gram(A, q, tmp, w, n);
    const wJs = new Float64Array(n);
    jsZetaKernels.gram(A, q, new Float64Array(n), wJs, n);
    for (let i = 0; i < n; i++) expect(relDiff(w[i], wJs[i])).toBeLessThan(1e-14);
  });

  test('T = 200, H = 64 runs fast enough for a slider (timing printed)', () => {
    const H = 64, T = 200;
    const p = initParams({ F: 1, H, O: 1 }, { seed: 1, recurrent: 'normal', spectralRadius: 1.1 });
    const a = randomMatrix(T, H, 2, 0.8);
    for (let i = 0; i < 3; i++) jacobianLog10Norms(p.W, H, a, T, 'tanh', { kernels: fastZetaKernels() });
    const runs = 10;
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) jacobianLog10Norms(p.W, H, a, T, 'tanh', { kernels: fastZetaKernels() });
    const ms = (performance.now() - t0) / runs;
    console.info(`jacobianLog10Norms T=200 H=64: ${ms.toFixed(2)} ms`);
    expect(ms).toBeLessThan(150); // generous: shared CI machine; the report quotes the measured value
  });
});
