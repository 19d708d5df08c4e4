// The page's side of the training worker: starts it, forwards messages, and
// turns the weights request into a promise. Everything else is the widget's.
import type { Lang } from '../i18n/lang.ts';
import type { FromWorker, RunExportFile, RunExportKind, ShownMetrics, SpanMessage, ToWorker, WeightsFile, WorkerMemory } from './protocol.ts';

/** Messages that answer a request (the client resolves them) or belong to the memory-span experiment (`onSpan`); the widget gets the rest. */
export type WorkerEvent = Exclude<FromWorker, { type: 'weights' | 'run-export' | 'debug-memory' } | SpanMessage>;

const isSpanMessage = (msg: FromWorker): msg is SpanMessage => msg.type === 'span-progress' || msg.type === 'span-result' || msg.type === 'span-done';

export class TrainerClient {
  private readonly worker: Worker;
  private nextRequest = 1;
  private readonly waiting = new Map<number, (file: WeightsFile | null) => void>();
  private readonly exports = new Map<number, (file: RunExportFile | null) => void>();
  private readonly memories = new Map<number, (memory: WorkerMemory | null) => void>();

  constructor(onMessage: (msg: WorkerEvent) => void, onError: (message: string) => void, onSpan?: (msg: SpanMessage) => void) {
    this.worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module', name: 'unrolled-trainer' });
    this.worker.onmessage = (event: MessageEvent<FromWorker>) => {
      const msg = event.data;
      if (msg.type === 'weights') {
        this.waiting.get(msg.requestId)?.(msg.file);
        this.waiting.delete(msg.requestId);
        return;
      }
      if (msg.type === 'run-export') {
        this.exports.get(msg.requestId)?.(msg.file);
        this.exports.delete(msg.requestId);
        return;
      }
      if (msg.type === 'debug-memory') {
        this.memories.get(msg.requestId)?.(msg.memory);
        this.memories.delete(msg.requestId);
        return;
      }
      if (isSpanMessage(msg)) return onSpan?.(msg);
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

  /** The run as a file (built in the worker, so a large table does not hold up the page); null when nothing has been trained. */
  requestRunExport(kind: RunExportKind, lang: Lang, shown: ShownMetrics | null): Promise<RunExportFile | null> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.exports.set(requestId, resolve);
      this.send({ type: 'export-run', requestId, kind, lang, shown });
    });
  }

  /** Test hook (`?debug=trainer`): the worker's tensors and heap. */
  requestMemory(): Promise<WorkerMemory | null> {
    const requestId = this.nextRequest++;
    return new Promise((resolve) => {
      this.memories.set(requestId, resolve);
      this.send({ type: 'debug', action: 'memory', requestId });
    });
  }

  terminate(): void {
    this.worker.terminate();
    for (const resolve of this.memories.values()) resolve(null);
    this.memories.clear();
    for (const resolve of this.waiting.values()) resolve(null);
    this.waiting.clear();
    for (const resolve of this.exports.values()) resolve(null);
    this.exports.clear();
  }
}
