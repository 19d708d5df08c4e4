// Mini-batches at the kernel's speed on the CPU-class backends (wasm, cpu):
// an epoch's batches are gathered, run through the fused forward + BPTT
// kernel (fused-step.ts), clipped and applied by FusedOptimizer on
// Float32Arrays — one kernel call per batch and no tfjs op. The weights stay
// tfjs variables (tfjs owns their lifetime; TfRnn's other paths read them as
// always): the update writes into the memory where the backend keeps them,
// as a kernel writes its output. Nothing here allocates on the backend, so
// the views stay valid for the whole epoch.
import * as tf from '@tensorflow/tfjs-core';
import type { FusedOptimizer } from './fused-optimizer.ts';
import { io } from './tf-fused.ts';
import type { PartSpec } from './parallel/part-kernel.ts';
import { splitBatchGrads } from './parallel/pool.ts';

/** Float32 views of `tensors` where the active backend (wasm or cpu) keeps them. */
export function backendViews(tensors: readonly tf.Tensor[]): Float32Array[] {
  const { read } = io(tf.getBackend(), tf.backend());
  return tensors.map((t) => read(t as unknown as tf.TensorInfo));
}

/** Rows `idx` of `src` (rows of `width` floats) into `dst`, in that order. */
export function gatherRows(src: Float32Array, width: number, idx: Int32Array, dst: Float32Array): void {
  for (let r = 0; r < idx.length; r++) dst.set(src.subarray(idx[r] * width, (idx[r] + 1) * width), r * width);
}

/** One batch through a cell's fused kernel: its loss and the gradient of each weight (in `vars` order). */
export type BatchGrads = (n: number, x: Float32Array, y: Float32Array, w: readonly Float32Array[]) => { loss: number; grads: Float32Array[] };

export interface FusedEpochInput {
  /** The model's weight variables, in the order `grads` takes and returns them. */
  vars: readonly tf.Variable[];
  x: tf.Tensor3D;
  y: tf.Tensor2D;
  /** Window order of the epoch; null = as stored. */
  order: Int32Array | null;
  /** Windows per batch (≥ N: one batch of all). */
  batch: number;
  grads: BatchGrads;
  optimizer: FusedOptimizer;
  clipNorm: number;
  /** The problem `grads` solves, for kernel threads to solve on slices of a large batch (parallel/pool.ts); absent: one thread. */
  split?: PartSpec;
}

/** One pass over the windows; each batch's loss (before its step) and size. */
export function fusedEpoch(inp: FusedEpochInput): { losses: number[]; sizes: number[] } {
  const [N, T, F] = inp.x.shape;
  const O = inp.y.shape[1];
  const w = backendViews(inp.vars);
  const [xAll, yAll] = backendViews([inp.x, inp.y]);
  const B = Math.min(Math.max(1, inp.batch), N);
  const whole = inp.order === null && B === N;
  const xb = whole ? xAll : new Float32Array(B * T * F);
  const yb = whole ? yAll : new Float32Array(B * O);
  const losses: number[] = [];
  const sizes: number[] = [];
  const grads = inp.split ? splitBatchGrads(inp.grads, inp.split) : inp.grads;
  for (let s = 0; s < N; s += B) {
    const n = Math.min(B, N - s);
    if (!whole) {
      const idx = inp.order ? inp.order.subarray(s, s + n) : Int32Array.from({ length: n }, (_, i) => s + i);
      gatherRows(xAll, T * F, idx, xb);
      gatherRows(yAll, O, idx, yb);
    }
    const g = grads(n, n * T * F === xb.length ? xb : xb.subarray(0, n * T * F), n * O === yb.length ? yb : yb.subarray(0, n * O), w);
    inp.optimizer.step(w, g.grads, inp.clipNorm);
    losses.push(Math.fround(g.loss));
    sizes.push(n);
  }
  return { losses, sizes };
}
