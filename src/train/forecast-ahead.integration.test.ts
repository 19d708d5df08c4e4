import '@tensorflow/tfjs-backend-cpu';
// The forecast past the data with the page's own Trainer (tfjs cpu in Node)
// on the bundled seasonal series: three steps, each with its band, beside
// persistence (the last value).
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { aheadBands } from '../data/ahead-band.ts';
import { makeDataset } from '../data/dataset.ts';
import { loadSample } from '../data/samples.ts';
import type { TrainConfig } from './config.ts';
import { forecastAhead } from './forecast-ahead.ts';
import { datasetOptions } from './config.ts';
import { predictorFromParams } from './tf-predict.ts';
import { Trainer } from './trainer.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const CONFIG: TrainConfig = {
  target: 'value',
  features: ['value'],
  window: 12,
  horizon: 1,
  transform: 'level',
  trainFraction: 0.7,
  scaling: 'train-only',
  cell: 'rnn',
  hidden: 8,
  init: 'default',
  forgetBias: 0,
  activation: 'tanh',
  output: 'linear',
  loss: 'mse',
  optimizer: 'adam',
  lr: 0.02,
  momentum: 0.9,
  batch: 64,
  epochs: 15,
  clip: 0,
  truncate: 0,
  seed: 3,
};

describe('forecast ahead with a trained model', () => {
  it('seasonal sample, K = 3: low ≤ model ≤ high, persistence = last value, steps counted; on a dated copy, trading days', async () => {
    const table = loadSample('seasonal');
    const built = makeDataset(table, datasetOptions(CONFIG));
    if (!built.ok) throw new Error(built.error.kind);
    const d = built.dataset;
    const trainer = new Trainer(d, CONFIG, () => {}, { snapshotEveryMs: 1e9 });
    await trainer.start();
    const snapshot = await trainer.snapshot();
    expect(snapshot.model.rmse).toBeLessThan(0.8 * snapshot.baseline.rmse);

    const tensors = tf.memory().numTensors;
    const { predict, dispose } = predictorFromParams(await trainer.readParams(), CONFIG);
    const run = await forecastAhead(table, d, predict, { steps: 3 });
    dispose();
    expect(tf.memory().numTensors).toBe(tensors);

    const last = table.values.value[table.rows - 1];
    expect(run).toMatchObject({ requested: 3, limit: null, lastDate: null, lastValue: last, origins: d.test.N });
    expect(run.steps.map((s) => s.date)).toEqual(['1', '2', '3']);
    // Step 1 from each test origin is the trainer's own one-step forecast of that window.
    const own = Float64Array.from(d.test.actual, (a, i) => a - snapshot.test[i]).sort();
    expect(run.steps[0].modelErrors).toEqual(own);

    const bands = aheadBands(run.steps, 0.8);
    for (const s of bands.steps) {
      const m = s.modelBand!;
      const p = s.persistenceBand!;
      expect(m.low).toBeLessThanOrEqual(s.model);
      expect(s.model).toBeLessThanOrEqual(m.high);
      expect(m.low).toBeLessThan(m.high);
      expect(s.persistence).toBe(last);
      expect(p.low).toBeLessThanOrEqual(last);
      expect(last).toBeLessThanOrEqual(p.high);
      expect(s.n).toBe(d.test.N - (s.step - 1));
      // About 80 % of the test errors at this step lie between the band's two quantiles.
      const errors = run.steps[s.step - 1].modelErrors;
      const inside = errors.filter((e) => e >= m.qLow && e <= m.qHigh).length / errors.length;
      expect(inside).toBeGreaterThan(0.79);
      expect(inside).toBeLessThan(0.81);
    }
    // A seasonal series that the model has learnt: its band is the narrower one at every step.
    expect(bands.verdict.narrowerSteps).toEqual([1, 2, 3]);
    // Later steps carry more uncertainty than the first.
    const width = (i: number) => bands.steps[i].modelBand!.high - bands.steps[i].modelBand!.low;
    expect(width(2)).toBeGreaterThan(width(0));

    // The same series on trading days: the steps follow the calendar, the numbers do not change.
    const days: string[] = [];
    for (let t = Date.UTC(2016, 0, 4); days.length < table.rows; t += 86400e3) {
      const wd = new Date(t).getUTCDay();
      if (wd >= 1 && wd <= 5) days.push(new Date(t).toISOString().slice(0, 10));
    }
    expect(days.at(-1)).toBe('2019-11-01'); // a Friday
    const dated = { ...table, dates: days, dateColumn: 'date' };
    const again = predictorFromParams(await trainer.readParams(), CONFIG);
    const runDated = await forecastAhead(dated, d, again.predict, { steps: 3 });
    again.dispose();
    expect(runDated.steps.map((s) => s.date)).toEqual(['2019-11-04', '2019-11-05', '2019-11-06']);
    expect(runDated.steps.map((s) => s.model)).toEqual(run.steps.map((s) => s.model));
    if (process.env.AHEAD_LOG) console.log(JSON.stringify({ rmse: [snapshot.model.rmse, snapshot.baseline.rmse], steps: bands.steps.map((s) => [s.model, s.modelBand, s.persistence, s.persistenceBand]) }));
    await trainer.dispose();
  });
});
