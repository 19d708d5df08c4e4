// The simple-RNN reference fixtures (PyTorch, float64): every *.json in
// $RNN_FIXTURES (default test-data/fixtures/rnn), one test per file and path,
// each titled with the file name.
//   RNN_FIXTURES=/some/dir npx vitest run src/checks/fixtures.test.ts
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, test } from 'vitest';
import { FLOAT32_TOLERANCE, FLOAT64_TOLERANCE } from './compare.ts';
import { parseFixture, type Fixture } from './fixture.ts';
import { checkFloat64, checkTfjs, type FieldErrors } from './fixture-check.ts';
import { jsonFiles, testDataFolder } from './test-data.ts';

const folder = testDataFolder('RNN_FIXTURES', 'fixtures/rnn');
const files = jsonFiles(folder);
const FIELDS = ['h', 'yhat', 'loss', 'grads.W', 'grads.U', 'grads.b', 'grads.V', 'grads.c', 'dL_dh_frobenius', 'jacobian.spectral', 'jacobian.frobenius'];

/** Fields whose error exceeds the tolerance, for a readable failure message. */
function over(errors: FieldErrors, tol: number): Record<string, number> {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => !(v <= tol)));
}

const load = (file: string): Fixture => parseFixture(JSON.parse(readFileSync(join(folder, file), 'utf8')), file);

describe(`RNN fixtures in ${folder}`, () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  test('the fixture folder holds at least one *.json', () => {
    expect(files, `no *.json fixtures found in ${folder} (set RNN_FIXTURES to a folder of fixtures)`).not.toHaveLength(0);
  });

  for (const file of files) {
    test(`${file}: Float64 reference (rnn.ts, bptt.ts, jacobian.ts) within ${FLOAT64_TOLERANCE} relative`, () => {
      const errors = checkFloat64(load(file));
      expect(Object.keys(errors)).toEqual(expect.arrayContaining(FIELDS));
      expect(over(errors, FLOAT64_TOLERANCE)).toEqual({});
      console.info(`${file} Float64 max rel error ${Math.max(...Object.values(errors)).toExponential(2)}`);
    });

    test(`${file}: tfjs path (cpu backend, float32) within ${FLOAT32_TOLERANCE}, scaled by each field`, async () => {
      const before = tf.memory().numTensors;
      const errors = await checkTfjs(load(file));
      expect(Object.keys(errors)).toEqual(expect.arrayContaining(FIELDS));
      expect(over(errors, FLOAT32_TOLERANCE)).toEqual({});
      expect(tf.memory().numTensors).toBe(before);
      console.info(`${file} tfjs max error ${Math.max(...Object.values(errors)).toExponential(2)}`);
    });
  }
});
