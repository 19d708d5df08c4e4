// The trainer's URL state (`?train.lr=0.01&train.preset…`): field specs,
// the configuration they describe for a given table, and what presets and
// prose links (`#try/trainer?preset=seed&defect=broadcast`) write into them.
// Pure: no DOM.
import { DEFAULT_LAG, SAMPLES } from '../../data/samples.ts';
import type { EnumSpec, FieldSpec, NumberSpec, StringSpec, Values } from '../../state/store.ts';
import {
  CONFIG_FIELDS,
  CONFIG_KEYS,
  defectFields,
  isDefectName,
  type AnyConfigField,
  type DefectName,
  type EnumField,
  type TrainConfig,
} from '../../train/config.ts';
import { effectiveInit } from '../../train/cell-init.ts';
import { isPresetName, presetSettings, type PresetName, type PresetSettings } from '../../train/presets.ts';

export const DATA_CHOICES = [...SAMPLES, 'file'] as const;
export type DataChoice = (typeof DATA_CHOICES)[number];

/** The URL name of a configuration field: its own, except trainFraction, which is `split`. */
type UrlName<K extends keyof TrainConfig> = K extends 'trainFraction' ? 'split' : K;
function urlName<K extends keyof TrainConfig>(k: K): UrlName<K> {
  return (k === 'trainFraction' ? 'split' : k) as UrlName<K>;
}

/** The URL field of a configuration field: numbers and enums as such, columns as (encoded) text. */
type UrlSpec<F> = F extends { kind: 'number' } ? NumberSpec : F extends EnumField<infer V> ? EnumSpec<V> : StringSpec;
type ConfigSpecs = { -readonly [K in keyof TrainConfig as UrlName<K>]: UrlSpec<(typeof CONFIG_FIELDS)[K]> };

/** Defaults: the fast preset, seed 1, 70 % training rows, no defects; target and features are the table's own. */
const { features: _features, ...fast } = presetSettings('fast', [], '');
const DEFAULTS: Omit<TrainConfig, 'target' | 'features'> = { ...fast, trainFraction: 0.7, seed: 1 };

function urlSpec(k: keyof TrainConfig): FieldSpec {
  const f: AnyConfigField = CONFIG_FIELDS[k];
  const def = k === 'target' || k === 'features' ? '' : DEFAULTS[k];
  if (f.kind === 'number') return { kind: 'number', default: def as number, min: f.min, max: f.max, ...(f.integer ? { integer: true } : {}) };
  if (f.kind === 'enum') return { kind: 'enum', default: def as string, values: f.values };
  return { kind: 'string', default: '' };
}

export const TRAIN_FIELDS = {
  data: { kind: 'enum', default: 'sp500', values: DATA_CHOICES } satisfies EnumSpec<DataChoice>,
  lag: { kind: 'number', default: DEFAULT_LAG, min: 1, max: 200, integer: true },
  ...(Object.fromEntries(CONFIG_KEYS.map((k) => [urlName(k), urlSpec(k)])) as ConfigSpecs),
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
  const c = {} as Record<keyof TrainConfig, unknown>;
  for (const k of CONFIG_KEYS) c[k] = v[urlName(k)];
  const target = columns.includes(v.target) ? v.target : defaultTarget;
  let features = decodeFeatures(v.features).filter((f, i, all) => columns.includes(f) && all.indexOf(f) === i);
  if (features.length === 0) features = [target];
  // A gated cell does not offer the identity (IRNN) start: it trains from its default (the controls say so).
  return { ...(c as TrainConfig), target, features, init: effectiveInit(v.cell, v.init) };
}

/** Field values for (part of) a configuration; features are encoded against `target`. */
function fieldsOf(c: Partial<TrainConfig>, target: string): Partial<TrainFields> {
  const out: Record<string, unknown> = {};
  for (const k of Object.keys(c) as (keyof TrainConfig)[]) out[urlName(k)] = k === 'features' ? encodeFeatures(c.features!, target) : c[k];
  return out as Partial<TrainFields>;
}

/** Field values for a configuration (e.g. one loaded from a weights file). */
export function fieldsFromConfig(c: TrainConfig): Partial<TrainFields> {
  return fieldsOf(c, c.target);
}

/** What selecting a preset writes: its settings, with every defect off. */
export function presetFields(name: PresetName, columns: readonly string[], target: string): Partial<TrainFields> {
  const p: PresetSettings = presetSettings(name, columns, target);
  return fieldsOf(p, target);
}

/** The column fields kept for a newly loaded table: a remembered target and features only where it has them. */
export function columnFieldsFor(v: Pick<TrainFields, 'target' | 'features'>, columns: readonly string[], defaultTarget: string): Pick<TrainFields, 'target' | 'features'> {
  const target = columns.includes(v.target) ? v.target : '';
  const kept = decodeFeatures(v.features).filter((f) => columns.includes(f));
  return { target, features: kept.length ? encodeFeatures(kept, target || defaultTarget) : '' };
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
