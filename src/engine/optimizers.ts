// A model's optimisers: tfjs's (the op graph and the WGSL step apply it) and
// the fused path's on Float32Arrays (fused-optimizer.ts, wasm and cpu), both
// from one OptimizerSpec, reset together when the weights are replaced and
// retuned together when the spec changes. TfRnn and TfGated each hold one.
import * as tf from '@tensorflow/tfjs-core';
import { FusedOptimizer } from './fused-optimizer.ts';
import { ADAM_EPSILON, type OptimizerSpec } from './optimizer-spec.ts';

export function makeOptimizer(spec: OptimizerSpec): tf.Optimizer {
  if (spec.kind === 'sgd') return spec.momentum > 0 ? tf.train.momentum(spec.lr, spec.momentum) : tf.train.sgd(spec.lr);
  return tf.train.adam(spec.lr, spec.beta1 ?? 0.9, spec.beta2 ?? 0.999, spec.epsilon ?? ADAM_EPSILON);
}

/**
 * MomentumOptimizer.setMomentum (tfjs 4.22) only records the number:
 * applyGradients keeps multiplying by the scalar `m` made in the constructor.
 * Replace that scalar too, so a new momentum takes effect at the next step.
 */
function setMomentum(opt: tf.MomentumOptimizer, momentum: number): void {
  opt.setMomentum(momentum);
  const inner = opt as unknown as { m: tf.Scalar };
  inner.m.dispose();
  inner.m = tf.keep(tf.scalar(momentum));
}

/**
 * The optimiser after its spec changed from `before` to `after`: the same one
 * with a new learning rate or momentum (its state kept), or — another kind,
 * or other Adam β/ε — a fresh one (the old one disposed).
 */
export function retunedOptimizer(current: tf.Optimizer, before: OptimizerSpec, after: OptimizerSpec): tf.Optimizer {
  const sameKind = before.kind === after.kind && (after.kind === 'sgd' ? (before as typeof after).momentum > 0 === after.momentum > 0 : true);
  const sameAdam =
    after.kind !== 'adam' ||
    (before.kind === 'adam' && before.beta1 === after.beta1 && before.beta2 === after.beta2 && before.epsilon === after.epsilon);
  if (sameKind && sameAdam) {
    if (after.kind === 'sgd') {
      (current as tf.SGDOptimizer).setLearningRate(after.lr);
      if (after.momentum > 0) setMomentum(current as tf.MomentumOptimizer, after.momentum);
    } else {
      // AdamOptimizer reads its (protected) learningRate on every step.
      (current as unknown as { learningRate: number }).learningRate = after.lr;
    }
    return current;
  }
  current.dispose();
  return makeOptimizer(after);
}

export class ModelOptimizers {
  /** tfjs's optimiser over the model's variables. */
  tf: tf.Optimizer;
  /** The fused path's optimiser, on Float32Arrays. */
  fused: FusedOptimizer;

  constructor(private spec: OptimizerSpec) {
    this.spec = { ...spec };
    this.tf = makeOptimizer(this.spec);
    this.fused = new FusedOptimizer(this.spec);
  }

  /** Start both afresh (new weights: no moments carried over). */
  reset(): void {
    this.tf.dispose();
    this.tf = makeOptimizer(this.spec);
    this.fused = new FusedOptimizer(this.spec);
  }

  /** A new spec between steps: a new learning rate or momentum keeps the state; another kind (or Adam's β/ε) starts afresh. */
  retune(after: OptimizerSpec): void {
    this.tf = retunedOptimizer(this.tf, this.spec, after);
    this.fused.retune(after);
    this.spec = { ...after };
  }

  dispose(): void {
    this.tf.dispose();
  }
}
