// The RNN on tfjs for training (many-to-one regression, as in the seed
// experiment), plus a one-shot tfjs evaluation of loss and gradients used to
// check the hand-written BPTT. Every tensor op runs inside tf.tidy; the only
// long-lived tensors are the five weight variables and the optimiser's slots,
// so tf.memory().numTensors stays flat across steps.
import * as tf from '@tensorflow/tfjs-core';
// Autodiff: tfjs-core registers no gradients of its own.
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { jacobianNorms, type JacobianNorms } from '../model/jacobian.ts';
import { fastZetaKernels } from './wasm-zeta.ts';
import { forward } from '../model/rnn.ts';
import {
  clipByGlobalNorm,
  tfBroadcastSquaredError,
  tfHiddenStates,
  tfOutputs,
  tfSquaredError,
  type TfWeights,
} from './tf-model.ts';
import { fusedAvailable, fusedLossAndGrads, fusedPredict, type FusedAttrs } from './tf-fused.ts';
import { ModelOptimizers } from './optimizers.ts';
import { fusedEpoch, type BatchGrads } from './fused-train.ts';
import { fusedRnn } from './fused-step.ts';
import { WgslTraining } from './webgpu/training.ts';
import type { Activation, Grads, LossMode, RnnParams, Sequences } from '../model/types.ts';
import { PARAM_NAMES } from '../model/types.ts';
import type { LossName, OutputName } from './head.ts';
import type { OptimizerSpec } from './optimizer-spec.ts';

export interface TfRnnOptions {
  activation: Activation;
  output: OutputName;
  loss: LossName;
  optimizer: OptimizerSpec;
  /** Global-norm gradient clipping threshold; 0 = off. */
  clipNorm: number;
  /** Truncated BPTT: the gradient flows back this many steps from T; 0 or absent = full BPTT. */
  truncate?: number;
}

const f32 = (a: Float64Array): Float32Array => Float32Array.from(a);

function tensorsOf(p: RnnParams): TfWeights {
  return {
    W: tf.tensor2d(f32(p.W), [p.H, p.H]),
    U: tf.tensor2d(f32(p.U), [p.H, p.F]),
    b: tf.tensor1d(f32(p.b)),
    V: tf.tensor2d(f32(p.V), [p.O, p.H]),
    c: tf.tensor1d(f32(p.c)),
  };
}

async function toFloat64(t: tf.Tensor): Promise<Float64Array> {
  return Float64Array.from(await t.data());
}

type Vars = { [K in keyof TfWeights]: tf.Variable };

export class TfRnn {
  /** The simple cell (tf-cell-model.ts builds any cell's model). */
  readonly cell = 'rnn' as const;
  private readonly F: number;
  private readonly H: number;
  private readonly O: number;
  private readonly vars: Vars;
  private opts: TfRnnOptions;
  private readonly optimizers: ModelOptimizers;
  /** On webgpu: the whole step, optimiser included, as WGSL passes (webgpu/training.ts). */
  private readonly wgsl = new WgslTraining();

  constructor(params: RnnParams, opts: TfRnnOptions) {
    this.F = params.F;
    this.H = params.H;
    this.O = params.O;
    const init = tensorsOf(params);
    // Unnamed variables get unique names, so several models can coexist.
    this.vars = {
      W: tf.variable(init.W),
      U: tf.variable(init.U),
      b: tf.variable(init.b),
      V: tf.variable(init.V),
      c: tf.variable(init.c),
    };
    for (const t of Object.values(init)) t.dispose();
    this.opts = { ...opts, optimizer: { ...opts.optimizer } };
    this.optimizers = new ModelOptimizers(this.opts.optimizer);
  }

  get options(): Readonly<TfRnnOptions> {
    return this.opts;
  }

  private weights(): TfWeights {
    const v = this.vars;
    return { W: v.W as tf.Tensor2D, U: v.U as tf.Tensor2D, b: v.b as tf.Tensor1D, V: v.V as tf.Tensor2D, c: v.c as tf.Tensor1D };
  }

  private fused(x: tf.Tensor3D): boolean {
    const [N, T, F] = x.shape;
    return fusedAvailable({ N, T, F, H: this.H });
  }

  private fusedAttrs(): FusedAttrs {
    return { activation: this.opts.activation, output: this.opts.output, loss: this.opts.loss, truncate: this.opts.truncate ?? 0 };
  }

  /**
   * Prediction ŷ = o(T), or tanh(o(T)) with the seed's output layer. Call inside tidy.
   * On wasm and cpu one fused kernel (tf-fused.ts) computes it; the probes need tfjs's graph.
   */
  private output(x: tf.Tensor3D, probes?: tf.Tensor[]): tf.Tensor2D {
    const w = this.weights();
    if (!probes && this.fused(x)) return fusedPredict(w, x, this.fusedAttrs());
    const o = tfOutputs(w, tfHiddenStates(w, x, this.opts.activation, probes, this.opts.truncate), 'many-to-one') as tf.Tensor2D;
    return this.opts.output === 'tanh' ? tf.tanh(o) : o;
  }

  private lossTensor(x: tf.Tensor3D, y: tf.Tensor2D, probes?: tf.Tensor[]): tf.Scalar {
    const yhat = this.output(x, probes);
    return this.opts.loss === 'broadcast-mse' ? tfBroadcastSquaredError(yhat, y) : tfSquaredError(yhat, y, 'many-to-one');
  }

  /**
   * One optimiser step on (x, y). Returns the loss before the step; the caller awaits .data() and disposes it.
   * On wasm and cpu the loss and gradients come from one fused forward + BPTT kernel (tf-fused.ts);
   * on webgpu the whole step, optimiser and clipping included, runs as WGSL passes (webgpu/training.ts);
   * elsewhere (or beyond the kernels' limits) from tfjs's autodiff of the op graph.
   */
  trainStep(x: tf.Tensor3D, y: tf.Tensor2D): tf.Scalar {
    if (this.fused(x)) {
      const onGpu = this.wgsl.trainStep(this.vars, x, y, this.fusedAttrs(), this.optimizers.tf, this.opts.clipNorm);
      if (onGpu) return onGpu;
      if (tf.getBackend() !== 'webgpu') return tf.scalar(this.trainFused(x, y, null, x.shape[0]).losses[0]);
      return tf.tidy(() => {
        const { loss, grads } = fusedLossAndGrads(this.weights(), x, y, this.fusedAttrs());
        const named: tf.NamedTensorMap = {};
        for (const k of PARAM_NAMES) named[this.vars[k].name] = grads[k];
        this.optimizers.tf.applyGradients(this.opts.clipNorm > 0 ? clipByGlobalNorm(named, this.opts.clipNorm) : named);
        return loss;
      });
    }
    return tf.tidy(() => {
      const varList = Object.values(this.vars);
      const { value, grads } = tf.variableGrads(() => this.lossTensor(x, y), varList);
      const applied = this.opts.clipNorm > 0 ? clipByGlobalNorm(grads, this.opts.clipNorm) : grads;
      this.optimizers.tf.applyGradients(applied);
      return value;
    });
  }

  /**
   * A pass over all of (x, y) in batches of `batch` windows taken in `order`
   * (null: as stored), when the fused path runs them on this backend (wasm,
   * cpu): gather, kernel, clipping and optimiser on Float32Arrays, one kernel
   * call per batch and no tfjs op (fused-train.ts). Each batch's loss before
   * its step, and its size; null where the fused path does not apply (the
   * caller steps with trainStep on its own batches).
   */
  trainBatches(x: tf.Tensor3D, y: tf.Tensor2D, order: Int32Array | null, batch: number): { losses: number[]; sizes: number[] } | null {
    const [N, T, F] = x.shape;
    if (tf.getBackend() === 'webgpu' || !fusedAvailable({ N: Math.min(batch, N), T, F, H: this.H })) return null;
    return this.trainFused(x, y, order, batch);
  }

  private trainFused(x: tf.Tensor3D, y: tf.Tensor2D, order: Int32Array | null, batch: number): { losses: number[]; sizes: number[] } {
    const v = this.vars;
    const [, T, F] = x.shape;
    const { H, O } = this;
    const attrs = this.fusedAttrs();
    const kernel = fusedRnn(H);
    const grads: BatchGrads = (N, xb, yb, [W, U, b, V, c]) => {
      const g = kernel.grads({ N, T, F, H, O, x: xb, y: yb, w: { W, U, b, V, c }, ...attrs, truncate: attrs.truncate ?? 0 });
      return { loss: g.loss, grads: [g.W, g.U, g.b, g.V, g.c] };
    };
    const split = { cell: 'rnn' as const, T, F, H, O, ...attrs, truncate: attrs.truncate ?? 0 };
    return fusedEpoch({ vars: [v.W, v.U, v.b, v.V, v.c], x, y, order, batch, grads, optimizer: this.optimizers.fused, clipNorm: this.opts.clipNorm, split });
  }

  predict(x: tf.Tensor3D): tf.Tensor2D {
    return tf.tidy(() => this.output(x));
  }

  /** The training loss at the current weights. */
  evaluate(x: tf.Tensor3D, y: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => this.lossTensor(x, y));
  }

  /**
   * From the current weights: ‖∂L/∂h(k)‖ (Frobenius over the batch) for
   * k = 1..T from one backward pass through zero probes added to each h(k),
   * and the ζ norms ‖∂h(T)/∂h(k)‖ of sample 0 (computed in Float64 by
   * jacobian.ts on the weights read back).
   */
  async gradientProfile(x: tf.Tensor3D, y: tf.Tensor2D): Promise<{ dLdhNorm: Float64Array; jacobian: JacobianNorms }> {
    const [N, T, F] = x.shape;
    const norms = tf.tidy(() => {
      const probes = Array.from({ length: T }, () => tf.zeros([N, this.H]));
      const g = tf.grads((...ps: tf.Tensor[]) => this.lossTensor(x, y, ps))(probes);
      return tf.stack(g.map((t) => tf.sqrt(tf.sum(tf.square(t)))));
    });
    const first = tf.tidy(() => tf.slice(x, [0, 0, 0], [1, T, F]));
    const [dLdhNorm, x0, params] = await Promise.all([toFloat64(norms), toFloat64(first), this.readParams()]);
    norms.dispose();
    first.dispose();
    const pass = forward(params, { N: 1, T, x: x0 }, this.opts.activation);
    return { dLdhNorm, jacobian: jacobianNorms(params.W, params.H, pass.a, T, this.opts.activation, { kernels: fastZetaKernels() }) };
  }

  async readParams(): Promise<RnnParams> {
    const [W, U, b, V, c] = await Promise.all(PARAM_NAMES.map((k) => toFloat64(this.vars[k])));
    return { F: this.F, H: this.H, O: this.O, W, U, b, V, c };
  }

  /** Replace the weights (same dimensions) and reset the optimiser's state. */
  setParams(p: RnnParams): void {
    if ('cell' in p) throw new Error(`setParams: parameters of a ${String((p as { cell: unknown }).cell)}, not of the simple cell`);
    if (p.F !== this.F || p.H !== this.H || p.O !== this.O) {
      throw new Error(`setParams: dimensions F=${p.F} H=${p.H} O=${p.O} differ from the model's F=${this.F} H=${this.H} O=${this.O}`);
    }
    tf.tidy(() => {
      const t = tensorsOf(p);
      for (const k of PARAM_NAMES) this.vars[k].assign(t[k]);
    });
    this.optimizers.reset();
  }

  /**
   * Change options between steps. A new learning rate or momentum keeps the
   * optimiser's state; another optimiser kind (or Adam's β/ε) starts afresh.
   */
  setOptions(opts: Partial<TfRnnOptions>): void {
    this.opts = { ...this.opts, ...opts, optimizer: { ...(opts.optimizer ?? this.opts.optimizer) } };
    if (opts.optimizer) this.optimizers.retune(this.opts.optimizer);
  }

  dispose(): void {
    this.wgsl.dispose();
    this.optimizers.dispose();
    for (const v of Object.values(this.vars)) v.dispose();
  }
}

export interface TfLossAndGrads {
  loss: number;
  grads: Grads;
  /** N×T×H */
  h: Float64Array;
  /** N×O (many-to-one) or N×T×O (many-to-many) */
  yhat: Float64Array;
  /** length T: ‖∂L/∂h(k)‖ over the batch */
  dLdhNorm: Float64Array;
}

/**
 * Loss, parameter gradients (tfjs autodiff) and ∂L/∂h(k) norms (zero probes)
 * for the fixture conventions, on the current tf backend in float32.
 */
export async function tfLossAndGrads(p: RnnParams, seq: Sequences, y: Float64Array, act: Activation, mode: LossMode): Promise<TfLossAndGrads> {
  const { N, T } = seq;
  const { F, H, O } = p;
  const outs = tf.tidy(() => {
    const w = tensorsOf(p);
    const x = tf.tensor3d(f32(seq.x), [N, T, F]);
    const target = mode === 'many-to-one' ? tf.tensor2d(f32(y), [N, O]) : tf.tensor3d(f32(y), [N, T, O]);
    const probes = Array.from({ length: T }, () => tf.zeros([N, H]));
    const f = (W: tf.Tensor, U: tf.Tensor, b: tf.Tensor, V: tf.Tensor, c: tf.Tensor, ...ps: tf.Tensor[]): tf.Scalar => {
      const ww = { W, U, b, V, c } as TfWeights;
      return tfSquaredError(tfOutputs(ww, tfHiddenStates(ww, x, act, ps), mode), target, mode);
    };
    const { value, grads } = tf.valueAndGrads(f as (...a: tf.Tensor[]) => tf.Scalar)([w.W, w.U, w.b, w.V, w.c, ...probes]);
    const states = tfHiddenStates(w, x, act);
    const h = tf.stack(states, 1);
    const yhat = tfOutputs(w, states, mode);
    const dLdhNorm = tf.stack(grads.slice(5).map((g) => tf.sqrt(tf.sum(tf.square(g)))));
    return [value, ...grads.slice(0, 5), h, yhat, dLdhNorm];
  });
  const data = await Promise.all(outs.map(toFloat64));
  for (const t of outs) t.dispose();
  const [loss, gW, gU, gb, gV, gc, h, yhat, dLdhNorm] = data;
  return { loss: loss[0], grads: { W: gW, U: gU, b: gb, V: gV, c: gc }, h, yhat, dLdhNorm };
}
