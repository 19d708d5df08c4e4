// The memory-span experiment's settings, results and run order, apart from
// the driver (memory-span.ts) so that the page's thread and the build can
// read them without loading tfjs. Pure.
import type { CellName } from '../model/cells.ts';

/** One curve of the chart: a cell, and for the LSTM the forget-gate bias added at init. */
export interface SpanCurve {
  cell: CellName;
  /** LSTM only: added to the forget gate's bias_ih at init (0 = PyTorch's default). */
  forgetBias?: number;
}

export interface MemorySpanSettings {
  curves: readonly SpanCurve[];
  /** Lags L, in the order they are run (each lag runs every curve before the next lag starts). */
  lags: readonly number[];
  /** Rows of the generated series at each lag. */
  rows: number;
  epochs: number;
  hidden: number;
  /** Adam's learning rate. */
  lr: number;
  /** Global-norm clipping threshold; 0 = off. */
  clip: number;
  /** Mini-batch size; 0 = the whole training split. */
  batch: number;
  trainFraction: number;
  seed: number;
}

/** The experiment's defaults, chosen by measurement (BENCHMARKS.md, "Memory span"). */
export const MEMORY_SPAN_DEFAULTS: Readonly<MemorySpanSettings> = Object.freeze({
  curves: Object.freeze([{ cell: 'rnn' }, { cell: 'lstm' }, { cell: 'lstm', forgetBias: 3 }, { cell: 'gru' }] as SpanCurve[]),
  lags: Object.freeze([5, 10, 20, 30, 40, 60, 80]),
  rows: 2000,
  epochs: 40,
  hidden: 16,
  lr: 0.01,
  clip: 1,
  batch: 64,
  trainFraction: 0.7,
  seed: 1,
});

export interface SpanResult {
  /** Position in the run order (0-based). */
  index: number;
  curve: SpanCurve;
  cell: CellName;
  /** The forget-gate bias added at init (0 for the simple cell and the GRU). */
  forgetBias: number;
  lag: number;
  /** Test RMSE in target units. */
  testRmse: number;
  persistenceRmse: number;
  /** testRmse / persistenceRmse. */
  ratio: number;
  /** What forecasting the training mean scores, as a ratio to persistence (≈ 1/√2): the "learnt nothing" level. */
  nothingRatio: number;
  /** Training MSE (standardised units) of the last epoch, averaged over its batches. */
  trainLoss: number;
  epochs: number;
  /** Wall time of the run, data and scoring included. */
  ms: number;
}

export interface SpanProgress {
  index: number;
  total: number;
  cell: CellName;
  forgetBias: number;
  lag: number;
  /** Epochs finished in this run. */
  epoch: number;
  epochs: number;
}

/** The curve's forget-gate bias: its own for the LSTM, 0 otherwise. */
export function forgetBiasOf(c: SpanCurve): number {
  return c.cell === 'lstm' ? (c.forgetBias ?? 0) : 0;
}

/** A short stable name for a curve: 'rnn', 'lstm', 'gru', or 'lstm+3' for an LSTM with forget bias 3. */
export function curveKey(c: SpanCurve): string {
  const b = forgetBiasOf(c);
  return c.cell === 'lstm' && b !== 0 ? `lstm${b > 0 ? '+' : ''}${b}` : c.cell;
}

/** The (curve, lag) pairs in run order: lag by lag, every curve at each lag. */
export function spanRuns(s: Pick<MemorySpanSettings, 'curves' | 'lags'>): { curve: SpanCurve; lag: number }[] {
  return s.lags.flatMap((lag) => s.curves.map((curve) => ({ curve, lag })));
}
