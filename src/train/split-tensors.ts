// A dataset's windows as tensors, made once per run: both splits, and the
// probe batch of the gradient profile (the most recent training windows,
// newest first; the Jacobian is taken for its first window).
import * as tf from '@tensorflow/tfjs-core';
import type { Dataset } from '../data/dataset.ts';

export class SplitTensors {
  readonly xTrain: tf.Tensor3D;
  readonly yTrain: tf.Tensor2D;
  readonly xTest: tf.Tensor3D;
  readonly yTest: tf.Tensor2D;
  readonly xProbe: tf.Tensor3D;
  readonly yProbe: tf.Tensor2D;

  constructor(dataset: Dataset, probeSize: number) {
    const { T, F, train, test } = dataset;
    this.xTrain = tf.tensor3d(train.x, [train.N, T, F]);
    this.yTrain = tf.tensor2d(train.y, [train.N, 1]);
    this.xTest = tf.tensor3d(test.x, [test.N, T, F]);
    this.yTest = tf.tensor2d(test.y, [test.N, 1]);
    const P = Math.min(probeSize, train.N);
    const newestFirst = Int32Array.from({ length: P }, (_, i) => train.N - 1 - i);
    [this.xProbe, this.yProbe] = tf.tidy(() => this.trainBatch(newestFirst));
  }

  /** The training windows `idx`, in that order. Call inside tf.tidy. */
  trainBatch(idx: Int32Array): [tf.Tensor3D, tf.Tensor2D] {
    const i = tf.tensor1d(idx, 'int32');
    return [tf.gather(this.xTrain, i) as tf.Tensor3D, tf.gather(this.yTrain, i) as tf.Tensor2D];
  }

  dispose(): void {
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.yTest, this.xProbe, this.yProbe]);
  }
}
