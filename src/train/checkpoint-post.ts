// Posts the trainer's newest good weights to the page, so that a reload or a
// crashed worker can start again from them. After every epoch for the small
// models the page trains (a few tens of kB), spaced out for large ones so
// that at most about 4 MB a second cross to the page; always when the run
// stops (paused, done, NaN guard, reset), so the last epoch is never missed.
import type { Post } from './session.ts';
import type { Trainer } from './trainer.ts';
import { toWeightsFile } from './weights-file.ts';
import { paramArrays, type CellParams } from '../model/cells.ts';

/** Bytes a second the checkpoints may take while training. */
export const CHECKPOINT_BYTES_PER_S = 4e6;
/** Never wait longer than this between two checkpoints while training (ms). */
export const CHECKPOINT_MAX_GAP_MS = 1000;

export class CheckpointPost {
  private last: CellParams | null = null;
  private lastAt = -Infinity;

  constructor(
    private readonly post: Post,
    private readonly now: () => number = () => performance.now(),
  ) {}

  /** After an epoch (`stopped` false) or a change of state (`stopped` true). */
  offer(trainer: Trainer, data: { source: string; rows: number }, stopped: boolean): void {
    const c = trainer.checkpoint;
    if (c.params === this.last) return;
    const p = c.params;
    const bytes = 8 * Object.values(paramArrays(p)).reduce((n, a) => n + a.length, 0);
    const gap = Math.min(CHECKPOINT_MAX_GAP_MS, (1000 * bytes) / CHECKPOINT_BYTES_PER_S);
    const t = this.now();
    if (!stopped && t - this.lastAt < gap) return;
    this.last = p;
    this.lastAt = t;
    this.post({ type: 'checkpoint', file: toWeightsFile(p, trainer.settings, c.epoch, data) });
  }
}
