// The training worker, replaced when it dies. The page talks to the guard as
// it would to one TrainerClient; when the worker fails — an uncaught error,
// running out of memory, or an error the session reports as fatal — the
// guard terminates it, starts a new one, and tells its listeners, who bring
// the session back (the backend, the data, the settings, the last good
// weights: see widgets/trainer/work-keeper.ts). Anything else that leaves the
// worker unusable (a lost GPU device) can call `restart` the same way.
// A worker that keeps failing (more than MAX_RESTARTS in RESTART_WINDOW_MS)
// is not restarted again: the page then shows the error, as before.
import type { Lang } from '../i18n/lang.ts';
import { TrainerClient, type WorkerEvent } from './client.ts';
import type { RunExportFile, RunExportKind, ShownMetrics, ToWorker, WeightsFile, WorkerMemory } from './protocol.ts';

export const MAX_RESTARTS = 3;
export const RESTART_WINDOW_MS = 60_000;

export interface Crash {
  /** What the worker died of, as far as the page can tell from its message. */
  why: 'memory' | 'error';
  message: string;
  /** True when the guard gave up (too many failures in a row): no new worker was started. */
  gaveUp: boolean;
  /** Failures within the last RESTART_WINDOW_MS, this one included. */
  recent: number;
}

/** The message of a failure that means the worker ran out of memory. */
export function isOutOfMemory(message: string): boolean {
  return /out of memory|allocation failed|cannot enlarge memory|WebAssembly\.Memory/i.test(message);
}

/** What the guard uses of a client (a TrainerClient in the page, a fake in the unit tests). */
export type WorkerClient = Pick<TrainerClient, 'send' | 'requestWeights' | 'requestRunExport' | 'requestMemory' | 'terminate'>;
type MakeClient = (onMessage: (msg: WorkerEvent) => void, onError: (message: string) => void) => WorkerClient;

export class WorkerGuard {
  private client: WorkerClient | null = null;
  private generation = 0;
  private failures: number[] = [];
  private readonly restartListeners = new Set<() => void>();

  constructor(
    private readonly onMessage: (msg: WorkerEvent) => void,
    private readonly onCrash: (crash: Crash) => void,
    private readonly make: MakeClient = (m, e) => new TrainerClient(m, e),
    private readonly now: () => number = () => Date.now(),
  ) {
    this.start();
  }

  /** False once the guard gave up. */
  get alive(): boolean {
    return this.client !== null;
  }

  send(msg: ToWorker, transfer: Transferable[] = []): void {
    this.client?.send(msg, transfer);
  }

  requestWeights(): Promise<WeightsFile | null> {
    return this.client ? this.client.requestWeights() : Promise.resolve(null);
  }

  requestRunExport(kind: RunExportKind, lang: Lang, shown: ShownMetrics | null): Promise<RunExportFile | null> {
    return this.client ? this.client.requestRunExport(kind, lang, shown) : Promise.resolve(null);
  }

  requestMemory(): Promise<WorkerMemory | null> {
    return this.client ? this.client.requestMemory() : Promise.resolve(null);
  }

  /** Called after each restart, on the new worker, before the crash is reported. */
  onRestart(listener: () => void): () => void {
    this.restartListeners.add(listener);
    return () => this.restartListeners.delete(listener);
  }

  /** The worker is gone or unusable: replace it (or give up, see MAX_RESTARTS) and tell the listeners. */
  restart(message: string): void {
    this.client?.terminate();
    this.client = null;
    const t = this.now();
    this.failures = [...this.failures.filter((f) => t - f < RESTART_WINDOW_MS), t];
    const crash: Crash = { why: isOutOfMemory(message) ? 'memory' : 'error', message, gaveUp: this.failures.length > MAX_RESTARTS, recent: this.failures.length };
    if (!crash.gaveUp) {
      this.start();
      for (const l of this.restartListeners) l();
    }
    this.onCrash(crash);
  }

  terminate(): void {
    this.generation++;
    this.client?.terminate();
    this.client = null;
  }

  private start(): void {
    const gen = ++this.generation;
    // A late message or error of a worker already replaced is ignored.
    this.client = this.make(
      (msg) => {
        if (gen !== this.generation) return;
        if (msg.type === 'fatal') this.restart(msg.message);
        else this.onMessage(msg);
      },
      (message) => {
        if (gen === this.generation) this.restart(message);
      },
    );
  }
}
