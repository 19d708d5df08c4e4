// The RunRecord of what the worker holds: the table, the run's configuration,
// the trainer's history (the weights its optimiser started from and every
// change of its knobs) and how far it got. Pure: runs in the worker and in Node.
import type { Table } from '../data/csv.ts';
import { windowCounts } from '../data/dataset.ts';
import { futureDates } from '../data/calendar.ts';
import type { Lang } from '../i18n/lang.ts';
import { cellOf, type CellParams } from '../model/cells.ts';
import { ADAM_EPSILON } from '../engine/tf-rnn.ts';
import {
  EMBED_LIMIT,
  type AdamConstants,
  type CsvReadSpec,
  type GatedWeights,
  type ModelWeights,
  type PageMetrics,
  type RowsFingerprint,
  type RunRecord,
} from '../export/run-record.ts';
import { effectiveForgetBias, effectiveInit } from './cell-init.ts';
import { activeDefects, type TrainConfig } from './config.ts';
import { optimizerSpec } from './model-options.ts';
import type { RunHistory } from './run-log.ts';
import { datasetOptions } from './config.ts';

export interface RecordInput {
  table: Table;
  /** File name or sample name. */
  source: string;
  config: TrainConfig;
  /** The trainer's history; its origin params are the configured cell's (gated cells in PyTorch's layout). */
  history: RunHistory;
  /** Epochs trained so far. */
  epochs: number;
  lang: Lang;
  /** What the page shows for the test split now, if anything. */
  page?: { model: PageMetrics; baseline: PageMetrics } | null;
}

export interface RecordOptions {
  /** Embed the rows when rows × columns is at most this (default EMBED_LIMIT); files above it are read back from disk. */
  embedLimit?: number;
}

/** The target, then the other inputs, each once. */
export function recordColumns(config: TrainConfig): string[] {
  return [config.target, ...config.features.filter((f) => f !== config.target)];
}

function fingerprint(columns: Float64Array[], rows: number): RowsFingerprint {
  const sum = columns.map((v) => {
    let s = 0;
    for (let i = 0; i < v.length; i++) s += v[i];
    return s;
  });
  return { rows, first: columns.map((v) => v[0]), last: columns.map((v) => v[v.length - 1]), sum };
}

function readSpec(table: Table): CsvReadSpec | null {
  if (!table.format) return null;
  return { ...table.format, encoding: table.encoding, delimiter: table.delimiter, requiredColumn: table.target };
}

const f32 = (a: ArrayLike<number>): Float64Array => Float64Array.from(a, (v) => Math.fround(v));

/** The weights as float32 values, the precision the page trained them in; they must be of the configured cell. */
function weightsOf(p: CellParams, cell: TrainConfig['cell']): ModelWeights {
  if (cellOf(p) !== cell) throw new RangeError(`the run's weights are of the ${cellOf(p)} cell, its settings say ${cell}`);
  if ('cell' in p) {
    const w: GatedWeights = { cell: p.cell, weightIh: f32(p.weight_ih), weightHh: f32(p.weight_hh), biasIh: f32(p.bias_ih), biasHh: f32(p.bias_hh), V: f32(p.V), c: f32(p.c) };
    return w;
  }
  return { cell: 'rnn', W: f32(p.W), U: f32(p.U), b: f32(p.b), V: f32(p.V), c: f32(p.c) };
}

function hiddenOf(w: ModelWeights): number {
  return w.cell === 'rnn' ? w.b.length : w.biasIh.length / (w.cell === 'lstm' ? 4 : 3);
}

/** β₁, β₂ and ε of the page's Adam (model-options.ts), whatever the learning rate. */
function adamConstants(): AdamConstants {
  const spec = optimizerSpec({ optimizer: 'adam', lr: 1, momentum: 0 });
  if (spec.kind !== 'adam') throw new Error('optimizerSpec did not give Adam');
  return { beta1: spec.beta1 ?? 0.9, beta2: spec.beta2 ?? 0.999, epsilon: spec.epsilon ?? ADAM_EPSILON };
}

export function buildRunRecord(input: RecordInput, options: RecordOptions = {}): RunRecord {
  const { table, config, history } = input;
  const columns = recordColumns(config);
  const values = columns.map((c) => {
    const v = table.values[c];
    if (!v) throw new RangeError(`column ${c} is not in the table`);
    return v;
  });
  const csv = readSpec(table);
  const cells = table.rows * (columns.length + (table.dates ? 1 : 0));
  const embed = csv === null || cells <= (options.embedLimit ?? EMBED_LIMIT);
  const counts = windowCounts(table.rows, config.window, config.horizon, config.transform, config.trainFraction);
  const weights = weightsOf(history.origin.params, config.cell);
  return {
    format: 'unrolled-run',
    version: 1,
    lang: input.lang,
    data: {
      source: input.source,
      columns,
      values: embed ? values.map((v) => Float64Array.from(v)) : null,
      dates: embed && table.dates ? [...table.dates] : null,
      csv,
      fingerprint: fingerprint(values, table.rows),
    },
    dataset: datasetOptions(config),
    windows: { train: counts.train, test: counts.test },
    model: {
      cell: config.cell,
      inputs: config.features.length,
      hidden: hiddenOf(weights),
      activation: config.activation,
      output: config.output,
    },
    loss: config.loss,
    weights,
    start: { epoch: history.origin.epoch, cause: history.origin.cause },
    init: { scheme: effectiveInit(config.cell, config.init), forgetBias: effectiveForgetBias(config) },
    seed: config.seed,
    batch: config.batch,
    truncate: config.truncate,
    schedule: history.schedule.map((s) => ({ ...s })),
    adam: adamConstants(),
    epochs: input.epochs,
    plannedEpochs: config.epochs,
    defects: activeDefects(config),
    page: input.page ?? null,
    nextDate: futureDates(table.dates, 1)[0],
  };
}
