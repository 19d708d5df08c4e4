// All cores for the fused kernels: a few kernel threads (nested workers of
// the training worker, kernel-worker.ts) that each compute a slice of a
// batch's rows while the training thread computes its own, over shared
// memory (shared-job.ts); the parts are combined weighted by rows (split.ts),
// then clipped and stepped as one batch. fusedEpoch stays synchronous: the
// training thread blocks in Atomics.wait for the other parts, which is
// allowed in a worker, never on a page's main thread.
//
// Used only where it can be and pays: a cross-origin isolated worker with
// growable shared memory and ≥ 2 cores, once every thread has said it is
// ready (the start is asynchronous; until then one thread), a batch with
// enough work per part, and a loss that splits (partsFor). Any failure — a
// thread that does not start, fails on its part or does not answer — ends the
// pool and that batch is computed again on one thread: same numbers, one core.
import type { BatchGrads } from '../fused-train.ts';
import type { PartResult, PartSpec } from './part-kernel.ts';
import { growableShared, MailboxClient, newMailbox } from './shared-job.ts';
import { combineParts, partRows, partsFor } from './split.ts';

/** Most threads a batch is split across (the training thread included): the kernels are small, more threads mostly add handshakes. */
export const MAX_KERNEL_THREADS = 4;
/** How long a kernel thread may take to start, and to answer one part (its first builds the SIMD module). */
const START_TIMEOUT_MS = 20_000;
const PART_TIMEOUT_MS = 20_000;

interface Pool {
  workers: Worker[];
  mailboxes: MailboxClient[];
}

let pool: Pool | null = null;
let starting: Promise<number> | null = null;
let limit = MAX_KERNEL_THREADS;
let lastFailure = '';

/** Why this context cannot split batches across threads (null: it can). */
export function threadsUnavailable(): string | null {
  const g = globalThis as { crossOriginIsolated?: boolean; document?: unknown; navigator?: { hardwareConcurrency?: number } };
  if (g.crossOriginIsolated !== true) return 'the page is not cross-origin isolated';
  if (g.document !== undefined) return "a page's main thread may not block on Atomics.wait";
  if (typeof Worker !== 'function') return 'no nested workers here';
  if (!growableShared()) return 'no growable SharedArrayBuffer';
  if ((g.navigator?.hardwareConcurrency ?? 1) < 2) return 'one core';
  return null;
}

function spawn(): Promise<{ worker: Worker; mailbox: MailboxClient }> {
  return new Promise((resolve, reject) => {
    const worker = new Worker(new URL('./kernel-worker.ts', import.meta.url), { type: 'module', name: 'unrolled-kernel' });
    const mailbox = new MailboxClient(newMailbox());
    const timer = setTimeout(() => fail(new Error('a kernel thread did not start')), START_TIMEOUT_MS);
    const fail = (err: Error): void => {
      clearTimeout(timer);
      worker.terminate();
      reject(err);
    };
    worker.onerror = (e) => fail(new Error(`a kernel thread failed to start: ${e.message}`));
    worker.onmessage = () => {
      clearTimeout(timer);
      worker.onerror = null;
      worker.onmessage = null;
      resolve({ worker, mailbox });
    };
    worker.postMessage({ mailbox: mailbox.sab });
  });
}

/** Start the kernel threads (once); resolves to the threads a batch may use (1: none, see kernelThreadsNote). */
export function startKernelPool(): Promise<number> {
  starting ??= (async () => {
    const why = threadsUnavailable();
    if (why) {
      lastFailure = why;
      return 1;
    }
    const cores = (globalThis as { navigator?: { hardwareConcurrency?: number } }).navigator?.hardwareConcurrency ?? 1;
    const helpers = Math.min(cores, MAX_KERNEL_THREADS) - 1;
    const started = await Promise.allSettled(Array.from({ length: helpers }, spawn));
    const ok = started.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : []));
    const failed = started.find((r) => r.status === 'rejected');
    if (failed) lastFailure = String((failed as PromiseRejectedResult).reason);
    if (ok.length > 0) pool = { workers: ok.map((h) => h.worker), mailboxes: ok.map((h) => h.mailbox) };
    return kernelThreads();
  })();
  return starting;
}

/** Threads a large batch is split across now (1 until the pool is ready, where it cannot start, or after a failure). */
export function kernelThreads(): number {
  return pool ? Math.min(limit, pool.mailboxes.length + 1) : 1;
}

/** Why there is one thread (empty when the pool runs). */
export function kernelThreadsNote(): string {
  return pool ? '' : lastFailure;
}

/** Use at most n threads (1: one thread); for measurements side by side. */
export function setKernelThreadLimit(n: number): void {
  limit = Math.max(1, Math.min(MAX_KERNEL_THREADS, Math.floor(n)));
}

function endPool(why: string): void {
  lastFailure = why;
  const p = pool;
  pool = null;
  for (const w of p?.workers ?? []) w.terminate();
}

/** Stop the kernel threads (tests and teardown). */
export function stopKernelPool(): void {
  const p = pool;
  pool = null;
  starting = null;
  p?.mailboxes.forEach((m) => m.stop());
  p?.workers.forEach((w) => w.terminate());
}

/**
 * `local` (this thread's fused kernel for the problem `spec`) with large
 * batches split across the kernel threads: the same loss and gradients up to
 * float32 summation order.
 */
export function splitBatchGrads(local: BatchGrads, spec: PartSpec): BatchGrads {
  return (n, x, y, w) => {
    const parts = pool ? partsFor(spec, n, kernelThreads()) : 1;
    if (parts < 2 || !pool) return local(n, x, y, w);
    const rows = partRows(n, parts);
    const mine = rows[parts - 1];
    const xw = spec.T * spec.F;
    const used: MailboxClient[] = [];
    try {
      for (let p = 0; p < parts - 1; p++) {
        const [a, b] = rows[p];
        const m = pool.mailboxes[p];
        if (!m.post(spec, b - a, x.subarray(a * xw, b * xw), y.subarray(a * spec.O, b * spec.O), w)) break;
        used.push(m);
      }
      if (used.length < parts - 1) throw new Error('a part does not fit its mailbox');
      const own = local(mine[1] - mine[0], x.subarray(mine[0] * xw, mine[1] * xw), y.subarray(mine[0] * spec.O, mine[1] * spec.O), w);
      const results: { rows: number; result: PartResult }[] = [{ rows: mine[1] - mine[0], result: own }];
      used.forEach((m, p) => results.push({ rows: rows[p][1] - rows[p][0], result: m.take(spec, rows[p][1] - rows[p][0], PART_TIMEOUT_MS) }));
      return combineParts(results);
    } catch (err) {
      // A mailbox may still be busy: the pool goes, and this batch runs on one thread.
      endPool(err instanceof Error ? err.message : String(err));
      return local(n, x, y, w);
    }
  };
}
