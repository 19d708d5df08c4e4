// When a running training loop pauses for a snapshot or gives the event loop
// a turn: snapshots at most every `snapshotEveryMs`, and spaced further apart
// when they are expensive, so that they take at most `share` of the time;
// a yield at least every `yieldEveryMs`. Pure: times are passed in.

export interface PacingOptions {
  snapshotEveryMs: number;
  yieldEveryMs: number;
  /** Largest share of the time snapshots may take (e.g. 0.1). */
  share: number;
}

export class Pacing {
  private lastSnapshot: number;
  private lastYield: number;
  private snapshotCost = 0;

  constructor(
    private readonly opts: PacingOptions,
    start: number,
  ) {
    this.lastSnapshot = start;
    this.lastYield = start;
  }

  /** The gap a snapshot needs after the last one, given what that one cost. */
  snapshotGap(): number {
    return Math.max(this.opts.snapshotEveryMs, this.snapshotCost / this.opts.share);
  }

  snapshotDue(t: number): boolean {
    return t - this.lastSnapshot >= this.snapshotGap();
  }

  /** A snapshot started at `start` and ended at `end`. */
  snapshotTaken(start: number, end: number): void {
    this.lastSnapshot = end;
    this.snapshotCost = end - start;
  }

  yieldDue(t: number): boolean {
    return t - this.lastYield >= this.opts.yieldEveryMs;
  }

  yielded(t: number): void {
    this.lastYield = t;
  }
}
