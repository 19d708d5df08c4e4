// What one training run in the page used, exactly, as a plain object: the
// rows, how they were windowed and scaled, the model and its initial weights,
// the optimiser (and any change of its knobs during the run), the mini-batch
// order, the epochs and the defects switched on. The script and notebook
// generators (script.ts, notebook.ts) render nothing that is not in here, so
// a record is everything a reader needs to rerun the page's run elsewhere.
// Pure: no DOM, no tfjs.
import type { CsvFormat } from '../data/csv.ts';
import type { DatasetOptions } from '../data/dataset.ts';
import type { TextEncodingName } from '../data/decode.ts';
import type { Lang } from '../i18n/lang.ts';

export type CellName = 'rnn' | 'lstm' | 'gru';
export const CELLS: readonly CellName[] = ['rnn', 'lstm', 'gru'];

/**
 * Above this many embedded numbers (rows × columns used) the script does not
 * carry the rows but reads the reader's own file from its command line, with
 * the page's parsing rules for that file's format. About 2 MB of script.
 */
export const EMBED_LIMIT = 200_000;

/** How the page read the file, to read it again the same way. */
export interface CsvReadSpec extends CsvFormat {
  encoding: TextEncodingName;
  delimiter: string;
  /** The parser's default target: rows without a value there were dropped. */
  requiredColumn: string;
}

/** Enough about the rows to tell whether a file read later gives the same ones. */
export interface RowsFingerprint {
  rows: number;
  /** Per column of `RecordData.columns`: first value, last value, plain sum in row order. */
  first: number[];
  last: number[];
  sum: number[];
}

export interface RecordData {
  /** File name or bundled sample name (the reader's own text: only ever written as a string literal). */
  source: string;
  /** The columns the run reads: the target, then the other inputs, each once. */
  columns: string[];
  /** Every table row of those columns, oldest first (price units); null when the script reads the file instead. */
  values: Float64Array[] | null;
  /** ISO dates of the rows (embedded beside the values), or null. */
  dates: string[] | null;
  /** How to read the file again; null for tables built in memory (those are always embedded). */
  csv: CsvReadSpec | null;
  fingerprint: RowsFingerprint;
}

/** Row-major float32 values (as the page's tensors hold them), stored as float64 numbers. */
export type WeightArray = Float64Array;

/** The simple cell: a(t) = W h(t−1) + U x(t) + b, h(t) = σ(a(t)), o = V h(T) + c. */
export interface RnnWeights {
  cell: 'rnn';
  W: WeightArray; // H×H
  U: WeightArray; // H×F
  b: WeightArray; // H
  V: WeightArray; // 1×H
  c: WeightArray; // 1
}

/** LSTM / GRU in PyTorch's own layout (gates i,f,g,o or r,z,n stacked; two biases), then o = V h(T) + c. */
export interface GatedWeights {
  cell: 'lstm' | 'gru';
  weightIh: WeightArray; // G·H×F
  weightHh: WeightArray; // G·H×H
  biasIh: WeightArray; // G·H
  biasHh: WeightArray; // G·H
  V: WeightArray;
  c: WeightArray;
}

export type ModelWeights = RnnWeights | GatedWeights;

export interface ModelSpec {
  cell: CellName;
  inputs: number;
  hidden: number;

  /** The simple cell's σ (gated cells have their own). */
  activation: 'tanh' | 'relu' | 'linear';
  /** 'tanh' squashes the forecast into (−1, 1): the seed's output layer. */
  output: 'linear' | 'tanh';
}

export type OptimizerKind = 'sgd' | 'adam';

/** The optimiser's knobs from epoch `from` on (0-based: epochs from+1, from+2, … use them). */
export interface OptimizerSegment {
  from: number;
  optimizer: OptimizerKind;
  lr: number;
  momentum: number;
  /** Global-norm clipping threshold, 0 = off. */
  clip: number;
  /** True when the page started a new optimiser here (its state — momentum, Adam's moments — starts from zero). */
  fresh: boolean;
}

/** Adam as the page runs it (tfjs): β₁, β₂ and ε, ε passed explicitly (see ADAM_EPSILON in engine/tf-rnn.ts). */
export interface AdamConstants {
  beta1: number;
  beta2: number;
  epsilon: number;
}

export interface PageMetrics {
  mse: number;
  rmse: number;
  mae: number;
  mape: number;
  direction: number;
}

export interface RunRecord {
  format: 'unrolled-run';
  version: 1;
  /** Language of the comments and the notebook's text. */
  lang: Lang;
  data: RecordData;
  dataset: DatasetOptions;
  /** Training windows (N) and test windows the page built: the script checks it builds the same. */
  windows: { train: number; test: number };
  model: ModelSpec;
  loss: 'mse' | 'broadcast-mse';
  /**
   * The weights the run starts from, at epoch `start.epoch`: the seeded
   * initial weights (cause 'init'), or weights put in place later with a
   * fresh optimiser (a loaded weights file, a backend switch, the weights
   * restored after the loss blew up).
   */
  weights: ModelWeights;
  start: { epoch: number; cause: 'init' | 'loaded' | 'restored' };
  /**
   * How the page drew its initial weights (embedded as drawn, so this says
   * what they are; the script does not redraw them): each cell's default,
   * orthogonal recurrent blocks, or the identity (IRNN: W = I, b = 0); and,
   * for the LSTM, what was added to the forget gate's bias (0 otherwise).
   */
  init: { scheme: 'default' | 'orthogonal' | 'identity'; forgetBias: number };
  /** The page's run seed: it drew the initial weights and seeds every epoch's shuffle. */
  seed: number;
  /** Mini-batch size, 0 = the whole training split in one step. */
  batch: number;
  /**
   * Truncated BPTT: the gradient flows back this many steps from the window's
   * last one (the state K steps before the end is held constant); 0 = full BPTT.
   */
  truncate: number;
  /** Segments in epoch order, the first one from `start.epoch`. */
  schedule: OptimizerSegment[];
  adam: AdamConstants;
  /** Epochs the page had trained when it exported (the script trains up to here). */
  epochs: number;
  /** The epoch budget set on the page. */
  plannedEpochs: number;
  defects: ('broadcast' | 'tanh' | 'scaling')[];
  /** Test-split metrics the page showed at `epochs`, for the script to print beside its own; null if unknown. */
  page: { model: PageMetrics; baseline: PageMetrics } | null;
  /** The row after the last, as the page's forecast past the data labels it: its date on the file's calendar (data/calendar.ts), or '1' without dates. */
  nextDate: string;
}
