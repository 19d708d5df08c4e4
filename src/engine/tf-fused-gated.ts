// The fused LSTM and GRU steps of fused-gated.ts as tfjs kernels on the
// CPU-class backends (wasm and cpu), registered exactly as tf-fused.ts
// registers the simple cell's: inputs read where the backend keeps them,
// outputs handed back as ordinary tensors for the optimiser and clipping.
//
//   'UnrolledLstmGrads', 'UnrolledGruGrads'      inputs x, y, weight_ih, weight_hh, bias_ih, bias_hh, V, c
//                                                → [loss, ∂weight_ih, ∂weight_hh, ∂bias_ih, ∂bias_hh, ∂V, ∂c]
//   'UnrolledLstmForward', 'UnrolledGruForward'  inputs x and the weights → ŷ (N×O)
import * as tf from '@tensorflow/tfjs-core';
import { GATED_PARAM_NAMES, gateCount, type GatedCell } from '../model/cells.ts';
import { fusedGated, fusedGatedFloats, type FusedGatedProblem } from './fused-gated.ts';
import { engine, FUSED_BACKENDS, FUSED_MAX_BYTES, fusedApplies, fusedState, input, io } from './tf-fused.ts';
import type { TfGatedWeights } from './tf-gated-model.ts';

/** The loss head of the fused kernels (the cell's gates are fixed: σ and tanh). */
export interface FusedHead {
  output: 'linear' | 'tanh';
  loss: 'mse' | 'broadcast-mse';
  /** Truncated BPTT over this many steps; 0 or absent = full. */
  truncate?: number;
}

const NAMES: Record<GatedCell, { grads: string; forward: string }> = {
  lstm: { grads: 'UnrolledLstmGrads', forward: 'UnrolledLstmForward' },
  gru: { grads: 'UnrolledGruGrads', forward: 'UnrolledGruForward' },
};

type Info = tf.TensorInfo;

function problemOf(read: (t: Info) => Float32Array, inputs: tf.NamedTensorInfoMap, head: FusedHead, y: Float32Array): FusedGatedProblem {
  const x = input(inputs, 'x');
  const [N, T, F] = x.shape;
  const V = input(inputs, 'V');
  const w = {} as FusedGatedProblem['w'];
  for (const k of GATED_PARAM_NAMES) w[k] = read(input(inputs, k));
  return { N, T, F, H: V.shape[1], O: V.shape[0], x: read(x), y, w, output: head.output, loss: head.loss, truncate: head.truncate ?? 0 };
}

function shapesOf(cell: GatedCell, p: FusedGatedProblem): number[][] {
  const G = gateCount(cell) * p.H;
  return [[G, p.F], [G, p.H], [G], [G], [p.O, p.H], [p.O]];
}

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  for (const cell of ['lstm', 'gru'] as const) {
    for (const backendName of FUSED_BACKENDS) {
      tf.registerKernel({
        kernelName: NAMES[cell].grads,
        backendName,
        kernelFunc: ({ inputs, backend, attrs }) => {
          const { read, make } = io(backendName, backend);
          const p = problemOf(read, inputs, attrs as unknown as FusedHead, read(input(inputs, 'y')));
          const g = fusedGated(cell, p.H).grads(p);
          const shapes = shapesOf(cell, p);
          return [make([], Float32Array.of(g.loss)), ...GATED_PARAM_NAMES.map((k, i) => make(shapes[i], g[k]))];
        },
      });
      tf.registerKernel({
        kernelName: NAMES[cell].forward,
        backendName,
        kernelFunc: ({ inputs, backend, attrs }) => {
          const { read, make } = io(backendName, backend);
          const p = problemOf(read, inputs, attrs as unknown as FusedHead, new Float32Array(0));
          return make([p.N, p.O], fusedGated(cell, p.H).forward(p));
        },
      });
    }
  }
}

/**
 * True when the fused kernels are on (setFusedEnabled), the active backend
 * runs them (wasm or cpu with WebAssembly SIMD: there is no gated WGSL step)
 * and, given x's shape and H, the workspace fits in FUSED_MAX_BYTES.
 */
export function fusedGatedAvailable(cell: GatedCell, shape?: { N: number; T: number; F: number; H: number }): boolean {
  if (!fusedApplies(fusedState())) return false;
  return !shape || fusedGatedFloats(cell, shape) * 4 <= FUSED_MAX_BYTES;
}

const inputsOf = (w: TfGatedWeights): tf.NamedTensorMap => ({ ...w });

/** Loss and gradients in one kernel call (fusedGatedAvailable must be true). Call inside tf.tidy. */
export function fusedGatedLossAndGrads(
  cell: GatedCell,
  w: TfGatedWeights,
  x: tf.Tensor3D,
  y: tf.Tensor2D,
  head: FusedHead,
): { loss: tf.Scalar; grads: TfGatedWeights } {
  register();
  const out = engine().runKernel(NAMES[cell].grads, { x, y, ...inputsOf(w) }, { output: head.output, loss: head.loss, truncate: head.truncate ?? 0 }) as tf.Tensor[];
  const [loss, ...g] = out;
  const grads = {} as Record<string, tf.Tensor>;
  GATED_PARAM_NAMES.forEach((k, i) => (grads[k] = g[i]));
  return { loss: loss as tf.Scalar, grads: grads as unknown as TfGatedWeights };
}

/** Predictions ŷ (N×O) in one kernel call (fusedGatedAvailable must be true). */
export function fusedGatedPredict(cell: GatedCell, w: TfGatedWeights, x: tf.Tensor3D, head: FusedHead): tf.Tensor2D {
  register();
  return engine().runKernel(NAMES[cell].forward, { x, ...inputsOf(w) }, { output: head.output, loss: head.loss }) as tf.Tensor2D;
}
