// The whole training step on the GPU for TfRnn on the webgpu backend:
// forward, loss, BPTT, clipping and the optimiser in one command buffer
// (step.ts), with the optimiser's slots in a state buffer kept here. The
// weights stay TfRnn's tf.Variables: each step hands back new tensors that
// the variables take over (assign), so everything else — predict, readParams,
// setParams — sees them as usual.
//
// The optimiser's hyperparameters are read from TfRnn's own tfjs optimiser
// (getConfig), so a learning-rate change applies at once; a new optimiser
// object (another kind, Adam's β or ε, setParams) starts the slots afresh,
// like tfjs's. Weights assigned from outside (setParams) are noticed by their
// dataIds and packed into the state again.
import * as tf from '@tensorflow/tfjs-core';
import type { Backend } from './device.ts';
import { stateFloats } from './plan.ts';
import { STORAGE_USAGE } from './device.ts';
import { webgpuTrainStep, type StepAttrs, type UpdateSpec } from './step.ts';
import { PARAM_NAMES, type ParamName } from '../../model/types.ts';

export type WeightVariables = Record<ParamName, tf.Variable>;

interface OptimizerLike {
  getClassName(): string;
  getConfig(): Record<string, unknown>;
}

/** The update of one step from a tfjs optimiser (SGD, Momentum, Adam), or null for one the GPU step does not do. */
export function updateOf(optimizer: OptimizerLike, step: number): UpdateSpec | null {
  const c = optimizer.getConfig();
  const num = (k: string): number => Number(c[k]);
  switch (optimizer.getClassName()) {
    case 'SGD':
      return { kind: 'sgd', lr: num('learningRate'), momentum: 0 };
    case 'Momentum':
      return c.useNesterov ? null : { kind: 'sgd', lr: num('learningRate'), momentum: num('momentum') };
    case 'Adam':
      return { kind: 'adam', lr: num('learningRate'), beta1: num('beta1'), beta2: num('beta2'), epsilon: num('epsilon'), step };
    default:
      return null;
  }
}

export class WgslTraining {
  private backend: Backend | null = null;
  private state: GPUBuffer | null = null;
  private stateSize = 0;
  private optimizer: object | null = null;
  private steps = 0;
  private written: object[] | null = null;
  private fresh = false;

  /**
   * One optimiser step on the GPU; resolves nothing (the caller awaits the
   * loss). Returns null where it does not apply (another backend, an
   * optimiser it does not implement): the caller takes tfjs's path.
   */
  trainStep(vars: WeightVariables, x: tf.Tensor3D, y: tf.Tensor2D, attrs: StepAttrs, optimizer: OptimizerLike, clipNorm: number): tf.Scalar | null {
    if (tf.getBackend() !== 'webgpu') return null;
    const backend = tf.backend() as unknown as Backend;
    const floats = stateFloats(PARAM_NAMES.reduce((s, k) => s + vars[k].size, 0), vars.W.shape[0]);
    if (backend !== this.backend || optimizer !== this.optimizer || floats !== this.stateSize) this.reset(backend, optimizer, floats);
    const update = updateOf(optimizer, this.steps + 1);
    if (!update) return null;
    const pack = !this.written || PARAM_NAMES.some((k, i) => vars[k].dataId !== this.written![i]);
    const infos = webgpuTrainStep(backend, {
      inputs: { x, y, W: vars.W, U: vars.U, b: vars.b, V: vars.V, c: vars.c },
      attrs,
      state: this.state!,
      pack,
      clear: this.fresh,
      update,
      clipNorm,
    });
    this.fresh = false;
    this.steps++;
    const engine = tf.engine();
    const [loss, ...weights] = infos.map((i) => engine.makeTensorFromTensorInfo(i, backend as unknown as tf.KernelBackend));
    PARAM_NAMES.forEach((k, i) => {
      vars[k].assign(weights[i]);
      weights[i].dispose();
    });
    this.written = PARAM_NAMES.map((k) => vars[k].dataId);
    return loss as tf.Scalar;
  }

  private reset(backend: Backend, optimizer: object, floats: number): void {
    this.dispose();
    this.backend = backend;
    this.optimizer = optimizer;
    this.stateSize = floats;
    this.state = backend.bufferManager.acquireBuffer(floats * 4, STORAGE_USAGE);
    this.fresh = true;
  }

  dispose(): void {
    if (this.state && this.backend) this.backend.bufferManager.releaseBuffer(this.state);
    this.state = null;
    this.backend = null;
    this.optimizer = null;
    this.written = null;
    this.steps = 0;
    this.stateSize = 0;
  }
}
