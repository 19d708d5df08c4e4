// The fused WGSL step registered with tfjs for the webgpu backend under the
// names the wasm/cpu kernels use (tf-fused.ts for the simple cell,
// tf-fused-gated.ts for the LSTM and GRU), so fusedLossAndGrads,
// fusedGatedLossAndGrads and their predictions run on the GPU there; and the
// check whether a shape fits the adapter (fusedAvailable, fusedGatedAvailable).
import * as tf from '@tensorflow/tfjs-core';
import type { Backend } from './device.ts';
import { planStep, type StepCell } from './plan.ts';
import { limitsOf, webgpuForward, webgpuGrads, type StepAttrs } from './step.ts';
import { STEP_PARAMS } from './wgsl-common.ts';

function input(inputs: tf.NamedTensorInfoMap, k: string): tf.TensorInfo {
  const t = inputs[k];
  if (!t) throw new Error(`fused WGSL kernel: missing input ${k}`);
  if (t.dtype !== 'float32') throw new Error(`fused WGSL kernel needs float32 inputs, ${k} is ${t.dtype}`);
  return t;
}

const registered = new Set<StepCell>();

/** Register the webgpu kernels for one cell's two kernel names (once); the kernels' attrs carry the head and truncate. */
export function registerWebgpuKernels(gradsName: string, forwardName: string, cell: StepCell = 'rnn'): void {
  if (registered.has(cell)) return;
  registered.add(cell);
  const weights = (inputs: tf.NamedTensorInfoMap) => STEP_PARAMS[cell].map((k) => input(inputs, k));
  const attrsOf = (attrs: unknown): StepAttrs => ({ ...(attrs as StepAttrs), cell, activation: (attrs as Partial<StepAttrs>).activation ?? 'tanh' });
  tf.registerKernel({
    kernelName: gradsName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) =>
      webgpuGrads(backend as unknown as Backend, { x: input(inputs, 'x'), y: input(inputs, 'y'), weights: weights(inputs) }, attrsOf(attrs)),
  });
  tf.registerKernel({
    kernelName: forwardName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) => webgpuForward(backend as unknown as Backend, { x: input(inputs, 'x'), weights: weights(inputs) }, attrsOf(attrs)),
  });
}

/**
 * Whether the fused WGSL step fits this shape on the active webgpu adapter
 * (one output; the kernel re-checks with the real one), with the reason when not.
 */
export function webgpuFit(shape: { N: number; T: number; F: number; H: number; O?: number; cell?: StepCell }): { ok: boolean; reason: string } {
  const backend = tf.backend() as unknown as Backend;
  const r = planStep({ O: 1, ...shape }, limitsOf(backend));
  return r.ok ? { ok: true, reason: '' } : { ok: false, reason: r.reason };
}
