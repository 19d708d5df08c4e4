// Runs "a function that computes the series for the settings" off the main
// thread, newest settings first: a request goes to an idle worker at once;
// while every worker is busy only the newest request waits (older waiting
// ones are dropped, never computed), and an answer older than one already
// delivered is dropped too. Where workers are unavailable it computes on the
// calling thread. Generic over the settings S and the result R; the worker
// side is `worker.ts` (one message in: { id, settings }; one out: { id, result, ms } or { id, error }).
export interface LatestComputer<S, R> {
  request(settings: S, onResult: (r: R, ms: number) => void, onError: (message: string) => void): void;
  /** True while a computation is running or waiting. */
  busy(): boolean;
  destroy(): void;
}

export type LatestResponse<R> = { id: number; result: R; ms: number } | { id: number; error: string };

interface Job<S, R> {
  id: number;
  settings: S;
  onResult: (r: R, ms: number) => void;
  onError: (message: string) => void;
}

interface Slot<S, R> {
  worker: Worker;
  job: Job<S, R> | null;
  postedAt: number;
}

/** Workers to run at once: one per spare core, at most two (one core stays with the page). */
export function poolSize(cores = globalThis.navigator?.hardwareConcurrency ?? 1): number {
  return Math.max(1, Math.min(2, cores - 2));
}

export function createLatestComputer<S, R>(spawn: () => Worker, computeHere: (s: S) => R, size = poolSize()): LatestComputer<S, R> {
  const slots: Slot<S, R>[] = [];
  try {
    for (let i = 0; i < size; i++) slots.push({ worker: spawn(), job: null, postedAt: 0 });
  } catch {
    for (const s of slots) s.worker.terminate();
    slots.length = 0;
  }
  let nextId = 1;
  let delivered = 0;
  let waiting: Job<S, R> | null = null;

  const post = (slot: Slot<S, R>, job: Job<S, R>): void => {
    slot.job = job;
    slot.postedAt = performance.now();
    performance.mark('vx:posted');
    slot.worker.postMessage({ id: job.id, settings: job.settings });
  };
  const finish = (slot: Slot<S, R>): Job<S, R> | null => {
    const done = slot.job;
    slot.job = null;
    performance.measure('vx:worker-roundtrip', { start: slot.postedAt, end: performance.now() });
    // Start the newest waiting request first, then deliver this answer.
    if (waiting) {
      post(slot, waiting);
      waiting = null;
    }
    return done;
  };
  for (const slot of slots) {
    slot.worker.onmessage = (ev: MessageEvent<LatestResponse<R>>) => {
      const done = finish(slot);
      if (!done || done.id < delivered) return; // a newer answer is already on screen
      delivered = done.id;
      if ('error' in ev.data) done.onError(ev.data.error);
      else done.onResult(ev.data.result, ev.data.ms);
    };
    slot.worker.onerror = (ev) => {
      const done = finish(slot);
      done?.onError(ev.message || 'worker failed');
    };
  }

  return {
    request(settings, onResult, onError) {
      const job: Job<S, R> = { id: nextId++, settings: { ...settings }, onResult, onError };
      if (slots.length === 0) {
        try {
          const t0 = performance.now();
          const r = computeHere(job.settings);
          onResult(r, performance.now() - t0);
        } catch (err) {
          onError(String((err as Error).message ?? err));
        }
        return;
      }
      const idle = slots.find((s) => s.job === null);
      if (idle) post(idle, job);
      else waiting = job;
    },
    busy() {
      return waiting !== null || slots.some((s) => s.job !== null);
    },
    destroy() {
      for (const s of slots) s.worker.terminate();
      slots.length = 0;
      waiting = null;
    },
  };
}
