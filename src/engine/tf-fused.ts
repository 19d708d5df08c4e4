// The fused training step of fused-step.ts as tfjs kernels on the CPU-class
// backends (wasm and cpu), where tensors live in this thread's memory: the
// kernel reads its inputs where the backend keeps them, as every kernel does
// (no dataSync, no round trip), and hands back ordinary tensors, so the
// optimiser, clipping and tf.tidy work on them as on autodiff's gradients.
// On webgpu the same two kernels are WGSL compute passes on the backend's
// own GPUDevice (webgpu/kernels.ts), where the shape fits the adapter's
// limits; on webgl TfRnn keeps tfjs's autodiff.
//
//   'UnrolledRnnGrads'   inputs x, y, W, U, b, V, c → [loss, ∂W, ∂U, ∂b, ∂V, ∂c]
//   'UnrolledRnnForward' inputs x, W, U, b, V, c    → ŷ (N×O)
import * as tf from '@tensorflow/tfjs-core';
import { fusedRnn, type FusedProblem } from './fused-step.ts';
import { hasWasmSimd } from './wasm-gemm.ts';
import type { TfWeights } from './tf-model.ts';
import type { Activation } from '../model/types.ts';
import { registerWebgpuKernels, webgpuFit } from './webgpu/kernels.ts';
import type { LossName, OutputName } from './head.ts';

/** The fused kernels' names (registered per backend: wasm, cpu, webgpu). */
export const GRADS = 'UnrolledRnnGrads';
export const FORWARD = 'UnrolledRnnForward';
export const FUSED_BACKENDS = ['wasm', 'cpu'] as const;

export interface FusedAttrs {
  activation: Activation;
  output: OutputName;
  loss: LossName;
  /** Truncated BPTT over this many steps; 0 or absent = full. */
  truncate?: number;
}

type Info = tf.TensorInfo;
interface CpuLike {
  data: { get(id: tf.DataId): { values: unknown } };
  makeTensorInfo(shape: number[], dtype: 'float32', values: Float32Array): Info;
}
interface WasmLike {
  typedArrayFromHeap(t: Info): Float32Array;
  makeOutput(shape: number[], dtype: 'float32', memoryOffset: undefined, values: Float32Array): Info;
}

/** Read a kernel's input where the backend keeps it, and make an output tensor (shared by the gated cells' kernels). */
export function io(backendName: string, backend: unknown): { read(t: Info): Float32Array; make(shape: number[], v: Float32Array): Info } {
  if (backendName === 'wasm') {
    const b = backend as WasmLike;
    return { read: (t) => b.typedArrayFromHeap(t), make: (shape, v) => b.makeOutput(shape, 'float32', undefined, v) };
  }
  const b = backend as CpuLike;
  return {
    read: (t) => {
      const v = b.data.get(t.dataId).values;
      if (!(v instanceof Float32Array)) throw new Error(`fused RNN kernel needs float32 inputs`);
      return v;
    },
    make: (shape, v) => b.makeTensorInfo(shape, 'float32', v),
  };
}

export function input(inputs: tf.NamedTensorInfoMap, name: string): Info {
  const t = inputs[name];
  if (!t) throw new Error(`fused RNN kernel: missing input ${name}`);
  return t;
}

function problemOf(read: (t: Info) => Float32Array, inputs: tf.NamedTensorInfoMap, attrs: FusedAttrs, y: Float32Array): FusedProblem {
  const [x, W, U, b, V, c] = ['x', 'W', 'U', 'b', 'V', 'c'].map((k) => input(inputs, k));
  const [N, T, F] = x.shape;
  const H = W.shape[0];
  const O = V.shape[0];
  return {
    N,
    T,
    F,
    H,
    O,
    x: read(x),
    y,
    w: { W: read(W), U: read(U), b: read(b), V: read(V), c: read(c) },
    activation: attrs.activation,
    output: attrs.output,
    loss: attrs.loss,
    truncate: attrs.truncate ?? 0,
  };
}

let registered = false;

function register(): void {
  if (registered) return;
  registered = true;
  registerWebgpuKernels(GRADS, FORWARD);
  for (const backendName of FUSED_BACKENDS) {
    tf.registerKernel({
      kernelName: GRADS,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { read, make } = io(backendName, backend);
        const a = attrs as unknown as FusedAttrs;
        const p = problemOf(read, inputs, a, read(input(inputs, 'y')));
        const g = fusedRnn(p.H).grads(p);
        return [
          make([], Float32Array.of(g.loss)),
          make([p.H, p.H], g.W),
          make([p.H, p.F], g.U),
          make([p.H], g.b),
          make([p.O, p.H], g.V),
          make([p.O], g.c),
        ];
      },
    });
    tf.registerKernel({
      kernelName: FORWARD,
      backendName,
      kernelFunc: ({ inputs, backend, attrs }) => {
        const { read, make } = io(backendName, backend);
        const p = problemOf(read, inputs, attrs as unknown as FusedAttrs, new Float32Array(0));
        return make([p.N, p.O], fusedRnn(p.H).forward(p));
      },
    });
  }
}

let enabled = true;

/** Switch the fused path off (or on again), e.g. to measure tfjs's op-by-op step beside it. */
export function setFusedEnabled(on: boolean): void {
  enabled = on;
}

/** The switch, the active backend and WebAssembly SIMD, as fusedApplies reads them. */
export function fusedState(): FusedState {
  return { enabled, backend: tf.getBackend(), simd: hasWasmSimd() };
}

/** Largest workspace the fused kernel takes (bytes); beyond it TfRnn stays on tfjs's graph. */
export const FUSED_MAX_BYTES = 1 << 30;

/** What decides whether the fused kernels run: the switch, the active backend, WebAssembly SIMD. */
export interface FusedState {
  enabled: boolean;
  backend: string;
  simd: boolean;
}

/**
 * The rule behind fusedAvailable. Without WebAssembly SIMD the fused step
 * falls back to plain JavaScript loops, which are slower than tfjs's own op
 * graph (measured in Node on the seed step: 609 ms against 32 ms with SIMD),
 * so it is not used there.
 */
export function fusedApplies(s: FusedState, shape?: { N: number; T: number; F: number; H: number }): boolean {
  if (!s.enabled || !s.simd || !(FUSED_BACKENDS as readonly string[]).includes(s.backend)) return false;
  if (!shape) return true;
  const hp = (shape.H + 3) & ~3;
  const floats = (shape.T + 3) * shape.N * hp + shape.N * shape.T * shape.F + (2 * shape.H + 2 * shape.F + 4) * hp;
  return floats * 4 <= FUSED_MAX_BYTES;
}

/**
 * True when the fused kernels are on and the active backend runs them: on
 * wasm and cpu when this engine has WebAssembly SIMD and, given x's shape and
 * H, the workspace — about (T + 3)·N·H floats — fits in FUSED_MAX_BYTES; on
 * webgpu when the WGSL step fits the adapter's limits.
 */
export function fusedAvailable(shape?: { N: number; T: number; F: number; H: number }): boolean {
  if (enabled && tf.getBackend() === 'webgpu') return !shape || webgpuFit(shape).ok;
  return fusedApplies(fusedState(), shape);
}

export function engine(): { runKernel(name: string, inputs: tf.NamedTensorMap, attrs: object): tf.Tensor | tf.Tensor[] } {
  return tf.engine() as unknown as ReturnType<typeof engine>;
}

/** Loss and gradients in one kernel call (fusedAvailable() must be true). Call inside tf.tidy. */
export function fusedLossAndGrads(w: TfWeights, x: tf.Tensor3D, y: tf.Tensor2D, attrs: FusedAttrs): { loss: tf.Scalar; grads: TfWeights } {
  register();
  const out = engine().runKernel(GRADS, { x, y, W: w.W, U: w.U, b: w.b, V: w.V, c: w.c }, { ...attrs }) as tf.Tensor[];
  const [loss, W, U, b, V, c] = out;
  return { loss: loss as tf.Scalar, grads: { W: W as tf.Tensor2D, U: U as tf.Tensor2D, b: b as tf.Tensor1D, V: V as tf.Tensor2D, c: c as tf.Tensor1D } };
}

/** Predictions ŷ (N×O) in one kernel call (fusedAvailable() must be true). */
export function fusedPredict(w: TfWeights, x: tf.Tensor3D, attrs: FusedAttrs): tf.Tensor2D {
  register();
  return engine().runKernel(FORWARD, { x, W: w.W, U: w.U, b: w.b, V: w.V, c: w.c }, { ...attrs }) as tf.Tensor2D;
}
