// How much the trainer's loop adds to the kernel's epoch: the seed or fast
// preset on a generated seed-shaped table (price, pressure, temperature),
// trained by Trainer (test evaluations, checkpoints, snapshots and gradient
// profiles at their pacing, yields) against the bare pass over the same
// batches (TfRnn.trainBatches alone), on the current tfjs backend. Node or page.
import { makeDataset } from '../data/dataset.ts';
import { tableFromColumns } from '../data/table.ts';
import { createRng } from '../model/random.ts';
import { initParams } from '../model/init.ts';
import { TfRnn } from '../engine/tf-rnn.ts';
import { datasetOptions, type TrainConfig } from './config.ts';
import { tfOptions } from './model-options.ts';
import { presetSettings, type PresetName } from './presets.ts';
import { SplitTensors } from './split-tensors.ts';
import { Trainer } from './trainer.ts';

/** A slowly mean-reverting price nudged by two weather columns; `rows` days. */
function weatherTable(rows: number) {
  const rng = createRng(3);
  const price = new Float64Array(rows);
  const pressure = new Float64Array(rows);
  const temp = new Float64Array(rows);
  let p = 2;
  for (let i = 0; i < rows; i++) {
    temp[i] = 15 + 10 * Math.sin((2 * Math.PI * i) / 365) + rng.normal();
    pressure[i] = 1013 + 5 * rng.normal();
    p += 0.02 * (2 - p) + 0.01 * (temp[i] - 15) / 10 + 0.05 * rng.normal();
    price[i] = p;
  }
  return tableFromColumns({ columns: { price, pressure, temp }, target: 'price' });
}

export interface LoopBench {
  preset: PresetName;
  epochs: number;
  /** ms per epoch of the trainer (everything it does between "start" and "done"). */
  trainerMs: number;
  /** ms per epoch of the bare fused pass over the same batches. */
  kernelMs: number;
  ratio: number;
}

export async function benchLoop(preset: PresetName, epochs: number, rows = 3892): Promise<LoopBench> {
  const table = weatherTable(rows);
  const config: TrainConfig = { ...presetSettings(preset, table.columns, 'price'), target: 'price', seed: 1, trainFraction: 0.7, epochs };
  const made = makeDataset(table, datasetOptions(config));
  if (!made.ok) throw new Error(`dataset: ${made.error.kind}`);
  const dataset = made.dataset;

  const trainer = new Trainer(dataset, config, () => {});
  const t0 = performance.now();
  await trainer.start();
  const trainerMs = (performance.now() - t0) / epochs;
  await trainer.dispose();

  const tensors = new SplitTensors(dataset, 1);
  const model = new TfRnn(initParams({ F: dataset.F, H: config.hidden, O: 1 }, { seed: 1 }), tfOptions(config));
  const N = tensors.xTrain.shape[0];
  const B = config.batch > 0 && config.batch < N ? config.batch : N;
  const order = Int32Array.from({ length: N }, (_, i) => (i * 7919) % N);
  const t1 = performance.now();
  for (let e = 0; e < epochs; e++) {
    const r = model.trainBatches(tensors.xTrain, tensors.yTrain, B === N ? null : order, B);
    if (!r) throw new Error('the fused pass does not apply on this backend');
  }
  const kernelMs = (performance.now() - t1) / epochs;
  model.dispose();
  tensors.dispose();
  return { preset, epochs, trainerMs, kernelMs, ratio: trainerMs / kernelMs };
}
