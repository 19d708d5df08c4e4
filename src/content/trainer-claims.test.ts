import '@tensorflow/tfjs-backend-cpu';
// What section 6 says the fast preset does, checked by the trainer's own code
// path (dataset, Trainer, metrics) on the tfjs cpu backend, at the settings
// of the text's links: a tie with persistence on the S&P 500 series, a clear
// win on the seasonal series. (The article's preset needs 2000 full-batch
// epochs, minutes on this machine; the seed-experiment widget runs it.)
import * as tf from '@tensorflow/tfjs-core';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { makeDataset } from '../data/dataset.ts';
import { forecastMetrics, persistenceMetrics } from '../data/metrics.ts';
import { datasetOptions } from '../train/config.ts';
import { Trainer } from '../train/trainer.ts';
import { TIE_BAND } from '../widgets/trainer/metrics-panel.ts';
import { configFromFields, type TrainFields } from '../widgets/trainer/fields.ts';
import { settingsAt, trainerTable } from './widget-presets.ts';

const ctx = { root: fileURLToPath(new URL('../..', import.meta.url)) };

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

/** Test RMSE of the model relative to persistence's, minus one, after training at a link's settings. */
async function relativeRmse(query: string): Promise<number> {
  const table = trainerTable(new URLSearchParams(query), ctx);
  const config = configFromFields(settingsAt('trainer', query, ctx) as unknown as TrainFields, table.columns, table.target);
  const r = makeDataset(table, datasetOptions(config));
  if (!r.ok) throw new Error(r.error.kind);
  const d = r.dataset;
  const trainer = new Trainer(d, config, () => {}, { snapshotEveryMs: 1e9 });
  await trainer.start();
  const pred = await trainer.predictStd();
  const model = forecastMetrics(d.toPrice(pred.test, 'test'), d.test, pred.test);
  return model.rmse / persistenceMetrics(d.test).rmse - 1;
}

describe('§6: the fast preset', () => {
  it('ties with persistence on the S&P 500 series (within the trainer\'s tie band)', async () => {
    expect(Math.abs(await relativeRmse('data=sp500&preset=fast'))).toBeLessThan(TIE_BAND);
  });
  it('beats persistence on the seasonal series with less than half its RMSE', async () => {
    expect(await relativeRmse('data=seasonal&preset=fast')).toBeLessThan(-0.5);
  });
});
