// The page's side of the training worker: starts it, forwards messages, and
// turns the weights request into a promise. Everything else is the widget's.
import type { FromWorker, ToWorker, WeightsFile } from './protocol.ts';

export class TrainerClient {
  private readonly worker: Worker;
  private nextRequest = 1;
  private readonly waiting = new Map<number, (file: WeightsFile | null) => void>();

  constructor(onMessage: (msg: Exclude<FromWorker, { type: 'weights' }>) => void, onError: (message: string) => void) {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'unrolled-trainer' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const msg = event.data;
      if (msg.type === 'weights') {
        this.waiting.get(msg.requestId)?.(msg.file);
        this.waiting.delete(msg.requestId);
        return;
      }
      onMessage(msg);
    };
    this.worker.onerror = (event) => {
      event.preventDefault();
      onError(event.message || 'the training worker failed');
    };
  }

  send(msg: ToWorker, transfer: Transferable[] = []): void {
    this.worker.postMessage(msg, transfer);
  }

  requestWeights(): Promise<WeightsFile | null> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.waiting.set(requestId, resolve);
      this.send({ type: 'export-weights', requestId });
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
  }
}
