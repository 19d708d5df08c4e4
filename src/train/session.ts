// One training session: the state the training worker holds (the table, its
// source, the configuration, the Trainer) and how each message of the
// protocol changes it. No worker globals: the worker wraps it (worker.ts),
// and the Node tests drive it directly with messages.
import { parseCsv, type Table } from '../data/csv.ts';
import { makeDataset, type Dataset } from '../data/dataset.ts';
import { unpackTable } from '../data/packed-table.ts';
import { CheckpointPost } from './checkpoint-post.ts';
import { loadSample, SP500_PATH, type SampleName } from '../data/samples.ts';
import { chooseBackend as chooseTfBackend } from './backend.ts';
import type { BackendInUse, BackendName } from './backends.ts';
import { withKernelThreads } from './kernel-threads.ts';
import type { Checkpoint } from './checkpoints.ts';
import { deviceLost, watchDeviceLoss } from './device-loss.ts';
import { MeasuredBackend, modelShapeOf } from './measured-choice.ts';
import { tfOptions } from './model-options.ts';
import { fetchBundledFile } from './bundled-file.ts';
import { datasetOptions, liveSettings, needsReset, type TrainConfig } from './config.ts';
import type { FromWorker, Notice, ToWorker } from './protocol.ts';
import { seriesInfo, tableSummary } from './summary.ts';
import { Trainer, type TrainerEvent, type TrainerOptions } from './trainer.ts';
import { paramsFromFile, toWeightsFile } from './weights-file.ts';
import { runExportFile } from './run-export.ts';
import { AheadForecasts } from './ahead-forecasts.ts';
import { ExperimentRunner } from './experiment.ts';
import { SpanRuns } from './span-runs.ts';

export type Post = (msg: FromWorker, transfer?: Transferable[]) => void;

export interface SessionOptions {
  /** Loss messages are batched: at most one per this many ms. */
  lossFlushMs?: number;
  chooseBackend?: typeof chooseTfBackend;
  /** The measured choice when no backend is asked for (measured-choice.ts). */
  measured?: MeasuredBackend;
  /** The bytes of one of the site's own files (the bundled S&P 500 sample). */
  fetchBundled?: (path: string, pageUrl: string) => Promise<Uint8Array>;
  trainer?: TrainerOptions;
}

/** Collects epoch losses and posts them together, at most one message per `everyMs`. */
class LossBatch {
  private from = 0;
  private train: number[] = [];
  private test: number[] = [];
  private elapsedMs = 0;
  private timer: ReturnType<typeof setTimeout> | 0 = 0;

  constructor(
    private readonly post: Post,
    private readonly everyMs: number,
  ) {}

  add(e: Extract<TrainerEvent, { kind: 'epoch' }>): void {
    if (this.train.length === 0) this.from = e.epoch - 1;
    this.train.push(e.train);
    this.test.push(e.test);
    this.elapsedMs = e.elapsedMs;
    if (!this.timer) this.timer = setTimeout(() => this.flush(), this.everyMs);
  }

  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = 0;
    if (this.train.length === 0) return;
    const train = Float64Array.from(this.train);
    const test = Float64Array.from(this.test);
    this.post({ type: 'losses', from: this.from, train, test, elapsedMs: this.elapsedMs }, [train.buffer, test.buffer]);
    this.train = [];
    this.test = [];
  }
}

export class TrainingSession {
  private table: Table | null = null;
  private source = '';
  private config: TrainConfig | null = null;
  private trainer: Trainer | null = null;
  private readonly losses: LossBatch;
  private readonly ahead: AheadForecasts;
  private readonly checkpoints: CheckpointPost;
  private readonly span: SpanRuns;
  private readonly chooseBackend: typeof chooseTfBackend;
  private readonly measured: MeasuredBackend;
  /** What `init` asked for (null: the measured choice), and what the worker reported last. */
  private requested: BackendName | null = null;
  private backendUse: BackendInUse | null = null;
  /** Messages and a device-loss recovery run one after another. */
  private work: Promise<void> = Promise.resolve();
  private readonly fetchBundled: (path: string, pageUrl: string) => Promise<Uint8Array>;
  private readonly experiment: ExperimentRunner;

  constructor(
    private readonly post: Post,
    private readonly opts: SessionOptions = {},
  ) {
    this.losses = new LossBatch(post, opts.lossFlushMs ?? 60);
    this.ahead = new AheadForecasts(post, (err) => this.fail(err));
    this.checkpoints = new CheckpointPost(post);
    this.span = new SpanRuns(post);
    this.chooseBackend = opts.chooseBackend ?? chooseTfBackend;
    this.measured = opts.measured ?? new MeasuredBackend();
    this.fetchBundled = opts.fetchBundled ?? fetchBundledFile;
    this.experiment = new ExperimentRunner(post, { trainer: opts.trainer });
  }

  /** Handle one message (one after another; a training run goes on between them). */
  handle(msg: ToWorker): Promise<void> {
    const run = this.work.then(() => this.handleNow(msg));
    this.work = run.catch(() => {});
    return run;
  }

  private async handleNow(msg: ToWorker): Promise<void> {
    switch (msg.type) {
      case 'init':
        return this.init(msg.backend);
      case 'load-file': {
        const parsed = parseCsv(new Uint8Array(msg.bytes));
        if (!parsed.ok) this.post({ type: 'data-error', error: parsed.error, source: msg.name });
        else await this.useTable(parsed.table, msg.name, null);
        return;
      }
      case 'load-table':
        return this.useTable(unpackTable(msg.table), msg.name, null);
      case 'load-sample': {
        const sp500Bytes = msg.sample === 'sp500' ? await this.fetchBundled(SP500_PATH, msg.pageUrl) : undefined;
        return this.useTable(loadSample(msg.sample, { lag: msg.lag, sp500Bytes }), msg.sample, msg.sample);
      }
      case 'configure':
        return this.configure(msg.config);
      case 'command':
        return this.command(msg.command);
      case 'export-weights': {
        const t = this.trainer;
        const file = t && this.config ? toWeightsFile(await t.readParams(), t.settings, t.status.epoch, { source: this.source, rows: this.table?.rows ?? 0 }) : null;
        this.post({ type: 'weights', requestId: msg.requestId, file });
        return;
      }
      case 'export-run': {
        const t = this.trainer;
        const file = t && this.table && t.status.epoch > 0 ? runExportFile(msg.kind, { table: this.table, source: this.source, trainer: t, lang: msg.lang, shown: msg.shown }) : null;
        this.post({ type: 'run-export', requestId: msg.requestId, file });
        return;
      }
      case 'experiment':
        return this.experiment.run(this.table, msg);
      case 'import-weights': {
        if (!this.trainer) return;
        const mismatch = msg.file.data.source !== this.source || msg.file.data.rows !== (this.table?.rows ?? 0);
        await this.trainer.loadParams(paramsFromFile(msg.file), msg.file.epoch, { kind: 'weights-loaded', epoch: msg.file.epoch, mismatch });
        return;
      }
      case 'ahead-steps':
        this.ahead.setSteps(msg.steps);
        return this.ahead.update(this.trainer, this.table);
      case 'span-run':
        return this.span.start(msg.runId, msg.settings);
      case 'span-cancel':
        return this.span.cancel(msg.runId);
    }
  }

  /** The kernel threads started (worker.ts starts them): tell the page, if its backend splits batches across them. */
  kernelThreadsReady(): void {
    const use = this.backendUse;
    if (use && withKernelThreads(use) !== use) this.post({ type: 'backend', backend: withKernelThreads(use) });
  }

  /** Report an error nothing else caught (the page shows it and stops). */
  fail(err: unknown): void {
    this.post({ type: 'fatal', message: err instanceof Error ? err.message : String(err) });
  }

  /**
   * Initialise tfjs on the requested backend (null: the measured choice, made
   * when a model is built). A later `init` switches backend mid-session: the
   * model's weights and the loaded table are carried over, the tensors are
   * rebuilt on the new backend (each freed by the backend that made it).
   */
  private async init(requested: Extract<ToWorker, { type: 'init' }>['backend']): Promise<void> {
    await this.span.stop();
    this.requested = requested;
    const t = this.trainer;
    const carried = t && t.status.epoch > 0 ? (t.pause(), { params: await t.readParams(), epoch: t.status.epoch }) : null;
    const rebuild = t !== null ? this.config : null;
    await this.dropTrainer();
    await this.rebuildOn(rebuild, carried, (backend, epoch) => ({ kind: 'backend-switched', backend, epoch }));
  }

  /** Choose the backend again, rebuild the trainer of `rebuild` there and put the `carried` weights in place (paused there, with the notice). */
  private async rebuildOn(rebuild: TrainConfig | null, carried: Checkpoint | null, notice: (backend: BackendName, epoch: number) => Notice): Promise<void> {
    // Single-threaded wasm in this worker: the models here are too small for
    // XNNPACK's thread pool to pay (and a 2-core machine gets one thread anyway).
    const r = await this.chooseBackend(this.requested, { wasmThreads: false, excluded: this.measured.exclusions });
    this.postBackend({ name: r.name, reason: r.reason, detail: r.detail, skipped: r.reasons });
    if (!rebuild) return;
    this.config = null;
    await this.configure(rebuild);
    if (carried && carried.epoch > 0 && this.trainer) await this.trainer.loadParams(carried.params, carried.epoch, notice(this.backendUse!.name, carried.epoch));
  }

  private postBackend(use: BackendInUse): void {
    this.backendUse = use;
    this.post({ type: 'backend', backend: withKernelThreads(use) });
    watchDeviceLoss((message) => void this.handleDeviceLoss(message));
  }

  /** With nothing asked for: train on the fastest backend for this model (timed again when its shape changed enough). */
  private async chooseMeasured(config: TrainConfig, dataset: Dataset): Promise<void> {
    const use = await this.measured.choose(modelShapeOf(config, dataset), tfOptions(config));
    if (use !== this.backendUse) this.postBackend(use);
  }

  /**
   * The webgpu device was lost: every tensor on it is gone, so train on the
   * next backend from the last finished epoch's weights (read back into the
   * checkpoints then), and say so. webgpu is left out for the rest of the session.
   */
  private handleDeviceLoss(message: string): Promise<void> {
    const run = this.work.then(async () => {
      if (this.backendUse?.name !== 'webgpu') return;
      this.measured.exclude('webgpu', `its GPU device was lost earlier (${message})`);
      const t = this.trainer;
      const carried = t ? t.checkpoint : null;
      const rebuild = t ? this.config : null;
      this.trainer = null;
      this.losses.flush();
      await t?.dispose().catch(() => {}); // its pending read-back fails with the device
      await this.rebuildOn(rebuild, carried, (backend, epoch) => ({ kind: 'device-lost', lost: 'webgpu', backend, epoch }));
      this.postBackend({ ...this.backendUse!, reason: 'device-lost', lost: { backend: 'webgpu', message } });
      if (!carried || carried.epoch === 0) this.postStatus({ kind: 'device-lost', lost: 'webgpu', backend: this.backendUse!.name, epoch: 0 });
    });
    this.work = run.catch((err) => this.fail(err));
    return this.work;
  }

  /** A run stopped on an error: after a device loss the recovery takes over, anything else is fatal. */
  private async runFailed(err: unknown): Promise<void> {
    if (this.backendUse?.name === 'webgpu' && (await deviceLost())) return;
    this.fail(err);
  }

  private command(command: Extract<ToWorker, { type: 'command' }>['command']): Promise<void> | void {
    const t = this.trainer;
    if (!t) return;
    if (command === 'train') void t.start().catch((err) => this.runFailed(err));
    else if (command === 'pause') t.pause();
    else if (command === 'step') void t.step().catch((err) => this.runFailed(err));
    else return t.reset();
  }

  private onTrainerEvent = (e: TrainerEvent): void => {
    const aheadDue = this.ahead.onEvent(e);
    this.forward(e);
    if (aheadDue) void this.ahead.update(this.trainer, this.table);
  };

  private forward(e: TrainerEvent): void {
    if (e.kind === 'epoch') {
      this.losses.add(e);
      return this.offerCheckpoint(false);
    }
    this.losses.flush();
    if (e.kind === 'state') {
      this.offerCheckpoint(true);
      return this.postStatus(e.notice);
    }
    const s = e.snapshot;
    const transfer: Transferable[] = [s.train.buffer, s.test.buffer];
    if (s.zeta) transfer.push(s.zeta.dLdh.buffer, s.zeta.jacobian.buffer, ...(s.zeta.dLdc ? [s.zeta.dLdc.buffer] : []));
    this.post({ type: 'snapshot', snapshot: s }, transfer);
  }

  private offerCheckpoint(stopped: boolean): void {
    if (this.trainer) this.checkpoints.offer(this.trainer, { source: this.source, rows: this.table?.rows ?? 0 }, stopped);
  }

  private postStatus(notice: Notice | null = null): void {
    const s = this.trainer?.status ?? { state: 'idle' as const, epoch: 0, elapsedMs: 0 };
    this.post({ type: 'status', state: s.state, epoch: s.epoch, epochs: this.config?.epochs ?? 0, elapsedMs: s.elapsedMs, notice });
  }

  private async dropTrainer(): Promise<void> {
    const t = this.trainer;
    this.trainer = null;
    this.ahead.drop();
    this.losses.flush();
    if (t) await t.dispose();
  }

  private async useTable(next: Table, name: string, sample: SampleName | null): Promise<void> {
    await this.dropTrainer();
    this.table = next;
    this.source = name;
    this.config = null;
    this.post({ type: 'table', summary: tableSummary(next, name, sample) });
    this.postStatus();
  }

  /** New settings: live ones go to the running trainer; anything else builds new windows and a new model. */
  private async configure(next: TrainConfig): Promise<void> {
    if (!this.table) return;
    if (this.trainer && this.config && !needsReset(this.config, next)) {
      this.config = next;
      this.trainer.setLive(liveSettings(next));
      this.postStatus();
      return;
    }
    const wasTrained = this.trainer !== null && this.trainer.status.epoch > 0;
    await this.dropTrainer();
    this.config = next;
    const built = makeDataset(this.table, datasetOptions(next));
    if (!built.ok) {
      this.post({ type: 'dataset-error', error: built.error });
      this.postStatus();
      return;
    }
    const series = seriesInfo(this.table, built.dataset);
    const transfer: Transferable[] = [series.price.buffer, series.train.rowIndex.buffer, series.train.previous.buffer, series.test.rowIndex.buffer, series.test.previous.buffer];
    if (series.time) transfer.push(series.time.buffer);
    this.post({ type: 'dataset', series }, transfer);
    if (this.requested === null) await this.chooseMeasured(next, built.dataset);
    this.trainer = new Trainer(built.dataset, next, this.onTrainerEvent, this.opts.trainer);
    this.postStatus(wasTrained ? { kind: 'reset-by-settings' } : null);
    this.onTrainerEvent({ kind: 'snapshot', snapshot: await this.trainer.snapshot() });
  }
}
