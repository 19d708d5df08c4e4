// The part of a prose preset link (`#try/NAME?key=value&…`) a widget knows:
// the given keys that are present, as raw strings for FieldGroup.set (which
// parses and clamps them by the field specs), and the defaults of the rest.
import { formatField, type FieldSpec } from '../state/store.ts';

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
