// The bare `predict` of forecast-ahead.ts for a tfjs model: windows in,
// standardised outputs out, a chunk of windows per tensor so a long test
// split never needs one huge allocation. `await data()` (never dataSync) so it
// works on WebGPU too.
import * as tf from '@tensorflow/tfjs-core';
import { createTfModel } from '../engine/tf-cell-model.ts';
import type { CellParams } from '../model/cells.ts';
import type { TrainConfig } from './config.ts';
import type { Predict } from './forecast-ahead.ts';
import { tfOptions } from './model-options.ts';

/** Anything with the model's `predict` (N×T×F → N×1). */
export interface WindowModel {
  predict(x: tf.Tensor3D): tf.Tensor2D;
}

export const PREDICT_CHUNK = 4096;

export function tfPredict(model: WindowModel, chunk = PREDICT_CHUNK): Predict {
  return async (windows, N, T, F) => {
    if (windows.length !== N * T * F) throw new RangeError(`${windows.length} values for ${N}×${T}×${F} windows`);
    const out = new Float32Array(N);
    for (let from = 0; from < N; from += chunk) {
      const n = Math.min(chunk, N - from);
      const y = tf.tidy(() => model.predict(tf.tensor3d(windows.subarray(from * T * F, (from + n) * T * F), [n, T, F])));
      const values = await y.data();
      y.dispose();
      out.set(values, from);
    }
    return out;
  };
}

/**
 * A model of its own from saved or trained weights (Trainer.readParams()),
 * with the run's output layer: predict with it, then dispose it.
 */
export function predictorFromParams(params: CellParams, config: TrainConfig): { predict: Predict; dispose: () => void } {
  const model = createTfModel(params, tfOptions(config));
  return { predict: tfPredict(model), dispose: () => model.dispose() };
}
