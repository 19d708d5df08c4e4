// One epoch of training on tfjs: a pass over the training windows (the whole
// split at once, or seeded mini-batches), the test loss on test epochs, and
// one read-back of all the losses at the end.
import * as tf from '@tensorflow/tfjs-core';
import type { TfCellModel } from '../engine/tf-cell-model.ts';
import { deriveSeed } from '../model/random.ts';
import type { TrainConfig } from './config.ts';
import { isTestEpoch, permutation } from './epochs.ts';
import type { SplitTensors } from './split-tensors.ts';

/** Mean training loss of the epoch (over windows) and the test loss (NaN when not a test epoch). */
export interface EpochLosses {
  train: number;
  test: number;
}

/** Train epoch `epoch` (1-based); null when a loss came out NaN or infinite. */
export async function trainEpoch(model: TfCellModel, t: SplitTensors, config: Pick<TrainConfig, 'batch' | 'seed' | 'epochs'>, epoch: number): Promise<EpochLosses | null> {
  const N = t.xTrain.shape[0];
  const B = config.batch > 0 && config.batch < N ? config.batch : N;
  const batchLosses: tf.Scalar[] = [];
  const sizes: number[] = [];
  if (B === N) {
    batchLosses.push(model.trainStep(t.xTrain, t.yTrain));
    sizes.push(N);
  } else {
    const order = permutation(N, deriveSeed(config.seed, epoch));
    for (let s = 0; s < N; s += B) {
      const idx = order.subarray(s, Math.min(s + B, N));
      batchLosses.push(tf.tidy(() => model.trainStep(...t.trainBatch(idx))));
      sizes.push(idx.length);
    }
  }
  const withTest = isTestEpoch(epoch, config.epochs);
  const all = tf.tidy(() => tf.stack(withTest ? [...batchLosses, model.evaluate(t.xTest, t.yTest)] : batchLosses));
  tf.dispose(batchLosses);
  const values = await all.data();
  all.dispose();
  let train = 0;
  for (let b = 0; b < sizes.length; b++) train += (values[b] * sizes[b]) / N;
  const test = withTest ? values[sizes.length] : NaN;
  if (!Number.isFinite(train) || (withTest && !Number.isFinite(test))) return null;
  return { train, test };
}
