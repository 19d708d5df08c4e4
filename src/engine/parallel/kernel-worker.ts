/// <reference lib="webworker" />
// A kernel thread (spawned by pool.ts inside the training worker): given its
// mailbox, it says it is ready and then serves jobs from shared memory until
// told to stop — blocked in Atomics.wait between them, no message per job.
import { serveLoop } from './shared-job.ts';

declare const self: DedicatedWorkerGlobalScope;

self.onmessage = (event: MessageEvent<{ mailbox: SharedArrayBuffer }>) => {
  self.postMessage({ type: 'ready' });
  serveLoop(event.data.mailbox);
  self.close();
};
