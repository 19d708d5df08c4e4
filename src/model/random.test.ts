import { describe, expect, test } from 'vitest';
import { createRng, deriveSeed, portableLog } from './random.ts';

describe('createRng', () => {
  test('same seed, same stream; different seeds, different streams', () => {
    const a = createRng(42), b = createRng(42), c = createRng(43);
    const xa = Array.from({ length: 50 }, () => a.uniform());
    const xb = Array.from({ length: 50 }, () => b.uniform());
    const xc = Array.from({ length: 50 }, () => c.uniform());
    expect(xa).toEqual(xb);
    expect(xa).not.toEqual(xc);
  });

  test('snapshot of the stream (the e2e spec compares the browser with these)', () => {
    const r = createRng(1);
    const u = [r.uniform(), r.uniform(), r.uniform()];
    const z = [r.normal(), r.normal()];
    expect(u.map((v) => v.toFixed(12))).toMatchSnapshot();
    expect(z.map((v) => v.toFixed(12))).toMatchSnapshot();
  });

  test('uniform lies in [0, 1) with mean ≈ 1/2 and variance ≈ 1/12', () => {
    const r = createRng(7);
    let s = 0, s2 = 0, lo = 1, hi = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const u = r.uniform();
      s += u; s2 += u * u;
      lo = Math.min(lo, u); hi = Math.max(hi, u);
    }
    expect(lo).toBeGreaterThanOrEqual(0);
    expect(hi).toBeLessThan(1);
    expect(Math.abs(s / n - 0.5)).toBeLessThan(0.005);
    expect(Math.abs(s2 / n - (s / n) ** 2 - 1 / 12)).toBeLessThan(0.002);
  });

  test('normal has mean ≈ 0, variance ≈ 1 and light tails', () => {
    const r = createRng(9);
    let s = 0, s2 = 0, beyond3 = 0;
    const n = 200_000;
    for (let i = 0; i < n; i++) {
      const z = r.normal();
      s += z; s2 += z * z;
      if (Math.abs(z) > 3) beyond3++;
    }
    expect(Math.abs(s / n)).toBeLessThan(0.01);
    expect(Math.abs(s2 / n - 1)).toBeLessThan(0.02);
    expect(beyond3 / n).toBeGreaterThan(0.0015); // P(|Z| > 3) ≈ 0.0027
    expect(beyond3 / n).toBeLessThan(0.004);
  });

  test('derived seeds give independent-looking streams', () => {
    expect(new Set([0, 1, 2, 3, 4].map((i) => deriveSeed(5, i))).size).toBe(5);
    expect(deriveSeed(5, 0)).toBe(deriveSeed(5, 0));
  });
});

describe('portableLog', () => {
  test('agrees with Math.log to a few ulp over many decades, including subnormals', () => {
    const r = createRng(3);
    for (let i = 0; i < 20000; i++) {
      const x = Math.exp((r.uniform() - 0.5) * 1400);
      expect(Math.abs(portableLog(x) - Math.log(x))).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(Math.log(x))));
    }
    for (const x of [1, 2, 0.5, Math.SQRT2, 1 - 2 ** -53, 1e-310, 5e-324, Number.MAX_VALUE]) {
      expect(Math.abs(portableLog(x) - Math.log(x))).toBeLessThanOrEqual(4e-16 * Math.max(1, Math.abs(Math.log(x))));
    }
    expect(portableLog(1)).toBe(0);
    expect(portableLog(0)).toBe(-Infinity);
    expect(portableLog(-1)).toBeNaN();
  });
});
