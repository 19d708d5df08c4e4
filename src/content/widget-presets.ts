// What a prose link `#try/NAME?key=value&…` does to widget NAME, read from the
// widgets' own field definitions (src/widgets/NAME/fields.ts) and preset
// readers: which keys it may name, which values each key takes as written,
// and the settings the widget ends up with when every unnamed setting is at
// its default. Used at build time for live numbers and by the unit test that
// audits every link in the text. Pure: no DOM.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SAMPLES, SP500_PATH, loadSample, type SampleName } from '../data/samples.ts';
import type { Table } from '../data/csv.ts';
import { parseField, type FieldSpec } from '../state/store.ts';
import { isDefectName } from '../train/config.ts';
import { isPresetName } from '../train/presets.ts';
import { BPTT_FIELDS } from '../widgets/bptt/fields.ts';
import { FORWARD_FIELDS } from '../widgets/forward/fields.ts';
import { X_LIMIT, parseSequence } from '../widgets/forward/model.ts';
import { GRADCHECK_FIELDS } from '../widgets/gradcheck/fields.ts';
import { SPAN_FIELDS, parseLags } from '../widgets/memory-span/fields.ts';
import { pickParams, withDefaults } from '../widgets/preset-params.ts';
import { TRAIN_FIELDS, decodeFeatures } from '../widgets/trainer/fields.ts';
import { linkFields } from '../widgets/trainer/preset-link.ts';
import { UNROLLED_FIELDS } from '../widgets/unrolled/fields.ts';
import { VX_FIELDS, presetEntries as vxPresetEntries } from '../widgets/vx/fields.ts';

export type Setting = string | number | boolean;
export type Settings = Record<string, Setting>;

export interface PresetContext {
  /** Project root: the bundled S&P 500 file is read from `public/` below it. */
  root: string;
}

export interface WidgetPresets {
  fields: Record<string, FieldSpec>;
  /** Keys a link may name that are not fields (e.g. the trainer's `preset`). */
  extraKeys: readonly string[];
  /** What the widget's applyPreset writes for this link: raw strings by field name. */
  entries(params: URLSearchParams, ctx: PresetContext): Record<string, string>;
  /** Why a raw value of a key is not one the widget takes as written; null when it is. */
  invalid(key: string, raw: string, params: URLSearchParams, ctx: PresetContext): string | null;
}

/** Is `raw` a value of `spec` as written (not clamped, not rounded, not ignored)? */
export function fieldValueProblem(spec: FieldSpec, raw: string): string | null {
  const parsed = parseField(spec, raw);
  if (parsed === undefined) {
    if (spec.kind === 'enum') return `"${raw}" is not one of ${spec.values.join(', ')}`;
    return `"${raw}" is not a ${spec.kind}`;
  }
  if (spec.kind === 'number' && parsed !== Number(raw)) return `${raw} lies outside [${spec.min ?? '−∞'}, ${spec.max ?? '∞'}]${spec.integer ? ' or is not an integer' : ''}`;
  return null;
}

function plainWidget(fields: Record<string, FieldSpec>, extra?: (key: string, raw: string) => string | null): WidgetPresets {
  return {
    fields,
    extraKeys: [],
    entries: (params) => pickParams(params, Object.keys(fields)),
    invalid: (key, raw) => extra?.(key, raw) ?? fieldValueProblem(fields[key], raw),
  };
}

const vx: WidgetPresets = {
  fields: VX_FIELDS,
  extraKeys: [],
  entries: (params) => vxPresetEntries(params),
  invalid(key, raw) {
    if (key !== 'clip') return fieldValueProblem(VX_FIELDS[key as keyof typeof VX_FIELDS], raw);
    // `clip` is 0/1 (off/on) or a threshold (on at that threshold), see presetEntries.
    if (['0', '1', 'true', 'false', 'on', 'off'].includes(raw)) return null;
    const n = Number(raw);
    return Number.isFinite(n) && n > 0 ? fieldValueProblem(VX_FIELDS.clipAt, raw) : `clip=${raw} is neither on/off nor a threshold`;
  },
};

const forward = plainWidget(FORWARD_FIELDS, (key, raw) => {
  if (key !== 'x') return null;
  const xs = parseSequence(raw);
  if (!xs) return `x=${raw} is not a list of 2 to 12 numbers`;
  const given = raw.split(',').map(Number);
  return given.some((v) => Math.abs(v) > X_LIMIT) ? `x=${raw} has an input beyond ±${X_LIMIT}` : null;
});

const tableCache = new Map<string, Table>();

/** The bundled table a trainer link's `data` names (S&P 500 from public/, the others generated). */
export function trainerTable(params: URLSearchParams, ctx: PresetContext): Table {
  const data = params.get('data') ?? TRAIN_FIELDS.data.default;
  if (!(SAMPLES as readonly string[]).includes(data)) throw new Error(`trainer link: data=${data} is not a bundled series`);
  const lag = Number(params.get('lag') ?? TRAIN_FIELDS.lag.default);
  const key = `${data}:${lag}`;
  let table = tableCache.get(key);
  if (!table) {
    const sp500Bytes = data === 'sp500' ? readFileSync(join(ctx.root, 'public', SP500_PATH)) : undefined;
    table = loadSample(data as SampleName, { lag, sp500Bytes });
    tableCache.set(key, table);
  }
  return table;
}

const trainer: WidgetPresets = {
  fields: TRAIN_FIELDS,
  extraKeys: ['preset', 'defect'],
  entries(params, ctx) {
    // Every field: the page applies the link's fields over the defaults (linkFields), so a
    // link to the S&P 500 sets its target (the table's own) as surely as a long-lag link does.
    const table = trainerTable(params, ctx);
    return linkFields(params, table.columns, table.target).values;
  },
  invalid(key, raw, params, ctx) {
    if (key === 'preset') return isPresetName(raw) ? null : `preset=${raw} is not a preset`;
    if (key === 'defect') return isDefectName(raw) || raw === 'none' ? null : `defect=${raw} is not a defect`;
    if (key === 'data' && !(SAMPLES as readonly string[]).includes(raw)) return `data=${raw} is not a bundled series`;
    const problem = fieldValueProblem(TRAIN_FIELDS[key as keyof typeof TRAIN_FIELDS], raw);
    if (problem) return problem;
    if (key === 'target' || key === 'features') {
      const columns = trainerTable(params, ctx).columns;
      const missing = (key === 'target' ? [raw] : decodeFeatures(raw)).filter((c) => !columns.includes(c));
      if (missing.length) return `${key}: no column ${missing.join(', ')} in ${params.get('data') ?? TRAIN_FIELDS.data.default}`;
    }
    return null;
  },
};

/** Every widget a prose link may name, by slot name. */
export const WIDGET_PRESETS: Record<string, WidgetPresets> = {
  unrolled: plainWidget(UNROLLED_FIELDS),
  forward,
  bptt: plainWidget(BPTT_FIELDS),
  gradcheck: plainWidget(GRADCHECK_FIELDS),
  vx,
  trainer,
  'memory-span': plainWidget(SPAN_FIELDS, (key, raw) => (key === 'lags' && !parseLags(raw) ? `lags=${raw} is not a list of lags` : null)),
};

export function widgetPresets(widget: string): WidgetPresets {
  const w = WIDGET_PRESETS[widget];
  if (!w) throw new Error(`no preset definition for widget "${widget}"`);
  return w;
}

/** Every problem with a link's query: unknown keys and values the widget would not take as written. */
export function linkProblems(widget: string, query: string, ctx: PresetContext): string[] {
  const w = WIDGET_PRESETS[widget];
  if (!w) return [`unknown widget "${widget}"`];
  const params = new URLSearchParams(query);
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const [key, raw] of params) {
    if (seen.has(key)) problems.push(`${key} is given twice`);
    seen.add(key);
    if (!(key in w.fields) && !w.extraKeys.includes(key)) {
      problems.push(`unknown setting "${key}"`);
      continue;
    }
    const p = w.invalid(key, raw, params, ctx);
    if (p) problems.push(p);
  }
  return problems;
}

/**
 * The widget's settings after the link: every widget resets each setting a
 * link leaves out to its default (withDefaults in its applyPreset; the
 * trainer's through linkFields, once the link's series is loaded).
 */
export function settingsAt(widget: string, query: string, ctx: PresetContext): Settings {
  const w = widgetPresets(widget);
  const entries = withDefaults(w.fields, w.entries(new URLSearchParams(query), ctx));
  const out: Settings = {};
  for (const [key, spec] of Object.entries(w.fields)) {
    const v = parseField(spec, entries[key]);
    out[key] = v === undefined ? spec.default : v;
  }
  return out;
}
