// Test hooks of the training worker, sent only under `?debug=trainer` (never
// from the page's controls): make the worker fail the way a crash or an
// out-of-memory does — an uncaught error, which the page's worker guard sees
// as the worker's `error` event — or report tfjs's memory for the soak test
// (the heaps it reads over the DevTools protocol).
import { memory } from '@tensorflow/tfjs-core';
import type { FromWorker, ToWorker, WorkerMemory } from './protocol.ts';

type DebugMessage = Extract<ToWorker, { type: 'debug' }>;

export function handleDebug(msg: DebugMessage, post: (msg: FromWorker) => void): void {
  if (msg.action === 'crash') {
    setTimeout(() => {
      throw new Error('debug: the training worker was made to crash');
    });
  } else if (msg.action === 'oom') {
    // What running out of memory throws (without taking the machine's memory to show it).
    setTimeout(() => {
      throw new RangeError('Array buffer allocation failed');
    });
  } else {
    const m = memory();
    const out: WorkerMemory = { numTensors: m.numTensors, numBytes: m.numBytes };
    post({ type: 'debug-memory', requestId: msg.requestId, memory: out });
  }
}
