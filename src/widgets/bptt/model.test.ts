import { describe, expect, it } from 'vitest';
import { bptt } from '../../model/bptt.ts';
import { buildBpttModel, cellPath, DELAY, stepJacobian } from './model.ts';

const s = { steps: 8, hidden: 5, rho: 1.1, act: 'tanh' as const, seed: 4 };

describe('bptt heat-map model', () => {
  it('fills k ≤ t and leaves k > t empty', () => {
    const m = buildBpttModel(s);
    for (let t = 1; t <= s.steps; t++) for (let k = 1; k <= s.steps; k++) {
      const v = m.norms[(t - 1) * s.steps + (k - 1)];
      if (k > t) expect(Number.isNaN(v)).toBe(true);
      else expect(v).toBeGreaterThanOrEqual(0);
    }
  });

  it('uses the delayed input as target', () => {
    const m = buildBpttModel(s);
    for (let t = DELAY; t < s.steps; t++) expect(m.y[t]).toBe(m.x[t - DELAY]);
  });

  it('sums over t to the total ∂L/∂h(k) of the hand-written BPTT only through the column (triangle inequality)', () => {
    const m = buildBpttModel(s);
    const total = bptt(m.p, { N: 1, T: s.steps, x: m.x }, m.y, s.act, 'many-to-many').dLdhNorm;
    for (let k = 1; k <= s.steps; k++) {
      let sum = 0;
      for (let t = k; t <= s.steps; t++) sum += m.norms[(t - 1) * s.steps + (k - 1)];
      expect(total[k - 1]).toBeLessThanOrEqual(sum * (1 + 1e-12));
    }
    // At k = T only L^(T) reaches h(T), so the two agree exactly.
    expect(total[s.steps - 1]).toBeCloseTo(m.norms[s.steps * s.steps - 1], 12);
  });

  it('explains a cell by t − k factors whose norms bound its value', () => {
    const m = buildBpttModel(s);
    const p = cellPath(m, 7, 2);
    expect(p.factors.map((f) => f.tau)).toEqual([7, 6, 5, 4, 3]);
    expect(p.end).toBe(m.norms[6 * s.steps + 1]);
    expect(Math.log10(p.end)).toBeLessThanOrEqual(p.log10Bound + 1e-12);
    for (const f of p.factors) expect(f.meanDerivative).toBeGreaterThan(0);
  });

  it('forms ζ(τ) = diag(σ′(a(τ))) W row by row', () => {
    const m = buildBpttModel({ ...s, act: 'linear' });
    expect(Array.from(stepJacobian(m, 3))).toEqual(Array.from(m.p.W));
  });
});
