import '@tensorflow/tfjs-backend-cpu';
// A corrupted gated fixture must fail the checks (so the suite can fail), and
// a malformed one must be refused with the offending field named.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { FLOAT32_TOLERANCE, FLOAT64_TOLERANCE } from './compare.ts';
import { parseGatedFixture } from './gated-fixture.ts';
import { checkGatedFloat64, checkGatedTfjs } from './gated-fixture-check.ts';
import { REPO_ROOT } from './test-data.ts';

const raw = (name: string) => JSON.parse(readFileSync(join(REPO_ROOT, 'test-data/fixtures/gated', name), 'utf8'));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('a corrupted gated fixture fails', () => {
  test('one gradient entry 1 % off: Float64 and float32 checks both fail on that field', async () => {
    const r = raw('lstm-one.json');
    r.expected.grads.weight_hh[3][1] *= 1.01;
    const fx = parseGatedFixture(r);
    const f64 = checkGatedFloat64(fx);
    expect(f64['grads.weight_hh']).toBeGreaterThan(FLOAT64_TOLERANCE);
    expect(f64['grads.weight_ih']).toBeLessThan(FLOAT64_TOLERANCE);
    const f32 = await checkGatedTfjs(fx);
    expect(f32['grads.weight_hh']).toBeGreaterThan(FLOAT32_TOLERANCE);
    expect(f32['fused.grads.weight_hh']).toBeGreaterThan(FLOAT32_TOLERANCE);
  });

  test('an input perturbed: states, loss and gradients no longer match', () => {
    const r = raw('gru-one.json');
    r.x[0][2][0] += 1e-3;
    const e = checkGatedFloat64(parseGatedFixture(r));
    for (const k of ['h', 'loss', 'grads.weight_hh']) expect(e[k], k).toBeGreaterThan(FLOAT64_TOLERANCE);
  });

  test('a state-Jacobian norm altered fails the Jacobian field', () => {
    const r = raw('lstm-many.json');
    r.expected.state_jacobian_sample0.spectral[0] *= 1 + 1e-6;
    expect(checkGatedFloat64(parseGatedFixture(r))['jacobian.spectral']).toBeGreaterThan(FLOAT64_TOLERANCE);
  });
});

describe('parseGatedFixture refuses malformed files, naming the field', () => {
  test.each([
    ['unknown cell', (r: any) => (r.cell = 'rnn'), /unknown cell rnn/],
    ['missing gradient', (r: any) => delete r.expected.grads.bias_hh, /expected.grads.bias_hh is missing/],
    ['wrong size', (r: any) => r.params.weight_hh.pop(), /params.weight_hh has \d+ numbers, expected 100/],
    ['LSTM without c', (r: any) => delete r.expected.c, /expected.c is missing/],
    ['bad dims', (r: any) => (r.dims.hidden = 0), /dims.hidden must be a positive integer/],
    ['non-finite', (r: any) => (r.y[0][0] = null), /y holds a number that is not finite/],
  ])('%s', (_label, corrupt, message) => {
    const r = raw('lstm-one.json');
    corrupt(r);
    expect(() => parseGatedFixture(r, 'lstm-one.json')).toThrow(message);
  });
});
