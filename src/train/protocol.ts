// Messages between the trainer widget (main thread) and the training worker.
// Small and structured-clone friendly: typed arrays and plain objects only.
import type { DataError } from '../data/dataset.ts';
import type { PackedTable } from '../data/packed-table.ts';
import type { SampleName } from '../data/samples.ts';
import type { Lang } from '../i18n/lang.ts';
import type { BackendInUse, BackendName } from './backends.ts';
import type { CellName } from '../model/cells.ts';
import type { TrainConfig } from './config.ts';
import type { AheadRun } from './forecast-ahead.ts';
import type { ExperimentMessage, ExperimentRequest } from './experiment.ts';
import type { MemorySpanSettings, SpanProgress, SpanResult } from './memory-span-settings.ts';

export type TrainerState = 'idle' | 'training' | 'paused' | 'done' | 'error';

/** What the page shows about a loaded table (the table itself stays in the worker). */
export interface TableSummary {
  /** File name, or the sample's name. */
  source: string;
  sample: SampleName | null;
  headers: string[];
  dateColumn: string | null;
  columns: string[];
  textColumns: string[];
  /** The parser's default target. */
  target: string;
  rows: number;
  firstDate: string | null;
  lastDate: string | null;
  dropped: number;
  dropReasons: { missingDate: number; missingTarget: number; ragged: number; unparsableDate: number };
  duplicateDates: number;
  unsortedDates: number;
  datesSetAside: string | null;
  reversed: boolean;
  dateFormat: string | null;
  ambiguousDates: boolean;
  encoding: string;
  delimiter: string;
  preview: string[][];
}

export interface SplitSeries {
  N: number;
  /** Row of the table each window forecasts. */
  rowIndex: Int32Array;
  /** Tomorrow = today: the persistence forecast of each window, price units. */
  previous: Float64Array;
}

/** The windows built from the table for the current configuration. */
export interface SeriesInfo {
  target: string;
  features: string[];
  T: number;
  horizon: number;
  /**
   * Time of every table row in ms since 1970 (UTC), or null when the file has
   * no date column. Numbers, not the ISO strings: a 50 MB file has ~400k rows,
   * and parsing or cloning that many strings on the main thread is noticeable.
   */
  time: Float64Array | null;
  /** The target column, every row, price units. */
  price: Float64Array;
  train: SplitSeries;
  test: SplitSeries;
}

export interface Metrics {
  mse: number;
  rmse: number;
  mae: number;
  mape: number;
  direction: number;
}

export interface ZetaProfile {
  /** The cell whose gradient this is (absent: the simple cell). */
  cell?: CellName;
  /** ‖∂L/∂h^(k)‖ for k = 1..T (index k−1), over the probe batch. */
  dLdh: Float64Array;
  /** LSTM only: ‖∂L/∂c^(k)‖ for k = 1..T, over the probe batch. */
  dLdc?: Float64Array;
  /** ‖∂s^(T)/∂s^(k)‖₂ for k = 1..T, first probe window: s = h (simple cell, GRU) or (h, c) (LSTM). */
  jacobian: Float64Array;
}

export interface Snapshot {
  epoch: number;
  /** One-step forecasts, price units. */
  train: Float64Array;
  test: Float64Array;
  /** Test split: model and persistence. */
  model: Metrics;
  baseline: Metrics;
  /** Standard deviation of the standardised test forecasts (a flat line has ≈ 0). */
  predStd: number;
  zeta: ZetaProfile | null;
}

/** Why a run stopped early, or something the reader should know. */
export type Notice =
  | { kind: 'non-finite'; epoch: number; restoredEpoch: number; lr: number; clip: number }
  | { kind: 'reset-by-settings' }
  | { kind: 'weights-loaded'; epoch: number; mismatch: boolean }
  | { kind: 'backend-switched'; backend: BackendName; epoch: number }
  /** The GPU device of `lost` was lost; training moved to `backend` with the weights of `epoch` (0: nothing trained yet). */
  | { kind: 'device-lost'; lost: BackendName; backend: BackendName; epoch: number };

/** The simple cell's weights as a file holds them (files written before the gated cells have no `cell`). */
export interface RnnWeightsJson {
  cell?: 'rnn';
  F: number;
  H: number;
  O: number;
  W: number[];
  U: number[];
  b: number[];
  V: number[];
  c: number[];
}

/** An LSTM's or GRU's weights in PyTorch's layout (model/cells.ts). */
export interface GatedWeightsJson {
  cell: 'lstm' | 'gru';
  F: number;
  H: number;
  O: number;
  weight_ih: number[];
  weight_hh: number[];
  bias_ih: number[];
  bias_hh: number[];
  V: number[];
  c: number[];
}

export interface WeightsFile {
  format: 'unrolled-rnn-weights';
  version: 1;
  config: TrainConfig;
  epoch: number;
  data: { source: string; rows: number };
  params: RnnWeightsJson | GatedWeightsJson;
}

/** The run as a PyTorch script or a Jupyter notebook (src/export). */
export type RunExportKind = 'script' | 'notebook';
export interface RunExportFile {
  name: string;
  type: string;
  text: string;
}
/** The test metrics the page shows, at the epoch they were taken. */
export interface ShownMetrics {
  epoch: number;
  model: Metrics;
  baseline: Metrics;
}

export type ToWorker =
  | { type: 'init'; backend: BackendName | null }
  | { type: 'load-file'; name: string; bytes: ArrayBuffer }
  /** A table parsed elsewhere (the page's parse worker) or kept from the last visit; its buffers transferred. */
  | { type: 'load-table'; name: string; table: PackedTable }
  /** `pageUrl`: the page's base URL, against which the worker fetches a bundled file (SP500_PATH). */
  | { type: 'load-sample'; sample: SampleName; lag: number; pageUrl: string }
  | { type: 'configure'; config: TrainConfig }
  | { type: 'command'; command: 'train' | 'pause' | 'step' | 'reset' }
  | { type: 'export-weights'; requestId: number }
  | { type: 'import-weights'; file: WeightsFile }
  | { type: 'export-run'; requestId: number; kind: RunExportKind; lang: Lang; shown: ShownMetrics | null }
  /** Steps to forecast past the last row (the page's [data-testid=ahead]); changing it never resets training. */
  | { type: 'ahead-steps'; steps: number }
  /** Train several configurations one after another on the loaded table (the seed-experiment widget; experiment.ts). */
  | ExperimentRequest
  /** The memory-span experiment (span-runs.ts): start run `runId` (stopping any under way), or stop it. */
  | { type: 'span-run'; runId: number; settings: MemorySpanSettings }
  | { type: 'span-cancel'; runId: number }
  /** Test hooks only (the page sends them under `?debug=trainer`): crash the worker, or report its memory. */
  | { type: 'debug'; action: 'crash' | 'oom' | 'memory'; requestId: number };

/** tfjs's memory in the worker, as the soak test reads it. */
export interface WorkerMemory {
  numTensors: number;
  numBytes: number;
}

export type FromWorker =
  /** The backend the worker computes on now, and why (the page's backend owner publishes it). */
  | { type: 'backend'; backend: BackendInUse }
  | { type: 'table'; summary: TableSummary }
  | { type: 'data-error'; error: DataError; source: string }
  | { type: 'dataset'; series: SeriesInfo }
  | { type: 'dataset-error'; error: DataError }
  | { type: 'status'; state: TrainerState; epoch: number; epochs: number; elapsedMs: number; notice: Notice | null }
  /** Losses of epochs `from + 1 … from + train.length` (1-based epochs); `test` is NaN where not evaluated. */
  | { type: 'losses'; from: number; train: Float64Array; test: Float64Array; elapsedMs: number }
  | { type: 'snapshot'; snapshot: Snapshot }
  | { type: 'weights'; requestId: number; file: WeightsFile | null }
  /** `file` is null when there is no run to export (nothing trained yet). */
  | { type: 'run-export'; requestId: number; file: RunExportFile | null }
  /** The forecast past the last row with the weights of `epoch` (after a run stops, weights load, or the steps change); error arrays transferred. */
  | { type: 'ahead'; run: AheadRun; epoch: number }
  | { type: 'fatal'; message: string }
  /** Progress and results of an `experiment` request. */
  | ExperimentMessage
  /** The weights after the newest finished epoch (epoch 0: nothing trained), at most a few a second: the page keeps them for a reload or a crash. */
  | { type: 'checkpoint'; file: WeightsFile }
  | { type: 'debug-memory'; requestId: number; memory: WorkerMemory }
  /** The memory-span experiment: progress (after some epochs), each finished run, and the end (`error` when it could not run). */
  | { type: 'span-progress'; runId: number; progress: SpanProgress }
  | { type: 'span-result'; runId: number; result: SpanResult }
  | { type: 'span-done'; runId: number; cancelled: boolean; error: string | null; ms: number };

/** The memory-span experiment's answers (only a worker that was sent `span-run` posts them). */
export type SpanMessage = Extract<FromWorker, { type: 'span-progress' | 'span-result' | 'span-done' }>;
