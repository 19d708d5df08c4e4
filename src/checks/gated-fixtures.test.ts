import '@tensorflow/tfjs-backend-cpu';
// The gated-cell reference fixtures (PyTorch, float64): every *.json in
// $GATED_FIXTURES (default test-data/fixtures/gated), one test per file and
// path, each titled with the file name.
//   GATED_FIXTURES=/some/dir npx vitest run src/checks/gated-fixtures.test.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { FLOAT32_TOLERANCE, FLOAT64_TOLERANCE } from './compare.ts';
import type { FieldErrors } from './fixture-check.ts';
import { parseGatedFixture, type GatedFixture } from './gated-fixture.ts';
import { checkGatedFloat64, checkGatedTfjs } from './gated-fixture-check.ts';
import { jsonFiles, testDataFolder } from './test-data.ts';

const folder = testDataFolder('GATED_FIXTURES', 'fixtures/gated');
const files = jsonFiles(folder);
const GRADS = ['grads.weight_ih', 'grads.weight_hh', 'grads.bias_ih', 'grads.bias_hh', 'grads.V', 'grads.c'];
const FIELDS = ['h', 'yhat', 'loss', ...GRADS, 'dL_dh_frobenius', 'jacobian.spectral', 'jacobian.frobenius'];
const LSTM_FIELDS = ['c', 'dL_dc_frobenius'];

/** Fields whose error exceeds the tolerance, for a readable failure message. */
function over(errors: FieldErrors, tol: number): Record<string, number> {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => !(v <= tol)));
}

const load = (file: string): GatedFixture => parseGatedFixture(JSON.parse(readFileSync(join(folder, file), 'utf8')), file);
const worst = (e: FieldErrors) => Math.max(...Object.values(e)).toExponential(2);

describe(`gated-cell fixtures in ${folder}`, () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  test('the fixture folder holds at least one *.json', () => {
    expect(files, `no *.json fixtures found in ${folder} (set GATED_FIXTURES to a folder of fixtures)`).not.toHaveLength(0);
  });

  for (const file of files) {
    test(`${file}: Float64 reference (lstm.ts / gru.ts, gated-jacobian.ts) within ${FLOAT64_TOLERANCE} relative`, () => {
      const fx = load(file);
      const errors = checkGatedFloat64(fx);
      expect(Object.keys(errors)).toEqual(expect.arrayContaining(fx.cell === 'lstm' ? [...FIELDS, ...LSTM_FIELDS] : FIELDS));
      expect(over(errors, FLOAT64_TOLERANCE)).toEqual({});
      console.info(`${file} (${fx.cell}, ${fx.mode}) Float64 max rel error ${worst(errors)}`);
    });

    test(`${file}: tfjs autodiff and the training path (cpu backend, float32, fused kernel) within ${FLOAT32_TOLERANCE}, scaled by each field`, async () => {
      const fx = load(file);
      const before = tf.memory().numTensors;
      const errors = await checkGatedTfjs(fx);
      const expected = [...FIELDS, ...(fx.cell === 'lstm' ? LSTM_FIELDS : [])];
      if (fx.mode === 'many-to-one') expected.push('model.loss', 'model.dL_dh_frobenius', 'fused.loss', ...GRADS.map((g) => `fused.${g}`));
      expect(Object.keys(errors)).toEqual(expect.arrayContaining(expected));
      expect(over(errors, FLOAT32_TOLERANCE)).toEqual({});
      expect(tf.memory().numTensors).toBe(before);
      console.info(`${file} (${fx.cell}, ${fx.mode}) float32 max error ${worst(errors)}`);
    });
  }
});
