// What the page sees of a model at one moment: its forecasts in price units
// on both splits, the test metrics beside persistence, how flat the
// forecasts are, and the gradient profile (‖∂L/∂h(k)‖, the LSTM's ‖∂L/∂c(k)‖,
// and the state Jacobian's ‖∂s(T)/∂s(k)‖₂).
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../data/dataset.ts';
import { forecastMetrics } from '../data/metrics.ts';
import type { TfCellModel } from '../engine/tf-cell-model.ts';
import type { Metrics, Snapshot } from './protocol.ts';
import type { SplitTensors } from './split-tensors.ts';

/** Population standard deviation (0 for no values). */
export function std(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i];
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (values[i] - m) ** 2;
  return Math.sqrt(s / n);
}

/** Train and test loss at the model's current weights. */
export async function splitLosses(model: TfCellModel, t: SplitTensors): Promise<{ train: number; test: number }> {
  const both = tf.tidy(() => tf.stack([model.evaluate(t.xTrain, t.yTrain), model.evaluate(t.xTest, t.yTest)]));
  const v = await both.data();
  both.dispose();
  return { train: v[0], test: v[1] };
}

/** Standardised one-step forecasts of both splits at the model's current weights. */
export async function standardisedForecasts(model: TfCellModel, t: SplitTensors): Promise<{ train: Float32Array; test: Float32Array }> {
  const [a, b] = tf.tidy(() => [model.predict(t.xTrain), model.predict(t.xTest)]);
  const [train, test] = await Promise.all([a.data() as Promise<Float32Array>, b.data() as Promise<Float32Array>]);
  a.dispose();
  b.dispose();
  return { train, test };
}

export async function takeSnapshot(model: TfCellModel, t: SplitTensors, dataset: Dataset, baseline: Metrics, epoch: number): Promise<Snapshot> {
  const { train, test } = await standardisedForecasts(model, t);
  const trainPrice = dataset.toPrice(train, 'train');
  const testPrice = dataset.toPrice(test, 'test');
  const profile = await model.gradientProfile(t.xProbe, t.yProbe);
  return {
    epoch,
    train: trainPrice,
    test: testPrice,
    model: forecastMetrics(testPrice, dataset.test, test),
    baseline,
    predStd: std(test),
    zeta: {
      cell: model.cell,
      dLdh: Float64Array.from(profile.dLdhNorm),
      jacobian: Float64Array.from(profile.jacobian.spectral),
      ...(profile.dLdcNorm ? { dLdc: Float64Array.from(profile.dLdcNorm) } : {}),
    },
  };
}
