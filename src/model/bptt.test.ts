import { describe, expect, test } from 'vitest';
import { ACTIVATIONS } from './activation.ts';
import { bptt, lossOf, pairGradNorms } from './bptt.ts';
import { initParams } from './init.ts';
import { createRng } from './random.ts';
import { relDiff } from '../checks/test-helpers.ts';
import type { Activation, LossMode, Sequences } from './types.ts';

function problem(mode: LossMode, seed = 1, dims = { F: 2, H: 5, O: 2 }, N = 3, T = 6) {
  const p = initParams(dims, { seed, spectralRadius: 1.1 });
  const rng = createRng(seed + 100);
  const seq: Sequences = { N, T, x: Float64Array.from({ length: N * T * dims.F }, () => rng.normal()) };
  const y = Float64Array.from({ length: mode === 'many-to-one' ? N * dims.O : N * T * dims.O }, () => rng.normal());
  return { p, seq, y };
}

describe('bptt', () => {
  test.each(ACTIVATIONS.flatMap((a) => (['many-to-one', 'many-to-many'] as const).map((m) => [a, m] as const)))(
    '%s %s: loss agrees with lossOf; dL/dh(T) of many-to-one is Vᵀ ∂L/∂o',
    (act: Activation, mode: LossMode) => {
      const { p, seq, y } = problem(mode);
      const r = bptt(p, seq, y, act, mode);
      expect(r.loss).toBeCloseTo(lossOf(p, seq, y, act, mode), 14);
      expect(r.dLdhNorm).toHaveLength(seq.T);
      expect(r.dLdh).toHaveLength(seq.N * seq.T * p.H);
      if (mode === 'many-to-one') {
        // at t = T only the output term: ∂L/∂h(T) = Vᵀ 2(o − y)/(N·O)
        const { N, T } = seq;
        for (let n = 0; n < N; n++) for (let j = 0; j < p.H; j++) {
          let want = 0;
          for (let k = 0; k < p.O; k++) want += p.V[k * p.H + j] * (2 / (N * p.O)) * (r.pass.o[(n * T + T - 1) * p.O + k] - y[n * p.O + k]);
          expect(r.dLdh[(n * T + T - 1) * p.H + j]).toBeCloseTo(want, 14);
        }
      }
    },
  );
});

describe('pairGradNorms', () => {
  test('many-to-one: only row t = T is non-zero, and it equals dLdhNorm', () => {
    const { p, seq, y } = problem('many-to-one', 2);
    const r = bptt(p, seq, y, 'tanh', 'many-to-one');
    const P = pairGradNorms(p, r.pass, y, 'tanh', 'many-to-one');
    const T = seq.T;
    for (let t = 0; t < T - 1; t++) for (let k = 0; k < T; k++) expect(P[t * T + k]).toBe(0);
    for (let k = 0; k < T; k++) expect(relDiff(P[(T - 1) * T + k], r.dLdhNorm[k])).toBeLessThan(1e-13);
  });

  test('many-to-many: row t equals BPTT of the loss at step t alone (sequence cut at t, many-to-one)', () => {
    const { p, seq, y } = problem('many-to-many', 3);
    const { N, T } = seq;
    const { F, O } = p;
    const r = bptt(p, seq, y, 'relu', 'many-to-many');
    const P = pairGradNorms(p, r.pass, y, 'relu', 'many-to-many');
    for (let t = 1; t <= T; t++) {
      const x = new Float64Array(N * t * F);
      const yt = new Float64Array(N * O);
      for (let n = 0; n < N; n++) {
        x.set(seq.x.subarray(n * T * F, (n * T + t) * F), n * t * F);
        yt.set(y.subarray((n * T + t - 1) * O, (n * T + t) * O), n * O);
      }
      const cut = bptt(p, { N, T: t, x }, yt, 'relu', 'many-to-one');
      for (let k = 1; k <= T; k++) {
        const v = P[(t - 1) * T + (k - 1)];
        if (k > t) expect(v).toBe(0);
        else expect(relDiff(v, cut.dLdhNorm[k - 1])).toBeLessThan(1e-12);
      }
    }
  });
});
