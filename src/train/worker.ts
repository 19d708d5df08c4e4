/// <reference lib="webworker" />
// The training worker: one TrainingSession (session.ts) fed the page's
// messages (protocol.ts) one after another. A training run goes on between
// them, yielding every few ms, so `pause` and new settings get through while
// it trains. The `debug` messages are test hooks (worker-debug.ts).
import type { ToWorker } from './protocol.ts';
import { loseWebgpuDevice } from './device-loss.ts';
import { TrainingSession } from './session.ts';
import { handleDebug } from './worker-debug.ts';
import { startKernelPool } from '../engine/parallel/pool.ts';

declare const self: DedicatedWorkerGlobalScope;

// Test hook, for e2e tests that evaluate in this worker: lose the GPU device as a driver reset would.
(self as DedicatedWorkerGlobalScope & { unrolledTest?: object }).unrolledTest = { loseDevice: loseWebgpuDevice };

const post = (msg: Parameters<DedicatedWorkerGlobalScope['postMessage']>[0], transfer: Transferable[] = []) => self.postMessage(msg, transfer);
const session = new TrainingSession(post);
// Kernel threads for large batches where the page is cross-origin isolated; one thread until they are up.
void startKernelPool().then(() => session.kernelThreadsReady());

let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  if (msg.type === 'debug') return handleDebug(msg, post);
  // In order: a run goes on in the background, so `train` returns at once and
  // a following `pause` is not held up by it.
  queue = queue.then(() => session.handle(msg)).catch((err) => session.fail(err));
};
