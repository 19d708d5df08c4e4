// The tfjs backends the page offers, and what a thread reports about the one
// it computes on. Pure: no tfjs (the chooser that initialises them is
// backend.ts; the owner that requests and publishes them is backend-owner.ts).

/** The one list of backends, in the order they are tried (fastest first, as measured; see BENCHMARKS.md). */
export const BACKENDS = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKENDS)[number];

/** What the reader may ask for (`?backend=`): a backend, or the automatic choice. */
export const BACKEND_CHOICES = ['auto', ...BACKENDS] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

export function isBackendName(v: unknown): v is BackendName {
  return typeof v === 'string' && (BACKENDS as readonly string[]).includes(v);
}

/**
 * Why a thread computes on its backend:
 * - requested: asked for in the URL (or the header's menu), and it works;
 * - auto: nothing asked for, the first usable one in BACKENDS' order;
 * - fallback: the one asked for failed, so the next usable one.
 */
export type BackendReason = 'requested' | 'auto' | 'fallback';

/** The two threads that may run tfjs: the training worker, and the page itself (the gradient check). */
export type ComputeThread = 'worker' | 'page';

export interface BackendInUse {
  name: BackendName;
  reason: BackendReason;
  /** What it runs on, e.g. "SIMD, 1 thread" for wasm or the adapter for webgpu. */
  detail: string;
  /** One line per backend tried before it and skipped, and why. */
  skipped: string[];
}

/** The reason for ending on `name` after asking for `requested` (null: automatic). */
export function reasonFor(name: BackendName, requested: BackendName | null): BackendReason {
  if (requested === null) return 'auto';
  return name === requested ? 'requested' : 'fallback';
}
