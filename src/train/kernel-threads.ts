// The threads the training worker's fused kernels split a large batch across
// (engine/parallel/pool.ts), as the backend badge reports them: only the
// CPU-class backends run the fused kernels on Float32Arrays.
import { kernelThreads } from '../engine/parallel/pool.ts';
import type { BackendInUse, BackendName } from './backends.ts';

const SPLITS: readonly BackendName[] = ['wasm', 'cpu'];

/** `use` with its thread count where it is more than one (the same object otherwise). */
export function withKernelThreads(use: BackendInUse, threads = kernelThreads()): BackendInUse {
  return SPLITS.includes(use.name) && threads > 1 ? { ...use, threads } : use;
}
