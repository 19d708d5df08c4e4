// The data side of the memory-span experiment, pure (no tfjs, no DOM): the
// long-lag task at one lag L as windows, and the two yardsticks a run is
// measured against.
//
// Task: input(t) ~ N(0, 1), target(t) = input(t − L) (samples.ts). A window
// holds the last L inputs and forecasts the next row's target, which is the
// input at the window's first step: the model must carry that one number
// L − 1 steps through its recurrence. The target column is not an input (its
// window holds inputs older than the one to recall, so it carries nothing).
//
// Yardsticks, both on the test windows, in the target's own units:
// - persistence (tomorrow = today): forecasts target(t) = input(t − L) for
//   target(t + 1) = input(t + 1 − L), two independent draws, so its RMSE is
//   about √2 σ — a forecast that is worse than knowing nothing;
// - the training mean (a forecast that learnt nothing about the input): RMSE
//   about σ, hence a ratio to persistence of about 1/√2 ≈ 0.71. The level is
//   computed from the windows in front of the reader, not assumed.
import { makeDataset, type Dataset } from '../data/dataset.ts';
import { forecastMetrics, persistenceMetrics } from '../data/metrics.ts';
import { loadSample } from '../data/samples.ts';

export interface SpanTaskOptions {
  lag: number;
  /** Rows of the generated table. */
  rows: number;
  /** Seed of the generated series. */
  seed: number;
  /** Share of rows used for training (chronological split). */
  trainFraction: number;
}

export interface SpanTask {
  lag: number;
  dataset: Dataset;
  /** Test RMSE of the persistence forecast (target units). */
  persistenceRmse: number;
  /** Test RMSE of forecasting the training targets' mean every time: what learning nothing scores. */
  meanRmse: number;
}

/** The long-lag task at one lag: window = L, horizon 1, the level as target, scaled on the training rows. */
export function spanTask(o: SpanTaskOptions): SpanTask {
  const table = loadSample('long-lag', { lag: o.lag, length: o.rows, seed: o.seed });
  const built = makeDataset(table, {
    target: 'target',
    features: ['input'],
    window: o.lag,
    horizon: 1,
    transform: 'level',
    trainFraction: o.trainFraction,
    scaling: 'train-only',
  });
  if (!built.ok) {
    const p = built.error.params;
    throw new RangeError(`memory span: lag ${o.lag} with ${o.rows} rows leaves ${p.trainWindows ?? '?'} training and ${p.testWindows ?? '?'} test windows (${built.error.kind})`);
  }
  const dataset = built.dataset;
  const test = dataset.test;
  const meanStd = new Float64Array(test.N); // the training mean is 0 in standardised units
  const meanPrice = dataset.toPrice(meanStd, 'test');
  return {
    lag: o.lag,
    dataset,
    persistenceRmse: persistenceMetrics(test).rmse,
    meanRmse: forecastMetrics(meanPrice, test, meanStd).rmse,
  };
}

/** Test RMSE of standardised forecasts (one per test window, in order), in target units. */
export function testRmse(task: SpanTask, predStd: ArrayLike<number>): number {
  const price = task.dataset.toPrice(predStd, 'test');
  return forecastMetrics(price, task.dataset.test, predStd).rmse;
}
