// The one owner of the compute backend. It holds what the reader asked for
// (the URL's `backend` field), publishes which backend each thread computes
// on and why, and starts tfjs on the page's own thread only when a widget
// there asks for it (tfjs stays off the main thread until then). Widgets get
// it through their mount context; the header badge subscribes to it. No tfjs
// here: the page thread's chooser (backend.ts) is loaded on first use.
import type { FieldGroup, UrlStore } from '../state/store.ts';
import { BACKEND_CHOICES, isBackendName, type BackendChoice, type BackendInUse, type BackendName, type ComputeThread } from './backends.ts';

export type ThreadState =
  | { state: 'off' }
  | { state: 'starting' }
  | { state: 'ready'; use: BackendInUse }
  | { state: 'failed'; message: string };

/** Initialises tfjs on this thread: backend.ts's chooseBackend, loaded on demand. */
export type PageChooser = (requested: BackendName | null) => Promise<{ name: BackendName; reason: BackendInUse['reason']; detail: string; reasons: string[] }>;

const loadChooser: PageChooser = async (requested) => (await import('./backend.ts')).chooseBackend(requested);

const BACKEND_FIELD = { backend: { kind: 'enum', default: 'auto', values: BACKEND_CHOICES } } as const;

export class BackendOwner {
  private readonly field: FieldGroup<typeof BACKEND_FIELD>;
  private readonly threads = new Map<ComputeThread, ThreadState>();
  private readonly listeners = new Set<() => void>();
  private readonly requestListeners = new Set<(requested: BackendName | null) => void>();
  private readonly waiting = new Map<ComputeThread, { resolve(use: BackendInUse): void; reject(err: Error): void }[]>();
  private page: Promise<BackendInUse> | null = null;

  constructor(
    store: UrlStore,
    private readonly choosePage: PageChooser = loadChooser,
  ) {
    this.field = store.defineFields('', BACKEND_FIELD);
    this.field.subscribe(() => {
      const requested = this.requested;
      if (this.page) this.page = this.startPage();
      for (const l of this.requestListeners) l(requested);
    });
  }

  /** What the URL asks for: a backend, or 'auto'. */
  get choice(): BackendChoice {
    return this.field.get('backend');
  }

  /** The backend asked for, or null for the automatic choice. */
  get requested(): BackendName | null {
    const c = this.choice;
    return isBackendName(c) ? c : null;
  }

  /** Ask for another backend (kept in the URL); every thread that runs tfjs moves to it. */
  request(choice: BackendChoice): void {
    this.field.set({ backend: choice });
  }

  /** Called with the new request whenever it changes. */
  onRequest(listener: (requested: BackendName | null) => void): () => void {
    this.requestListeners.add(listener);
    return () => this.requestListeners.delete(listener);
  }

  state(thread: ComputeThread): ThreadState {
    return this.threads.get(thread) ?? { state: 'off' };
  }

  /** The backend `thread` computes on, or null while it has none. */
  inUse(thread: ComputeThread): BackendInUse | null {
    const s = this.state(thread);
    return s.state === 'ready' ? s.use : null;
  }

  /** Called now and on every change of any thread's state. */
  subscribe(listener: () => void): () => void {
    this.listeners.add(listener);
    listener();
    return () => this.listeners.delete(listener);
  }

  /** Resolves with `thread`'s backend once it reports one (at once if it has). */
  ready(thread: ComputeThread): Promise<BackendInUse> {
    const now = this.inUse(thread);
    if (now) return Promise.resolve(now);
    return new Promise((resolve, reject) => {
      const list = this.waiting.get(thread) ?? [];
      list.push({ resolve, reject });
      this.waiting.set(thread, list);
    });
  }

  /** A thread is (re)initialising its backend. */
  starting(thread: ComputeThread): void {
    this.set(thread, { state: 'starting' });
  }

  /** A thread reports the backend it computes on now. */
  report(thread: ComputeThread, use: BackendInUse): void {
    this.set(thread, { state: 'ready', use });
    for (const w of this.take(thread)) w.resolve(use);
  }

  /** A thread could not initialise any backend. */
  fail(thread: ComputeThread, message: string): void {
    this.set(thread, { state: 'failed', message });
    for (const w of this.take(thread)) w.reject(new Error(message));
  }

  /** A thread stopped running tfjs (e.g. the trainer's worker was terminated). */
  release(thread: ComputeThread): void {
    this.set(thread, { state: 'off' });
  }

  /**
   * tfjs on the page's own thread, on the requested backend (falling back as
   * usual): loaded and initialised on the first call, re-initialised when the
   * request changes. Resolves with the backend it computes on.
   */
  usePage(): Promise<BackendInUse> {
    this.page ??= this.startPage();
    return this.page;
  }

  private startPage(): Promise<BackendInUse> {
    this.starting('page');
    const p = this.choosePage(this.requested).then(
      (r) => {
        const use: BackendInUse = { name: r.name, reason: r.reason, detail: r.detail, skipped: r.reasons };
        this.report('page', use);
        return use;
      },
      (err: unknown) => {
        this.fail('page', err instanceof Error ? err.message : String(err));
        throw err;
      },
    );
    p.catch(() => {});
    return p;
  }

  private take(thread: ComputeThread): { resolve(use: BackendInUse): void; reject(err: Error): void }[] {
    const list = this.waiting.get(thread) ?? [];
    this.waiting.delete(thread);
    return list;
  }

  private set(thread: ComputeThread, s: ThreadState): void {
    this.threads.set(thread, s);
    for (const l of this.listeners) l();
  }
}
