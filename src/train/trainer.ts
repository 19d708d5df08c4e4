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
import * as tf from '@tensorflow/tfjs';
import { initParams } from '../model/init.ts';
import { deriveSeed } from '../model/random.ts';
import { TfRnn } from '../engine/tf-rnn.ts';
import type { RnnParams } from '../model/types.ts';
import type { Dataset } from '../data/dataset.ts';
import { forecastMetrics, persistenceMetrics } from '../data/metrics.ts';
import { liveSettings, type LiveSettings, type TrainConfig } from './config.ts';
import { isTestEpoch, permutation } from './epochs.ts';
import { optimizerSpec, tfOptions } from './model-options.ts';
import type { Metrics, Notice, Snapshot, TrainerState, ZetaProfile } from './protocol.ts';
import { RunLog, type RunHistory } from './run-log.ts';

export { isTestEpoch, permutation, testEvery } from './epochs.ts';
export { optimizerSpec, tfOptions } from './model-options.ts';

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

function std(values: ArrayLike<number>): number {
  const n = values.length;
  if (n === 0) return 0;
  let m = 0;
  for (let i = 0; i < n; i++) m += values[i];
  m /= n;
  let s = 0;
  for (let i = 0; i < n; i++) s += (values[i] - m) ** 2;
  return Math.sqrt(s / n);
}

/** Share of training time that snapshots may take. */
const SNAPSHOT_SHARE = 0.1;

const macrotask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

interface Checkpoint {
  epoch: number;
  params: RnnParams;
}

export class Trainer {
  private readonly model: TfRnn;
  private readonly xTrain: tf.Tensor3D;
  private readonly yTrain: tf.Tensor2D;
  private readonly xTest: tf.Tensor3D;
  private readonly yTest: tf.Tensor2D;
  private readonly xProbe: tf.Tensor3D;
  private readonly yProbe: tf.Tensor2D;
  private readonly initial: Checkpoint;
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
  /** Weights after the last finished epoch (losses of their test split known finite). */
  private candidate: Checkpoint;
  /** Weights one epoch earlier, whose training loss was also seen finite. */
  private lastGood: Checkpoint | null = null;
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
    const { T, F, train, test } = dataset;
    this.xTrain = tf.tensor3d(train.x, [train.N, T, F]);
    this.yTrain = tf.tensor2d(train.y, [train.N, 1]);
    this.xTest = tf.tensor3d(test.x, [test.N, T, F]);
    this.yTest = tf.tensor2d(test.y, [test.N, 1]);
    // Probe batch for the gradient profile: the most recent training windows, newest first
    // (the Jacobian is taken for the probe's first window).
    const P = Math.min(this.opts.probeSize, train.N);
    const idx = Int32Array.from({ length: P }, (_, i) => train.N - 1 - i);
    [this.xProbe, this.yProbe] = tf.tidy(() => {
      const i = tf.tensor1d(idx, 'int32');
      return [tf.gather(this.xTrain, i) as tf.Tensor3D, tf.gather(this.yTrain, i) as tf.Tensor2D];
    });
    const params = initParams({ F, H: config.hidden, O: 1 }, { seed: config.seed });
    this.initial = { epoch: 0, params };
    this.candidate = this.initial;
    this.model = new TfRnn(params, tfOptions(this.config));
    this.log = new RunLog(params, liveSettings(this.config));
    this.baseline = persistenceMetrics(test);
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
    this.model.setParams(this.initial.params); // also clears the optimiser's state
    this.candidate = this.initial;
    this.lastGood = null;
    this.epoch = this.stepped = 0;
    this.log.restart(0, this.initial.params, 'init', liveSettings(this.config));
    this.elapsedMs = 0;
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
  async losses(): Promise<{ train: number; test: number }> {
    const both = tf.tidy(() => tf.stack([this.model.evaluate(this.xTrain, this.yTrain), this.model.evaluate(this.xTest, this.yTest)]));
    const v = await both.data();
    both.dispose();
    return { train: v[0], test: v[1] };
  }

  /** Standardised one-step forecasts of both splits at the current weights. */
  async predictStd(): Promise<{ train: Float32Array; test: Float32Array }> {
    const [a, b] = tf.tidy(() => [this.model.predict(this.xTrain), this.model.predict(this.xTest)]);
    const [train, test] = await Promise.all([a.data() as Promise<Float32Array>, b.data() as Promise<Float32Array>]);
    a.dispose();
    b.dispose();
    return { train, test };
  }

  /** Forecasts in price units, test metrics beside persistence, and the gradient profile. */
  async snapshot(): Promise<Snapshot> {
    const { train, test } = await this.predictStd();
    const trainPrice = this.dataset.toPrice(train, 'train');
    const testPrice = this.dataset.toPrice(test, 'test');
    const model = forecastMetrics(testPrice, this.dataset.test, test);
    const profile = await this.model.gradientProfile(this.xProbe, this.yProbe);
    const zeta: ZetaProfile = { dLdh: Float64Array.from(profile.dLdhNorm), jacobian: Float64Array.from(profile.jacobian.spectral) };
    return { epoch: this.epoch, train: trainPrice, test: testPrice, model, baseline: this.baseline, predStd: std(test), zeta };
  }

  readParams(): Promise<RnnParams> {
    return this.model.readParams();
  }

  /** Put saved weights in place (same shapes required) and pause there. */
  async loadParams(params: RnnParams, epoch: number, notice: Notice | null = null): Promise<void> {
    const { F, H, O } = this.initial.params;
    if (params.F !== F || params.H !== H || params.O !== O) {
      throw new RangeError(`weights are ${params.F}→${params.H}→${params.O}, the model is ${F}→${H}→${O}`);
    }
    await this.stop();
    this.model.setParams(params); // also clears the optimiser's state
    this.epoch = this.stepped = Math.max(0, Math.floor(epoch));
    this.log.restart(this.epoch, params, 'loaded', liveSettings(this.config));
    this.candidate = { epoch: this.epoch, params };
    this.lastGood = null;
    this.elapsedMs = 0;
    this.listener({ kind: 'snapshot', snapshot: await this.snapshot() });
    this.setState(this.epoch >= this.config.epochs ? 'done' : 'paused', notice);
  }

  async dispose(): Promise<void> {
    if (this.disposed) return;
    await this.stop();
    this.disposed = true;
    this.generation++;
    this.model.dispose();
    tf.dispose([this.xTrain, this.yTrain, this.xTest, this.yTest, this.xProbe, this.yProbe]);
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

  private async loop(maxEpochs: number): Promise<void> {
    const gen = this.generation;
    const now = this.opts.now;
    let lastSnapshot = now();
    let lastYield = lastSnapshot;
    let tick = lastSnapshot;
    let snapshotCost = 0;
    const clock = () => {
      const t = now();
      this.elapsedMs += t - tick;
      tick = t;
      return t;
    };
    let done = 0;
    let failed = false;
    try {
      while (!this.stopRequested && this.epoch < this.config.epochs && done < maxEpochs) {
        const ok = await this.runEpoch();
        const t = clock();
        if (!ok) {
          failed = true;
          break;
        }
        done++;
        if (gen !== this.generation) break;
        this.listener({ kind: 'epoch', epoch: this.epoch, train: this.lastLosses[0], test: this.lastLosses[1], elapsedMs: this.elapsedMs });
        const gap = Math.max(this.opts.snapshotEveryMs, snapshotCost / SNAPSHOT_SHARE);
        if (t - lastSnapshot >= gap && this.epoch < this.config.epochs && gen === this.generation) {
          const snapshot = await this.snapshot();
          if (gen === this.generation) this.listener({ kind: 'snapshot', snapshot });
          lastSnapshot = clock();
          snapshotCost = lastSnapshot - t;
        }
        if (now() - lastYield >= this.opts.yieldEveryMs) {
          await macrotask();
          lastYield = clock();
        }
      }
      if (gen !== this.generation) return;
      if (failed) {
        await this.recover();
        return;
      }
      this.listener({ kind: 'snapshot', snapshot: await this.snapshot() });
      clock();
      this.setState(this.epoch >= this.config.epochs ? 'done' : 'paused', null);
    } finally {
      this.running = null;
      this.stopRequested = false;
    }
  }

  private lastLosses: [number, number] = [NaN, NaN];

  /** One pass over the training windows. False when a loss came out NaN or infinite. */
  private async runEpoch(): Promise<boolean> {
    const N = this.dataset.train.N;
    const B = this.config.batch > 0 && this.config.batch < N ? this.config.batch : N;
    const batchLosses: tf.Scalar[] = [];
    const sizes: number[] = [];
    if (B === N) {
      batchLosses.push(this.model.trainStep(this.xTrain, this.yTrain));
      sizes.push(N);
    } else {
      const order = permutation(N, deriveSeed(this.config.seed, 1 + this.epoch));
      for (let s = 0; s < N; s += B) {
        const idx = order.subarray(s, Math.min(s + B, N));
        batchLosses.push(
          tf.tidy(() => {
            const i = tf.tensor1d(idx, 'int32');
            return this.model.trainStep(tf.gather(this.xTrain, i) as tf.Tensor3D, tf.gather(this.yTrain, i) as tf.Tensor2D);
          }),
        );
        sizes.push(idx.length);
      }
    }
    this.stepped = this.epoch + 1;
    const withTest = isTestEpoch(this.epoch + 1, this.config.epochs);
    const all = tf.tidy(() => tf.stack(withTest ? [...batchLosses, this.model.evaluate(this.xTest, this.yTest)] : batchLosses));
    tf.dispose(batchLosses);
    const values = await all.data();
    all.dispose();
    let train = 0;
    for (let b = 0; b < sizes.length; b++) train += (values[b] * sizes[b]) / N;
    const test = withTest ? values[sizes.length] : NaN;
    if (!Number.isFinite(train) || (withTest && !Number.isFinite(test))) return false;
    this.lastLosses = [train, test];
    this.epoch++;
    this.lastGood = this.candidate;
    this.candidate = { epoch: this.epoch, params: await this.model.readParams() };
    return true;
  }

  /**
   * The loss blew up: put back the newest weights whose losses are finite
   * (checking the last checkpoint again, falling back one epoch, then to the
   * initial weights), clear the optimiser's state and report what to try.
   */
  private async recover(): Promise<void> {
    const failedEpoch = this.epoch + 1;
    const tries = [this.candidate, this.lastGood, this.initial].filter((c): c is Checkpoint => c !== null);
    let restored = this.initial;
    for (const c of tries) {
      this.model.setParams(c.params);
      const l = await this.losses();
      if (Number.isFinite(l.train) && Number.isFinite(l.test)) {
        restored = c;
        break;
      }
    }
    this.model.setParams(restored.params); // also clears the optimiser's state (momentum of the blow-up)
    this.epoch = this.stepped = restored.epoch;
    this.log.restart(restored.epoch, restored.params, restored === this.initial ? 'init' : 'restored', liveSettings(this.config));
    this.candidate = restored;
    this.lastGood = null;
    this.listener({ kind: 'snapshot', snapshot: await this.snapshot() });
    this.setState('error', { kind: 'non-finite', epoch: failedEpoch, restoredEpoch: restored.epoch, lr: this.config.lr, clip: this.config.clip });
  }
}
