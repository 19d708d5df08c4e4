import '@tensorflow/tfjs-backend-cpu';
import '@tensorflow/tfjs-backend-wasm';
// The measured backend choice: candidates (a software WebGPU adapter left
// out, WebGL only where it could win), the self-test before the timing (a
// corrupted backend rejected, in both languages), the fastest chosen, the
// choice kept until the shape changes enough, a lost device left out — with
// fake backends, and once with the real cpu and wasm backends of Node.
import * as tf from '@tensorflow/tfjs-core';
import { afterEach, beforeAll, describe, expect, test, vi } from 'vitest';
import type { ModelShape, TimingOptions, TimingResult } from '../engine/backend-timing.ts';
import { timingReason } from '../engine/timing-text.ts';
import type { SelfTestResult } from '../checks/self-test.ts';
import { fusedRnn } from '../engine/fused-step.ts';
import { badgeText, choiceDetails } from '../shell/backend-why.ts';
import type { BackendName } from './backends.ts';
import { MeasuredBackend, TFJS_DEPS, webglOpsPerStep, type ChoiceDeps } from './measured-choice.ts';

const SEED: ModelShape = { cell: 'rnn', N: 2717, batch: 0, T: 7, F: 3, H: 50 };
const LARGE: ModelShape = { cell: 'rnn', N: 65536, batch: 1024, T: 64, F: 3, H: 256 };

const passed = (backend: string): SelfTestResult => ({ backend, ok: true, code: 'ok', reason: `${backend}: ok`, worst: 1e-6, cases: [], ms: 3 });
const zeroGrads = (backend: string): SelfTestResult => ({
  backend,
  ok: false,
  code: 'zero-gradients',
  reason: `${backend} rejected: its gradients of W, U, b are all zero (ordinary inputs, fused; as in tfjs #8590)`,
  worst: 1,
  cases: [{ name: 'ordinary', path: 'fused', worst: 1, field: 'step.W', zeroFields: ['W', 'U', 'b'], ms: 2 }],
  ms: 4,
});

/** Fake backends with fixed ms per step; `bad` fail their self-test; counts what ran. */
function fakes(ms: Partial<Record<BackendName, number>>, opts: { bad?: BackendName[]; webgpu?: string | null; webgl?: string | null } = {}) {
  let active: BackendName = 'cpu';
  const calls = { time: [] as string[][], selfTest: [] as string[], init: [] as string[] };
  const deps: ChoiceDeps = {
    init: async (name) => {
      calls.init.push(name);
      if (ms[name] === undefined) return `${name} is not here`;
      active = name;
      return null;
    },
    describe: async (name) => `${name} detail`,
    selfTest: async () => {
      calls.selfTest.push(active);
      return opts.bad?.includes(active) ? zeroGrads(active) : passed(active);
    },
    time: async (_shape: ModelShape, candidates: readonly BackendName[], _o: TimingOptions): Promise<TimingResult> => {
      calls.time.push([...candidates]);
      const timings = candidates.map((b) => ({ backend: b, msPerStep: ms[b]!, steps: 5, warmupMs: ms[b]!, note: '' }));
      const fastest = timings.length ? timings.reduce((a, b) => (b.msPerStep < a.msPerStep ? b : a)).backend : null;
      return { timings, fastest, reason: timingReason(timings, fastest), spentMs: timings.reduce((s, t) => s + 6 * t.msPerStep, 0) };
    },
    webgpu: async () => (opts.webgpu === undefined ? null : opts.webgpu),
    webgl: () => (opts.webgl === undefined ? 'WebGL renders in software (SwiftShader)' : opts.webgl),
    now: () => 0,
  };
  return { deps, calls, active: () => active };
}

describe('MeasuredBackend (fake backends)', () => {
  test('a hardware GPU that is fastest wins, and the badge says by how much, in both languages', async () => {
    const f = fakes({ webgpu: 1.9, wasm: 8, cpu: 9.6 });
    const use = await new MeasuredBackend(f.deps).choose(SEED);
    expect(use).toMatchObject({ name: 'webgpu', reason: 'measured', detail: 'webgpu detail' });
    expect(f.active()).toBe('webgpu'); // tfjs is left on the winner
    expect(f.calls.time).toEqual([['webgpu', 'wasm', 'cpu']]);
    expect(f.calls.selfTest).toEqual(['webgpu', 'wasm', 'cpu']); // every candidate self-tested before it is timed
    expect(badgeText(use, 'en')).toBe('webgpu — 1.9 ms/step vs wasm 8.0, cpu 9.6');
    expect(badgeText(use, 'zh')).toBe('webgpu — 每步 1.9 毫秒，对比 wasm 8.0、cpu 9.6');
    expect(use.skipped).toEqual(['webgl: the fused WGSL step on the same GPU beats tfjs\'s op graph']);
    expect(use.measured!.shape).toEqual({ cell: 'rnn', N: 2717, rows: 2717, T: 7, F: 3, H: 50 });
  });

  test('a backend whose self-test fails is rejected, not timed, and the badge says so', async () => {
    const f = fakes({ webgpu: 1.9, wasm: 8, cpu: 9.6 }, { bad: ['webgpu'] });
    const use = await new MeasuredBackend(f.deps).choose(SEED);
    expect(use.name).toBe('wasm');
    expect(f.calls.time).toEqual([['wasm', 'cpu']]);
    expect(use.measured!.rejected).toEqual([
      { backend: 'webgpu', code: 'zero-gradients', fields: ['W', 'U', 'b'], worst: 1, inputs: 'ordinary', path: 'fused', message: zeroGrads('webgpu').reason },
    ]);
    expect(badgeText(use, 'en')).toBe('wasm — 8.0 ms/step vs cpu 9.6 · webgpu rejected by its self-test');
    expect(badgeText(use, 'zh')).toBe('wasm — 每步 8.0 毫秒，对比 cpu 9.6 · webgpu 未通过自检');
    expect(choiceDetails(use, 'en')[0]).toBe('webgpu rejected: its gradients of W, U, b are all zero (ordinary inputs, fused; as in tfjs #8590)');
    expect(choiceDetails(use, 'zh')[0]).toBe('webgpu 被拒绝：它算出的 W, U, b 梯度全为零（普通输入，融合内核；同 tfjs #8590）');
  });

  test('a software adapter is no candidate; nor is WebGL in software (asked only when wasm is slow enough for WebGL to matter)', async () => {
    const f = fakes({ wasm: 900, cpu: 950 }, { webgpu: 'WebGPU adapter is a software fallback (slower than wasm)' });
    const use = await new MeasuredBackend(f.deps).choose(LARGE);
    expect(use.name).toBe('wasm');
    expect(f.calls.init).not.toContain('webgpu');
    expect(use.skipped).toEqual(['webgpu: WebGPU adapter is a software fallback (slower than wasm)', 'webgl: WebGL renders in software (SwiftShader)']);
  });

  test('WebGL on a hardware renderer is timed only when wasm is slower than its op graph can be', async () => {
    const floor = webglOpsPerStep(SEED) * 0.1; // 163 ops × 0.1 ms
    expect(webglOpsPerStep(SEED)).toBe(163);
    const quick = fakes({ wasm: floor - 12, cpu: 20, webgl: 3 }, { webgpu: 'no adapter', webgl: null });
    const a = await new MeasuredBackend(quick.deps).choose(SEED);
    expect(a.name).toBe('wasm');
    expect(quick.calls.time).toEqual([['wasm', 'cpu']]);
    expect(a.skipped[1]).toMatch(/^webgl: cannot beat wasm's 4\.3 ms a step: its op graph runs ~163 tfjs ops a step, ≥ 16\.3 ms/);
    // A loaded machine inflates wasm's measured step past the floor; the quiet-machine estimate from its multiply-adds (8.6 ms) still rules WebGL out.
    const loaded = fakes({ wasm: 120, cpu: 130, webgl: 3 }, { webgpu: 'no adapter', webgl: null });
    expect((await new MeasuredBackend(loaded.deps).choose(SEED)).skipped[1]).toMatch(/^webgl: cannot beat wasm's 8\.6 ms a step/);
    expect(loaded.calls.time).toEqual([['wasm', 'cpu']]);
    const slow = fakes({ wasm: 500, cpu: 600, webgl: 60 }, { webgpu: 'no adapter', webgl: null });
    const b = await new MeasuredBackend(slow.deps).choose(LARGE);
    expect(slow.calls.time).toEqual([['wasm', 'cpu'], ['webgl']]);
    expect(b.name).toBe('webgl');
    expect(slow.calls.selfTest).toEqual(['wasm', 'cpu', 'webgl']);
    expect(b.measured!.shape.rows).toBe(1024);
  });

  test('the choice is kept for nearby shapes and made again when the shape changes enough', async () => {
    const f = fakes({ wasm: 8, cpu: 9.6 }, { webgpu: 'no adapter' });
    const m = new MeasuredBackend(f.deps);
    const first = await m.choose(SEED);
    expect(await m.choose({ ...SEED, H: 60, N: 2800 })).toBe(first); // within needsRetiming's ratios: not timed again
    expect(f.calls.time).toHaveLength(1);
    await m.choose({ ...SEED, H: 100 });
    await m.choose({ ...SEED, H: 100, cell: 'lstm' });
    expect(f.calls.time).toHaveLength(3);
  });

  test('a full batch beyond MAX_TIMED_ROWS is timed on 4096 rows', async () => {
    const f = fakes({ wasm: 8, cpu: 9.6 }, { webgpu: 'no adapter' });
    const use = await new MeasuredBackend(f.deps).choose({ ...SEED, N: 50_000 });
    expect(use.measured!.shape).toMatchObject({ N: 50_000, rows: 4096 });
  });

  test('a backend left out (its device was lost) is skipped with why, and a choice on it is made again', async () => {
    const f = fakes({ webgpu: 1.9, wasm: 8, cpu: 9.6 });
    const m = new MeasuredBackend(f.deps);
    expect((await m.choose(SEED)).name).toBe('webgpu');
    m.exclude('webgpu', 'its GPU device was lost earlier (destroyed)');
    const use = await m.choose(SEED);
    expect(use.name).toBe('wasm');
    expect(use.skipped[0]).toBe('webgpu: its GPU device was lost earlier (destroyed)');
    expect(m.exclusions).toEqual({ webgpu: 'its GPU device was lost earlier (destroyed)' });
  });
});

describe('MeasuredBackend on the real cpu and wasm backends of Node', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
  });
  afterEach(() => {
    vi.restoreAllMocks();
  });
  // Node has no URL for wasm's binaries the way the page serves them: plain tf.setBackend, as the tfjs packages find them here.
  const deps: ChoiceDeps = {
    ...TFJS_DEPS,
    init: async (name) => ((await tf.setBackend(name).catch(() => false)) ? null : `${name} is not in Node`),
    webgpu: async () => 'navigator.gpu is not available',
    webgl: () => 'no WebGL context',
  };

  test('both self-tested and timed on the reader\'s model, the fastest chosen, the cost reported', async () => {
    const use = await new MeasuredBackend(deps).choose({ cell: 'rnn', N: 300, batch: 0, T: 7, F: 3, H: 16 });
    expect(['wasm', 'cpu']).toContain(use.name);
    expect(tf.getBackend()).toBe(use.name);
    const m = use.measured!;
    expect(m.timings.map((t) => t.backend)).toEqual(['wasm', 'cpu']);
    for (const t of m.timings) expect(t.msPerStep, t.note).toBeGreaterThan(0);
    expect(m.rejected).toEqual([]);
    expect(m.timingMs).toBeGreaterThan(0); // what it cost is measured by the e2e test and the bench, not asserted
    expect(m.selfTestMs).toBeGreaterThan(0);
    expect(badgeText(use, 'en')).toMatch(/^(wasm|cpu) — [\d.]+ ms\/step vs (cpu|wasm) [\d.]+$/);
  });

  test('a cpu kernel that zeroes the recurrent gradients is rejected; wasm trains', async () => {
    // The fused kernel the step calls on Float32Arrays (the self-test's H = 8) zeroes ∂W, ∂U, ∂b while cpu is the backend.
    const kernel = fusedRnn(8);
    const grads = kernel.grads.bind(kernel);
    vi.spyOn(kernel, 'grads').mockImplementation((p) => {
      const g = grads(p);
      if (tf.getBackend() === 'cpu') for (const k of ['W', 'U', 'b'] as const) g[k].fill(0);
      return g;
    });
    const use = await new MeasuredBackend(deps).choose({ cell: 'rnn', N: 300, batch: 0, T: 7, F: 3, H: 16 });
    expect(use.name).toBe('wasm');
    expect(use.measured!.rejected.map((r) => [r.backend, r.code, r.fields.join(',')])).toEqual([['cpu', 'zero-gradients', 'W,U,b']]);
    expect(badgeText(use, 'zh')).toMatch(/^wasm — 每步 [\d.]+ 毫秒 · cpu 未通过自检$/);
  });
});
