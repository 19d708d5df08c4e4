// The training worker's side of the memory-span experiment: one run of
// runMemorySpan at a time, started by a `span-run` message and stopped by
// `span-cancel` (or by the next `span-run`), its results and progress posted
// as they come. The run goes on in the background, so the worker keeps
// reading messages (a cancel gets through within one epoch).
import { runMemorySpan, type MemorySpanSettings, type SpanProgress } from './memory-span.ts';
import type { FromWorker } from './protocol.ts';

type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

export interface SpanRunsOptions {
  /** Progress messages are posted at most once per this many ms (the last epoch of a run always is). */
  progressEveryMs?: number;
  now?: () => number;
}

export class SpanRuns {
  private current: { runId: number; abort: AbortController; done: Promise<void> } | null = null;
  private readonly progressEvery: number;
  private readonly now: () => number;

  constructor(
    private readonly post: Post,
    opts: SpanRunsOptions = {},
  ) {
    this.progressEvery = opts.progressEveryMs ?? 100;
    this.now = opts.now ?? (() => performance.now());
  }

  /** Start a run (after stopping the one under way, if any); resolves once it has started, not when it ends. */
  async start(runId: number, settings: MemorySpanSettings): Promise<void> {
    await this.stop();
    const abort = new AbortController();
    const done = this.run(runId, settings, abort.signal);
    this.current = { runId, abort, done };
  }

  /** Stop run `runId` if it is the one under way; resolves when it has stopped. */
  async cancel(runId: number): Promise<void> {
    if (this.current?.runId === runId) await this.stop();
  }

  /** Stop whatever runs; resolves when it has stopped. */
  async stop(): Promise<void> {
    const c = this.current;
    if (!c) return;
    c.abort.abort();
    await c.done;
  }

  private async run(runId: number, settings: MemorySpanSettings, signal: AbortSignal): Promise<void> {
    const started = this.now();
    let lastProgress = -Infinity;
    const onProgress = (progress: SpanProgress) => {
      const t = this.now();
      if (progress.epoch < progress.epochs && t - lastProgress < this.progressEvery) return;
      lastProgress = t;
      this.post({ type: 'span-progress', runId, progress });
    };
    let cancelled = true;
    let error: string | null = null;
    try {
      const out = await runMemorySpan(settings, { signal, onProgress, onResult: (result) => this.post({ type: 'span-result', runId, result }) });
      cancelled = out.cancelled;
    } catch (err) {
      error = err instanceof Error ? err.message : String(err);
    }
    if (this.current?.runId === runId) this.current = null;
    this.post({ type: 'span-done', runId, cancelled: error === null && cancelled, error, ms: this.now() - started });
  }
}
