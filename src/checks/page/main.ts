// A bare page that runs the reference maths and the engine in the browser, for the e2e spec and
// for measurements: honours ?backend=, shows the backend in use in
// [data-testid=backend], and exposes window.unrolledCheck.
import * as tf from '@tensorflow/tfjs-core';
import { getThreadsCount } from '@tensorflow/tfjs-backend-wasm';
import { checkFixture, type FixtureErrors } from '../fixture-check.ts';
import { parseFixture } from '../fixture.ts';
import { initParams, type RecurrentInit } from '../../model/init.ts';
import { jacobianLog10Norms } from '../../model/jacobian.ts';
import { fastZetaKernels } from '../../engine/wasm-zeta.ts';
import { createRng } from '../../model/random.ts';
import type { OptimizerSpec } from '../../engine/optimizer-spec.ts';
import type { Dims } from '../../model/types.ts';
import { chooseBackend, isSoftwareAdapter, type BackendChoiceResult } from '../../train/backend.ts';
import { isBackendName } from '../../train/backends.ts';
import { benchFusedKernel, fusedVsAutodiff, type FusedCheckConfig, type FusedCheckResult } from './fused-check.ts';
import { benchEpochs, randomTraining, trainCurve, type Curve, type CurveConfig, type EpochBenchConfig } from './bench.ts';
import { benchLoop, type LoopBench } from '../../train/loop-bench.ts';
import { checkGatedFixture, type GatedFixtureErrors } from '../gated-fixture-check.ts';
import { parseGatedFixture } from '../gated-fixture.ts';
import { benchGatedKernel, gatedFusedVsAutodiff, type GatedCheckConfig } from './gated-check.ts';
import type { GatedCell } from '../../model/cells.ts';
import { deviceLimits, wgslVsReference, type WgslCheckResult } from './wgsl-check.ts';
import type { TrainingCheckConfig } from '../step-check.ts';
import { selfTestBackend, type SelfTestResult } from '../self-test.ts';
import { timeCandidates, type ModelShape, type TimingResult } from '../../engine/backend-timing.ts';
import { DEFAULT_LIMITS, type StepLimits } from '../../engine/webgpu/plan.ts';
import type { ThreadsBenchConfig, ThreadsBenchResult } from './threads-worker.ts';

export interface TrainBenchConfig {
  N: number;
  T: number;
  F: number;
  H: number;
  steps: number;
  optimizer?: OptimizerSpec;
}

export interface UnrolledCheck {
  backend: Promise<BackendChoiceResult>;
  runFixture(json: unknown): Promise<FixtureErrors & { backend: string }>;
  initWeights(dims: Dims, seed: number, recurrent?: RecurrentInit, spectralRadius?: number): Record<'W' | 'U' | 'b' | 'V' | 'c', number[]>;
  /** Mean ms per full-batch TfRnn.trainStep (loss read back every step), after two warm-up steps. */
  benchTrainStep(c: TrainBenchConfig): Promise<{ msPerStep: number; backend: string; firstLoss: number; lastLoss: number }>;
  /** Mean ms of jacobianLog10Norms for T×H (tanh, seeded W and pre-activations). */
  benchJacobian(T: number, H: number, runs: number): { ms: number };
  wasmFlags(): Promise<{ simd: boolean; threads: boolean; threadsCount: number; crossOriginIsolated: boolean }>;
  /** ms of each training step after warm-up (for medians), on the page's backend; whether the fused kernel ran. */
  benchEpochs(c: EpochBenchConfig): Promise<{ times: number[]; firstLoss: number; lastLoss: number; fused: boolean; backend: string }>;
  /** A preset trained like the trainer does: cumulative training ms and test MSE per epoch. */
  trainCurve(c: CurveConfig): Promise<Curve & { backend: string }>;
  /** The trainer's ms per epoch (preset on a generated seed-shaped table) beside the bare fused pass over the same batches. */
  benchLoop(preset: 'seed' | 'fast', epochs: number): Promise<LoopBench & { backend: string }>;
  /** The fused training kernel (wasm/cpu) against tfjs autodiff on this backend: largest relative error. */
  fusedVsAutodiff(c: FusedCheckConfig): Promise<FusedCheckResult & { backend: string }>;
  /** Median ms of the fused kernel alone (no tfjs), relaxed-SIMD multiply-add on or off. */
  benchFusedKernel(c: { N: number; T: number; F: number; H: number; relaxed: boolean; runs: number }): { ms: number; relaxed: boolean; simd: boolean };
  /** A gated-cell fixture (test-data/fixtures/gated) through every path on this backend. */
  runGatedFixture(json: unknown): Promise<GatedFixtureErrors & { backend: string }>;
  /** The fused LSTM/GRU kernel (wasm/cpu) against tfjs autodiff of the op graph on this backend. */
  gatedFusedVsAutodiff(c: GatedCheckConfig): Promise<FusedCheckResult & { backend: string }>;
  /** Median ms of the fused LSTM/GRU kernel alone (no tfjs). */
  benchGatedKernel(c: { cell: GatedCell; N: number; T: number; F: number; H: number; relaxed: boolean; runs: number }): { ms: number; relaxed: boolean; simd: boolean };
  /** Whether navigator.gpu gives an adapter, and whether it is a software one. */
  gpuAdapter(): Promise<{ available: boolean; software: boolean; description: string; info?: Record<string, string | boolean> }>;
  /** The fused step (WGSL on webgpu) against the Float64 reference: gradients, then weights after a few steps. */
  wgslVsReference(c: TrainingCheckConfig): Promise<WgslCheckResult & { backend: string }>;
  /** The webgpu device's limits (null on other backends). */
  deviceLimits(): Promise<StepLimits | null>;
  /** The startup self-test of the page's backend. */
  selfTest(): Promise<SelfTestResult>;
  /** Time a few steps of a model shape on each candidate backend (the page's backend is restored). */
  timeCandidates(c: { shape: ModelShape; candidates: string[]; budgetMs?: number }): Promise<TimingResult>;
  /** Full-batch epochs on one thread and split across the kernel threads, side by side in a worker (threads-worker.ts). */
  threadsBench(c: ThreadsBenchConfig): Promise<ThreadsBenchResult>;
}

const log = document.getElementById('log')!;
const badge = document.querySelector<HTMLElement>('[data-testid=backend]')!;
const query = new URLSearchParams(location.search);
const requested = query.get('backend');

const backend = chooseBackend(isBackendName(requested) ? requested : null).then((r) => {
  badge.dataset.backend = r.name;
  badge.textContent = r.detail ? `${r.name} (${r.detail})` : r.name;
  badge.title = r.reasons.join('\n');
  log.textContent += `backend ${r.name} ${r.detail}\n${r.reasons.join('\n')}\n`;
  return r;
});

const check = {
  backend,

  async runFixture(json) {
    const b = await backend;
    const fx = parseFixture(json);
    const errors = await checkFixture(fx);
    log.textContent += `${fx.name}: ${JSON.stringify(errors)}\n`;
    return { ...errors, backend: b.name };
  },

  initWeights(dims, seed, recurrent, spectralRadius) {
    const p = initParams(dims, { seed, recurrent, spectralRadius });
    return { W: Array.from(p.W), U: Array.from(p.U), b: Array.from(p.b), V: Array.from(p.V), c: Array.from(p.c) };
  },

  async benchTrainStep({ N, T, F, H, steps, optimizer }) {
    const b = await backend;
    const training = randomTraining({ N, T, F, H, optimizer });
    const step = training.step;
    try {
      const firstLoss = await step();
      await step();
      const t0 = performance.now();
      let lastLoss = firstLoss;
      for (let i = 0; i < steps; i++) lastLoss = await step();
      return { msPerStep: (performance.now() - t0) / steps, backend: b.name, firstLoss, lastLoss };
    } finally {
      training.dispose();
    }
  },

  benchJacobian(T, H, runs) {
    const p = initParams({ F: 1, H, O: 1 }, { seed: 1, recurrent: 'normal', spectralRadius: 1.1 });
    const rng = createRng(2);
    const a = Float64Array.from({ length: T * H }, () => 0.8 * rng.normal());
    for (let i = 0; i < 3; i++) jacobianLog10Norms(p.W, H, a, T, 'tanh', { kernels: fastZetaKernels() });
    const t0 = performance.now();
    for (let i = 0; i < runs; i++) jacobianLog10Norms(p.W, H, a, T, 'tanh', { kernels: fastZetaKernels() });
    return { ms: (performance.now() - t0) / runs };
  },

  async wasmFlags() {
    await backend;
    return {
      simd: Boolean(await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT')),
      threads: Boolean(await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT')),
      threadsCount: getThreadsCount(),
      crossOriginIsolated: globalThis.crossOriginIsolated === true,
    };
  },
} as UnrolledCheck;

check.benchEpochs = async (c) => ({ ...(await benchEpochs(c)), backend: (await backend).name });
check.trainCurve = async (c) => ({ ...(await trainCurve(c)), backend: (await backend).name });
check.benchLoop = async (preset, epochs) => {
  const b = await backend;
  return { ...(await benchLoop(preset, epochs)), backend: b.name };
};
check.fusedVsAutodiff = async (c) => {
  const b = await backend;
  return { ...(await fusedVsAutodiff(c)), backend: b.name };
};
check.benchFusedKernel = benchFusedKernel;
check.runGatedFixture = async (json) => {
  const b = await backend;
  const fx = parseGatedFixture(json);
  const errors = await checkGatedFixture(fx);
  log.textContent += `${fx.name}: ${JSON.stringify(errors)}\n`;
  return { ...errors, backend: b.name };
};
check.gatedFusedVsAutodiff = async (c) => ({ ...(await gatedFusedVsAutodiff(c)), backend: (await backend).name });
check.benchGatedKernel = benchGatedKernel;
check.gpuAdapter = async () => {
  const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
  // The adapter tfjs's webgpu backend asks for (high-performance).
  const adapter = gpu ? ((await (gpu.requestAdapter as (o: object) => Promise<unknown>)({ powerPreference: 'high-performance' })) as Parameters<typeof isSoftwareAdapter>[0] | null) : null;
  if (!adapter) return { available: false, software: false, description: gpu ? 'no adapter' : 'no navigator.gpu' };
  const info = (adapter.info ?? {}) as Record<string, unknown>;
  const fields = ['vendor', 'architecture', 'device', 'description', 'isFallbackAdapter'].filter((k) => info[k] !== undefined && info[k] !== '');
  return {
    available: true,
    software: isSoftwareAdapter(adapter),
    description: [info.vendor, info.architecture].filter(Boolean).join(' '),
    info: Object.fromEntries(fields.map((k) => [k, info[k] as string | boolean])),
  };
};

check.wgslVsReference = async (c) => {
  const b = await backend;
  return { ...(await wgslVsReference(c)), backend: b.name };
};
check.deviceLimits = async () => {
  await backend;
  const l = deviceLimits();
  // GPUSupportedLimits' fields are getters: copy the ones the plan reads.
  return l && (Object.fromEntries(Object.keys(DEFAULT_LIMITS).map((k) => [k, l[k as keyof StepLimits]])) as unknown as StepLimits);
};

check.selfTest = async () => {
  await backend;
  return selfTestBackend();
};
check.timeCandidates = async (c) => {
  await backend;
  return timeCandidates(c.shape, c.candidates, { budgetMs: c.budgetMs });
};

check.threadsBench = (c) =>
  new Promise((resolve, reject) => {
    const w = new Worker(new URL('./threads-worker.ts', import.meta.url), { type: 'module', name: 'unrolled-threads-bench' });
    w.onmessage = (e: MessageEvent<{ ok: true; result: ThreadsBenchResult } | { ok: false; message: string }>) => {
      w.terminate();
      if (e.data.ok) resolve(e.data.result);
      else reject(new Error(e.data.message));
    };
    w.onerror = (e) => {
      w.terminate();
      reject(new Error(e.message));
    };
    w.postMessage(c);
  });

(window as unknown as { unrolledCheck: UnrolledCheck }).unrolledCheck = check;
void backend.then(() => (document.body.dataset.ready = 'true'));
