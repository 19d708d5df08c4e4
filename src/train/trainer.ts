// The training loop and its state machine, free of DOM and of workers so it
// runs in Node (unit tests) as well as in the page's training worker.
//
//   idle ──start──▶ training ──pause──▶ paused ──start──▶ training ──▶ done
//     ▲                │ non-finite loss                       │
//     └────reset───────┴──────────▶ error (last good weights restored; start resumes)
//
// One epoch = one pass over the training windows (shuffled per epoch with a
// seed derived from the run's seed and the epoch number, so the same seed
// and settings give the same loss curve, paused or not). Each epoch reads back
// one small tensor: the batch losses and, on test epochs (every epoch for
// short runs, about 200 of them in long ones — see `testEvery`), the test
// loss. Predictions, metrics and the gradient profile ("snapshots") cost about
// half an epoch, so they are taken every `snapshotEveryMs` but never more
// than ~10 % of the time.
import { createTfModel, type TfCellModel } from '../engine/tf-cell-model.ts';
import { cellOf, type CellParams } from '../model/cells.ts';
import { initialParams } from './cell-init.ts';
import type { Dataset } from '../data/dataset.ts';
import type { Table } from '../data/csv.ts';
import { persistenceMetrics } from '../data/metrics.ts';
import { Checkpoints } from './checkpoints.ts';
import { liveSettings, type LiveSettings, type TrainConfig } from './config.ts';
import { trainEpoch, type EpochLosses } from './epoch-pass.ts';
import { optimizerSpec, tfOptions } from './model-options.ts';
import { Pacing } from './pacing.ts';
import type { Metrics, Notice, Snapshot, TrainerState } from './protocol.ts';
import { RunLog, type OriginCause, type RunHistory } from './run-log.ts';
import { splitLosses, standardisedForecasts, takeSnapshot } from './snapshot.ts';
import { SplitTensors } from './split-tensors.ts';
import { forecastAhead, type AheadRun } from './forecast-ahead.ts';
import { tfPredict } from './tf-predict.ts';

export type TrainerEvent =
  | { kind: 'state'; state: TrainerState; epoch: number; elapsedMs: number; notice: Notice | null }
  /** `test` is NaN on epochs without a test evaluation (see isTestEpoch). */
  | { kind: 'epoch'; epoch: number; train: number; test: number; elapsedMs: number }
  | { kind: 'snapshot'; snapshot: Snapshot };

export interface TrainerOptions {
  /** Minimum time between two snapshots while training (ms). */
  snapshotEveryMs?: number;
  /** Give the event loop a turn at least this often while training (ms). */
  yieldEveryMs?: number;
  /** Windows used for the gradient profile (the most recent training windows). */
  probeSize?: number;
  now?: () => number;
}

/** Share of training time that snapshots may take. */
const SNAPSHOT_SHARE = 0.1;

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export class Trainer {
  private readonly model: TfCellModel;
  private readonly tensors: SplitTensors;
  private readonly checkpoints: Checkpoints;
  private readonly baseline: Metrics;
  private readonly opts: Required<TrainerOptions>;
  private config: TrainConfig;

  private state: TrainerState = 'idle';
  private epoch = 0;
  private elapsedMs = 0;
  private running: Promise<void> | null = null;
  private stopRequested = false;
  /** Bumped by reset/dispose so a loop that outlives them stays silent. */
  private generation = 0;
  private disposed = false;
  /** Where the run started and how its optimiser's knobs changed since (for the exports). */
  private readonly log: RunLog;
  /** Epochs whose steps have been taken (one ahead of `epoch` while an epoch's losses are read back). */
  private stepped = 0;

  constructor(
    private readonly dataset: Dataset,
    config: TrainConfig,
    private readonly listener: (e: TrainerEvent) => void,
    options: TrainerOptions = {},
  ) {
    this.config = { ...config, features: [...config.features] };
    this.opts = {
      snapshotEveryMs: options.snapshotEveryMs ?? 250,
      yieldEveryMs: options.yieldEveryMs ?? 15,
      probeSize: options.probeSize ?? 256,
      now: options.now ?? (() => performance.now()),
    };
    this.tensors = new SplitTensors(dataset, this.opts.probeSize);
    const params = initialParams(this.config, dataset.F);
    this.checkpoints = new Checkpoints({ epoch: 0, params });
    this.model = createTfModel(params, tfOptions(this.config));
    this.log = new RunLog(params, liveSettings(this.config));
    this.baseline = persistenceMetrics(dataset.test);
  }

  get status(): { state: TrainerState; epoch: number; elapsedMs: number } {
    return { state: this.state, epoch: this.epoch, elapsedMs: this.elapsedMs };
  }

  get settings(): TrainConfig {
    return { ...this.config, features: [...this.config.features] };
  }

  /** The weights this run's optimiser started from and every change of its knobs since. */
  get history(): RunHistory {
    return this.log.current;
  }

  /** Train until the epoch budget is spent, `pause` is called or the loss stops being finite. */
  async start(): Promise<void> {
    this.assertAlive();
    if (this.running) return this.running;
    if (this.state === 'done' && this.epoch >= this.config.epochs) await this.reset();
    if (this.epoch >= this.config.epochs) return;
    this.setState('training', null);
    this.running = this.loop(Infinity);
    return this.running;
  }

  /** Ask a running loop to stop after the current epoch (state becomes `paused`). */
  pause(): void {
    if (this.running) this.stopRequested = true;
  }

  /** Train exactly one epoch, then pause (or finish). */
  async step(): Promise<void> {
    this.assertAlive();
    if (this.running) return;
    if (this.epoch >= this.config.epochs) return;
    this.setState('training', null);
    this.running = this.loop(1);
    return this.running;
  }

  /** Stop, forget the training and start again from the seeded initial weights. */
  async reset(notice: Notice | null = null): Promise<void> {
    await this.stop();
    this.restoreTo(this.checkpoints.initial, 'init');
    this.setState('idle', notice);
  }

  /** Change the optimiser's knobs or the epoch budget without starting over. */
  setLive(live: LiveSettings): void {
    const before = this.config;
    this.config = { ...before, ...live, features: [...before.features] };
    this.log.change(Math.max(this.epoch, this.stepped), liveSettings(before), live);
    const optimizerChanged = before.optimizer !== live.optimizer || before.lr !== live.lr || before.momentum !== live.momentum;
    if (optimizerChanged || before.clip !== live.clip) {
      this.model.setOptions({
        ...(optimizerChanged ? { optimizer: optimizerSpec(this.config) } : {}),
        clipNorm: live.clip > 0 ? live.clip : 0,
      });
    }
    if (!this.running) {
      if (this.state === 'done' && this.epoch < this.config.epochs) this.setState('paused', null);
      else if ((this.state === 'paused' || this.state === 'training') && this.epoch >= this.config.epochs) this.setState('done', null);
    }
  }

  /** Train and test loss at the current weights. */
  losses(): Promise<{ train: number; test: number }> {
    return splitLosses(this.model, this.tensors);
  }

  /** Standardised one-step forecasts of both splits at the current weights. */
  predictStd(): Promise<{ train: Float32Array; test: Float32Array }> {
    return standardisedForecasts(this.model, this.tensors);
  }

  /** Forecasts in price units, test metrics beside persistence, and the gradient profile. */
  snapshot(): Promise<Snapshot> {
    return takeSnapshot(this.model, this.tensors, this.dataset, this.baseline, this.epoch);
  }

  /** The forecast for the `steps` rows after the table's last (the table this trainer's windows came from), with this model. */
  forecastAhead(table: Table, steps: number): Promise<AheadRun> {
    return forecastAhead(table, this.dataset, tfPredict(this.model), { steps });
  }

  readParams(): Promise<CellParams> {
    return this.model.readParams();
  }

  /** Put saved weights in place (same cell and shapes required) and pause there. */
  async loadParams(params: CellParams, epoch: number, notice: Notice | null = null): Promise<void> {
    const { F, H, O } = this.checkpoints.initial.params;
    if (cellOf(params) !== this.model.cell) throw new RangeError(`weights are of the ${cellOf(params)} cell, the model is the ${this.model.cell}`);
    if (params.F !== F || params.H !== H || params.O !== O) {
      throw new RangeError(`weights are ${params.F}→${params.H}→${params.O}, the model is ${F}→${H}→${O}`);
    }
    await this.stop();
    this.restoreTo({ epoch: Math.max(0, Math.floor(epoch)), params }, 'loaded');
    this.listener({ kind: 'snapshot', snapshot: await this.snapshot() });
    this.setState(this.epoch >= this.config.epochs ? 'done' : 'paused', notice);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.stop();
    this.disposed = true;
    this.generation++;
    this.model.dispose();
    this.tensors.dispose();
  }

  private assertAlive(): void {
    if (this.disposed) throw new Error('Trainer used after dispose()');
  }

  private async stop(): Promise<void> {
    if (!this.running) return;
    this.generation++;
    this.stopRequested = true;
    await this.running;
  }

  private setState(state: TrainerState, notice: Notice | null): void {
    this.state = state;
    this.listener({ kind: 'state', state, epoch: this.epoch, elapsedMs: this.elapsedMs, notice });
  }

  /** Weights, epoch count and checkpoints back to `at`, with a fresh optimiser and clock. */
  private restoreTo(at: { epoch: number; params: CellParams }, origin: OriginCause): void {
    this.model.setParams(at.params); // also clears the optimiser's state
    this.checkpoints.restart(at);
    this.epoch = this.stepped = at.epoch;
    this.log.restart(at.epoch, at.params, origin, liveSettings(this.config));
    this.elapsedMs = 0;
  }

  /**
   * Train up to `maxEpochs` epochs (or until paused, done or non-finite),
   * reporting every epoch and, while it goes on, a snapshot every
   * snapshotEveryMs — spaced further apart when snapshots would take more
   * than SNAPSHOT_SHARE of the time.
   */
  private async loop(maxEpochs: number): Promise<void> {
    const gen = this.generation;
    const now = this.opts.now;
    let tick = now();
    const pacing = new Pacing({ ...this.opts, share: SNAPSHOT_SHARE }, tick);
    const clock = () => {
      const t = now();
      this.elapsedMs += t - tick;
      tick = t;
      return t;
    };
    try {
      for (let done = 0; !this.stopRequested && this.epoch < this.config.epochs && done < maxEpochs; done++) {
        const losses = await this.runEpoch();
        const t = clock();
        if (!losses) return gen === this.generation ? await this.recover() : undefined;
        if (gen !== this.generation) return;
        this.listener({ kind: 'epoch', epoch: this.epoch, train: losses.train, test: losses.test, elapsedMs: this.elapsedMs });
        if (pacing.snapshotDue(t) && this.epoch < this.config.epochs) {
          const snapshot = await this.snapshot();
          if (gen === this.generation) this.listener({ kind: 'snapshot', snapshot });
          pacing.snapshotTaken(t, clock());
        }
        if (pacing.yieldDue(now())) {
          await macrotask();
          pacing.yielded(clock());
        }
      }
      if (gen !== this.generation) return;
      this.listener({ kind: 'snapshot', snapshot: await this.snapshot() });
      clock();
      this.setState(this.epoch >= this.config.epochs ? 'done' : 'paused', null);
    } finally {
      this.running = null;
      this.stopRequested = false;
    }
  }

  /** One epoch; on finite losses the epoch count and the checkpoints move on. */
  private async runEpoch(): Promise<EpochLosses | null> {
    const pending = trainEpoch(this.model, this.tensors, this.config, this.epoch + 1);
    this.stepped = this.epoch + 1; // the steps are taken; the losses are still being read back
    const losses = await pending;
    if (!losses) return null;
    this.epoch++;
    this.checkpoints.advance({ epoch: this.epoch, params: await this.model.readParams() });
    return losses;
  }

  /**
   * The loss blew up: put back the newest weights whose losses are finite
   * (checking the last checkpoint again, falling back one epoch, then to the
   * initial weights), clear the optimiser's state and report what to try.
   */
  private async recover(): Promise<void> {
    const failedEpoch = this.epoch + 1;
    let restored = this.checkpoints.initial;
    for (const c of this.checkpoints.fallbacks()) {
      this.model.setParams(c.params);
      const l = await this.losses();
      if (Number.isFinite(l.train) && Number.isFinite(l.test)) {
        restored = c;
        break;
      }
    }
    const elapsedMs = this.elapsedMs;
    this.restoreTo(restored, restored === this.checkpoints.initial ? 'init' : 'restored'); // also clears the optimiser's state (momentum of the blow-up)
    this.elapsedMs = elapsedMs;
    this.listener({ kind: 'snapshot', snapshot: await this.snapshot() });
    this.setState('error', { kind: 'non-finite', epoch: failedEpoch, restoredEpoch: restored.epoch, lr: this.config.lr, clip: this.config.clip });
  }
}
