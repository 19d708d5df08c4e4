// The trainer's URL state (`?train.lr=0.01&train.preset…`): field specs,
// the configuration they describe for a given table, and what presets and
// prose links (`#try/trainer?preset=seed&defect=broadcast`) write into them.
// Pure: no DOM.
import type { FieldSpec, Values } from '../../state/store.ts';
import {
  ACTIVATIONS,
  LOSSES,
  OPTIMIZERS,
  OUTPUTS,
  SCALINGS,
  TRANSFORMS,
  defectFields,
  isDefectName,
  type DefectName,
  type TrainConfig,
} from '../../train/config.ts';
import { isPresetName, presetSettings, type PresetName } from '../../train/presets.ts';

export const DATA_CHOICES = ['sp500', 'seasonal', 'long-lag', 'file'] as const;
export type DataChoice = (typeof DATA_CHOICES)[number];

const fast = presetSettings('fast', [], '');

export const TRAIN_FIELDS = {
  data: { kind: 'enum', default: 'sp500', values: DATA_CHOICES },
  lag: { kind: 'number', default: 20, min: 1, max: 200, integer: true },
  target: { kind: 'string', default: '' },
  features: { kind: 'string', default: '' },
  window: { kind: 'number', default: fast.window, min: 1, max: 256, integer: true },
  horizon: { kind: 'number', default: fast.horizon, min: 1, max: 60, integer: true },
  transform: { kind: 'enum', default: fast.transform, values: TRANSFORMS },
  hidden: { kind: 'number', default: fast.hidden, min: 1, max: 256, integer: true },
  activation: { kind: 'enum', default: fast.activation, values: ACTIVATIONS },
  optimizer: { kind: 'enum', default: fast.optimizer, values: OPTIMIZERS },
  lr: { kind: 'number', default: fast.lr, min: 1e-6, max: 100 },
  momentum: { kind: 'number', default: fast.momentum, min: 0, max: 0.999 },
  batch: { kind: 'number', default: fast.batch, min: 0, max: 1e6, integer: true },
  epochs: { kind: 'number', default: fast.epochs, min: 1, max: 100000, integer: true },
  clip: { kind: 'number', default: fast.clip, min: 0, max: 1e6 },
  seed: { kind: 'number', default: 1, min: 0, max: 2 ** 31 - 1, integer: true },
  split: { kind: 'number', default: 0.7, min: 0.1, max: 0.95 },
  loss: { kind: 'enum', default: 'mse', values: LOSSES },
  output: { kind: 'enum', default: 'linear', values: OUTPUTS },
  scaling: { kind: 'enum', default: 'train-only', values: SCALINGS },
} satisfies Record<string, FieldSpec>;

export type TrainFields = Values<typeof TRAIN_FIELDS>;

/** Feature lists travel as comma-separated, percent-encoded column names ('' = the target alone). */
export function encodeFeatures(features: readonly string[], target: string): string {
  if (features.length === 1 && features[0] === target) return '';
  return features.map((f) => encodeURIComponent(f)).join(',');
}

export function decodeFeatures(raw: string): string[] {
  if (raw === '') return [];
  return raw.split(',').map((p) => {
    try {
      return decodeURIComponent(p);
    } catch {
      return p;
    }
  });
}

/** The configuration the fields describe for a table with these columns and default target. */
export function configFromFields(v: TrainFields, columns: readonly string[], defaultTarget: string): TrainConfig {
  const target = columns.includes(v.target) ? v.target : defaultTarget;
  let features = decodeFeatures(v.features).filter((f, i, all) => columns.includes(f) && all.indexOf(f) === i);
  if (features.length === 0) features = [target];
  return {
    target,
    features,
    window: v.window,
    horizon: v.horizon,
    transform: v.transform as TrainConfig['transform'],
    trainFraction: v.split,
    scaling: v.scaling as TrainConfig['scaling'],
    hidden: v.hidden,
    activation: v.activation as TrainConfig['activation'],
    output: v.output as TrainConfig['output'],
    loss: v.loss as TrainConfig['loss'],
    optimizer: v.optimizer as TrainConfig['optimizer'],
    lr: v.lr,
    momentum: v.momentum,
    batch: v.batch,
    epochs: v.epochs,
    clip: v.clip,
    seed: v.seed,
  };
}

/** Field values for a configuration (e.g. one loaded from a weights file). */
export function fieldsFromConfig(c: TrainConfig): Partial<TrainFields> {
  return {
    target: c.target,
    features: encodeFeatures(c.features, c.target),
    window: c.window,
    horizon: c.horizon,
    transform: c.transform,
    split: c.trainFraction,
    scaling: c.scaling,
    hidden: c.hidden,
    activation: c.activation,
    output: c.output,
    loss: c.loss,
    optimizer: c.optimizer,
    lr: c.lr,
    momentum: c.momentum,
    batch: c.batch,
    epochs: c.epochs,
    clip: c.clip,
    seed: c.seed,
  };
}

/** What selecting a preset writes: its settings, with every defect off. */
export function presetFields(name: PresetName, columns: readonly string[], target: string): Partial<TrainFields> {
  const p = presetSettings(name, columns, target);
  return {
    features: encodeFeatures(p.features, target),
    window: p.window,
    horizon: p.horizon,
    transform: p.transform,
    hidden: p.hidden,
    activation: p.activation,
    optimizer: p.optimizer,
    lr: p.lr,
    momentum: p.momentum,
    batch: p.batch,
    epochs: p.epochs,
    clip: p.clip,
    loss: p.loss,
    output: p.output,
    scaling: p.scaling,
  };
}

/**
 * Settings that make a bundled series teach what it is there for. The
 * long-lag task's target is its input L steps earlier, so the input column
 * must be an input, the window must reach L steps back, and the target is
 * the level itself (a difference would mix in the previous, unrelated value).
 * The window is exactly L long, so the value to recall sits at its first step
 * and the gradient has to cross all of it.
 */
export function sampleFields(choice: DataChoice, current: Pick<TrainFields, 'lag'>): Partial<TrainFields> {
  if (choice !== 'long-lag') return {};
  return { features: encodeFeatures(['input', 'target'], 'target'), target: 'target', transform: 'level', window: current.lag };
}

export interface PresetRequest {
  /** Field values to write. */
  values: Partial<TrainFields>;
  /** The defect switched on by the link, if it named one. */
  defect: DefectName | null;
  /** True when the link said `defect=none`. */
  defectsOff: boolean;
  /** True when a defect link also switched the target to the price level (see readPresetParams). */
  levelTarget: boolean;
}

/**
 * Read a prose link's parameters: `preset=seed|fast`, `defect=broadcast|tanh|scaling|none`
 * (that one on, the others off), and any field by its name (`lr=0.5`, `data=seasonal`).
 * The preset goes first, so `preset=seed&defect=broadcast&epochs=300` means what it says.
 * A defect link without a preset or transform also sets the target to the price
 * level, as the seed code had it: forecasting daily changes (the fast preset)
 * would hide the flat line and the clipping the defects cause.
 */
export function readPresetParams(params: URLSearchParams, columns: readonly string[], target: string): PresetRequest {
  const values: Partial<TrainFields> = {};
  const preset = params.get('preset');
  if (isPresetName(preset)) Object.assign(values, presetFields(preset, columns, target));
  const defectRaw = params.get('defect');
  const defect = isDefectName(defectRaw) ? defectRaw : null;
  const defectsOff = defectRaw === 'none';
  if (defect || defectsOff) Object.assign(values, defectFields(defect));
  const levelTarget = defect !== null && !isPresetName(preset) && !params.has('transform');
  if (levelTarget) values.transform = 'level';
  for (const [key, raw] of params) {
    if (key === 'preset' || key === 'defect' || !(key in TRAIN_FIELDS)) continue;
    (values as Record<string, string>)[key] = raw;
  }
  return { values, defect, defectsOff, levelTarget };
}
