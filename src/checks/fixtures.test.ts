// The reference fixtures (PyTorch, float64): every *.json in $RNN_FIXTURES
// (default ../shared/fixtures/rnn next to the repository), one test per file
// and path, each titled with the file name.
//   RNN_FIXTURES=/some/dir npx vitest run src/core/fixtures.test.ts
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, test } from 'vitest';
import { parseFixture } from './fixture.ts';
import { checkFloat64, checkTfjs, FLOAT64_TOLERANCE, TFJS_TOLERANCE, type FieldErrors } from './fixture-check.ts';

const here = dirname(fileURLToPath(import.meta.url));
const folder = process.env.RNN_FIXTURES ? resolve(process.env.RNN_FIXTURES) : resolve(here, '../../../shared/fixtures/rnn');
const files = (() => {
  try {
    return statSync(folder).isDirectory() ? readdirSync(folder).filter((f) => f.endsWith('.json')).sort() : [];
  } catch {
    return [];
  }
})();

/** Fields whose error exceeds the tolerance, for a readable failure message. */
function over(errors: FieldErrors, tol: number): Record<string, number> {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => !(v <= tol)));
}

describe(`RNN fixtures in ${folder}`, () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  test('the fixture folder holds at least one *.json', () => {
    expect(files, `no *.json fixtures found in ${folder} (set RNN_FIXTURES to a folder of fixtures)`).not.toHaveLength(0);
  });

  for (const file of files) {
    const load = () => parseFixture(JSON.parse(readFileSync(join(folder, file), 'utf8')), file);

    test(`${file}: Float64 reference (rnn.ts, bptt.ts, jacobian.ts) within ${FLOAT64_TOLERANCE} relative`, () => {
      const errors = checkFloat64(load());
      expect(Object.keys(errors)).toEqual(expect.arrayContaining(['h', 'yhat', 'loss', 'grads.W', 'grads.U', 'grads.b', 'grads.V', 'grads.c', 'dL_dh_frobenius', 'jacobian.spectral', 'jacobian.frobenius']));
      expect(over(errors, FLOAT64_TOLERANCE)).toEqual({});
      console.info(`${file} Float64 max rel error ${Math.max(...Object.values(errors)).toExponential(2)}`);
    });

    test(`${file}: tfjs path (cpu backend, float32) within ${TFJS_TOLERANCE} relative`, async () => {
      const before = tf.memory().numTensors;
      const errors = await checkTfjs(load());
      expect(Object.keys(errors)).toEqual(expect.arrayContaining(['h', 'yhat', 'loss', 'grads.W', 'grads.U', 'grads.b', 'grads.V', 'grads.c', 'dL_dh_frobenius', 'jacobian.spectral', 'jacobian.frobenius']));
      expect(over(errors, TFJS_TOLERANCE)).toEqual({});
      expect(tf.memory().numTensors).toBe(before);
      console.info(`${file} tfjs max rel error ${Math.max(...Object.values(errors)).toExponential(2)}`);
    });
  }
});
