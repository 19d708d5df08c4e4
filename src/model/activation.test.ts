import { describe, expect, test } from 'vitest';
import { ACTIVATIONS, activate, derivativeAt, MAX_DERIVATIVE, meanDerivative } from './activation.ts';

describe('activations', () => {
  test('derivative matches a central difference away from kinks', () => {
    for (const act of ACTIVATIONS) {
      for (const a of [-2.3, -0.7, 0.4, 1.9]) {
        const eps = 1e-6;
        const fd = (activate(act, a + eps) - activate(act, a - eps)) / (2 * eps);
        expect(Math.abs(derivativeAt(act, a) - fd)).toBeLessThan(1e-8);
      }
    }
  });
  test('values and γ', () => {
    expect(activate('relu', -1)).toBe(0);
    expect(derivativeAt('relu', 0)).toBe(0);
    expect(activate('tanh', 0.5)).toBeCloseTo(Math.tanh(0.5), 15);
    for (const act of ACTIVATIONS) {
      let worst = 0;
      for (let a = -5; a <= 5; a += 0.01) worst = Math.max(worst, Math.abs(derivativeAt(act, a)));
      expect(worst).toBeLessThanOrEqual(MAX_DERIVATIVE[act]);
      expect(worst).toBeGreaterThan(MAX_DERIVATIVE[act] - 1e-3);
    }
  });
});

describe('meanDerivative', () => {
  test('averages σ′ over the pre-activations; saturation drives the tanh mean toward 0', () => {
    expect(meanDerivative(Float64Array.from([0.3, -7, 2]), 'linear')).toBe(1);
    expect(meanDerivative(Float64Array.from([1, -1, 2, 0]), 'relu')).toBe(0.5);
    const a = Float64Array.from([0, 1]);
    expect(meanDerivative(a, 'tanh')).toBeCloseTo((1 + (1 - Math.tanh(1) ** 2)) / 2, 15);
    expect(meanDerivative(Float64Array.from([20, -20]), 'tanh')).toBeLessThan(1e-15);
    expect(meanDerivative(new Float64Array(0), 'tanh')).toBe(1);
  });
});
