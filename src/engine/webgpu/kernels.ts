// The fused WGSL step registered with tfjs for the webgpu backend under the
// names the wasm/cpu kernels use (tf-fused.ts), so fusedLossAndGrads and
// fusedPredict run on the GPU there; and the check whether a shape fits the
// adapter (fusedAvailable).
import * as tf from '@tensorflow/tfjs-core';
import type { Backend } from './device.ts';
import { planStep } from './plan.ts';
import { limitsOf, webgpuForward, webgpuGrads, type StepAttrs, type StepInputs } from './step.ts';

function inputsOf(inputs: tf.NamedTensorInfoMap, names: readonly string[]): Record<string, tf.TensorInfo> {
  const out: Record<string, tf.TensorInfo> = {};
  for (const k of names) {
    const t = inputs[k];
    if (!t) throw new Error(`fused WGSL kernel: missing input ${k}`);
    if (t.dtype !== 'float32') throw new Error(`fused WGSL kernel needs float32 inputs, ${k} is ${t.dtype}`);
    out[k] = t;
  }
  return out;
}

let registered = false;

/** Register the webgpu kernels for the fused step's two kernel names (once). */
export function registerWebgpuKernels(gradsName: string, forwardName: string): void {
  if (registered) return;
  registered = true;
  tf.registerKernel({
    kernelName: gradsName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) =>
      webgpuGrads(backend as unknown as Backend, inputsOf(inputs, ['x', 'y', 'W', 'U', 'b', 'V', 'c']) as unknown as StepInputs, attrs as unknown as StepAttrs),
  });
  tf.registerKernel({
    kernelName: forwardName,
    backendName: 'webgpu',
    kernelFunc: ({ inputs, backend, attrs }) =>
      webgpuForward(backend as unknown as Backend, inputsOf(inputs, ['x', 'W', 'U', 'b', 'V', 'c']) as unknown as Omit<StepInputs, 'y'>, attrs as unknown as StepAttrs),
  });
}

/**
 * Whether the fused WGSL step fits this shape on the active webgpu adapter
 * (one output; the kernel re-checks with the real one), with the reason when not.
 */
export function webgpuFit(shape: { N: number; T: number; F: number; H: number; O?: number }): { ok: boolean; reason: string } {
  const backend = tf.backend() as unknown as Backend;
  const r = planStep({ O: 1, ...shape }, limitsOf(backend));
  return r.ok ? { ok: true, reason: '' } : { ok: false, reason: r.reason };
}
