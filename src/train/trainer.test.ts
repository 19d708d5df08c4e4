// The training loop on the tfjs cpu backend in Node: state machine, NaN
// guard, the seed's defects, reproducibility and tensor hygiene.
import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset, type Dataset } from '../data/dataset.ts';
import { tableFromColumns } from '../data/table.ts';
import { datasetOptions, type TrainConfig } from './config.ts';
import type { TrainerState } from './protocol.ts';
import { isTestEpoch, permutation, testEvery } from './epochs.ts';
import { Trainer, type TrainerEvent } from './trainer.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** A trending, seasonal price with a second, related column. */
function table(rows = 160) {
  const price = new Float64Array(rows);
  const temp = new Float64Array(rows);
  for (let i = 0; i < rows; i++) {
    price[i] = 50 + 0.3 * i + 6 * Math.sin((2 * Math.PI * i) / 12) + 2 * Math.sin(i * 1.7);
    temp[i] = 10 + 5 * Math.cos((2 * Math.PI * i) / 12);
  }
  return tableFromColumns({ columns: { price, temp }, target: 'price' });
}

const BASE: TrainConfig = {
  target: 'price',
  features: ['price', 'temp'],
  window: 5,
  horizon: 1,
  transform: 'level',
  trainFraction: 0.7,
  scaling: 'train-only',
  cell: 'rnn',
  hidden: 6,
  init: 'default',
  forgetBias: 0,
  activation: 'tanh',
  output: 'linear',
  loss: 'mse',
  optimizer: 'adam',
  lr: 0.02,
  momentum: 0.9,
  batch: 16,
  epochs: 6,
  clip: 0,
  truncate: 0,
  seed: 7,
};

function dataset(config: TrainConfig, rows = 160): Dataset {
  const r = makeDataset(table(rows), datasetOptions(config));
  if (!r.ok) throw new Error(r.error.kind);
  return r.dataset;
}

interface Recorder {
  events: TrainerEvent[];
  states: TrainerState[];
  losses: number[];
  listener: (e: TrainerEvent) => void;
}

function recorder(onEvent?: (e: TrainerEvent) => void): Recorder {
  const r: Recorder = {
    events: [],
    states: [],
    losses: [],
    listener: (e) => {
      r.events.push(e);
      if (e.kind === 'state') r.states.push(e.state);
      if (e.kind === 'epoch') r.losses.push(e.train, e.test);
      onEvent?.(e);
    },
  };
  return r;
}

function make(config: Partial<TrainConfig> = {}, onEvent?: (e: TrainerEvent) => void) {
  const c = { ...BASE, ...config };
  const rec = recorder(onEvent);
  const trainer = new Trainer(dataset(c), c, rec.listener, { snapshotEveryMs: 1e9 });
  return { trainer, rec, config: c };
}

describe('Trainer state machine', () => {
  it('goes idle → training → done and reports every epoch', async () => {
    const { trainer, rec } = make();
    expect(trainer.status.state).toBe('idle');
    await trainer.start();
    expect(trainer.status).toMatchObject({ state: 'done', epoch: 6 });
    expect(rec.states).toEqual(['training', 'done']);
    const epochs = rec.events.filter((e) => e.kind === 'epoch').map((e) => (e as { epoch: number }).epoch);
    expect(epochs).toEqual([1, 2, 3, 4, 5, 6]);
    // The final snapshot comes before the final state.
    const lastSnapshot = rec.events.map((e) => e.kind).lastIndexOf('snapshot');
    expect(lastSnapshot).toBe(rec.events.length - 2);
    await trainer.dispose();
  });

  it('pauses after the current epoch and resumes where it stopped', async () => {
    let trainerRef: Trainer | null = null;
    const { trainer, rec } = make({}, (e) => {
      if (e.kind === 'epoch' && e.epoch === 2) trainerRef!.pause();
    });
    trainerRef = trainer;
    await trainer.start();
    expect(trainer.status).toMatchObject({ state: 'paused', epoch: 2 });
    await trainer.start();
    expect(trainer.status).toMatchObject({ state: 'done', epoch: 6 });
    expect(rec.states).toEqual(['training', 'paused', 'training', 'done']);
    await trainer.dispose();
  });

  it('steps one epoch at a time, resets to the initial weights, and trains again from done', async () => {
    const { trainer, rec } = make({ epochs: 3 });
    const initial = await trainer.readParams();
    const before = await trainer.losses();
    await trainer.step();
    expect(trainer.status).toMatchObject({ state: 'paused', epoch: 1 });
    await trainer.step();
    await trainer.step();
    expect(trainer.status).toMatchObject({ state: 'done', epoch: 3 });
    await trainer.step(); // nothing left to do
    expect(trainer.status.epoch).toBe(3);
    await trainer.reset();
    expect(trainer.status).toMatchObject({ state: 'idle', epoch: 0, elapsedMs: 0 });
    expect(await trainer.readParams()).toEqual(initial);
    expect(await trainer.losses()).toEqual(before);
    // From done, train starts over.
    await trainer.start();
    await trainer.start();
    expect(trainer.status).toMatchObject({ state: 'done', epoch: 3 });
    expect(rec.states.slice(-6)).toEqual(['idle', 'training', 'done', 'idle', 'training', 'done']);
    await trainer.dispose();
  });

  it('reset during training stops the run and stays silent afterwards', async () => {
    let trainerRef: Trainer | null = null;
    let resetting: Promise<void> | null = null;
    const { trainer, rec } = make({ epochs: 50 }, (e) => {
      if (e.kind === 'epoch' && e.epoch === 3 && !resetting) resetting = trainerRef!.reset();
    });
    trainerRef = trainer;
    const run = trainer.start();
    await run;
    await resetting;
    expect(trainer.status).toMatchObject({ state: 'idle', epoch: 0 });
    expect(rec.states[rec.states.length - 1]).toBe('idle');
    const afterIdle = rec.events.slice(rec.events.findIndex((e) => e.kind === 'state' && e.state === 'idle') + 1);
    expect(afterIdle.filter((e) => e.kind === 'epoch')).toEqual([]);
    await trainer.dispose();
  });

  it('raising the epoch budget after done lets training continue; lowering it finishes', async () => {
    const { trainer, config } = make({ epochs: 2 });
    await trainer.start();
    expect(trainer.status.state).toBe('done');
    trainer.setLive({ ...config, epochs: 4 });
    expect(trainer.status.state).toBe('paused');
    await trainer.start();
    expect(trainer.status).toMatchObject({ state: 'done', epoch: 4 });
    await trainer.dispose();
  });
});

describe('NaN guard', () => {
  it('stops on a non-finite loss, restores the last good weights, and can resume with a lower rate', async () => {
    const { trainer, rec, config } = make({ optimizer: 'sgd', momentum: 0, lr: 40, activation: 'linear', batch: 0, epochs: 200 });
    const saved = new Map<number, Awaited<ReturnType<Trainer['readParams']>>>();
    saved.set(0, await trainer.readParams());
    while (trainer.status.state !== 'error' && trainer.status.state !== 'done') {
      await trainer.step();
      if (trainer.status.state === 'paused') saved.set(trainer.status.epoch, await trainer.readParams());
    }
    expect(trainer.status.state).toBe('error');
    const last = rec.events.filter((e) => e.kind === 'state').pop() as Extract<TrainerEvent, { kind: 'state' }>;
    expect(last.notice).toMatchObject({ kind: 'non-finite', lr: 40, clip: 0 });
    const notice = last.notice as { epoch: number; restoredEpoch: number };
    expect(notice.epoch).toBeGreaterThan(1); // some epochs went through before the blow-up
    expect(notice.restoredEpoch).toBe(trainer.status.epoch);
    expect(notice.restoredEpoch).toBeLessThan(notice.epoch);
    // The weights are exactly those of the restored epoch, and their losses are finite.
    expect(await trainer.readParams()).toEqual(saved.get(notice.restoredEpoch));
    const l = await trainer.losses();
    expect(Number.isFinite(l.train) && Number.isFinite(l.test)).toBe(true);
    // Loss history never contains a non-finite value.
    expect(rec.losses.every(Number.isFinite)).toBe(true);
    // Lower the rate, clip the gradient and resume from there.
    trainer.setLive({ ...config, lr: 1e-3, clip: 1, epochs: notice.restoredEpoch + 5 });
    await trainer.start();
    expect(trainer.status).toMatchObject({ state: 'done', epoch: notice.restoredEpoch + 5 });
    expect(rec.losses.every(Number.isFinite)).toBe(true);
    await trainer.dispose();
  });
});

describe("the seed's defects", () => {
  it('broadcast MSE is the mean over all N×N pairs (i, j) of (ŷ_i − y_j)²', async () => {
    // Train a model with the correct loss, then put the same weights in a model with the seed's loss.
    const honestConfig = { ...BASE, epochs: 30 };
    const seedConfig = { ...honestConfig, loss: 'broadcast-mse' as const };
    const d = dataset(honestConfig, 60);
    const honest = new Trainer(d, honestConfig, () => {});
    await honest.start();
    const seed = new Trainer(d, seedConfig, () => {});
    await seed.loadParams(await honest.readParams(), 30);
    const pred = (await honest.predictStd()).test;
    expect((await seed.predictStd()).test).toEqual(pred);
    const y = d.test.y;
    const N = y.length;
    expect(N).toBeGreaterThan(4);
    let pairs = 0;
    let diagonal = 0;
    for (let i = 0; i < N; i++) {
      diagonal += (pred[i] - y[i]) ** 2;
      for (let j = 0; j < N; j++) pairs += (pred[i] - y[j]) ** 2;
    }
    const rel = (a: number, b: number) => Math.abs(a - b) / Math.abs(b);
    expect(rel((await seed.losses()).test, pairs / (N * N))).toBeLessThan(1e-5);
    expect(rel((await honest.losses()).test, diagonal / N)).toBeLessThan(1e-5);
    // The two losses really differ for forecasts that follow the target.
    expect(rel(pairs / (N * N), diagonal / N)).toBeGreaterThan(0.5);
    await honest.dispose();
    await seed.dispose();
  });

  it('broadcast MSE drives the forecasts to a flat line', async () => {
    const { trainer } = make({ loss: 'broadcast-mse', epochs: 150, batch: 0, optimizer: 'adam', lr: 0.03 });
    const { trainer: fixed } = make({ loss: 'mse', epochs: 150, batch: 0, optimizer: 'adam', lr: 0.03 });
    await trainer.start();
    await fixed.start();
    const flat = await trainer.snapshot();
    const good = await fixed.snapshot();
    expect(flat.predStd).toBeLessThan(0.1 * good.predStd);
    await trainer.dispose();
    await fixed.dispose();
  });

  it('a tanh output keeps every standardised forecast inside (−1, 1)', async () => {
    const { trainer } = make({ output: 'tanh', epochs: 30 });
    const { trainer: linear } = make({ output: 'linear', epochs: 30 });
    await trainer.start();
    await linear.start();
    const a = await trainer.predictStd();
    const b = await linear.predictStd();
    const maxAbs = (v: Float32Array) => v.reduce((m, x) => Math.max(m, Math.abs(x)), 0);
    expect(maxAbs(a.test)).toBeLessThan(1);
    // The trending test split lies above +1 in training units; the linear output follows it there.
    expect(maxAbs(b.test)).toBeGreaterThan(1);
    await trainer.dispose();
    await linear.dispose();
  });

  it('per-split scaling standardises the test windows with their own statistics', () => {
    const mean = (v: Float32Array) => v.reduce((s, x) => s + x, 0) / v.length;
    const leak = dataset({ ...BASE, scaling: 'per-split' });
    const honest = dataset({ ...BASE, scaling: 'train-only' });
    expect(Math.abs(mean(leak.test.y))).toBeLessThan(0.05);
    expect(mean(honest.test.y)).toBeGreaterThan(1); // an up-trend sits above the training mean
  });
});

describe('reproducibility and hygiene', () => {
  it('the same seed and settings give the same loss curve; another seed does not', async () => {
    const curves: number[][] = [];
    for (const seed of [7, 7, 8]) {
      const { trainer, rec } = make({ seed, epochs: 5 });
      await trainer.start();
      curves.push(rec.losses);
      await trainer.dispose();
    }
    expect(curves[0]).toEqual(curves[1]);
    expect(curves[0]).not.toEqual(curves[2]);
  });

  it('pausing does not change the curve', async () => {
    const { trainer: a, rec: ra } = make({ epochs: 4 });
    await a.start();
    const { trainer: b, rec: rb } = make({ epochs: 4 });
    for (let i = 0; i < 4; i++) await b.step();
    expect(rb.losses).toEqual(ra.losses);
    await a.dispose();
    await b.dispose();
  });

  it('keeps the tensor count flat across epochs and frees everything on dispose', async () => {
    const start = tf.memory().numTensors;
    const { trainer, config } = make({ epochs: 2 });
    await trainer.step(); // creates the optimiser's slots
    await trainer.snapshot();
    const after1 = tf.memory().numTensors;
    trainer.setLive({ ...config, epochs: 8 });
    await trainer.start();
    await trainer.snapshot();
    expect(tf.memory().numTensors).toBe(after1);
    await trainer.dispose();
    expect(tf.memory().numTensors).toBe(start);
  });

  it('snapshots carry forecasts for every window, metrics beside persistence and the gradient profile', async () => {
    const { trainer } = make({ epochs: 3 });
    await trainer.start();
    const d = dataset(BASE);
    const s = await trainer.snapshot();
    expect(s.epoch).toBe(3);
    expect(s.train.length).toBe(d.train.N);
    expect(s.test.length).toBe(d.test.N);
    for (const k of ['mse', 'rmse', 'mae', 'mape'] as const) {
      expect(Number.isFinite(s.model[k])).toBe(true);
      expect(Number.isFinite(s.baseline[k])).toBe(true);
    }
    expect(s.zeta!.dLdh.length).toBe(BASE.window);
    expect(s.zeta!.jacobian.length).toBe(BASE.window);
    // ∂h(T)/∂h(T) is the identity.
    expect(s.zeta!.jacobian[BASE.window - 1]).toBeCloseTo(1, 10);
    await trainer.dispose();
  });

  it('evaluates the test loss every epoch in short runs and ~200 times in long ones, always at the end', () => {
    const count = (epochs: number) => Array.from({ length: epochs }, (_, i) => i + 1).filter((e) => isTestEpoch(e, epochs));
    expect(count(30)).toHaveLength(30);
    expect(count(399)).toHaveLength(399);
    const long = count(2000);
    expect(testEvery(2000)).toBe(10);
    expect(long.slice(0, 20)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
    expect(long[long.length - 1]).toBe(2000);
    expect(long.length).toBeGreaterThan(200);
    expect(long.length).toBeLessThan(230);
  });

  it('long runs report NaN test losses between test epochs', async () => {
    const { trainer, rec } = make({ epochs: 800, batch: 0 });
    for (let i = 0; i < 25; i++) await trainer.step();
    const epochs = rec.events.filter((e): e is Extract<TrainerEvent, { kind: 'epoch' }> => e.kind === 'epoch');
    for (const e of epochs) expect(Number.isFinite(e.test)).toBe(isTestEpoch(e.epoch, 800));
    expect(epochs.filter((e) => Number.isFinite(e.test)).map((e) => e.epoch)).toEqual([...Array.from({ length: 20 }, (_, i) => i + 1), 24]);
    await trainer.dispose();
  });

  it('permutation is a seeded shuffle of 0..n−1', () => {
    const p = permutation(50, 3);
    expect([...p].sort((a, b) => a - b)).toEqual(Array.from({ length: 50 }, (_, i) => i));
    expect(permutation(50, 3)).toEqual(p);
    expect(permutation(50, 4)).not.toEqual(p);
  });
});

describe('Trainer with each cell', () => {
  it.each(['rnn', 'lstm', 'gru'] as const)('%s: trains, and its gradient profile has the cell\'s quantities (‖∂L/∂c‖ for the LSTM only)', async (cell) => {
    const before = tf.memory().numTensors;
    const { trainer } = make({ cell, forgetBias: cell === 'lstm' ? 1 : 0, truncate: 3 });
    const first = await trainer.losses();
    await trainer.start();
    const last = await trainer.losses();
    expect(last.train).toBeLessThan(first.train);
    const s = await trainer.snapshot();
    expect(s.zeta!.dLdh).toHaveLength(BASE.window);
    expect(s.zeta!.jacobian).toHaveLength(BASE.window);
    if (cell === 'lstm') expect(s.zeta!.dLdc).toHaveLength(BASE.window);
    else expect(s.zeta!.dLdc).toBeUndefined();
    // Truncated at 3 of 5 steps: nothing flows back to k = 1, 2.
    expect(Array.from(s.zeta!.dLdh.subarray(0, 2))).toEqual([0, 0]);
    const p = await trainer.readParams();
    expect('cell' in p ? p.cell : 'rnn').toBe(cell);
    await trainer.dispose();
    expect(tf.memory().numTensors).toBe(before);
  });

  it('refuses weights of another cell', async () => {
    const { trainer } = make({ cell: 'gru' });
    const simple = make();
    await expect(trainer.loadParams(await simple.trainer.readParams(), 1)).rejects.toThrow(/rnn cell, the model is the gru/);
    await trainer.dispose();
    await simple.trainer.dispose();
  });
});
