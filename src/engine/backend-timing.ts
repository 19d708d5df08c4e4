// The measuring half of the backend choice: time a few training steps of
// the reader's model shape on each usable tfjs backend, within a budget, and
// say which is fastest and by how much ("webgpu — 1.9 ms/step vs wasm 8.0").
// The caller (the worker) decides which backends are candidates, runs the
// self-test first (checks/self-test.ts), and switches to the winner; this
// module leaves the backend it found active.
//
// Each candidate gets an equal share of the budget: one warm-up step
// (pipelines compile, buffers and kernels are created; not counted), then
// timed steps while its share lasts (at least one, at most maxSteps), each
// awaited to its loss as the trainer does — so a GPU whose first shader
// compile outlasts its share is still timed on a compiled step. Only a
// candidate whose warm-up alone outlasts the whole budget is not timed
// further; its warm-up time stands as an upper bound (shown as ≤). One
// candidate's slow warm-up does not take the others' time, so the whole can
// overrun the budget by the warm-ups' overruns: spentMs says by how much.
import * as tf from '@tensorflow/tfjs-core';
import { initParams } from '../model/init.ts';
import { createRng } from '../model/random.ts';
import { TfRnn, type TfRnnOptions } from './tf-rnn.ts';

export interface ModelShape {
  /** training windows */
  N: number;
  T: number;
  F: number;
  H: number;
  /** mini-batch rows; 0 (or ≥ N) = full batch */
  batch: number;
  /** 'rnn' (the simple cell) unless a stepper factory for others is given */
  cell: string;
}

/** One training step of a model of the shape, on the active backend. */
export interface Stepper {
  /** resolves when the step's loss has been read back */
  step(): Promise<void>;
  dispose(): void;
}

export type StepperFactory = (shape: ModelShape) => Stepper;

export interface TimingOptions {
  /** wall-clock budget of the whole measurement, ms (default 450) */
  budgetMs?: number;
  /** timed steps per candidate at most (default 10) */
  maxSteps?: number;
  /** builds the model for a shape; default: the simple cell's TfRnn (other cells need their own) */
  makeStepper?: StepperFactory;
  /** switches tfjs to a backend (default tf.setBackend) */
  setBackend?: (name: string) => Promise<boolean>;
  now?: () => number;
}

export interface CandidateTiming {
  backend: string;
  /** median ms per step (the warm-up step's ms when only that ran), null when not measured */
  msPerStep: number | null;
  /** timed steps */
  steps: number;
  warmupMs: number;
  /** '' or why the figure is missing or rough */
  note: string;
}

export interface TimingResult {
  timings: CandidateTiming[];
  fastest: string | null;
  /** e.g. "webgpu — 1.9 ms/step vs wasm 8.0, cpu 9.6" (≤ before a figure from the warm-up step alone) */
  reason: string;
  spentMs: number;
}

/** Rows one step trains on. */
export const batchRows = (s: ModelShape): number => (s.batch > 0 && s.batch < s.N ? s.batch : s.N);

/** The simple cell's TfRnn on seeded random data of the shape (one mini-batch). */
export function simpleRnnStepper(shape: ModelShape, options?: Partial<TfRnnOptions>): Stepper {
  if (shape.cell !== 'rnn') throw new Error(`no stepper for cell ${shape.cell}: pass makeStepper`);
  const { T, F, H } = shape;
  const B = batchRows(shape);
  const rng = createRng(17);
  const x = tf.tensor3d(Float32Array.from({ length: B * T * F }, () => rng.normal()), [B, T, F]);
  const y = tf.tensor2d(Float32Array.from({ length: B }, () => rng.normal()), [B, 1]);
  const model = new TfRnn(initParams({ F, H, O: 1 }, { seed: 17 }), {
    activation: 'tanh',
    output: 'linear',
    loss: 'mse',
    optimizer: { kind: 'sgd', lr: 0.01, momentum: 0.9 },
    clipNorm: 0,
    ...options,
  });
  return {
    async step() {
      const loss = model.trainStep(x, y);
      await loss.data();
      loss.dispose();
    },
    dispose() {
      model.dispose();
      x.dispose();
      y.dispose();
    },
  };
}

const median = (xs: number[]): number => {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

/** "1.9", "12", "850": ms with two or three significant digits. */
export const formatMs = (ms: number): string => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));

/** The badge's sentence for a set of timings. */
export function timingReason(timings: readonly CandidateTiming[], fastest: string | null): string {
  const ms = (t: CandidateTiming): string => `${t.steps === 0 ? '≤' : ''}${formatMs(t.msPerStep!)}`; // ≤: the warm-up step alone
  const other = (t: CandidateTiming): string => (t.msPerStep === null ? `${t.backend} ${t.note || 'not measured'}` : `${t.backend} ${ms(t)}`);
  const best = timings.find((t) => t.backend === fastest);
  if (!best || best.msPerStep === null) return `no backend could be timed (${timings.map(other).join(', ')})`;
  const rest = timings.filter((t) => t !== best).map(other);
  return `${best.backend} — ${ms(best)} ms/step${rest.length ? ` vs ${rest.join(', ')}` : ''}`;
}

async function timeOne(name: string, shape: ModelShape, share: number, o: Required<TimingOptions>): Promise<CandidateTiming> {
  // share: this candidate's part of the budget; o.budgetMs: the whole, the most a warm-up may take and still be timed
  const none = (note: string, warmupMs = 0): CandidateTiming => ({ backend: name, msPerStep: null, steps: 0, warmupMs, note });
  const start = o.now();
  if (!(await o.setBackend(name).catch(() => false))) return none('unavailable');
  let stepper: Stepper | null = null;
  try {
    stepper = o.makeStepper(shape);
    const w0 = o.now();
    await stepper.step();
    const warmupMs = o.now() - w0;
    if (warmupMs >= o.budgetMs) return { backend: name, msPerStep: warmupMs, steps: 0, warmupMs, note: 'warm-up step only' };
    const times: number[] = [];
    while (times.length < o.maxSteps) {
      const t0 = o.now();
      await stepper.step();
      times.push(o.now() - t0);
      if (o.now() - start + times[times.length - 1] > share) break;
    }
    return { backend: name, msPerStep: median(times), steps: times.length, warmupMs, note: '' };
  } catch (err) {
    return none(`failed (${(err as Error).message ?? String(err)})`);
  } finally {
    stepper?.dispose();
  }
}

/** Time a few steps of the shape on each candidate backend; the active backend is restored. */
export async function timeCandidates(shape: ModelShape, candidates: readonly string[], options: TimingOptions = {}): Promise<TimingResult> {
  const o: Required<TimingOptions> = {
    budgetMs: 450,
    maxSteps: 10,
    makeStepper: (s) => simpleRnnStepper(s),
    setBackend: (name) => tf.setBackend(name),
    now: () => performance.now(),
    ...options,
  };
  const original = tf.getBackend();
  const started = o.now();
  const timings: CandidateTiming[] = [];
  try {
    for (const name of candidates) timings.push(await timeOne(name, shape, o.budgetMs / candidates.length, o));
  } finally {
    if (original && tf.getBackend() !== original) await o.setBackend(original).catch(() => false);
  }
  const timed = timings.filter((t) => t.msPerStep !== null);
  const fastest = timed.length ? timed.reduce((a, b) => (b.msPerStep! < a.msPerStep! ? b : a)).backend : null;
  return { timings, fastest, reason: timingReason(timings, fastest), spentMs: o.now() - started };
}

/**
 * Whether a new shape should be timed again: another cell, a hidden size
 * half again as large or small, or twice the work per step (rows × T × H ×
 * (H + F)) either way — the ratios that move the balance between a GPU's
 * fixed cost per step and a CPU's cost per multiply-add.
 */
export function needsRetiming(before: ModelShape, after: ModelShape): boolean {
  if (before.cell !== after.cell) return true;
  const work = (s: ModelShape): number => batchRows(s) * s.T * s.H * (s.H + s.F);
  const ratio = (a: number, b: number): number => Math.max(a, b) / Math.max(Math.min(a, b), 1e-300);
  return ratio(before.H, after.H) >= 1.5 || ratio(work(before), work(after)) >= 2;
}
