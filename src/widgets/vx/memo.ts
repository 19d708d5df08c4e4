// Remembers the last few results of an expensive pure function by a key made
// of the settings it reads, so that a change of the other settings reuses
// them: moving ρ reuses the drawn weights and their eigenvalues (a rescaling
// of W scales them), toggling clipping reuses the Jacobian norms. Generic:
// any computation of the lab's series for its settings can stage itself this way.
export function memoLast<S, V>(keyOf: (settings: S) => string, compute: (settings: S) => V, size = 4): (settings: S) => V {
  const entries: { key: string; value: V }[] = [];
  return (settings) => {
    const key = keyOf(settings);
    const at = entries.findIndex((e) => e.key === key);
    if (at >= 0) {
      const [hit] = entries.splice(at, 1);
      entries.push(hit);
      return hit.value;
    }
    const value = compute(settings);
    entries.push({ key, value });
    if (entries.length > size) entries.shift();
    return value;
  };
}

/** A key from the named fields of `settings`, in the order given. */
export function keyOf<S>(fields: readonly (keyof S)[]): (settings: S) => string {
  return (s) => fields.map((f) => String(s[f])).join('|');
}
