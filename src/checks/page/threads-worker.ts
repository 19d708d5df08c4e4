/// <reference lib="webworker" />
// check.html's kernel-threads bench, in a worker of its own (the split waits
// in Atomics.wait, which a page's main thread may not): two copies of one
// seeded model train full-batch epochs on the same random data side by side,
// one limited to one thread and one on the kernel threads, epochs
// interleaved so the machine's load falls on both alike. Answers each copy's
// ms per epoch, the threads the split used, and the largest field-scaled
// difference between the two copies' weights at the end.
import * as tf from '@tensorflow/tfjs-core';
import { maxFieldRelError } from '../compare.ts';
import type { CellName } from '../../model/cells.ts';
import { paramNames } from '../../model/cells.ts';
import { initCellParams } from '../../model/gated-init.ts';
import { createRng } from '../../model/random.ts';
import { createTfModel, type TfCellModel } from '../../engine/tf-cell-model.ts';
import { kernelThreads, kernelThreadsNote, setKernelThreadLimit, startKernelPool } from '../../engine/parallel/pool.ts';
import { chooseBackend } from '../../train/backend.ts';
import type { BackendName } from '../../train/backends.ts';

declare const self: DedicatedWorkerGlobalScope;

export interface ThreadsBenchConfig {
  backend: BackendName;
  cell?: CellName;
  N: number;
  T: number;
  F: number;
  H: number;
  warmup: number;
  epochs: number;
}

export interface ThreadsBenchResult {
  backend: string;
  /** Threads the split copy used (1: the pool did not start; see note). */
  threads: number;
  note: string;
  oneThreadMs: number[];
  splitMs: number[];
  /** Largest maxFieldRelError between the two copies' weights, and the field where it is. */
  maxWeightError: number;
  worstField: string;
  lastLoss: { one: number; split: number };
}

async function epoch(model: TfCellModel, x: tf.Tensor3D, y: tf.Tensor2D, threads: number): Promise<{ ms: number; loss: number }> {
  setKernelThreadLimit(threads);
  const t0 = performance.now();
  const loss = model.trainStep(x, y);
  const v = (await loss.data())[0];
  const ms = performance.now() - t0;
  loss.dispose();
  return { ms, loss: v };
}

async function run(c: ThreadsBenchConfig): Promise<ThreadsBenchResult> {
  const chosen = await chooseBackend(c.backend, { wasmThreads: false });
  const threads = await startKernelPool();
  const cell = c.cell ?? 'rnn';
  const rng = createRng(1);
  const x = tf.tensor3d(Float32Array.from({ length: c.N * c.T * c.F }, () => rng.normal()), [c.N, c.T, c.F]);
  const y = tf.tensor2d(Float32Array.from({ length: c.N }, () => rng.normal()), [c.N, 1]);
  const params = initCellParams(cell, { F: c.F, H: c.H, O: 1 }, { seed: 1 });
  const opts = { activation: 'tanh', output: 'linear', loss: 'mse', optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9 }, clipNorm: 0 } as const;
  const one = createTfModel(params, opts);
  const split = createTfModel(params, opts);
  const oneThreadMs: number[] = [];
  const splitMs: number[] = [];
  const lastLoss = { one: NaN, split: NaN };
  try {
    for (let e = 0; e < c.warmup + c.epochs; e++) {
      const a = await epoch(one, x, y, 1);
      const b = await epoch(split, x, y, threads);
      if (e >= c.warmup) {
        oneThreadMs.push(a.ms);
        splitMs.push(b.ms);
      }
      lastLoss.one = a.loss;
      lastLoss.split = b.loss;
    }
    const [p1, p2] = (await Promise.all([one.readParams(), split.readParams()])) as unknown as Record<string, Float64Array>[];
    let maxWeightError = 0;
    let worstField = '';
    for (const k of paramNames(cell)) {
      const err = maxFieldRelError(p2[k], p1[k]);
      if (!(err <= maxWeightError)) [maxWeightError, worstField] = [err, k];
    }
    return { backend: chosen.name, threads: kernelThreads(), note: kernelThreadsNote(), oneThreadMs, splitMs, maxWeightError, worstField, lastLoss };
  } finally {
    setKernelThreadLimit(Infinity);
    one.dispose();
    split.dispose();
    x.dispose();
    y.dispose();
  }
}

self.onmessage = (event: MessageEvent<ThreadsBenchConfig>) => {
  run(event.data).then(
    (r) => self.postMessage({ ok: true, result: r }),
    (err) => self.postMessage({ ok: false, message: err instanceof Error ? err.message : String(err) }),
  );
};

