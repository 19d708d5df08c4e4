// The part of a prose preset link (`#try/NAME?key=value&…`) a widget knows:
// the given keys that are present, as raw strings for FieldGroup.set (which
// parses and clamps them by the field specs).

/** `params` restricted to `keys` (absent keys left out). */
export function pickParams(params: URLSearchParams, keys: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of keys) {
    const v = params.get(key);
    if (v !== null) out[key] = v;
  }
  return out;
}
