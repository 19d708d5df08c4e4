// The page's side of the parse worker (parse-worker.ts): a file over the
// size limit is refused from its size alone, before a byte is read; the rest
// is read and parsed in the parse worker, with progress, while the training
// worker goes on with the data it has. A newer file cancels an older one.
import { MAX_CSV_BYTES, sizeError, type CsvError } from '../data/csv.ts';
import type { PackedTable } from '../data/packed-table.ts';

export interface ToParser {
  id: number;
  bytes: ArrayBuffer;
  maxBytes: number;
}

export type FromParser =
  | { type: 'progress'; id: number; share: number; ms: number }
  | { type: 'error'; id: number; error: CsvError }
  | { type: 'table'; id: number; table: PackedTable; ms: number };

export type ParseOutcome =
  | { ok: true; table: PackedTable; ms: number }
  | { ok: false; error: CsvError }
  /** A newer file took its place. */
  | { ok: null };

/** Told the share done (0…1) and the ms spent so far. */
export type ParseProgress = (share: number, ms: number) => void;

interface Job {
  id: number;
  size: number;
  resolve(outcome: ParseOutcome): void;
  onProgress: ParseProgress;
}

export class FileParser {
  private worker: Worker | null = null;
  private job: Job | null = null;
  private nextId = 1;

  constructor(private readonly maxBytes = MAX_CSV_BYTES) {}

  parse(file: Blob, onProgress: ParseProgress): Promise<ParseOutcome> {
    this.cancel();
    const tooLarge = sizeError(file.size, this.maxBytes);
    if (tooLarge) return Promise.resolve({ ok: false, error: tooLarge });
    const id = this.nextId++;
    return new Promise<ParseOutcome>((resolve) => {
      this.job = { id, size: file.size, resolve, onProgress };
      file.arrayBuffer().then(
        (bytes) => {
          if (this.job?.id !== id) return;
          this.ensureWorker().postMessage({ id, bytes, maxBytes: this.maxBytes } satisfies ToParser, [bytes]);
        },
        (err: unknown) => this.finish(id, { ok: false, error: { kind: 'not-text', params: { detail: String(err) } } }),
      );
    });
  }

  /** Stop the file being read, if any (its promise resolves `{ ok: null }`). */
  cancel(): void {
    const job = this.job;
    if (!job) return;
    this.job = null;
    this.worker?.terminate();
    this.worker = null;
    job.resolve({ ok: null });
  }

  destroy(): void {
    this.cancel();
    this.worker?.terminate();
    this.worker = null;
  }

  private ensureWorker(): Worker {
    if (this.worker) return this.worker;
    const w = new Worker(new URL('./parse-worker.ts', import.meta.url), { type: 'module', name: 'unrolled-parser' });
    w.onmessage = (event: MessageEvent<FromParser>) => {
      const msg = event.data;
      if (msg.type === 'progress') {
        if (this.job?.id === msg.id) this.job.onProgress(msg.share, msg.ms);
      } else if (msg.type === 'error') this.finish(msg.id, { ok: false, error: msg.error });
      else this.finish(msg.id, { ok: true, table: msg.table, ms: msg.ms });
    };
    // The parse itself failed (in practice: the file did not fit in memory). The worker is replaced next time.
    w.onerror = (event) => {
      event.preventDefault();
      const job = this.job;
      this.worker?.terminate();
      this.worker = null;
      if (job) this.finish(job.id, { ok: false, error: { kind: 'too-large', params: { memory: 1, size: Math.round((job.size / 2 ** 20) * 10) / 10, detail: event.message || 'the parse failed' } } });
    };
    this.worker = w;
    return w;
  }

  private finish(id: number, outcome: ParseOutcome): void {
    const job = this.job;
    if (job?.id !== id) return;
    this.job = null;
    job.resolve(outcome);
  }
}
