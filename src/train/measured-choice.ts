// The measured backend choice of the training worker: with no backend asked
// for, the worker times a few training steps of the reader's own model
// (cell, rows a step, T, F, H, its optimiser and head) on each usable
// candidate and trains on the fastest. Each candidate first passes the
// startup self-test (checks/self-test.ts) on that cell, or is rejected and
// the badge says so. The decision is kept until the model's shape changes
// enough to matter (needsRetiming); a backend whose GPU device was lost is
// left out for the rest of the session.
//
// Candidates, in the order they are timed:
//   webgpu  only on a hardware adapter (a software one — SwiftShader,
//           isFallbackAdapter — is 10–40× slower than wasm here, and is used
//           only when asked for with ?backend=webgpu);
//   wasm, cpu  always (both run the fused WebAssembly kernels; the
//           optimiser's tfjs ops differ);
//   webgl   only where it could win: no hardware WebGPU (on the same GPU the
//           fused WGSL step beats tfjs's op graph), wasm's step longer than
//           the op graph's floor — the op count of one step (webglOpsPerStep)
//           × WEBGL_MS_PER_OP, what tfjs's WebGL backend spends per op (a draw
//           call, its textures, the program lookup) before any arithmetic;
//           wasm's step is the measured one or, when less, the quiet-machine
//           estimate from its multiply-adds — and a hardware renderer (asked
//           last: a WebGL context costs hundreds of ms on SwiftShader).
//
// Timing runs inside the worker's `configure`, after the data's windows are
// built and before the trainer is: training has not started, the page stays
// live (this is the worker), and the trainer appears once it is done — the
// cost is in the badge's tooltip and in BENCHMARKS.md.
import { modelStepper, needsRetiming, timeCandidates, type ModelShape, type TimingOptions, type TimingResult } from '../engine/backend-timing.ts';
import { timingReason, type CandidateTiming } from '../engine/timing-text.ts';
import type { TfRnnOptions } from '../engine/tf-rnn.ts';
import type { CellName } from '../model/cells.ts';
import { selfTestBackend, type SelfTestResult } from '../checks/self-test.ts';
import type { Dataset } from '../data/dataset.ts';
import { describeBackend, initBackend, webgpuProblem } from './backend.ts';
import { BACKENDS, type BackendInUse, type BackendName, type BackendRejection, type MeasuredChoice } from './backends.ts';
import type { TrainConfig } from './config.ts';

/** Wall-clock budget of the timing (the self-tests come on top). */
export const TIMING_BUDGET_MS = 200;
/** Rows one timed step trains on at most: beyond, steps cost in proportion on a CPU, and the ratio is what decides. */
export const MAX_TIMED_ROWS = 4096;
/** tfjs's WebGL backend, per op, before any arithmetic (see the header). */
export const WEBGL_MS_PER_OP = 0.1;
/**
 * The fused WebAssembly kernels' rate, multiply-adds per ms (one core here:
 * ~127 M multiply-adds of the seed step in ~7.2 ms, BENCHMARKS.md): what
 * wasm's step costs on a quiet machine, where a loaded one inflates the
 * measured figure (and WebGL's floor with it).
 */
export const WASM_MADDS_PER_MS = 17.6e6;

/** Multiply-adds of one fused training step: forward, then ∂h and ∂W going back, for every gate. */
export const stepMadds = (s: ModelShape, rows: number): number => {
  const G = s.cell === 'lstm' ? 4 : s.cell === 'gru' ? 3 : 1;
  return 3 * rows * s.T * G * s.H * (s.H + s.F);
};

/**
 * Kernels of one tfjs op-graph training step (forward, autodiff, SGD with
 * momentum, the loss read back), per time step and fixed: tf.profile on the
 * cpu backend at T = 7 and T = 64 (rnn 163 and 1075, LSTM 499 and 4204, GRU
 * 603 and 5163 kernels).
 */
const OPS: Record<CellName, { perStep: number; fixed: number }> = {
  rnn: { perStep: 16, fixed: 51 },
  lstm: { perStep: 65, fixed: 44 },
  gru: { perStep: 80, fixed: 43 },
};

export const webglOpsPerStep = (shape: ModelShape): number => {
  const o = OPS[shape.cell as CellName] ?? OPS.lstm;
  return o.perStep * shape.T + o.fixed;
};

/** The model the trainer would build for this configuration and data. */
export function modelShapeOf(config: TrainConfig, dataset: Dataset): ModelShape {
  return { cell: config.cell, N: dataset.train.N, batch: config.batch, T: dataset.T, F: dataset.F, H: config.hidden };
}

/** What the measurement needs from tfjs and the page (injectable: the unit tests fake a corrupted backend or a GPU). */
export interface ChoiceDeps {
  /** Initialise a backend and make it active; null when it computes, else why not. */
  init(name: BackendName): Promise<string | null>;
  describe(name: BackendName): Promise<string>;
  /** The self-test of the active backend on the cell. */
  selfTest(cell: CellName): Promise<SelfTestResult>;
  time(shape: ModelShape, candidates: readonly BackendName[], opts: TimingOptions): Promise<TimingResult>;
  /** Why WebGPU is no candidate (null: a hardware adapter). */
  webgpu(): Promise<string | null>;
  /** Why WebGL is no candidate before any timing (null: a hardware renderer). */
  webgl(): string | null;
  now(): number;
}

/** The renderer WebGL reports here, or null where there is none (an OffscreenCanvas works in a worker). */
export function webglRenderer(): string | null {
  try {
    if (typeof OffscreenCanvas === 'undefined') return null;
    const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
    if (!gl) return null;
    const ext = gl.getExtension('WEBGL_debug_renderer_info');
    return String(gl.getParameter(ext ? ext.UNMASKED_RENDERER_WEBGL : gl.RENDERER));
  } catch {
    return null;
  }
}

function webglProblem(): string | null {
  const renderer = webglRenderer();
  if (renderer === null) return 'no WebGL context';
  return /swiftshader|llvmpipe|softpipe|software|basic render/i.test(renderer) ? `WebGL renders in software (${renderer})` : null;
}

export const TFJS_DEPS: ChoiceDeps = {
  // Single-threaded wasm in the worker, as chooseBackend there.
  init: (name) => initBackend(name, false, { wasmThreads: false }),
  describe: (name) => describeBackend(name).catch(() => ''),
  selfTest: (cell) => selfTestBackend(undefined, { cell }),
  time: (shape, candidates, opts) => timeCandidates(shape, candidates, opts),
  webgpu: webgpuProblem,
  webgl: webglProblem,
  now: () => performance.now(),
};

function rejection(r: SelfTestResult): BackendRejection {
  const c = r.cases.find((x) => x.zeroFields.length > 0) ?? r.cases.find((x) => !(x.worst <= 1e-3));
  return {
    backend: r.backend as BackendName,
    code: r.code === 'ok' ? 'failed' : r.code,
    fields: c ? (c.zeroFields.length ? c.zeroFields : [c.field]) : [],
    worst: r.worst,
    inputs: c?.name ?? '',
    path: c?.path ?? '',
    message: r.code === 'failed' ? r.reason.replace(/^.*?self-test failed \((.*)\)$/, '$1') : r.reason,
  };
}

export class MeasuredBackend {
  private last: { shape: ModelShape; use: BackendInUse } | null = null;
  private readonly excluded = new Map<BackendName, string>();
  private webgpuWhy: Promise<string | null> | null = null;
  private webglRenderer: string | null | undefined = undefined;

  constructor(
    private readonly deps: ChoiceDeps = TFJS_DEPS,
    private readonly budgetMs = TIMING_BUDGET_MS,
  ) {}

  /** Leave a backend out for the rest of the session, e.g. after its GPU device was lost. */
  exclude(name: BackendName, why: string): void {
    this.excluded.set(name, why);
    if (this.last?.use.name === name) this.last = null;
  }

  /** The backends left out, with why (for chooseBackend's `excluded`). */
  get exclusions(): Partial<Record<BackendName, string>> {
    return Object.fromEntries(this.excluded);
  }

  /**
   * The fastest backend for this model, tfjs left on it: the last choice
   * while the shape is close to the one timed, else measured again. `model`:
   * the trainer's head and optimiser, so the timed step is the reader's.
   */
  async choose(shape: ModelShape, model: Partial<TfRnnOptions> = {}): Promise<BackendInUse> {
    const last = this.last;
    if (last && !needsRetiming(last.shape, shape) && (await this.deps.init(last.use.name)) === null) return last.use;
    const use = await this.measure(shape, model);
    this.last = { shape, use };
    return use;
  }

  private async measure(shape: ModelShape, model: Partial<TfRnnOptions>): Promise<BackendInUse> {
    const cell = shape.cell as CellName;
    const timed: ModelShape = { ...shape, batch: Math.min(shape.batch > 0 && shape.batch < shape.N ? shape.batch : shape.N, MAX_TIMED_ROWS) };
    const skipped: string[] = [];
    const rejected: BackendRejection[] = [];
    const t0 = this.deps.now();
    this.webgpuWhy ??= this.deps.webgpu(); // the adapter does not change during a session
    const webgpuWhy = this.excluded.get('webgpu') ?? (await this.webgpuWhy);
    if (webgpuWhy) skipped.push(`webgpu: ${webgpuWhy}`);
    const first = BACKENDS.filter((b) => b !== 'webgl' && (b !== 'webgpu' || webgpuWhy === null));
    const tests = { ms: 0 };
    const passing = await this.selfTested(first, cell, skipped, rejected, tests);
    const opts: TimingOptions = { budgetMs: this.budgetMs, makeStepper: (s) => modelStepper(s, model) };
    const timing = await this.deps.time(timed, passing, opts);
    let timings: CandidateTiming[] = timing.timings;
    let timingMs = timing.spentMs;
    const webglWhy = this.webglWhy(timed, webgpuWhy === null, timing.timings);
    if (webglWhy) skipped.push(`webgl: ${webglWhy}`);
    else {
      const t1 = this.deps.now();
      const more = await this.selfTested(['webgl'], cell, skipped, rejected, tests);
      const extra = await this.deps.time(timed, more, { ...opts, budgetMs: Math.max(this.budgetMs - timingMs, this.budgetMs / 4) });
      timings = [...timings, ...extra.timings];
      timingMs += this.deps.now() - t1;
    }
    const ok = timings.filter((x) => x.msPerStep !== null);
    const fastest = ok.length ? ok.reduce((a, b) => (b.msPerStep! < a.msPerStep! ? b : a)) : null;
    const name = fastest ? (fastest.backend as BackendName) : 'cpu';
    const why = await this.deps.init(name);
    if (why) throw new Error(`the measured backend ${name} no longer initialises: ${why}`);
    const measured: MeasuredChoice = {
      timings: timings.map((x) => ({ ...x, backend: x.backend as BackendName })),
      rejected,
      shape: { cell, N: shape.N, rows: timed.batch, T: shape.T, F: shape.F, H: shape.H },
      selfTestMs: tests.ms,
      timingMs,
      totalMs: this.deps.now() - t0,
    };
    console.info(`[backend] measured: ${name}; ${timingReason(timings, name)}; self-tests ${tests.ms.toFixed(0)} ms, timing ${timingMs.toFixed(0)} ms, ${measured.totalMs.toFixed(0)} ms in all`);
    return { name, reason: 'measured', detail: await this.deps.describe(name), skipped, measured };
  }

  /** Initialise and self-test each backend; the ones that pass, in order (tfjs left on the last one tried). */
  private async selfTested(names: readonly BackendName[], cell: CellName, skipped: string[], rejected: BackendRejection[], tests: { ms: number }): Promise<BackendName[]> {
    const passing: BackendName[] = [];
    for (const name of names) {
      const why = this.excluded.get(name) ?? (await this.deps.init(name));
      if (why) {
        skipped.push(`${name}: ${why}`);
        continue;
      }
      const st = await this.deps.selfTest(cell);
      tests.ms += st.ms;
      if (st.ok) passing.push(name);
      else rejected.push(rejection(st));
    }
    return passing;
  }

  /** Why WebGL is not timed for this shape (null: it could win). */
  private webglWhy(shape: ModelShape, hardwareWebgpu: boolean, timings: readonly CandidateTiming[]): string | null {
    const excluded = this.excluded.get('webgl');
    if (excluded) return excluded;
    if (hardwareWebgpu) return 'the fused WGSL step on the same GPU beats tfjs\'s op graph';
    const measured = timings.find((x) => x.backend === 'wasm' && x.msPerStep !== null)?.msPerStep ?? Infinity;
    const wasm = Math.min(measured, stepMadds(shape, shape.batch) / WASM_MADDS_PER_MS);
    const floor = webglOpsPerStep(shape) * WEBGL_MS_PER_OP;
    if (wasm <= floor) {
      return `cannot beat wasm's ${wasm.toFixed(1)} ms a step: its op graph runs ~${webglOpsPerStep(shape)} tfjs ops a step, ≥ ${floor.toFixed(1)} ms at ${WEBGL_MS_PER_OP} ms an op`;
    }
    // Last, as it costs a WebGL context (hundreds of ms on SwiftShader), asked for once a session.
    if (this.webglRenderer === undefined) this.webglRenderer = this.deps.webgl();
    return this.webglRenderer;
  }
}
