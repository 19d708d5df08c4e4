// Splitting a batch across threads and combining the parts (split.ts), the
// mailbox a kernel thread reads and answers (shared-job.ts), and the one-thread
// fallback of the pool (pool.ts): the combined loss and gradients equal the
// whole batch through the one-thread kernel to float32 rounding, and the
// Float64 reference BPTT (bptt.ts) to float32 tolerance.
import { describe, expect, test } from 'vitest';
import { FLOAT32_TOLERANCE, maxFieldRelError } from '../../checks/compare.ts';
import { bptt } from '../../model/bptt.ts';
import type { CellName } from '../../model/cells.ts';
import { initCellParams } from '../../model/gated-init.ts';
import { paramNames } from '../../model/cells.ts';
import { createRng } from '../../model/random.ts';
import { PARAM_NAMES, type RnnParams } from '../../model/types.ts';
import { runPart, weightSizes, type PartSpec } from './part-kernel.ts';
import { kernelThreads, splitBatchGrads, startKernelPool, threadsUnavailable } from './pool.ts';
import { MailboxClient, newMailbox, serveJob } from './shared-job.ts';
import { combineParts, partRows, partsFor } from './split.ts';

const SEED: PartSpec = { cell: 'rnn', T: 7, F: 3, H: 50, O: 1, activation: 'tanh', output: 'linear', loss: 'mse', truncate: 0 };

function problem(s: PartSpec, n: number, seed = 3): { x: Float32Array; y: Float32Array; w: Float32Array[]; params: ReturnType<typeof initCellParams> } {
  const rng = createRng(seed);
  const params = initCellParams(s.cell, { F: s.F, H: s.H, O: s.O }, { seed });
  const w = paramNames(s.cell).map((k) => Float32Array.from((params as unknown as Record<string, Float64Array>)[k]));
  expect(w.map((v) => v.length)).toEqual(weightSizes(s));
  return {
    x: Float32Array.from({ length: n * s.T * s.F }, () => rng.normal()),
    y: Float32Array.from({ length: n * s.O }, () => rng.normal()),
    w,
    params,
  };
}

/** The batch's n rows split into `parts`, each through the kernel, combined. */
function splitRun(s: PartSpec, n: number, parts: number, x: Float32Array, y: Float32Array, w: Float32Array[]) {
  const xw = s.T * s.F;
  return combineParts(
    partRows(n, parts).map(([a, b]) => {
      const r = runPart(s, b - a, x.subarray(a * xw, b * xw), y.subarray(a * s.O, b * s.O), w);
      return { rows: b - a, result: { loss: r.loss, grads: r.grads.map((g) => g.slice()) } };
    }),
  );
}

describe('partRows and partsFor', () => {
  test('near-equal slices cover every row once, in order', () => {
    for (const [n, p] of [[2717, 2], [2717, 3], [10, 4], [5, 5]]) {
      const r = partRows(n, p);
      expect(r[0][0]).toBe(0);
      expect(r[p - 1][1]).toBe(n);
      for (let i = 1; i < p; i++) expect(r[i][0]).toBe(r[i - 1][1]);
      expect(Math.max(...r.map(([a, b]) => b - a)) - Math.min(...r.map(([a, b]) => b - a))).toBeLessThanOrEqual(1);
    }
  });

  test('the seed full batch splits; a mini-batch of 64, the broadcast MSE and one thread do not', () => {
    expect(partsFor(SEED, 2717, 2)).toBe(2);
    expect(partsFor(SEED, 2717, 4)).toBe(4);
    expect(partsFor({ ...SEED, H: 16 }, 64, 2)).toBe(1);
    expect(partsFor(SEED, 64, 2)).toBe(1);
    expect(partsFor({ ...SEED, loss: 'broadcast-mse' }, 2717, 2)).toBe(1);
    expect(partsFor(SEED, 2717, 1)).toBe(1);
  });
});

const CASES: [string, PartSpec, number][] = [
  ['seed: tanh, linear output', SEED, 2717],
  ['relu, tanh output, truncated', { ...SEED, activation: 'relu', output: 'tanh', H: 13, truncate: 3 }, 301],
  ['two outputs, linear cell', { ...SEED, activation: 'linear', H: 6, F: 2, O: 2 }, 97],
  ['LSTM', { ...SEED, cell: 'lstm', H: 10 }, 203],
  ['GRU, truncated', { ...SEED, cell: 'gru', H: 9, F: 2, truncate: 4 }, 150],
];

describe('combined parts equal the whole batch', () => {
  for (const [label, s, n] of CASES) {
    for (const parts of [2, 3]) {
      // Float32 sums over thousands of rows in another order: the field-scaled float32 tolerance.
      test(`${label}, ${parts} parts: loss and gradients to float32 rounding`, () => {
        const { x, y, w } = problem(s, n);
        const whole = runPart(s, n, x, y, w);
        const split = splitRun(s, n, parts, x, y, w);
        expect(Math.abs(split.loss - whole.loss) / whole.loss).toBeLessThan(1e-6);
        split.grads.forEach((g, k) => expect(maxFieldRelError(g, whole.grads[k]), `weight ${k}`).toBeLessThan(FLOAT32_TOLERANCE));
      });
    }
  }

  test('the seed split (2717 rows) and the whole batch both equal the Float64 reference BPTT to float32 tolerance', () => {
    const n = 2717;
    const { x, y, w, params } = problem(SEED, n);
    const p = params as RnnParams;
    const ref = bptt(p, { N: n, T: SEED.T, x: Float64Array.from(x) }, Float64Array.from(y), 'tanh', 'many-to-one');
    const whole = runPart(SEED, n, x, y, w);
    const split = splitRun(SEED, n, 2, x, y, w);
    expect(Math.abs(split.loss - ref.loss) / ref.loss).toBeLessThan(FLOAT32_TOLERANCE);
    PARAM_NAMES.forEach((k, i) => {
      expect(maxFieldRelError(split.grads[i], ref.grads[k]), k).toBeLessThan(FLOAT32_TOLERANCE);
      expect(maxFieldRelError(whole.grads[i], ref.grads[k]), k).toBeLessThan(FLOAT32_TOLERANCE);
    });
  });
});

describe('the mailbox', () => {
  for (const cell of ['rnn', 'gru'] as CellName[]) {
    test(`${cell}: a job posted, served and taken gives the kernel's own result`, () => {
      const s: PartSpec = { ...SEED, cell, H: 12 };
      const n = 40;
      const { x, y, w } = problem(s, n);
      const box = new MailboxClient(newMailbox(256)); // too small: post grows it
      for (let job = 1; job <= 2; job++) {
        expect(box.post(s, n, x, y, w)).toBe(true);
        serveJob(box.sab, job);
        const got = box.take(s, n, 1000);
        const want = runPart(s, n, x, y, w);
        expect(got.loss).toBe(want.loss);
        got.grads.forEach((g, k) => expect(Array.from(g)).toEqual(Array.from(want.grads[k])));
      }
    });
  }

  test('a job the kernel thread cannot run is reported, not answered with stale numbers', () => {
    const n = 8;
    const { x, y, w } = problem(SEED, n);
    const box = new MailboxClient(newMailbox());
    box.post(SEED, n, x, y, w);
    new Int32Array(box.sab, 0, 16)[4] = 99; // a cell code that does not exist
    serveJob(box.sab, 1);
    expect(() => box.take(SEED, n, 1000)).toThrow(/failed/);
  });
});

describe('the pool where it cannot run', () => {
  test('Node is not cross-origin isolated: one thread, and the split kernel is the local one', async () => {
    expect(threadsUnavailable()).toMatch(/cross-origin isolated/);
    expect(await startKernelPool()).toBe(1);
    expect(kernelThreads()).toBe(1);
    const { x, y, w } = problem(SEED, 2717);
    const local = (n: number, xb: Float32Array, yb: Float32Array, ww: readonly Float32Array[]) => runPart(SEED, n, xb, yb, ww);
    const r = splitBatchGrads(local, SEED)(2717, x, y, w);
    const want = runPart(SEED, 2717, x, y, w);
    expect(r.loss).toBe(want.loss);
    r.grads.forEach((g, k) => expect(Array.from(g)).toEqual(Array.from(want.grads[k])));
  });
});
