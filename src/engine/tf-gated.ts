// The LSTM or GRU on tfjs for training (many-to-one regression), with the
// public surface of TfRnn (tf-rnn.ts), plus a one-shot tfjs evaluation of
// loss, gradients and ∂L/∂h, ∂L/∂c used to check the hand-written backward
// passes. On wasm and cpu one fused kernel (tf-fused-gated.ts) computes the
// loss and gradients; on webgpu the whole step, optimiser included, runs as
// WGSL passes (webgpu/training.ts); elsewhere tfjs's autodiff of the op graph
// (tf-gated-model.ts). The only long-lived tensors are the six weight
// variables and the optimiser's slots.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-core/dist/register_all_gradients';
import { GATED_PARAM_NAMES, type GatedCell, type GatedGrads, type GatedParamName, type GatedParams } from '../model/cells.ts';
import { stateJacobianNorms } from '../model/gated-jacobian.ts';
import type { LossMode, Sequences } from '../model/types.ts';
import { fusedGatedAvailable, fusedGatedPredict, type FusedHead } from './tf-fused-gated.ts';
import { fusedGated, type FusedGatedWeights } from './fused-gated.ts';
import { ModelOptimizers } from './optimizers.ts';
import { fusedEpoch, type BatchGrads } from './fused-train.ts';
import { tfGatedStates, type StateProbes, type TfGatedWeights } from './tf-gated-model.ts';
import { clipByGlobalNorm, tfBroadcastSquaredError, tfOutputs, tfSquaredError } from './tf-model.ts';
import type { TfRnnOptions } from './tf-rnn.ts';
import type { GradientProfile } from './tf-cell-model.ts';
import { fastZetaKernels } from './wasm-zeta.ts';
import { WgslTraining } from './webgpu/training.ts';

const f32 = (a: Float64Array): Float32Array => Float32Array.from(a);

function tensorsOf(p: GatedParams): TfGatedWeights {
  const G = p.weight_hh.length / p.H;
  return {
    weight_ih: tf.tensor2d(f32(p.weight_ih), [G, p.F]),
    weight_hh: tf.tensor2d(f32(p.weight_hh), [G, p.H]),
    bias_ih: tf.tensor1d(f32(p.bias_ih)),
    bias_hh: tf.tensor1d(f32(p.bias_hh)),
    V: tf.tensor2d(f32(p.V), [p.O, p.H]),
    c: tf.tensor1d(f32(p.c)),
  };
}

async function toFloat64(t: tf.Tensor): Promise<Float64Array> {
  return Float64Array.from(await t.data());
}

const norm = (t: tf.Tensor): tf.Tensor => tf.sqrt(tf.sum(tf.square(t)));

export class TfGated {
  readonly cell: GatedCell;
  private readonly F: number;
  private readonly H: number;
  private readonly O: number;
  private readonly vars: Record<GatedParamName, tf.Variable>;
  private opts: TfRnnOptions;
  private readonly optimizers: ModelOptimizers;
  /** On webgpu: the whole step, optimiser included, as WGSL passes. */
  private readonly wgsl: WgslTraining;

  /** `opts.activation` does not apply (the gates are σ and tanh); the output layer, loss, optimiser and clipping do. */
  constructor(params: GatedParams, opts: TfRnnOptions) {
    this.cell = params.cell;
    this.wgsl = new WgslTraining(params.cell);
    this.F = params.F;
    this.H = params.H;
    this.O = params.O;
    const init = tensorsOf(params);
    this.vars = {} as Record<GatedParamName, tf.Variable>;
    for (const k of GATED_PARAM_NAMES) this.vars[k] = tf.variable(init[k]);
    tf.dispose(Object.values(init));
    this.opts = { ...opts, optimizer: { ...opts.optimizer } };
    this.optimizers = new ModelOptimizers(this.opts.optimizer);
  }

  get options(): Readonly<TfRnnOptions> {
    return this.opts;
  }

  private weights(): TfGatedWeights {
    return { ...this.vars } as unknown as TfGatedWeights;
  }

  private fused(x: tf.Tensor3D): boolean {
    const [N, T, F] = x.shape;
    return fusedGatedAvailable(this.cell, { N, T, F, H: this.H });
  }

  private head(): FusedHead {
    return { output: this.opts.output, loss: this.opts.loss, truncate: this.opts.truncate ?? 0 };
  }

  /** ŷ = o(T), or tanh(o(T)) with the seed's output layer. Call inside tidy. The probes need tfjs's graph. */
  private output(x: tf.Tensor3D, probes?: StateProbes): tf.Tensor2D {
    const w = this.weights();
    if (!probes && this.fused(x)) return fusedGatedPredict(this.cell, w, x, this.head());
    const o = tfOutputs(w, tfGatedStates(this.cell, w, x, probes, this.opts.truncate).h, 'many-to-one') as tf.Tensor2D;
    return this.opts.output === 'tanh' ? tf.tanh(o) : o;
  }

  private lossTensor(x: tf.Tensor3D, y: tf.Tensor2D, probes?: StateProbes): tf.Scalar {
    const yhat = this.output(x, probes);
    return this.opts.loss === 'broadcast-mse' ? tfBroadcastSquaredError(yhat, y) : tfSquaredError(yhat, y, 'many-to-one');
  }

  /**
   * One optimiser step on (x, y). Returns the loss before the step; the caller awaits .data() and disposes it.
   * On webgpu the whole step as WGSL passes (webgpu/training.ts); on wasm and cpu the fused kernel,
   * clipping and optimiser on Float32Arrays (fused-train.ts); elsewhere tfjs's autodiff.
   */
  trainStep(x: tf.Tensor3D, y: tf.Tensor2D): tf.Scalar {
    if (this.fused(x)) {
      const onGpu = this.wgsl.trainStep(this.vars, x, y, { activation: 'tanh', ...this.head() }, this.optimizers.tf, this.opts.clipNorm);
      if (onGpu) return onGpu;
      if (tf.getBackend() !== 'webgpu') return tf.scalar(this.trainFused(x, y, null, x.shape[0]).losses[0]);
    }
    return tf.tidy(() => {
      const r = tf.variableGrads(() => this.lossTensor(x, y), Object.values(this.vars));
      this.optimizers.tf.applyGradients(this.opts.clipNorm > 0 ? clipByGlobalNorm(r.grads, this.opts.clipNorm) : r.grads);
      return r.value;
    });
  }

  /** A pass over (x, y) in batches taken in `order`, without a tfjs op per batch (as TfRnn.trainBatches); null where the fused kernel does not apply. */
  trainBatches(x: tf.Tensor3D, y: tf.Tensor2D, order: Int32Array | null, batch: number): { losses: number[]; sizes: number[] } | null {
    const [N, T, F] = x.shape;
    if (tf.getBackend() === 'webgpu' || !fusedGatedAvailable(this.cell, { N: Math.min(batch, N), T, F, H: this.H })) return null;
    return this.trainFused(x, y, order, batch);
  }

  private trainFused(x: tf.Tensor3D, y: tf.Tensor2D, order: Int32Array | null, batch: number): { losses: number[]; sizes: number[] } {
    const [, T, F] = x.shape;
    const { H, O } = this;
    const head = this.head();
    const kernel = fusedGated(this.cell, H);
    const grads: BatchGrads = (N, xb, yb, views) => {
      const w = {} as FusedGatedWeights;
      GATED_PARAM_NAMES.forEach((k, i) => (w[k] = views[i]));
      const g = kernel.grads({ N, T, F, H, O, x: xb, y: yb, w, output: head.output, loss: head.loss, truncate: head.truncate ?? 0 });
      return { loss: g.loss, grads: GATED_PARAM_NAMES.map((k) => g[k]) };
    };
    const vars = GATED_PARAM_NAMES.map((k) => this.vars[k]);
    const split = { cell: this.cell, T, F, H, O, activation: 'tanh' as const, output: head.output, loss: head.loss, truncate: head.truncate ?? 0 };
    return fusedEpoch({ vars, x, y, order, batch, grads, optimizer: this.optimizers.fused, clipNorm: this.opts.clipNorm, split });
  }

  predict(x: tf.Tensor3D): tf.Tensor2D {
    return tf.tidy(() => this.output(x));
  }

  /** The training loss at the current weights. */
  evaluate(x: tf.Tensor3D, y: tf.Tensor2D): tf.Scalar {
    return tf.tidy(() => this.lossTensor(x, y));
  }

  /**
   * From the current weights: ‖∂L/∂h(k)‖ and, for the LSTM, ‖∂L/∂c(k)‖
   * (Frobenius over the batch) for k = 1..T from one backward pass through
   * zero probes, and the norms of the state Jacobian ∂s(T)/∂s(k) of sample 0
   * (Float64, gated-jacobian.ts, on the weights read back).
   */
  async gradientProfile(x: tf.Tensor3D, y: tf.Tensor2D): Promise<GradientProfile> {
    const [N, T, F] = x.shape;
    const lstm = this.cell === 'lstm';
    const norms = tf.tidy(() => {
      const probes = Array.from({ length: lstm ? 2 * T : T }, () => tf.zeros([N, this.H]));
      const g = tf.grads((...ps: tf.Tensor[]) => this.lossTensor(x, y, { h: ps.slice(0, T), c: lstm ? ps.slice(T) : undefined }))(probes);
      return tf.stack(g.map(norm));
    });
    const first = tf.tidy(() => tf.slice(x, [0, 0, 0], [1, T, F]));
    const [all, x0, params] = await Promise.all([toFloat64(norms), toFloat64(first), this.readParams()]);
    tf.dispose([norms, first]);
    const jacobian = stateJacobianNorms(params, x0, T, { kernels: fastZetaKernels() });
    return { dLdhNorm: all.slice(0, T), ...(lstm ? { dLdcNorm: all.slice(T) } : {}), jacobian };
  }

  async readParams(): Promise<GatedParams> {
    const arrays = await Promise.all(GATED_PARAM_NAMES.map((k) => toFloat64(this.vars[k])));
    const out = { cell: this.cell, F: this.F, H: this.H, O: this.O } as GatedParams;
    GATED_PARAM_NAMES.forEach((k, i) => (out[k] = arrays[i]));
    return out;
  }

  /** Replace the weights (same cell and dimensions) and reset the optimiser's state. */
  setParams(p: GatedParams): void {
    if (p.cell !== this.cell || p.F !== this.F || p.H !== this.H || p.O !== this.O) {
      throw new Error(`setParams: a ${String(p.cell ?? 'rnn')} with F=${p.F} H=${p.H} O=${p.O} does not fit this ${this.cell} with F=${this.F} H=${this.H} O=${this.O}`);
    }
    tf.tidy(() => {
      const t = tensorsOf(p);
      for (const k of GATED_PARAM_NAMES) this.vars[k].assign(t[k]);
    });
    this.optimizers.reset();
  }

  /** Change options between steps (as TfRnn.setOptions). */
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

export interface TfGatedLossAndGrads {
  loss: number;
  grads: GatedGrads;
  /** N×T×H */
  h: Float64Array;
  /** LSTM: N×T×H; GRU: empty */
  c: Float64Array;
  /** N×O (many-to-one) or N×T×O (many-to-many) */
  yhat: Float64Array;
  /** length T: ‖∂L/∂h(k)‖ over the batch */
  dLdhNorm: Float64Array;
  /** LSTM: length T, ‖∂L/∂c(k)‖; GRU: empty */
  dLdcNorm: Float64Array;
}

/** Loss, parameter gradients (tfjs autodiff) and ∂L/∂h(k), ∂L/∂c(k) norms (zero probes), on the current backend in float32. */
export async function tfGatedLossAndGrads(p: GatedParams, seq: Sequences, y: Float64Array, mode: LossMode): Promise<TfGatedLossAndGrads> {
  const { N, T } = seq;
  const { F, H, O, cell } = p;
  const lstm = cell === 'lstm';
  const outs = tf.tidy(() => {
    const w = tensorsOf(p);
    const x = tf.tensor3d(f32(seq.x), [N, T, F]);
    const target = mode === 'many-to-one' ? tf.tensor2d(f32(y), [N, O]) : tf.tensor3d(f32(y), [N, T, O]);
    const probes = Array.from({ length: lstm ? 2 * T : T }, () => tf.zeros([N, H]));
    const f = (...args: tf.Tensor[]): tf.Scalar => {
      const ww = Object.fromEntries(GATED_PARAM_NAMES.map((k, i) => [k, args[i]])) as unknown as TfGatedWeights;
      const ps = args.slice(GATED_PARAM_NAMES.length);
      const states = tfGatedStates(cell, ww, x, { h: ps.slice(0, T), c: lstm ? ps.slice(T) : undefined });
      return tfSquaredError(tfOutputs(ww, states.h, mode), target, mode);
    };
    const { value, grads } = tf.valueAndGrads(f)([...GATED_PARAM_NAMES.map((k) => w[k]), ...probes]);
    const states = tfGatedStates(cell, w, x);
    const P = GATED_PARAM_NAMES.length;
    const probeNorms = grads.slice(P).map(norm);
    return [
      value,
      ...grads.slice(0, P),
      tf.stack(states.h, 1),
      lstm ? tf.stack(states.c, 1) : tf.zeros([0]),
      tfOutputs(w, states.h, mode),
      tf.stack(probeNorms.slice(0, T)),
      lstm ? tf.stack(probeNorms.slice(T)) : tf.zeros([0]),
    ];
  });
  const data = await Promise.all(outs.map(toFloat64));
  tf.dispose(outs);
  const grads = {} as GatedGrads;
  GATED_PARAM_NAMES.forEach((k, i) => (grads[k] = data[1 + i]));
  const [h, c, yhat, dLdhNorm, dLdcNorm] = data.slice(1 + GATED_PARAM_NAMES.length);
  return { loss: data[0][0], grads, h, c, yhat, dLdhNorm, dLdcNorm };
}
