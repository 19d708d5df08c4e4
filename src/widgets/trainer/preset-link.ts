// What a prose link (`#try/trainer?data=sp500&preset=seed&defect=tanh`) gives
// the trainer: every field — those the link names, its preset's and its
// defect's as they say, the bundled series' own needs, and every other field
// at its default — so that what a link shows does not depend on the link
// clicked before it. Pure: no DOM. The page applies it once the link's series
// is loaded (the preset's inputs depend on the table's columns); the build and
// the link audit read it too (src/content/widget-presets.ts).
import { DEFAULT_LAG } from '../../data/samples.ts';
import { formatField } from '../../state/store.ts';
import { withDefaults } from '../preset-params.ts';
import { TRAIN_FIELDS, readPresetParams, sampleFields, type DataChoice, type PresetRequest } from './fields.ts';

/** The series a link asks for: its `data` and `lag`, the defaults where it names none. */
export function linkSeries(params: URLSearchParams): { data: DataChoice; lag: number } {
  const data = params.get('data');
  const lag = Number(params.get('lag') ?? DEFAULT_LAG);
  return {
    data: (TRAIN_FIELDS.data.values as readonly string[]).includes(data ?? '') ? (data as DataChoice) : TRAIN_FIELDS.data.default,
    lag: Number.isInteger(lag) && lag >= 1 ? lag : DEFAULT_LAG,
  };
}

export interface LinkFields {
  /** Every trainer field, as text. */
  values: Record<string, string>;
  /** The fields the link sets itself (by name, preset, defect or series), before the rest go to their defaults. */
  named: Record<string, string>;
  /** What the link said about the defects (the trainer shows a notice). */
  request: PresetRequest;
}

/** The fields after the link, for the link's table (its columns and default target). */
export function linkFields(params: URLSearchParams, columns: readonly string[], defaultTarget: string): LinkFields {
  const named = params.get('target');
  const target = named !== null && columns.includes(named) ? named : defaultTarget;
  const request = readPresetParams(params, columns, target);
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(request.values)) {
    const spec = TRAIN_FIELDS[k as keyof typeof TRAIN_FIELDS];
    if (spec && v !== undefined) values[k] = typeof v === 'string' ? v : formatField(spec, v);
  }
  // A bundled series' own settings (the long-lag task's inputs and window), unless the link spelt them out.
  const series = linkSeries(params);
  for (const [k, v] of Object.entries(sampleFields(series.data, { lag: series.lag }))) {
    if (!params.has(k)) values[k] = formatField(TRAIN_FIELDS[k as keyof typeof TRAIN_FIELDS], v as string | number);
  }
  return { values: withDefaults(TRAIN_FIELDS, values), named: values, request };
}
