// The article's experiment as a batch: several configurations of the trainer
// trained one after another on the same table, each by the trainer's own code
// path (makeDataset → Trainer → its final snapshot), with progress on the way.
// The training worker's session runs it on an `experiment` message and posts
// `experiment` events back (protocol.ts); the seed-experiment widget draws
// them. No DOM, no worker globals: the Node tests drive it directly.
import type { Table } from '../data/csv.ts';
import { makeDataset, type DataError, type Dataset } from '../data/dataset.ts';
import { persistenceMetrics } from '../data/metrics.ts';
import { datasetOptions, type TrainConfig } from './config.ts';
import type { Metrics, Snapshot } from './protocol.ts';
import { std } from './snapshot.ts';
import { Trainer, type TrainerOptions } from './trainer.ts';

export interface ExperimentRow {
  /** The page's name for the row (e.g. `as-written`); echoed in every event. */
  key: string;
  config: TrainConfig;
}

export interface ExperimentRequest {
  type: 'experiment';
  /** A new request replaces the one running (an empty `rows` just stops it). */
  runId: number;
  rows: ExperimentRow[];
}

export interface ExperimentResult {
  epochs: number;
  elapsedMs: number;
  /** Test split, model and persistence (the trainer's metrics). */
  model: Metrics;
  baseline: Metrics;
  /** Standard deviation of the test forecasts over that of the test targets, both in price units: 0 is a flat line. */
  spread: number;
  /**
   * The epoch whose loss came out NaN or infinite, when training blew up; the
   * metrics are then those of the last good weights the trainer put back.
   */
  diverged: number | null;
}

export type ExperimentEvent =
  /** Persistence on the test split, scaled with the training statistics (sent first; needs no training). */
  | { kind: 'baseline'; baseline: Metrics; spread: number }
  | { kind: 'progress'; key: string; epoch: number; epochs: number; elapsedMs: number }
  | { kind: 'row'; key: string; result: ExperimentResult }
  /** A row that could not run: its windows cannot be built (a data error), or training failed. */
  | { kind: 'row-error'; key: string; error: DataError | null; message: string }
  | { kind: 'done' };

export interface ExperimentMessage {
  type: 'experiment';
  runId: number;
  event: ExperimentEvent;
}

export interface ExperimentOptions {
  /** At most one progress event per this many ms (per row). */
  progressEveryMs?: number;
  trainer?: TrainerOptions;
  now?: () => number;
}

/** Runs one request at a time; a new one (or stop) ends the one before at its next epoch. */
export class ExperimentRunner {
  private current: { runId: number; stopped: boolean; trainer: Trainer | null } | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly post: (msg: ExperimentMessage) => void,
    private readonly opts: ExperimentOptions = {},
  ) {}

  /** Start `req` on `table` in the background (returns at once); `finished()` resolves when it ends. */
  run(table: Table | null, req: ExperimentRequest): void {
    this.stop();
    const run = { runId: req.runId, stopped: false, trainer: null as Trainer | null };
    this.current = run;
    const previous = this.running;
    this.running = previous.then(() => (table && req.rows.length ? this.rows(table, req, run) : undefined));
  }

  /** Resolves when the run in progress (if any) has ended. */
  finished(): Promise<void> {
    return this.running;
  }

  stop(): void {
    const run = this.current;
    if (!run) return;
    run.stopped = true;
    run.trainer?.pause();
  }

  private async rows(table: Table, req: ExperimentRequest, run: { runId: number; stopped: boolean; trainer: Trainer | null }): Promise<void> {
    const post = (event: ExperimentEvent) => {
      if (!run.stopped) this.post({ type: 'experiment', runId: req.runId, event });
    };
    const base = makeDataset(table, { ...datasetOptions(req.rows[0].config), scaling: 'train-only' });
    if (base.ok) {
      const test = base.dataset.test;
      post({ kind: 'baseline', baseline: persistenceMetrics(test), spread: std(test.previous) / std(test.actual) });
    }
    for (const row of req.rows) {
      if (run.stopped) return;
      const built = makeDataset(table, datasetOptions(row.config));
      if (!built.ok) {
        post({ kind: 'row-error', key: row.key, error: built.error, message: built.error.kind });
        continue;
      }
      try {
        const result = await this.train(row, built.dataset, run, post);
        if (result) post({ kind: 'row', key: row.key, result });
      } catch (err) {
        post({ kind: 'row-error', key: row.key, error: null, message: err instanceof Error ? err.message : String(err) });
      }
    }
    post({ kind: 'done' });
  }

  /** One row: train to its epoch budget, then read the trainer's final snapshot. Null when stopped. */
  private async train(
    row: ExperimentRow,
    dataset: Dataset,
    run: { stopped: boolean; trainer: Trainer | null },
    post: (event: ExperimentEvent) => void,
  ): Promise<ExperimentResult | null> {
    const now = this.opts.now ?? (() => performance.now());
    const every = this.opts.progressEveryMs ?? 200;
    let lastProgress = -Infinity;
    let last: Snapshot | null = null;
    let diverged: number | null = null;
    const epochs = row.config.epochs;
    const trainer = new Trainer(
      dataset,
      row.config,
      (e) => {
        if (e.kind === 'snapshot') last = e.snapshot;
        else if (e.kind === 'state') {
          if (e.notice?.kind === 'non-finite') diverged = e.notice.epoch;
        }
        else if (now() - lastProgress >= every) {
          lastProgress = now();
          post({ kind: 'progress', key: row.key, epoch: e.epoch, epochs, elapsedMs: e.elapsedMs });
        }
      },
      { snapshotEveryMs: Number.POSITIVE_INFINITY, ...this.opts.trainer },
    );
    run.trainer = trainer;
    try {
      post({ kind: 'progress', key: row.key, epoch: 0, epochs, elapsedMs: 0 });
      await trainer.start();
      if (run.stopped) return null;
      const snap = last as Snapshot | null;
      if (!snap) throw new Error('the trainer took no snapshot');
      return {
        epochs: trainer.status.epoch,
        elapsedMs: trainer.status.elapsedMs,
        model: snap.model,
        baseline: snap.baseline,
        spread: std(snap.test) / std(dataset.test.actual),
        diverged,
      };
    } finally {
      run.trainer = null;
      await trainer.dispose();
    }
  }
}
