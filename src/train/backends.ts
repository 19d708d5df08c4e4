// The tfjs backends the page offers, and what a thread reports about the one
// it computes on. Pure: no tfjs (the chooser that initialises them is
// backend.ts, the measured choice measured-choice.ts; the owner that
// requests and publishes them is backend-owner.ts).
import type { CandidateTiming } from '../engine/timing-text.ts';

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
 * - auto: nothing asked for, the first usable one in BACKENDS' order (until a model is there to time);
 * - measured: nothing asked for, the fastest on a few steps of the reader's model (`measured` says how fast);
 * - fallback: the one asked for failed, so the next usable one;
 * - device-lost: the GPU device was lost (`lost`), so the next backend, with the last epoch's weights.
 */
export type BackendReason = 'requested' | 'auto' | 'measured' | 'fallback' | 'device-lost';

/** A candidate the startup self-test rejected (checks/self-test.ts), in terms the badge words in each language. */
export interface BackendRejection {
  backend: BackendName;
  code: 'zero-gradients' | 'mismatch' | 'failed';
  /** the weights whose gradients were all zero (zero-gradients), or the field with the largest error (mismatch) */
  fields: string[];
  worst: number;
  inputs: 'ordinary' | 'tiny' | '';
  path: 'fused' | 'op graph' | '';
  /** the self-test's own sentence (English), or the error's message */
  message: string;
}

/** How the measured choice was made: each candidate's ms per step on the reader's model, and the rejected ones. */
export interface MeasuredChoice {
  timings: (CandidateTiming & { backend: BackendName })[];
  rejected: BackendRejection[];
  /** the model timed: its cell, rows a step (of N windows), T, F, H */
  shape: { cell: string; N: number; rows: number; T: number; F: number; H: number };
  /** ms the self-tests took, the timing, and the whole choice (with initialising the candidates) */
  selfTestMs: number;
  timingMs: number;
  totalMs: number;
}

/** The two threads that may run tfjs: the training worker, and the page itself (the gradient check). */
export type ComputeThread = 'worker' | 'page';

export interface BackendInUse {
  name: BackendName;
  reason: BackendReason;
  /** What it runs on, e.g. "SIMD, 1 thread" for wasm or the adapter for webgpu. */
  detail: string;
  /** One line per backend tried before it and skipped, and why. */
  skipped: string[];
  /** reason 'measured' (and a device loss after it): the timings and the rejected candidates */
  measured?: MeasuredChoice;
  /** reason 'device-lost': the backend whose device was lost, and how */
  lost?: { backend: BackendName; message: string };
  /** Threads a large batch is split across on the fused kernels (wasm, cpu in a cross-origin isolated worker; engine/parallel/pool.ts); absent: one. */
  threads?: number;
}

/** The reason for ending on `name` after asking for `requested` (null: automatic). */
export function reasonFor(name: BackendName, requested: BackendName | null): BackendReason {
  if (requested === null) return 'auto';
  return name === requested ? 'requested' : 'fallback';
}
