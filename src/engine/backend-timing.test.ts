import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-wasm';
import { beforeAll, describe, expect, test } from 'vitest';
import { needsRetiming, timeCandidates, timingReason, type ModelShape, type Stepper } from './backend-timing.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const SHAPE: ModelShape = { N: 300, T: 7, F: 3, H: 16, batch: 0, cell: 'rnn' };

/** A fake clock and backends whose steps take the given ms (warm-up: `warm` ms). */
function fakes(stepMs: Record<string, number>, warm: Record<string, number> = {}) {
  let clock = 0;
  let active = 'cpu';
  const steps: Record<string, number> = {};
  return {
    steps,
    options: {
      now: () => clock,
      setBackend: async (name: string) => {
        if (!(name in stepMs) && name !== 'cpu') return false;
        active = name;
        return true;
      },
      makeStepper: (): Stepper => {
        const name = active;
        let n = 0;
        return {
          async step() {
            clock += n++ === 0 ? (warm[name] ?? stepMs[name]) : stepMs[name];
            steps[name] = (steps[name] ?? 0) + 1;
          },
          dispose() {},
        };
      },
    },
  };
}

describe('timeCandidates (fake clock)', () => {
  test('times each candidate within its share of the budget and names the fastest', async () => {
    const f = fakes({ webgpu: 2, wasm: 8 }, { webgpu: 40 });
    const r = await timeCandidates(SHAPE, ['webgpu', 'wasm'], { ...f.options, budgetMs: 450 });
    expect(r.fastest).toBe('webgpu');
    expect(r.timings.map((t) => [t.backend, t.msPerStep, t.warmupMs])).toEqual([
      ['webgpu', 2, 40],
      ['wasm', 8, 8],
    ]);
    expect(r.timings[0].steps).toBe(10); // maxSteps
    expect(r.reason).toBe('webgpu — 2.0 ms/step vs wasm 8.0');
    expect(r.spentMs).toBeLessThanOrEqual(450);
  });

  test('a slow first compile still gets one timed step, so a fast GPU is not judged by its warm-up', async () => {
    const f = fakes({ webgpu: 2, wasm: 8 }, { webgpu: 300 });
    const r = await timeCandidates(SHAPE, ['webgpu', 'wasm'], { ...f.options, budgetMs: 450 });
    expect(r.timings[0]).toMatchObject({ backend: 'webgpu', msPerStep: 2, steps: 1, warmupMs: 300, note: '' });
    expect(r.fastest).toBe('webgpu');
    expect(r.reason).toBe('webgpu — 2.0 ms/step vs wasm 8.0');
  });

  test('a warm-up that outlasts the whole budget is reported from the warm-up alone (≤); the others keep their share', async () => {
    const f = fakes({ webgpu: 1, wasm: 30 }, { webgpu: 600 });
    const r = await timeCandidates(SHAPE, ['webgpu', 'wasm'], { ...f.options, budgetMs: 450 });
    expect(r.timings[0]).toMatchObject({ backend: 'webgpu', msPerStep: 600, steps: 0, note: 'warm-up step only' });
    // wasm still has its 225 ms: warm-up 30, then 30 ms steps while they fit
    expect(r.timings[1]).toMatchObject({ backend: 'wasm', msPerStep: 30, steps: 6, note: '' });
    expect(r.spentMs).toBe(600 + 30 + 6 * 30);
    expect(r.fastest).toBe('wasm');
    expect(r.reason).toBe('wasm — 30 ms/step vs webgpu ≤600');
  });

  test('an unavailable or failing candidate is left out of the choice, with why', async () => {
    const f = fakes({ wasm: 5 });
    const failing = {
      ...f.options,
      makeStepper: (s: ModelShape) => {
        if (s.H === 16 && f.steps.wasm === undefined) throw new Error('out of memory');
        return f.options.makeStepper();
      },
    };
    const r = await timeCandidates(SHAPE, ['webgl', 'wasm'], failing);
    expect(r.timings[0]).toMatchObject({ backend: 'webgl', msPerStep: null, note: 'unavailable' });
    expect(r.timings[1]).toMatchObject({ backend: 'wasm', msPerStep: null, note: 'failed (out of memory)' });
    expect(r.fastest).toBeNull();
    expect(r.reason).toBe('no backend could be timed (webgl unavailable, wasm failed (out of memory))');
  });
});

describe('timeCandidates (real backends in Node)', () => {
  test('cpu and wasm: both timed on the simple cell, the active backend restored', async () => {
    const r = await timeCandidates({ ...SHAPE, batch: 64 }, ['cpu', 'wasm'], { budgetMs: 450 });
    expect(r.timings.map((t) => t.backend)).toEqual(['cpu', 'wasm']);
    for (const t of r.timings) {
      expect(t.note, t.backend).toBe('');
      expect(t.steps, t.backend).toBeGreaterThan(0);
      expect(t.msPerStep!, t.backend).toBeGreaterThan(0);
    }
    expect(['cpu', 'wasm']).toContain(r.fastest);
    expect(r.reason).toMatch(/^(cpu|wasm) — [\d.]+ ms\/step vs (wasm|cpu) [\d.]+$/);
    expect(tf.getBackend()).toBe('cpu');
  });

  test('a cell without a stepper is reported, not guessed', async () => {
    const r = await timeCandidates({ ...SHAPE, cell: 'lstm' }, ['cpu']);
    expect(r.timings[0].note).toBe('failed (no stepper for cell lstm: pass makeStepper)');
  });
});

describe('timingReason and needsRetiming', () => {
  test('the badge sentence', () => {
    expect(
      timingReason(
        [
          { backend: 'webgpu', msPerStep: 1.94, steps: 9, warmupMs: 30, note: '' },
          { backend: 'wasm', msPerStep: 8.04, steps: 10, warmupMs: 9, note: '' },
          { backend: 'cpu', msPerStep: 123.4, steps: 2, warmupMs: 130, note: '' },
        ],
        'webgpu',
      ),
    ).toBe('webgpu — 1.9 ms/step vs wasm 8.0, cpu 123');
  });

  test('retime on another cell, H ×1.5 or twice the work; not on small changes', () => {
    expect(needsRetiming(SHAPE, { ...SHAPE, N: 320 })).toBe(false);
    expect(needsRetiming(SHAPE, { ...SHAPE, H: 20 })).toBe(false);
    expect(needsRetiming(SHAPE, { ...SHAPE, H: 24 })).toBe(true);
    expect(needsRetiming(SHAPE, { ...SHAPE, cell: 'gru' })).toBe(true);
    expect(needsRetiming(SHAPE, { ...SHAPE, T: 14 })).toBe(true);
    expect(needsRetiming(SHAPE, { ...SHAPE, batch: 100 })).toBe(true); // 300 → 100 rows per step
    expect(needsRetiming({ ...SHAPE, batch: 64 }, { ...SHAPE, batch: 64, N: 5000 })).toBe(false);
  });
});
