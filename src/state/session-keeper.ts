// Keeps the reader's session between visits: the settings (the URL store's
// query) and named parts that widgets hand over (the trainer's table,
// weights and runs: any structured-clone value, checked by its owner when it
// comes back). On the next visit it decides whether to bring them back:
//
// - the page opens with no settings in its URL but the language (a new tab),
//   or with exactly the settings kept (a reload): the session is restored —
//   the settings go back into the store (the URL's language wins), and each
//   part is there for its owner to take;
// - the URL carries other settings (a shared link): the link wins. What was
//   kept stays untouched until the reader loads data or trains here, and the
//   notice offers to restore it instead.
//
// Storage that is refused, full or broken never stops the page: the keeper
// records the problem for the notice and keeps nothing (today's behaviour).
import { isFailure, type SessionStorage, type StorageFailure } from './session-db.ts';
import { SESSION_SCHEMA } from './session-db.ts';
import type { UrlStore } from './store.ts';

/** A few facts about a kept part, for the notice (file name and rows, epoch, number of runs). */
export type PartAbout = Record<string, string | number>;

export type KeeperMode = 'fresh' | 'restored' | 'held';

export interface KeeperNote {
  kind: 'dropped' | 'not-kept';
  part: string;
  params?: PartAbout;
}

export interface KeeperState {
  mode: KeeperMode;
  /** When the restored (or held) session was last saved, ms since 1970. */
  savedAt: number | null;
  /** What the restored (or held) session holds, part by part. */
  about: Record<string, PartAbout>;
  /** The settings came back (a new tab) or were already in the URL (a reload). */
  settings: boolean;
  /** The first storage failure, if any: nothing more is kept. */
  problem: StorageFailure | null;
  notes: KeeperNote[];
}

export interface KeptPart<T> {
  /**
   * The value kept from the last visit, checked by `check`, when this view
   * restored the session; null otherwise (and after the first call). A value
   * `check` refuses (an older format) is deleted and noted.
   */
  take(): Promise<T | null>;
  /** What is kept now (written by this view or restored), checked; null when nothing is, or while a shared link holds the old session. */
  read(): Promise<T | null>;
  /** Keep `value` (null forgets it). `about` goes in the notice next time. */
  save(value: T | null, about?: PartAbout): void;
  /** Say that the current value is deliberately not kept (e.g. over the size limit). */
  notKept(params: PartAbout): void;
}

/** URL parameters that are not settings: the language is one (kept), debug hooks are not. */
const NOT_SETTINGS = new Set(['debug']);
const SETTINGS = 'settings';
const SUMMARY = 'summary';
/** Writes of the settings and of parts other than immediate ones wait this long for more changes. */
const SAVE_DELAY_MS = 400;

function settingsOf(query: string): URLSearchParams {
  const p = new URLSearchParams(query);
  for (const k of [...p.keys()]) if (NOT_SETTINGS.has(k)) p.delete(k);
  p.sort();
  return p;
}

interface Summary {
  about: Record<string, PartAbout>;
}

export class SessionKeeper {
  private storage: SessionStorage | null = null;
  private readonly listeners = new Set<() => void>();
  private readonly pending = new Map<string, { value: unknown }>();
  private timer: ReturnType<typeof setTimeout> | 0 = 0;
  private readonly taken = new Set<string>();
  private readonly immediate = new Set<string>();
  private aboutNow: Record<string, PartAbout> = {};
  state: KeeperState = { mode: 'fresh', savedAt: null, about: {}, settings: false, problem: null, notes: [] };

  constructor(
    private readonly store: UrlStore,
    private readonly readQuery: () => string,
  ) {}

  /**
   * Open what was kept and decide (see the top of this file). Resolves once
   * the settings are back in the store; never rejects.
   */
  async load(opening: Promise<SessionStorage | StorageFailure>): Promise<void> {
    const storage = await opening;
    if (isFailure(storage)) return this.fail(storage);
    this.storage = storage;
    const [settings, summary] = await Promise.all([storage.get(SETTINGS), storage.get(SUMMARY)]);
    if (isFailure(settings)) return this.fail(settings);
    if (isFailure(summary)) return this.fail(summary);
    if (settings === undefined && summary === undefined) return this.ready();
    if (settings !== undefined && (settings.schema !== SESSION_SCHEMA || typeof (settings.value as { query?: unknown })?.query !== 'string')) {
      this.state.notes.push({ kind: 'dropped', part: SETTINGS });
      void storage.clear();
      return this.ready();
    }
    const kept = settingsOf(settings ? (settings.value as { query: string }).query : '');
    const about = summary?.schema === SESSION_SCHEMA ? ((summary.value as Summary).about ?? {}) : {};
    if (kept.size === 0 && Object.keys(about).length === 0) return this.ready();
    const now = settingsOf(this.readQuery());
    // The language alone does not make a link: a page with nothing else in its URL is a new tab.
    const bare = [...now.keys()].every((k) => k === 'lang');
    const restore = bare || now.toString() === kept.toString();
    this.state = { ...this.state, mode: restore ? 'restored' : 'held', savedAt: (settings ?? summary)?.savedAt ?? null, about, settings: restore && kept.size > 0 };
    this.aboutNow = restore ? { ...about } : {};
    if (restore && bare && kept.size > 0) {
      if (now.has('lang')) kept.set('lang', now.get('lang')!);
      this.store.adopt(kept);
    }
    this.ready();
  }

  /**
   * The part `name`: `check` reads a kept value back (null refuses it).
   * An `immediate` part is written at once, not after SAVE_DELAY_MS: IndexedDB
   * clones it then, so its buffers may be transferred right after `save`.
   */
  part<T>(name: string, check: (v: unknown) => T | null, opts: { immediate?: boolean } = {}): KeptPart<T> {
    if (opts.immediate) this.immediate.add(name);
    return {
      take: () => this.take(name, check),
      read: () => this.read(name, check),
      save: (value, about) => this.save(name, value, about),
      notKept: (params) => this.note({ kind: 'not-kept', part: name, params }),
    };
  }

  /** Save the settings now in the URL (the store calls this after each write; the language switch too). */
  settingsChanged(): void {
    if (this.state.mode === 'held') return;
    this.queue(SETTINGS, { query: settingsOf(this.readQuery()).toString() });
  }

  /** Write what waits (the page is being hidden or closed). */
  flush(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = 0;
    const s = this.storage;
    if (this.state.problem) return this.pending.clear();
    if (!s) return;
    for (const [key, { value }] of this.pending) void s.put(key, value).then((f) => f && this.fail(f));
    this.pending.clear();
  }

  /** Forget everything kept (the notice's "start fresh"). */
  async forget(): Promise<void> {
    this.pending.clear();
    if (this.timer) clearTimeout(this.timer);
    this.timer = 0;
    this.state = { ...this.state, mode: 'fresh', about: {}, settings: false };
    this.aboutNow = {};
    await this.storage?.clear();
    this.emit();
  }

  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    listener();
    return () => this.listeners.delete(listener);
  }

  private ready(): void {
    this.store.onWrite(() => this.settingsChanged());
    this.emit();
  }

  private async take<T>(name: string, check: (v: unknown) => T | null): Promise<T | null> {
    if (this.state.mode !== 'restored' || this.taken.has(name) || !this.storage) return null;
    this.taken.add(name);
    const r = await this.storage.get(name);
    if (isFailure(r)) {
      this.fail(r);
      return null;
    }
    if (r === undefined) return null;
    const value = r.schema === SESSION_SCHEMA ? check(r.value) : null;
    if (value === null) {
      void this.storage.delete(name);
      delete this.aboutNow[name];
      this.queue(SUMMARY, { about: this.aboutNow });
      this.note({ kind: 'dropped', part: name });
    }
    return value;
  }

  private async read<T>(name: string, check: (v: unknown) => T | null): Promise<T | null> {
    if (this.state.mode === 'held' || !this.storage || this.state.problem) return null;
    const r = await this.storage.get(name);
    return r === undefined || isFailure(r) || r.schema !== SESSION_SCHEMA ? null : check(r.value);
  }

  private save(name: string, value: unknown, about?: PartAbout): void {
    if (this.state.mode === 'held') {
      if (value === null) return;
      // The reader works here now: what this view does replaces the session kept before.
      this.state = { ...this.state, mode: 'fresh', about: {}, settings: false };
      void this.storage?.clear();
      this.settingsChanged();
      this.emit();
    }
    if (value === null) delete this.aboutNow[name];
    else {
      this.aboutNow[name] = about ?? {};
      // The settings that go with it, even if none was ever changed here.
      this.settingsChanged();
    }
    this.queue(name, value === null ? undefined : value);
    this.queue(SUMMARY, { about: { ...this.aboutNow } });
  }

  /** A write waits SAVE_DELAY_MS for more (only the newest value of a key is written), except an immediate part's. `undefined` deletes. */
  private queue(key: string, value: unknown): void {
    const s = this.storage;
    if (this.state.problem) return;
    if (value !== undefined && s && this.immediate.has(key)) {
      this.pending.delete(key);
      void s.put(key, value).then((f) => f && this.fail(f));
      return;
    }
    if (value === undefined) {
      this.pending.delete(key);
      void s?.delete(key);
      return;
    }
    this.pending.set(key, { value: s ? value : structuredClone(value) });
    if (!this.timer) this.timer = setTimeout(() => this.flush(), SAVE_DELAY_MS);
  }

  private note(n: KeeperNote): void {
    this.state = { ...this.state, notes: [...this.state.notes.filter((x) => x.part !== n.part || x.kind !== n.kind), n] };
    this.emit();
  }

  private fail(f: StorageFailure): void {
    if (this.state.problem) return;
    this.state = { ...this.state, problem: f };
    this.pending.clear();
    this.emit();
  }

  private emit(): void {
    for (const l of this.listeners) l();
  }
}
