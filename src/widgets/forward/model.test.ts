import { describe, expect, it } from 'vitest';
import { formatSequence, parseSequence, runTiny, stepTex, texNum, texState } from './model.ts';

const w = { w11: 0.9, w12: -0.8, w21: 0.7, w22: 0.6, u1: 1, u2: -0.6, b1: 0, b2: 0, v1: 1, v2: 0, c: 0 };

describe('forward stepper model', () => {
  it('parses and clamps the URL sequence, rejecting junk', () => {
    expect(parseSequence('0.5, -3, 1')).toEqual([0.5, -2, 1]);
    expect(parseSequence('1')).toBeNull();
    expect(parseSequence('1,abc')).toBeNull();
    expect(formatSequence([0.123, -1])).toBe('0.12,-1');
  });

  it('computes a(t) = W h(t−1) + U x(t) and h(t) = tanh(a(t))', () => {
    const xs = [0.8, -0.4, 1.2];
    const pass = runTiny(w, xs);
    expect(pass.a[0]).toBeCloseTo(0.8, 12);
    expect(pass.a[1]).toBeCloseTo(-0.48, 12);
    const h1 = [Math.tanh(0.8), Math.tanh(-0.48)];
    expect(pass.a[2]).toBeCloseTo(0.9 * h1[0] - 0.8 * h1[1] - 0.4, 12);
    expect(pass.h[3]).toBeCloseTo(Math.tanh(0.7 * h1[0] + 0.6 * h1[1] + 0.24), 12);
  });

  it('typesets the numbers of the chosen step', () => {
    const xs = [0.8, -0.4, 1.2];
    const pass = runTiny(w, xs);
    const tex = stepTex(w, xs, pass, 2);
    expect(tex).toContain('\\mathbf{a}^{(2)}');
    expect(tex).toContain('\\mathbf{h}^{(1)}');
    expect(tex).toContain(texState(pass.a[2]));
    expect(tex).toContain(texState(pass.h[3]));
    expect(tex).toContain('(-0.40)');
    expect(texNum(-0.001)).toBe('0.00');
  });
});
