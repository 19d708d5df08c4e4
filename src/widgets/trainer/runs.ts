// The trainer's last few runs, side by side: each run's cell and settings,
// its loss curves and its test metrics against persistence, as plain data
// (numbers, strings, arrays: structured-clone and IndexedDB friendly). One
// owner, RunsList, holds the list; RunTracker decides from the worker's
// messages when a run starts and when to record it. Pure: no DOM. The list
// never leaves the page.
import type { SampleName } from '../../data/samples.ts';
import type { TrainConfig } from '../../train/config.ts';
import type { Metrics, TrainerState } from '../../train/protocol.ts';
import type { ViewMessage } from './view-model.ts';

/** Runs kept; the oldest goes when another is recorded. */
export const MAX_RUNS = 5;

export interface KeptRun {
  /** 1, 2, 3, … in the order the runs started (never reused while the page is open). */
  id: number;
  /** The settings the run trained with when it was last recorded. */
  config: TrainConfig;
  /** The data: file or sample name (`sample` for a bundled series), and its rows. */
  source: string;
  sample: SampleName | null;
  rows: number;
  /** The long-lag task's lag L, null for other data. */
  lag: number | null;
  /** Epochs trained. */
  epochs: number;
  /** Training loss of epochs 1..epochs (NaN for epochs this page did not see, e.g. before loaded weights). */
  train: number[];
  /** Test loss of the same epochs, NaN where it was not evaluated. */
  test: number[];
  /** Test-split metrics of the model and of persistence at `metricsEpoch`; null before any snapshot. */
  model: Metrics | null;
  baseline: Metrics | null;
  metricsEpoch: number;
  /** Drawn over the loss chart. */
  overlay: boolean;
}

type Listener = () => void;

export class RunsList {
  private list: KeptRun[] = [];
  private nextId = 1;
  private readonly listeners = new Set<Listener>();

  /** The runs, oldest first (a copy: change them through the methods). */
  get runs(): KeptRun[] {
    return this.list.map(copyRun);
  }

  newId(): number {
    return this.nextId++;
  }

  /** Add run `r`, or update the run with its id; keeps the newest MAX_RUNS (its overlay flag is kept on update). */
  record(r: KeptRun): void {
    const at = this.list.findIndex((x) => x.id === r.id);
    if (at >= 0) this.list[at] = { ...copyRun(r), overlay: this.list[at].overlay };
    else this.list.push(copyRun(r));
    if (this.list.length > MAX_RUNS) this.list.splice(0, this.list.length - MAX_RUNS);
    this.changed();
  }

  setOverlay(id: number, on: boolean): void {
    const r = this.list.find((x) => x.id === id);
    if (!r || r.overlay === on) return;
    r.overlay = on;
    this.changed();
  }

  remove(id: number): void {
    const before = this.list.length;
    this.list = this.list.filter((x) => x.id !== id);
    if (this.list.length !== before) this.changed();
  }

  clear(): void {
    if (this.list.length === 0) return;
    this.list = [];
    this.changed();
  }

  /** Put back runs stored earlier (e.g. from IndexedDB); new runs are numbered after them. */
  restore(runs: readonly KeptRun[]): void {
    this.list = runs.slice(-MAX_RUNS).map(copyRun);
    this.nextId = Math.max(this.nextId, ...runs.map((r) => r.id + 1));
    this.changed();
  }

  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

function copyRun(r: KeptRun): KeptRun {
  return {
    ...r,
    config: { ...r.config, features: [...r.config.features] },
    train: [...r.train],
    test: [...r.test],
    model: r.model ? { ...r.model } : null,
    baseline: r.baseline ? { ...r.baseline } : null,
  };
}

/** Test RMSE over persistence's (below 1: the model beats tomorrow = today); NaN without metrics. */
export function rmseRatio(r: Pick<KeptRun, 'model' | 'baseline'>): number {
  return r.model && r.baseline ? r.model.rmse / r.baseline.rmse : NaN;
}

/** What the tracker reads of the widget's state when it records a run. */
export interface RunView {
  trainLoss: readonly number[];
  testLoss: readonly number[];
  snapshot: { epoch: number; model: Metrics; baseline: Metrics } | null;
  status: { state: TrainerState; epoch: number };
  summary: { source: string; sample: SampleName | null; rows: number } | null;
}

const STOPPED: ReadonlySet<TrainerState> = new Set(['paused', 'done', 'error']);

/**
 * Follows the worker's messages: a run starts with fresh windows or a reset
 * to epoch 0, and is recorded (added, then updated) every time it stops with
 * at least one epoch trained.
 */
export class RunTracker {
  private current: number | null = null;
  private lastEpoch = 0;

  constructor(private readonly runs: RunsList) {}

  /** The id of the run being trained now, once it has been recorded. */
  get currentId(): number | null {
    return this.current;
  }

  /** Call after the view model has folded `msg`; `config` is the configuration the worker trains with, `lag` the long-lag task's. */
  observe(msg: ViewMessage, view: RunView, config: TrainConfig | null, lag: number): void {
    if (msg.type === 'table' || msg.type === 'dataset' || msg.type === 'dataset-error') {
      this.current = null;
      this.lastEpoch = 0;
      return;
    }
    if (msg.type !== 'status') return;
    if (msg.epoch === 0 && this.lastEpoch > 0) this.current = null;
    this.lastEpoch = msg.epoch;
    if (!STOPPED.has(msg.state) || msg.epoch === 0 || !config || !view.summary) return;
    this.current ??= this.runs.newId();
    const n = msg.epoch;
    const at = (a: readonly number[], i: number) => (i < a.length && typeof a[i] === 'number' ? a[i] : NaN);
    const snap = view.snapshot;
    this.runs.record({
      id: this.current,
      config,
      source: view.summary.source,
      sample: view.summary.sample,
      rows: view.summary.rows,
      lag: view.summary.sample === 'long-lag' ? lag : null,
      epochs: n,
      train: Array.from({ length: n }, (_, i) => at(view.trainLoss, i)),
      test: Array.from({ length: n }, (_, i) => at(view.testLoss, i)),
      model: snap ? snap.model : null,
      baseline: snap ? snap.baseline : null,
      metricsEpoch: snap ? snap.epoch : 0,
      overlay: true,
    });
  }
}
