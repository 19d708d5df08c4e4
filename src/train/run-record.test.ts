import '@tensorflow/tfjs-backend-cpu';
// The RunRecord of what the worker holds, and the trainer's run log it is
// built from: the weights the optimiser started from, every change of its
// knobs (and whether the page made a new optimiser there), and a live
// momentum change that really takes effect (tfjs's setMomentum alone does not).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../data/dataset.ts';
import { tableFromColumns } from '../data/table.ts';
import { ADAM_EPSILON } from '../engine/tf-rnn.ts';
import { EMBED_LIMIT } from '../export/run-record.ts';
import { csvTable, presetConfig, untrainedRecord } from '../export/test-runs.ts';
import { initParams } from '../model/init.ts';
import { defectFields, liveSettings, type TrainConfig } from './config.ts';
import { recordColumns } from './run-record.ts';
import { RunLog, startsFreshOptimizer } from './run-log.ts';
import { datasetOptions } from './config.ts';
import { Trainer, type TrainerEvent } from './trainer.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

describe('buildRunRecord', () => {
  const table = csvTable('yahoo-daily.csv');
  const config = presetConfig(table, 'seed', { epochs: 40, ...defectFields('tanh') });

  it('records the rows, windows, model, seeded float32 weights and settings the run used', () => {
    const r = untrainedRecord(table, config, { source: 'yahoo-daily.csv', epochs: 12 });
    const d = makeDataset(table, datasetOptions(config));
    if (!d.ok) throw new Error(d.error.kind);
    expect(r.windows).toEqual({ train: d.dataset.train.N, test: d.dataset.test.N });
    expect(r.data.columns).toEqual(recordColumns(config));
    expect(r.data.columns[0]).toBe(config.target);
    expect(r.data.values!.map((v) => Array.from(v))).toEqual(r.data.columns.map((c) => Array.from(table.values[c])));
    expect(r.data.dates).toEqual(table.dates);
    const p = initParams({ F: config.features.length, H: config.hidden, O: 1 }, { seed: config.seed });
    if (r.weights.cell !== 'rnn') throw new Error('rnn expected');
    expect(Array.from(r.weights.W)).toEqual(Array.from(p.W, Math.fround));
    expect(Array.from(r.weights.c)).toEqual(Array.from(p.c, Math.fround));
    expect(r.model).toEqual({ cell: 'rnn', inputs: 3, hidden: 50, activation: 'tanh', output: 'tanh' });
    expect(r.defects).toEqual(['tanh']);
    expect(r.adam.epsilon).toBe(ADAM_EPSILON);
    expect([r.epochs, r.plannedEpochs, r.start.epoch]).toEqual([12, 40, 0]);
    expect(r.data.fingerprint.rows).toBe(table.rows);
    expect(r.data.fingerprint.sum[0]).toBeCloseTo(table.values[config.target].reduce((a, b) => a + b, 0), 6);
  });

  it('embeds up to EMBED_LIMIT numbers; a file above it is read back (with the page\'s decisions), a table built in memory never is', () => {
    const cells = table.rows * (recordColumns(config).length + 1);
    expect(untrainedRecord(table, config, { embedLimit: cells }).data.values).not.toBeNull();
    const file = untrainedRecord(table, config, { embedLimit: cells - 1 });
    expect(file.data.values).toBeNull();
    expect(file.data.csv).toMatchObject({ encoding: 'utf-8', delimiter: ',', requiredColumn: table.target, date: { shape: 'ymd' } });
    expect(EMBED_LIMIT).toBeGreaterThan(cells);
    const memory = tableFromColumns({ columns: { v: Float64Array.from({ length: 50 }, (_, i) => i) } });
    expect(untrainedRecord(memory, presetConfig(memory, 'fast'), { embedLimit: 0 }).data.values).not.toBeNull();
  });
});

describe('RunLog', () => {
  const live = liveSettings(presetConfig(csvTable('yahoo-daily.csv'), 'seed'));
  const params = initParams({ F: 1, H: 2, O: 1 }, { seed: 1 });

  it('a new optimiser only for another kind or plain SGD ↔ momentum, as TfRnn.setOptions does', () => {
    expect(startsFreshOptimizer(live, { ...live, lr: 0.5, momentum: 0.3, clip: 1 })).toBe(false);
    expect(startsFreshOptimizer(live, { ...live, momentum: 0 })).toBe(true);
    expect(startsFreshOptimizer(live, { ...live, optimizer: 'adam' })).toBe(true);
  });

  it('logs changes by epoch, merging several between the same two epochs and ignoring the epoch budget', () => {
    const log = new RunLog(params, live);
    log.change(3, live, { ...live, epochs: 99 });
    log.change(3, live, { ...live, lr: 0.05 });
    log.change(3, { ...live, lr: 0.05 }, { ...live, lr: 0.05, momentum: 0 });
    log.change(7, { ...live, momentum: 0 }, { ...live, momentum: 0, clip: 2 });
    expect(log.current.schedule.map((s) => [s.from, s.lr, s.momentum, s.clip, s.fresh])).toEqual([
      [0, 0.1, 0.9, 0, true],
      [3, 0.05, 0, 0, true],
      [7, 0.1, 0, 2, false],
    ]);
    log.restart(5, params, 'loaded', live);
    expect(log.current.origin).toMatchObject({ epoch: 5, cause: 'loaded' });
    expect(log.current.schedule).toHaveLength(1);
  });
});

function trainer(config: TrainConfig, losses: number[]): Trainer {
  const table = csvTable('yahoo-daily.csv');
  const d = makeDataset(table, datasetOptions(config));
  if (!d.ok) throw new Error(d.error.kind);
  return new Trainer(d.dataset, config, (e: TrainerEvent) => e.kind === 'epoch' && losses.push(e.train), { snapshotEveryMs: 1e9 });
}

describe("the trainer's history", () => {
  const config = presetConfig(csvTable('yahoo-daily.csv'), 'seed', { epochs: 3, hidden: 8 });

  it('follows live changes, loaded weights and a reset', async () => {
    const losses: number[] = [];
    const t = trainer(config, losses);
    await t.start();
    t.setLive({ ...liveSettings(config), lr: 0.02, epochs: 6 });
    await t.start();
    expect(t.history.schedule.map((s) => [s.from, s.lr, s.fresh])).toEqual([[0, 0.1, true], [3, 0.02, false]]);
    expect(t.history.origin.cause).toBe('init');
    await t.loadParams(await t.readParams(), 6);
    expect(t.history.origin).toMatchObject({ epoch: 6, cause: 'loaded' });
    expect(t.history.schedule).toEqual([{ from: 6, optimizer: 'sgd', lr: 0.02, momentum: 0.9, clip: 0, fresh: true }]);
    await t.reset();
    expect(t.history.origin.epoch).toBe(0);
    await t.dispose();
  });

  it('a momentum changed mid-run takes effect at the next step', async () => {
    const run = async (change: boolean) => {
      const losses: number[] = [];
      const t = trainer(config, losses);
      await t.start();
      t.setLive({ ...liveSettings(config), momentum: change ? 0.1 : 0.9, epochs: 6 });
      await t.start();
      await t.dispose();
      return losses;
    };
    const [kept, changed] = [await run(false), await run(true)];
    expect(changed.slice(0, 4)).toEqual(kept.slice(0, 4)); // epoch 4's loss is taken before its step
    expect(changed[4]).not.toBe(kept[4]);
  });
});
