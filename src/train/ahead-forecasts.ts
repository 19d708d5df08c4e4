// The forecast past the data, kept in step with the trainer's weights (the
// session's part of "what does it say about tomorrow?"). It is computed when
// a run stops (done, paused, stopped after a non-finite loss), when weights
// are put in place (a loaded file, a backend switch) and when the reader
// changes the steps ahead — never while the model trains, and never by
// resetting anything. Any trainer event may mean the weights moved, so a
// forecast still being computed when one arrives is dropped, not posted.
import type { Table } from '../data/csv.ts';
import type { FromWorker } from './protocol.ts';
import type { Trainer, TrainerEvent } from './trainer.ts';

type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

/** What the forecast needs of a trainer (the Trainer itself in the worker). */
export type AheadTrainer = Pick<Trainer, 'status' | 'settings' | 'forecastAhead'>;

export class AheadForecasts {
  private steps = 1;
  /** Bumped by anything that makes a forecast under way stale. */
  private version = 0;
  /** Bumped whenever the weights may have changed (an epoch, a snapshot, another trainer). */
  private weights = 0;
  /** Weights and steps of the forecast last posted. */
  private posted: string | null = null;

  constructor(
    private readonly post: Post,
    private readonly fail: (err: unknown) => void,
  ) {}

  /** Steps the reader asked for (the trainer caps them at its window length). */
  get requested(): number {
    return this.steps;
  }

  /** Fold one trainer event; true when a forecast is due now (the model stopped with trained weights). */
  onEvent(e: TrainerEvent): boolean {
    this.version++;
    if (e.kind !== 'state') {
      this.weights++;
      return false;
    }
    return e.epoch > 0 && (e.state === 'done' || e.state === 'paused' || e.state === 'error');
  }

  setSteps(steps: number): void {
    if (!Number.isInteger(steps) || steps < 1) throw new RangeError(`steps ahead must be an integer ≥ 1, got ${steps}`);
    this.steps = steps;
    this.version++;
  }

  /** The trainer went away (new data, new settings, another backend). */
  drop(): void {
    this.version++;
    this.weights++;
    this.posted = null;
  }

  /** Forecast with the trainer's current weights and post it, unless it is training, untrained, already posted or stale by the end. */
  async update(trainer: AheadTrainer | null, table: Table | null): Promise<void> {
    if (!trainer || !table) return;
    const { state, epoch } = trainer.status;
    if (epoch === 0 || state === 'training' || state === 'idle') return;
    const steps = Math.min(this.steps, trainer.settings.window);
    const key = `${this.weights}:${steps}`;
    if (key === this.posted) return;
    const version = ++this.version;
    try {
      const run = await trainer.forecastAhead(table, steps);
      if (version !== this.version) return;
      this.posted = key;
      const transfer = run.steps.flatMap((s) => [s.modelErrors.buffer, s.persistenceErrors.buffer]);
      this.post({ type: 'ahead', run, epoch }, transfer);
    } catch (err) {
      // A model disposed or retrained under the forecast is not an error; anything else is.
      if (version === this.version) this.fail(err);
    }
  }
}
