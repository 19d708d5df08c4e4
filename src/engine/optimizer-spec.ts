// What the trainer asks of its optimiser: the kind and its numbers. One
// spec drives both of a model's optimisers (optimizers.ts).

export type OptimizerSpec =
  | { kind: 'sgd'; lr: number; momentum: number }
  | { kind: 'adam'; lr: number; beta1?: number; beta2?: number; epsilon?: number };

/**
 * Adam's ε, passed explicitly: left unset, tfjs takes the backend's epsilon,
 * which is 1e-4 on WebGL with 16-bit floats and 1e-7 elsewhere. 1e-7 is the
 * Keras/tfjs float32 default (PyTorch uses 1e-8, below float32's resolution
 * around 1).
 */
export const ADAM_EPSILON = 1e-7;
