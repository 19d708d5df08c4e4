// Typed URL state. Every control's value lives here, keyed by a namespaced
// name (`vx.rho`, `train.lr`, …), so any view is a shareable link. Widgets
// declare the fields they own with `defineFields`; the store never holds
// anything that is not in the URL.

export type NumberSpec = { kind: 'number'; default: number; min?: number; max?: number; integer?: boolean };
/** One of `values`; the field's type is the union of those values. */
export type EnumSpec<V extends string = string> = { kind: 'enum'; default: V; values: readonly V[] };
export type BoolSpec = { kind: 'bool'; default: boolean };
export type StringSpec = { kind: 'string'; default: string };
export type FieldSpec = NumberSpec | EnumSpec | BoolSpec | StringSpec;

export type FieldValue<S extends FieldSpec> = S extends { kind: 'number' }
  ? number
  : S extends { kind: 'bool' }
    ? boolean
    : S extends { kind: 'enum'; values: readonly (infer V extends string)[] }
      ? V
      : string;

export type Values<Fields extends Record<string, FieldSpec>> = { [K in keyof Fields]: FieldValue<Fields[K]> };

/** Every enum field's default must be one of its values (checked by the compiler, and again at run time). */
type DefaultsInValues<F extends Record<string, FieldSpec>> = { [K in keyof F]: F[K] extends { kind: 'enum'; values: readonly (infer V extends string)[] } ? { default: V } : unknown };

type Listener = () => void;

/** Parse one raw URL value against its spec; undefined when absent or invalid. */
export function parseField(spec: FieldSpec, raw: string | null): string | number | boolean | undefined {
  if (raw === null) return undefined;
  switch (spec.kind) {
    case 'number': {
      if (raw.trim() === '') return undefined;
      let v = Number(raw);
      if (!Number.isFinite(v)) return undefined;
      if (spec.integer) v = Math.round(v);
      if (spec.min !== undefined) v = Math.max(spec.min, v);
      if (spec.max !== undefined) v = Math.min(spec.max, v);
      return v;
    }
    case 'enum':
      return spec.values.includes(raw) ? raw : undefined;
    case 'bool':
      return raw === '1' || raw === 'true' ? true : raw === '0' || raw === 'false' ? false : undefined;
    case 'string':
      return raw;
  }
}

export function formatField(spec: FieldSpec, value: string | number | boolean): string {
  if (spec.kind === 'bool') return value ? '1' : '0';
  if (spec.kind === 'number') return String(Number((value as number).toPrecision(12)));
  return String(value);
}

export class UrlStore {
  private readonly specs = new Map<string, FieldSpec>();
  private readonly values = new Map<string, string | number | boolean>();
  private readonly listeners = new Map<string, Set<Listener>>();
  private readonly writeListeners = new Set<Listener>();

  constructor(
    private readonly read: () => URLSearchParams,
    private readonly write: (params: URLSearchParams) => void,
  ) {}

  /** Register the fields of one namespace and get a typed handle on them. */
  defineFields<const F extends Record<string, FieldSpec>>(namespace: string, fields: F & DefaultsInValues<F>): FieldGroup<F> {
    const params = this.read();
    let rewrite = false;
    for (const [name, spec] of Object.entries(fields)) {
      const key = namespace ? `${namespace}.${name}` : name;
      if (spec.kind === 'enum' && !spec.values.includes(spec.default)) throw new RangeError(`${key}: default ${spec.default} is not one of ${spec.values.join(', ')}`);
      this.specs.set(key, spec);
      const raw = params.get(key);
      const parsed = parseField(spec, raw);
      const value = parsed === undefined ? spec.default : parsed;
      this.values.set(key, value);
      // A value that is not the one in use (garbage, out of range, the default spelt out) is rewritten.
      if (raw !== null && (value === spec.default || raw !== formatField(spec, value))) rewrite = true;
    }
    if (rewrite) this.flush();
    return new FieldGroup<F>(this, namespace, fields);
  }

  get(key: string): string | number | boolean {
    const v = this.values.get(key);
    if (v === undefined) throw new Error(`unknown state field ${key}`);
    return v;
  }

  /** Set several fields; writes the URL once and notifies each namespace once. */
  set(entries: Record<string, string | number | boolean>): void {
    const touched = new Set<string>();
    for (const [key, raw] of Object.entries(entries)) {
      const spec = this.specs.get(key);
      if (!spec) throw new Error(`unknown state field ${key}`);
      const parsed = parseField(spec, typeof raw === 'string' ? raw : formatField(spec, raw));
      if (parsed === undefined || parsed === this.values.get(key)) continue;
      this.values.set(key, parsed);
      touched.add(namespaceOf(key));
    }
    if (touched.size === 0) return;
    this.flush();
    for (const ns of touched) for (const l of this.listeners.get(ns) ?? []) l();
  }

  /**
   * Take the values of a kept session: the fields defined so far are set
   * (their listeners hear it), and the URL holds every value, so fields
   * defined later read theirs from it.
   */
  adopt(params: URLSearchParams): void {
    const url = this.read();
    for (const [k, v] of params) url.set(k, v);
    this.write(url);
    const entries: Record<string, string> = {};
    for (const key of this.specs.keys()) entries[key] = params.get(key) ?? formatField(this.specs.get(key)!, this.specs.get(key)!.default);
    this.set(entries);
  }

  /** A parameter as the URL will hold it once pending writes are in (`lang`, which no field owns; a kept session's values). */
  param(key: string): string | null {
    return this.read().get(key);
  }

  /** Every field defined so far: its key, spec and the value in use. */
  describe(): { key: string; spec: FieldSpec; value: string | number | boolean }[] {
    return [...this.specs].map(([key, spec]) => ({ key, spec, value: this.values.get(key)! }));
  }

  /** Called after every write of the URL (the session keeper saves the settings then). */
  onWrite(listener: Listener): () => void {
    this.writeListeners.add(listener);
    return () => this.writeListeners.delete(listener);
  }

  subscribe(namespace: string, listener: Listener): () => void {
    let set = this.listeners.get(namespace);
    if (!set) this.listeners.set(namespace, (set = new Set()));
    set.add(listener);
    return () => set.delete(listener);
  }

  /** Only values that differ from their defaults appear in the URL. */
  private flush(): void {
    const params = this.read();
    for (const [key, spec] of this.specs) {
      const v = this.values.get(key)!;
      if (v === spec.default) params.delete(key);
      else params.set(key, formatField(spec, v));
    }
    this.write(params);
    for (const l of this.writeListeners) l();
  }
}

function namespaceOf(key: string): string {
  const dot = key.indexOf('.');
  return dot < 0 ? '' : key.slice(0, dot);
}

export class FieldGroup<F extends Record<string, FieldSpec>> {
  constructor(
    private readonly store: UrlStore,
    readonly namespace: string,
    readonly fields: F,
  ) {}

  private key(name: keyof F & string): string {
    return this.namespace ? `${this.namespace}.${name}` : name;
  }

  get<K extends keyof F & string>(name: K): FieldValue<F[K]> {
    return this.store.get(this.key(name)) as FieldValue<F[K]>;
  }

  all(): Values<F> {
    const out = {} as Record<string, unknown>;
    for (const name of Object.keys(this.fields)) out[name] = this.store.get(this.key(name));
    return out as Values<F>;
  }

  set(values: Partial<Values<F>> | Record<string, string>): void {
    const entries: Record<string, string | number | boolean> = {};
    for (const [name, v] of Object.entries(values)) {
      if (name in this.fields && v !== undefined) entries[this.key(name)] = v as string | number | boolean;
    }
    this.store.set(entries);
  }

  subscribe(listener: Listener): () => void {
    return this.store.subscribe(this.namespace, listener);
  }
}

/** How long the URL may lag a control (a slider drag writes it once per pause, not per input event). */
const URL_WRITE_MS = 120;

/**
 * The page's store, backed by `location.search` (replaceState, no history
 * spam). replaceState costs milliseconds per call, so writes are coalesced:
 * the latest parameters go in once the controls have been still for a moment,
 * merged with whatever else changed the URL meanwhile (the language switch).
 */
export function browserStore(): UrlStore {
  let timer: ReturnType<typeof setTimeout> | null = null;
  let base: URLSearchParams | null = null;
  let latest: URLSearchParams | null = null;
  const write = (): void => {
    timer = null;
    const now = new URLSearchParams(location.search);
    // Apply only what the store changed since `base`; whatever else changed the URL meanwhile stays.
    for (const key of new Set([...base!.keys(), ...latest!.keys()])) {
      const value = latest!.get(key);
      if (value === base!.get(key)) continue;
      if (value === null) now.delete(key);
      else now.set(key, value);
    }
    base = latest = null;
    const q = now.toString();
    history.replaceState(history.state, '', `${location.pathname}${q ? `?${q}` : ''}${location.hash}`);
  };
  return new UrlStore(
    () => latest ?? new URLSearchParams(location.search),
    (params) => {
      base ??= new URLSearchParams(location.search);
      latest = params;
      if (timer === null) timer = setTimeout(write, URL_WRITE_MS);
    },
  );
}
