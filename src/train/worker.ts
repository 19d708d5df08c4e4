/// <reference lib="webworker" />
// The training worker: one TrainingSession (session.ts) fed the page's
// messages (protocol.ts) one after another. A training run goes on between
// them, yielding every few ms, so `pause` and new settings get through while
// it trains.
import type { ToWorker } from './protocol.ts';
import { TrainingSession } from './session.ts';

declare const self: DedicatedWorkerGlobalScope;

const session = new TrainingSession((msg, transfer = []) => self.postMessage(msg, transfer));

let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  // In order: a run goes on in the background, so `train` returns at once and
  // a following `pause` is not held up by it.
  queue = queue.then(() => session.handle(msg)).catch((err) => session.fail(err));
};
