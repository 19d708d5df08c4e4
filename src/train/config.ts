// The trainer's configuration: one plain object that says everything needed
// to rebuild a run (data columns, windowing, model, optimiser, the seed's
// defects). The widget keeps each field in the URL; the worker and the unit
// tests receive the object as is. Pure: no DOM, no tfjs.

export type Transform = 'level' | 'diff' | 'logret';
export type ActivationName = 'tanh' | 'relu' | 'linear';
export type OptimizerName = 'sgd' | 'adam';
export type LossName = 'mse' | 'broadcast-mse';
export type OutputName = 'linear' | 'tanh';
export type ScalingName = 'train-only' | 'per-split';

export const TRANSFORMS: readonly Transform[] = ['level', 'diff', 'logret'];
export const ACTIVATIONS: readonly ActivationName[] = ['tanh', 'relu', 'linear'];
export const OPTIMIZERS: readonly OptimizerName[] = ['sgd', 'adam'];
export const LOSSES: readonly LossName[] = ['mse', 'broadcast-mse'];
export const OUTPUTS: readonly OutputName[] = ['linear', 'tanh'];
export const SCALINGS: readonly ScalingName[] = ['train-only', 'per-split'];

export interface TrainConfig {
  /** Column forecast. */
  target: string;
  /** Input columns (the target may be one of them). */
  features: string[];
  /** Window length T. */
  window: number;
  /** Predict this many steps after the window's last row. */
  horizon: number;
  transform: Transform;
  trainFraction: number;
  scaling: ScalingName;
  hidden: number;
  activation: ActivationName;
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
  seed: number;
}

/** The three defects of the seed code, as reproducible switches. */
export type DefectName = 'broadcast' | 'tanh' | 'scaling';
export const DEFECTS: readonly DefectName[] = ['broadcast', 'tanh', 'scaling'];

export interface DefectFields {
  loss: LossName;
  output: OutputName;
  scaling: ScalingName;
}

export const NO_DEFECTS: DefectFields = { loss: 'mse', output: 'linear', scaling: 'train-only' };

/** Exactly one defect switched on (or none). */
export function defectFields(defect: DefectName | null): DefectFields {
  return {
    loss: defect === 'broadcast' ? 'broadcast-mse' : 'mse',
    output: defect === 'tanh' ? 'tanh' : 'linear',
    scaling: defect === 'scaling' ? 'per-split' : 'train-only',
  };
}

/** Which defects a configuration has switched on. */
export function activeDefects(c: DefectFields): DefectName[] {
  const out: DefectName[] = [];
  if (c.loss === 'broadcast-mse') out.push('broadcast');
  if (c.output === 'tanh') out.push('tanh');
  if (c.scaling === 'per-split') out.push('scaling');
  return out;
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
  return { optimizer: c.optimizer, lr: c.lr, momentum: c.momentum, clip: c.clip, epochs: c.epochs };
}

/** True when going from `a` to `b` needs a fresh model (anything but the live keys changed). */
export function needsReset(a: TrainConfig, b: TrainConfig): boolean {
  for (const k of Object.keys(b) as (keyof TrainConfig)[]) {
    if ((LIVE_KEYS as readonly string[]).includes(k)) continue;
    const x = a[k];
    const y = b[k];
    if (Array.isArray(x) && Array.isArray(y)) {
      if (x.length !== y.length || x.some((v, i) => v !== y[i])) return true;
    } else if (x !== y) return true;
  }
  return false;
}

/** Problems that make a configuration untrainable, as message keys (the widget words them). */
export function configProblems(c: TrainConfig, columns: readonly string[]): string[] {
  const out: string[] = [];
  if (!columns.includes(c.target)) out.push('target-missing');
  if (c.features.length === 0) out.push('no-features');
  if (c.features.some((f) => !columns.includes(f))) out.push('feature-missing');
  if (!(c.lr > 0) || !Number.isFinite(c.lr)) out.push('lr');
  if (!(c.trainFraction > 0 && c.trainFraction < 1)) out.push('train-fraction');
  return out;
}
