// The part of a prose preset link (`#try/NAME?key=value&…`) a widget knows:
// the given keys that are present, as raw strings for FieldGroup.set (which
// parses and clamps them by the field specs), and the defaults of the rest.
import { formatField, parseField, type FieldSpec } from '../state/store.ts';

/** `params` restricted to `keys` (absent keys left out). */
export function pickParams(params: URLSearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const v = params.get(key);
    if (v !== null) out[key] = v;
  }
  return out;
}

/**
 * A link's entries with every field it leaves out set back to its default,
 * so that what a link shows does not depend on the link clicked before it.
 */
export function withDefaults(fields: Record<string, FieldSpec>, entries: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, spec] of Object.entries(fields)) out[key] = key in entries ? entries[key] : formatField(spec, spec.default);
  return out;
}

/**
 * Every field's value as the URL store would hold it after `set(entries)` on
 * a fresh store (parsed, clamped, invalid values at the default), written back
 * as text: what a live number's settings and the widget's state are compared by.
 */
export function normalisedSettings(fields: Record<string, FieldSpec>, entries: Record<string, string>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, spec] of Object.entries(fields)) {
    const v = parseField(spec, entries[key] ?? null);
    out[key] = formatField(spec, v === undefined ? spec.default : v);
  }
  return out;
}

/** A widget's current values (FieldGroup.all()) as text, field by field. */
export function formattedSettings(fields: Record<string, FieldSpec>, values: Record<string, string | number | boolean>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [key, spec] of Object.entries(fields)) out[key] = formatField(spec, values[key]);
  return out;
}
