// The page's seeded mini-batch order (train/epochs.ts permutation, model/random.ts
// sfc32 + splitmix32 + deriveSeed) and its Python port in the exported script
// give the same numbers, bit for bit. Needs only Python 3.
import { describe, expect, it } from 'vitest';
import { deriveSeed } from '../model/random.ts';
import { permutation } from '../train/epochs.ts';
import { orderSection } from './py-train.ts';
import { PYTHON, pythonHas, runPython } from './test-python.ts';
import { untrainedRecord, csvTable, presetConfig } from './test-runs.ts';

const HAS_PYTHON = pythonHas('math');
if (!HAS_PYTHON) console.warn(`no Python 3 at ${PYTHON}: skipping the batch-order comparison`);

const SEEDS = [0, 1, 7, 42, 123456789, 4294967295, -5];
const SIZES = [1, 2, 3, 64, 1000, 3501];

describe.skipIf(!HAS_PYTHON)('the batch order in Python', () => {
  it('derive_seed and permutation equal the page\'s for many seeds, epochs and sizes', () => {
    const table = csvTable('yahoo-daily.csv');
    const code = orderSection(untrainedRecord(table, presetConfig(table, 'fast'))).code;
    const jobs = SEEDS.flatMap((seed) => [0, 1, 19].map((epoch) => ({ seed, epoch })));
    const probe = `import json, math, sys\n${code}\njobs = json.loads(sys.argv[1])\nprint(json.dumps([[derive_seed(j["seed"], 1 + j["epoch"]), [permutation(n, derive_seed(j["seed"], 1 + j["epoch"])) for n in ${JSON.stringify(SIZES)}]] for j in jobs]))`;
    const r = runPython(['-c', probe, JSON.stringify(jobs)]);
    expect(r.status, r.stderr).toBe(0);
    const got = JSON.parse(r.stdout) as [number, number[][]][];
    jobs.forEach(({ seed, epoch }, k) => {
      const s = deriveSeed(seed, 1 + epoch);
      expect(got[k][0], `derive_seed(${seed}, ${1 + epoch})`).toBe(s);
      SIZES.forEach((n, i) => expect(got[k][1][i], `permutation(${n}, seed ${seed}, epoch ${epoch})`).toEqual(Array.from(permutation(n, s))));
    });
  });
});
