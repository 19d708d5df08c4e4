// The TfRnn options of a training configuration: optimiser (with the knobs
// that may change mid-run) and the rest of the model settings, defects included.
import type { OptimizerSpec, TfRnnOptions } from '../engine/tf-rnn.ts';
import type { LiveSettings, TrainConfig } from './config.ts';

export function optimizerSpec(s: Pick<LiveSettings, 'optimizer' | 'lr' | 'momentum'>): OptimizerSpec {
  // Adam's epsilon is passed explicitly: webgl would otherwise pick a 16-bit-safe default.
  return s.optimizer === 'adam'
    ? { kind: 'adam', lr: s.lr, beta1: 0.9, beta2: 0.999, epsilon: 1e-7 }
    : { kind: 'sgd', lr: s.lr, momentum: s.momentum };
}

/** The model options of a configuration, defects included. */
export function tfOptions(c: TrainConfig): TfRnnOptions {
  return {
    activation: c.activation,
    output: c.output,
    loss: c.loss,
    optimizer: optimizerSpec(c),
    clipNorm: c.clip > 0 ? c.clip : 0,
    truncate: c.truncate,
  };
}
