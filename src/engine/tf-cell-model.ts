// One entry point to the f32 training model of any cell. The trainer holds a
// TfCellModel and builds it from the parameters, whose cell decides the
// class: TfRnn (tf-rnn.ts) for the simple cell, TfGated (tf-gated.ts) for
// the LSTM and GRU. Both train through a fused WebAssembly kernel on wasm and
// cpu and through tfjs's autodiff elsewhere, and report the same gradient
// profile, so switching cell is a config field:
//
//   const params = initCellParams(config.cell, { F, H, O: 1 }, { seed, recurrent, forgetBias });
//   const model = createTfModel(params, tfOptions(config));
import type * as tf from '@tensorflow/tfjs-core';
import { isGated, type CellName, type CellParams } from '../model/cells.ts';
import type { JacobianNorms } from '../model/jacobian-product.ts';
import { TfGated } from './tf-gated.ts';
import { TfRnn, type TfRnnOptions } from './tf-rnn.ts';

/** What the gradient panel plots, for whichever cell is training. */
export interface GradientProfile {
  /** length T: ‖∂L/∂h(k)‖, Frobenius over the probe batch (with `truncate` K, the gradient training uses: 0 for k ≤ T − K) */
  dLdhNorm: Float64Array;
  /** LSTM only, length T: ‖∂L/∂c(k)‖ */
  dLdcNorm?: Float64Array;
  /** sample 0: norms of ∂s(T)/∂s(k), s = h (simple cell, GRU) or (h, c) (LSTM) */
  jacobian: JacobianNorms;
}

export interface TfCellModel {
  readonly cell: CellName;
  readonly options: Readonly<TfRnnOptions>;
  /** One optimiser step; resolves nothing itself: the returned loss (before the step) is the caller's to read and dispose. */
  trainStep(x: tf.Tensor3D, y: tf.Tensor2D): tf.Scalar;
  predict(x: tf.Tensor3D): tf.Tensor2D;
  evaluate(x: tf.Tensor3D, y: tf.Tensor2D): tf.Scalar;
  gradientProfile(x: tf.Tensor3D, y: tf.Tensor2D): Promise<GradientProfile>;
  readParams(): Promise<CellParams>;
  /** Same cell and dimensions; resets the optimiser's state. */
  setParams(p: CellParams): void;
  setOptions(opts: Partial<TfRnnOptions>): void;
  dispose(): void;
}

/** The training model of p's cell, initialised with p (each class refuses another cell's parameters in setParams). */
export function createTfModel(params: CellParams, opts: TfRnnOptions): TfCellModel {
  return isGated(params) ? new TfGated(params, opts) : new TfRnn(params, opts);
}
