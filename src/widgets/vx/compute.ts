// The lab's numbers off the main thread, newest settings first (latest.ts):
// a fast slider drag never queues stale work, and a worker computes the
// series incrementally (model.ts reuses what the changed setting leaves
// alone). Falls back to the main thread where workers are unavailable.
import { computeVx, type VxResult, type VxSettings } from './model.ts';
import { createLatestComputer, type LatestComputer } from './latest.ts';

export type VxComputer = LatestComputer<VxSettings, VxResult>;

export function createVxComputer(): VxComputer {
  return createLatestComputer<VxSettings, VxResult>(() => new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' }), computeVx);
}
