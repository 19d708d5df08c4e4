// The weights a run can fall back to when its loss stops being finite: the
// seeded initial weights, the weights after the last finished epoch (whose
// losses were seen finite), and those one epoch earlier. Pure: no tfjs.
import type { CellParams } from '../model/cells.ts';

export interface Checkpoint {
  epoch: number;
  params: CellParams;
}

export class Checkpoints {
  /** Weights after the last finished epoch. */
  candidate: Checkpoint;
  /** Weights one epoch earlier, whose training loss was also seen finite. */
  lastGood: Checkpoint | null = null;

  constructor(readonly initial: Checkpoint) {
    this.candidate = initial;
  }

  /** An epoch finished with finite losses at `next`. */
  advance(next: Checkpoint): void {
    this.lastGood = this.candidate;
    this.candidate = next;
  }

  /** Start over from `at` (the initial weights by default) with no history. */
  restart(at: Checkpoint = this.initial): void {
    this.candidate = at;
    this.lastGood = null;
  }

  /** Where to fall back to, newest first: the last checkpoint, the one before, the initial weights. */
  fallbacks(): Checkpoint[] {
    return [this.candidate, this.lastGood, this.initial].filter((c, i, all): c is Checkpoint => c !== null && all.indexOf(c) === i);
  }
}
