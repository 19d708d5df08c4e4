// Runs computeVx in a worker, latest request wins: while one computation is
// in flight, newer settings replace any queued ones, so a fast slider drag
// costs at most one stale computation. Falls back to the main thread where
// workers are unavailable.
import { computeVx, type VxResult, type VxSettings } from './model.ts';
import type { VxResponse } from './worker.ts';

export interface VxComputer {
  request(settings: VxSettings, onResult: (r: VxResult, ms: number) => void, onError: (message: string) => void): void;
  /** True while a computation is running or waiting. */
  busy(): boolean;
  destroy(): void;
}

interface Job {
  settings: VxSettings;
  onResult: (r: VxResult, ms: number) => void;
  onError: (message: string) => void;
}

export function createVxComputer(): VxComputer {
  let worker: Worker | null = null;
  try {
    worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' });
  } catch {
    worker = null;
  }
  let nextId = 1;
  let inFlight: number | null = null;
  let queued: Job | null = null;
  let current: Job | null = null;
  let postedAt = 0;

  const pump = () => {
    if (inFlight !== null || !queued) return;
    const job: Job = queued;
    current = job;
    queued = null;
    inFlight = nextId++;
    postedAt = performance.now();
    performance.mark('vx:posted');
    worker!.postMessage({ id: inFlight, settings: job.settings });
  };

  if (worker) {
    worker.onmessage = (ev: MessageEvent<VxResponse>) => {
      const done = current!;
      performance.measure('vx:worker-roundtrip', { start: postedAt, end: performance.now() });
      inFlight = null;
      current = null;
      // Start the newest queued request first, then paint this (possibly
      // already stale) answer: during a drag the plot follows at the rate the
      // worker computes rather than freezing until the drag ends.
      pump();
      if ('error' in ev.data) done.onError(ev.data.error);
      else done.onResult(ev.data.result, ev.data.ms);
    };
    worker.onerror = (ev) => {
      const done = current;
      inFlight = null;
      current = null;
      done?.onError(ev.message || 'worker failed');
      pump();
    };
  }

  return {
    request(settings, onResult, onError) {
      if (!worker) {
        try {
          const t0 = performance.now();
          const r = computeVx(settings);
          onResult(r, performance.now() - t0);
        } catch (err) {
          onError(String((err as Error).message ?? err));
        }
        return;
      }
      queued = { settings: { ...settings }, onResult, onError };
      pump();
    },
    busy() {
      return inFlight !== null || queued !== null;
    },
    destroy() {
      worker?.terminate();
      worker = null;
    },
  };
}
