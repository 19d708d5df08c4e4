// What the widget knows about the worker's side, folded from its messages:
// the loaded table, the windows, the loss history, the latest snapshot and
// the ζ history. `apply` says which parts changed, so the widget redraws only
// those (once per animation frame). Pure: no DOM.
import type { DataError } from '../../data/dataset.ts';
import type { FromWorker, Notice, SeriesInfo, Snapshot, SpanMessage, TableSummary, TrainerState } from '../../train/protocol.ts';
import type { ZetaRow } from '../../charts/trainer-zeta-chart.ts';
import type { AheadRun } from '../../train/forecast-ahead.ts';

export type Part = 'summary' | 'series' | 'losses' | 'snapshot' | 'status' | 'dataError' | 'fatal' | 'ahead';

/** The worker's messages the view model folds (the backend goes to the backend owner, weights to their request, checkpoints to the session keeper, the memory-span experiment to its widget). */
export type ViewMessage = Exclude<FromWorker, { type: 'weights' } | { type: 'run-export' } | { type: 'backend' } | { type: 'checkpoint' } | { type: 'debug-memory' } | SpanMessage>;

/** Most columns the ζ heat map keeps; older snapshots are thinned to make room. */
export const ZETA_HISTORY_MAX = 40;

export interface StatusView {
  state: TrainerState;
  epoch: number;
  epochs: number;
  elapsedMs: number;
  notice: Notice | null;
}

export class TrainerViewModel {
  summary: TableSummary | null = null;
  series: SeriesInfo | null = null;
  trainLoss: number[] = [];
  testLoss: number[] = [];
  snapshot: Snapshot | null = null;
  /** The forecast past the data with the latest snapshot's weights (null until it arrives, and while a new snapshot has none yet). */
  ahead: { run: AheadRun; epoch: number } | null = null;
  zetaHistory: ZetaRow[] = [];
  status: StatusView = { state: 'idle', epoch: 0, epochs: 0, elapsedMs: 0, notice: null };
  /** A rejected file (the previous data stays). */
  dataError: DataError | null = null;
  /** The configuration cannot be windowed (e.g. window too long). */
  datasetError: DataError | null = null;
  fatal: string | null = null;
  /** True until the worker has windows and a model for the current settings. */
  preparing = true;

  apply(msg: ViewMessage): Part[] {
    switch (msg.type) {
      case 'table':
        this.summary = msg.summary;
        this.series = null;
        this.dataError = null;
        this.datasetError = null;
        this.clearRun();
        this.preparing = true;
        return ['summary', 'series', 'losses', 'snapshot', 'dataError', 'status', 'ahead'];
      case 'data-error':
        this.dataError = msg.error;
        return ['dataError'];
      case 'dataset':
        this.series = msg.series;
        this.datasetError = null;
        this.clearRun();
        this.preparing = false;
        return ['series', 'losses', 'snapshot', 'dataError', 'status', 'ahead'];
      case 'dataset-error':
        this.series = null;
        this.datasetError = msg.error;
        this.clearRun();
        this.preparing = false;
        return ['series', 'losses', 'snapshot', 'dataError', 'status', 'ahead'];
      case 'status': {
        const parts: Part[] = ['status'];
        this.status = { state: msg.state, epoch: msg.epoch, epochs: msg.epochs, elapsedMs: msg.elapsedMs, notice: msg.notice ?? this.keptNotice(msg.state) };
        // The history is as long as the epochs trained: a reset or a restore after NaN shortens it.
        if (this.trainLoss.length > msg.epoch) {
          this.trainLoss.length = msg.epoch;
          this.testLoss.length = msg.epoch;
          parts.push('losses');
        }
        if (this.zetaHistory.length && this.zetaHistory[this.zetaHistory.length - 1].epoch > msg.epoch) {
          this.zetaHistory = this.zetaHistory.filter((r) => r.epoch <= msg.epoch);
          parts.push('snapshot');
        }
        return parts;
      }
      case 'losses':
        for (let i = 0; i < msg.train.length; i++) {
          this.trainLoss[msg.from + i] = msg.train[i];
          this.testLoss[msg.from + i] = msg.test[i];
        }
        this.status = { ...this.status, epoch: Math.max(this.status.epoch, msg.from + msg.train.length), elapsedMs: msg.elapsedMs };
        return ['losses', 'status'];
      case 'snapshot': {
        this.snapshot = msg.snapshot;
        if (msg.snapshot.zeta) this.pushZeta({ epoch: msg.snapshot.epoch, dLdh: msg.snapshot.zeta.dLdh });
        const hadAhead = this.ahead !== null;
        this.ahead = null;
        return hadAhead ? ['snapshot', 'ahead'] : ['snapshot'];
      }
      case 'ahead':
        this.ahead = { run: msg.run, epoch: msg.epoch };
        return ['ahead'];
      case 'fatal':
        this.fatal = msg.message;
        return ['fatal'];
      case 'experiment':
        return []; // the seed-experiment widget's own worker sends these, never the trainer's
    }
  }

  /** Put back the loss history of weights brought back (a reload, a restarted worker): the first `epoch` epochs. */
  restoreLosses(train: ArrayLike<number>, test: ArrayLike<number>, epoch: number): Part[] {
    const n = Math.min(epoch, train.length, test.length);
    this.trainLoss = Array.from({ length: n }, (_, i) => train[i]);
    this.testLoss = Array.from({ length: n }, (_, i) => test[i]);
    return ['losses'];
  }

  /** Notices stay up while the run they describe is stopped there. */
  private keptNotice(state: TrainerState): Notice | null {
    const n = this.status.notice;
    if (!n) return null;
    if (n.kind === 'non-finite') return state === 'error' ? n : null;
    if (n.kind === 'weights-loaded' || n.kind === 'backend-switched' || n.kind === 'device-lost') return state === 'paused' || state === 'done' || (n.kind === 'device-lost' && state === 'idle') ? n : null;
    return state === 'idle' ? n : null;
  }

  private clearRun(): void {
    this.trainLoss = [];
    this.testLoss = [];
    this.snapshot = null;
    this.ahead = null;
    this.zetaHistory = [];
    this.status = { ...this.status, state: 'idle', epoch: 0, elapsedMs: 0, notice: null };
  }

  private pushZeta(row: ZetaRow): void {
    const h = this.zetaHistory;
    if (h.length && h[h.length - 1].epoch === row.epoch) h[h.length - 1] = row;
    else h.push(row);
    if (h.length > ZETA_HISTORY_MAX) {
      // Drop every other column of the older half; the newest stay dense.
      const half = Math.floor(h.length / 2);
      this.zetaHistory = [...h.slice(0, half).filter((_, i) => i % 2 === 0), ...h.slice(half)];
    }
  }
}
