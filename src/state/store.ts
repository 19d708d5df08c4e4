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

  constructor(
    private readonly read: () => URLSearchParams,
    private readonly write: (params: URLSearchParams) => void,
  ) {}

  /** Register the fields of one namespace and get a typed handle on them. */
  defineFields<const F extends Record<string, FieldSpec>>(namespace: string, fields: F & DefaultsInValues<F>): FieldGroup<F> {
    const params = this.read();
    for (const [name, spec] of Object.entries(fields)) {
      const key = namespace ? `${namespace}.${name}` : name;
      if (spec.kind === 'enum' && !spec.values.includes(spec.default)) throw new RangeError(`${key}: default ${spec.default} is not one of ${spec.values.join(', ')}`);
      this.specs.set(key, spec);
      const parsed = parseField(spec, params.get(key));
      this.values.set(key, parsed === undefined ? spec.default : parsed);
    }
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

/** The page's store, backed by `location.search` (replaceState, no history spam). */
export function browserStore(): UrlStore {
  return new UrlStore(
    () => new URLSearchParams(location.search),
    (params) => {
      const q = params.toString();
      history.replaceState(history.state, '', `${location.pathname}${q ? `?${q}` : ''}${location.hash}`);
    },
  );
}
