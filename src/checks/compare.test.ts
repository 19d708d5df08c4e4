import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { FLOAT32_FLOOR, FLOAT32_TOLERANCE, maxFieldRelError, maxRelError, maxStepRelError } from './compare.ts';
import { parseFixture } from './fixture.ts';
import { checkTfjs } from './fixture-check.ts';
import { REPO_ROOT } from './test-data.ts';

describe('maxStepRelError', () => {
  test('a move one float32 ulp off on a large weight passes; 10 % off, or no move at all, fails', () => {
    // The case seen on cpu after three SGD steps: w = 0.354 moved by 1.4e-6 in a field that moved up to 8.8e-3.
    const w = [0.35448816, -0.2];
    const expected = [1.443126e-6, 8.76e-3];
    const ulp = 0.35448816 * 2 ** -24;
    const moved = [expected[0] + ulp, expected[1]];
    expect(maxFieldRelError(moved, expected)).toBeGreaterThan(FLOAT32_TOLERANCE);
    expect(maxStepRelError(moved, expected, w, 3)).toBeLessThan(FLOAT32_TOLERANCE);
    expect(maxStepRelError([expected[0], expected[1] * 1.1], expected, w, 3)).toBeGreaterThan(FLOAT32_TOLERANCE);
    expect(maxStepRelError([0, 0], expected, w, 3)).toBeGreaterThan(FLOAT32_TOLERANCE);
    expect(maxStepRelError([1], expected, w, 1)).toBe(Infinity);
  });
});

describe('maxFieldRelError', () => {
  test('an entry far below the field’s largest is judged on the floor', () => {
    // The seed-sized case of issue 10: 2.4e-6 off by 1.5e-8 in a field whose largest is 0.23.
    const expected = [0.23, 2.4e-6];
    const actual = [0.23, 2.4e-6 + 1.5e-8];
    expect(maxRelError(actual, expected)).toBeGreaterThan(FLOAT32_TOLERANCE);
    expect(maxFieldRelError(actual, expected)).toBeLessThan(FLOAT32_TOLERANCE);
  });

  test('10 % off on any entry above the floor fails', () => {
    const expected = [0.23, -0.05, 0.23 * FLOAT32_FLOOR * 1.01];
    for (let i = 0; i < expected.length; i++) {
      const actual = expected.slice();
      actual[i] *= 1.1;
      expect(maxFieldRelError(actual, expected), `entry ${i}`).toBeGreaterThan(FLOAT32_TOLERANCE);
    }
  });

  test('NaN, a length mismatch and an exact match', () => {
    expect(maxFieldRelError([NaN, 1], [1, 1])).toBe(Infinity);
    expect(maxFieldRelError([1], [1, 2])).toBe(Infinity);
    expect(maxFieldRelError([0, 0], [0, 0])).toBe(0);
  });
});

describe('the seed-sized fixture on the float32 path', () => {
  const file = resolve(REPO_ROOT, 'test-data/fixtures/rnn/tanh-seed-size.json');
  const fixture = () => parseFixture(JSON.parse(readFileSync(file, 'utf8')), 'tanh-seed-size.json');

  beforeAll(async () => {
    await tf.setBackend('cpu');
  });

  test('is N=16, T=7, F=3, H=50, tanh, many-to-one', () => {
    const fx = fixture();
    expect([fx.seq.N, fx.seq.T, fx.params.F, fx.params.H, fx.activation, fx.mode]).toEqual([16, 7, 3, 50, 'tanh', 'many-to-one']);
  });

  test('passes as computed, and fails with one gradient entry 10 % wrong', async () => {
    const fx = fixture();
    const good = await checkTfjs(fx);
    expect(good['grads.W']).toBeLessThan(FLOAT32_TOLERANCE);
    // Corrupt the smallest entry of ∂L/∂W that still lies above the floor.
    const g = fx.expected.grads.W;
    const floor = FLOAT32_FLOOR * Math.max(...Array.from(g, Math.abs));
    let pick = -1;
    for (let i = 0; i < g.length; i++) if (Math.abs(g[i]) > floor && (pick < 0 || Math.abs(g[i]) < Math.abs(g[pick]))) pick = i;
    g[pick] *= 1.1;
    const bad = await checkTfjs(fx);
    expect(bad['grads.W']).toBeGreaterThan(FLOAT32_TOLERANCE);
  });
});
