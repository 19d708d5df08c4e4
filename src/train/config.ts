// The trainer's configuration: one plain object that says everything needed
// to rebuild a run (data columns, windowing, model, optimiser, the seed's
// defects), and CONFIG_FIELDS, the one description of its fields (kind,
// range, allowed values) that the URL fields, the weights file check, the
// presets and the worker all read. Pure: no DOM, no tfjs.
import { SCALINGS, TRANSFORMS, type DatasetOptions } from '../data/dataset.ts';
import { LOSSES, OUTPUTS, type LossName, type OutputName } from '../engine/head.ts';
import type { OptimizerSpec } from '../engine/tf-rnn.ts';
import { ACTIVATIONS } from '../model/activation.ts';
import { CELLS, type CellName } from '../model/cells.ts';
import type { Activation } from '../model/types.ts';

export const OPTIMIZERS = ['sgd', 'adam'] as const satisfies readonly OptimizerSpec['kind'][];
export type OptimizerName = (typeof OPTIMIZERS)[number];

/**
 * How the recurrent weights start (cell-init.ts maps each onto model/): each
 * cell's default (PyTorch's uniform), one Haar-orthogonal matrix per gate
 * block, or the identity (IRNN, the simple cell only).
 */
export const INITS = ['default', 'orthogonal', 'identity'] as const;
export type InitName = (typeof INITS)[number];

/** The data part (DatasetOptions: columns, window, horizon, transform, split, scaling) and the model and its training. */
export interface TrainConfig extends DatasetOptions {
  /** The recurrent cell: simple RNN, LSTM or GRU. */
  cell: CellName;
  hidden: number;
  /** The simple cell's σ (the gated cells' gates are fixed). */
  activation: Activation;
  init: InitName;
  /** LSTM only: added to the forget gate's bias at initialisation (0 = PyTorch's default). */
  forgetBias: number;
  output: OutputName;
  loss: LossName;
  optimizer: OptimizerName;
  lr: number;
  /** SGD momentum (ignored by Adam). */
  momentum: number;
  /** Mini-batch size; 0 = the whole training split. */
  batch: number;
  epochs: number;
  /** Gradient-norm clipping threshold; 0 = off. */
  clip: number;
  /** Truncated BPTT: the gradient flows back this many steps from the window's end; 0 = full BPTT. */
  truncate: number;
  seed: number;
}

export type NumberField = { kind: 'number'; min: number; max: number; integer?: boolean };
export type EnumField<V extends string> = { kind: 'enum'; values: readonly V[] };
export type AnyConfigField = NumberField | EnumField<string> | { kind: 'columns' } | { kind: 'column' };
/** The description of one configuration field, by the type of its value. */
export type ConfigField<V> = [V] extends [number]
  ? NumberField
  : [V] extends [readonly string[]]
    ? { kind: 'columns' }
    : string extends V
      ? { kind: 'column' }
      : [V] extends [string]
        ? EnumField<V>
        : never;

/** Every field of TrainConfig: what it holds and which values are allowed (in the order the URL lists them). */
export const CONFIG_FIELDS: { readonly [K in keyof TrainConfig]-?: ConfigField<TrainConfig[K]> } = {
  target: { kind: 'column' },
  features: { kind: 'columns' },
  window: { kind: 'number', min: 1, max: 256, integer: true },
  horizon: { kind: 'number', min: 1, max: 60, integer: true },
  transform: { kind: 'enum', values: TRANSFORMS },
  cell: { kind: 'enum', values: CELLS },
  hidden: { kind: 'number', min: 1, max: 256, integer: true },
  activation: { kind: 'enum', values: ACTIVATIONS },
  init: { kind: 'enum', values: INITS },
  forgetBias: { kind: 'number', min: 0, max: 10 },
  optimizer: { kind: 'enum', values: OPTIMIZERS },
  lr: { kind: 'number', min: 1e-6, max: 100 },
  momentum: { kind: 'number', min: 0, max: 0.999 },
  batch: { kind: 'number', min: 0, max: 1e6, integer: true },
  epochs: { kind: 'number', min: 1, max: 100000, integer: true },
  clip: { kind: 'number', min: 0, max: 1e6 },
  truncate: { kind: 'number', min: 0, max: 256, integer: true },
  seed: { kind: 'number', min: 0, max: 2 ** 31 - 1, integer: true },
  trainFraction: { kind: 'number', min: 0.1, max: 0.95 },
  loss: { kind: 'enum', values: LOSSES },
  output: { kind: 'enum', values: OUTPUTS },
  scaling: { kind: 'enum', values: SCALINGS },
};

export const CONFIG_KEYS = Object.keys(CONFIG_FIELDS) as (keyof TrainConfig)[];

/** Why `v` is not a valid value of field `key` (null when it is). */
export function fieldProblem(key: keyof TrainConfig, v: unknown): string | null {
  const f: AnyConfigField = CONFIG_FIELDS[key];
  const ok =
    f.kind === 'column'
      ? typeof v === 'string'
      : f.kind === 'columns'
        ? Array.isArray(v) && v.length > 0 && v.every((c) => typeof c === 'string')
        : f.kind === 'enum'
          ? typeof v === 'string' && (f.values as readonly string[]).includes(v)
          : typeof v === 'number' && Number.isFinite(v) && v >= f.min && v <= f.max && (!f.integer || Number.isInteger(v));
  return ok ? null : `config.${key}`;
}

/** A copy of the fields `keys` of `c` (arrays copied too). */
export function pick<K extends keyof TrainConfig>(c: TrainConfig, keys: readonly K[]): Pick<TrainConfig, K> {
  const out = {} as Pick<TrainConfig, K>;
  for (const k of keys) {
    const v = c[k];
    out[k] = (Array.isArray(v) ? [...v] : v) as TrainConfig[K];
  }
  return out;
}

/** The fields the data windows depend on (DatasetOptions). */
export const DATASET_KEYS = ['target', 'features', 'window', 'horizon', 'transform', 'trainFraction', 'scaling'] as const satisfies readonly (keyof DatasetOptions)[];

export function datasetOptions(c: TrainConfig): DatasetOptions {
  return pick(c, DATASET_KEYS);
}

/** The defects of the seed code, as reproducible switches: the field each one sets, on and off. */
export const DEFECT_SWITCHES = {
  broadcast: { field: 'loss', on: 'broadcast-mse', off: 'mse' },
  tanh: { field: 'output', on: 'tanh', off: 'linear' },
  scaling: { field: 'scaling', on: 'per-split', off: 'train-only' },
} as const satisfies Record<string, { [F in 'loss' | 'output' | 'scaling']: { field: F; on: TrainConfig[F]; off: TrainConfig[F] } }['loss' | 'output' | 'scaling']>;
export type DefectName = keyof typeof DEFECT_SWITCHES;
export const DEFECTS = Object.keys(DEFECT_SWITCHES) as DefectName[];

export type DefectFields = Pick<TrainConfig, 'loss' | 'output' | 'scaling'>;

/** Exactly one defect switched on (or none). */
export function defectFields(defect: DefectName | null): DefectFields {
  const out: Record<string, string> = {};
  for (const d of DEFECTS) out[DEFECT_SWITCHES[d].field] = d === defect ? DEFECT_SWITCHES[d].on : DEFECT_SWITCHES[d].off;
  return out as unknown as DefectFields;
}

export const NO_DEFECTS: DefectFields = defectFields(null);

/** Which defects a configuration has switched on. */
export function activeDefects(c: DefectFields): DefectName[] {
  return DEFECTS.filter((d) => c[DEFECT_SWITCHES[d].field] === DEFECT_SWITCHES[d].on);
}

export function isDefectName(v: unknown): v is DefectName {
  return typeof v === 'string' && (DEFECTS as readonly string[]).includes(v);
}

/**
 * Settings that can change while a model is being trained without starting
 * over: the optimiser's knobs and the epoch budget. Everything else changes
 * the data the model sees or the model's shape, so it resets the run.
 */
export const LIVE_KEYS = ['optimizer', 'lr', 'momentum', 'clip', 'epochs'] as const satisfies readonly (keyof TrainConfig)[];
export type LiveSettings = Pick<TrainConfig, (typeof LIVE_KEYS)[number]>;

export function liveSettings(c: TrainConfig): LiveSettings {
  return pick(c, LIVE_KEYS);
}

/** True when `a` and `b` hold the same value of field `k` (lists element by element). */
export function sameField(a: TrainConfig, b: TrainConfig, k: keyof TrainConfig): boolean {
  const x = a[k];
  const y = b[k];
  if (Array.isArray(x) && Array.isArray(y)) return x.length === y.length && x.every((v, i) => v === y[i]);
  return x === y;
}

/** True when going from `a` to `b` needs a fresh model (anything but the live keys changed). */
export function needsReset(a: TrainConfig, b: TrainConfig): boolean {
  return CONFIG_KEYS.some((k) => !(LIVE_KEYS as readonly string[]).includes(k) && !sameField(a, b, k));
}
