// The fused WGSL training step (src/engine/webgpu/) on WebGPU in Chromium —
// SwiftShader here, whatever adapter elsewhere — against the Float64
// reference (src/checks/reference-step.ts over model/bptt.ts), for every
// activation × loss × output layer the trainer offers: the loss, the five
// gradients and the predictions of one call, then the weights after TfRnn
// steps with each optimiser (SGD, momentum, Adam; clipping on and off), a
// learning-rate change that keeps the optimiser's state and a setParams that
// resets it, within the float32 tolerances of compare.ts. Shapes are
// tiny (SwiftShader is slow) but cover a partial last workgroup, several rows
// per workgroup and a split reduction.
import type { Page } from '@playwright/test';
import { FLOAT32_TOLERANCE } from '../src/checks/compare.ts';
import { expect, test } from './page-watch.ts';

type Result = {
  backend: string;
  grads: { errors: Record<string, number>; worst: number; allZero: boolean; fused: boolean };
  training: {
    errors: Record<string, number>;
    worst: number;
    allZero: boolean;
    fused: boolean;
    inUse: { tensors: [number, number]; gpuBytes: [number, number] };
    clippedSteps: number;
  };
  layout: { R: number; rowGroups: number; splits: number } | null;
};

const ACTIVATIONS = ['tanh', 'relu', 'linear'] as const;
const OUTPUTS = ['linear', 'tanh'] as const;
const LOSSES = ['mse', 'broadcast-mse'] as const;
const OPTIMIZERS = [
  { optimizer: { kind: 'sgd', lr: 0.1, momentum: 0.9 }, clipNorm: 0 },
  // Adam divides each gradient by its own size: with ε far below a gradient's float32 noise, any two float32
  // implementations take different full-size steps on near-zero gradients. ε ≥ 1e-3 · max |g| bounds Adam's
  // error by the gradient's field-scaled error, so the comparison checks the formula, not the noise.
  { optimizer: { kind: 'adam', lr: 0.01, beta1: 0.9, beta2: 0.999, epsilon: 1e-3 }, clipNorm: 0.02 },
  { optimizer: { kind: 'sgd', lr: 0.05, momentum: 0 }, clipNorm: 0.02 },
] as const;

const combos = ACTIVATIONS.flatMap((activation) => OUTPUTS.flatMap((output) => LOSSES.map((loss) => ({ activation, output, loss }))));

async function openCheck(page: Page): Promise<void> {
  await page.goto('./check.html?backend=webgpu');
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
}

const run = (page: Page, c: unknown) =>
  page.evaluate((arg) => (window as unknown as { unrolledCheck: { wgslVsReference(c: unknown): Promise<Result> } }).unrolledCheck.wgslVsReference(arg), c);

function over(errors: Record<string, number>): Record<string, number> {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => !(v <= FLOAT32_TOLERANCE)));
}

test.describe('fused WGSL step on WebGPU', () => {
  test.setTimeout(600_000);

  test('every activation × output × loss: loss, gradients, predictions and seven optimiser steps (a learning-rate change, a setParams) equal the Float64 reference', async ({ page, watch }) => {
    await openCheck(page);
    await expect(page.locator('[data-testid=backend]')).toHaveAttribute('data-backend', 'webgpu');
    const table: string[] = [];
    for (const [i, combo] of combos.entries()) {
      const c = { ...combo, ...OPTIMIZERS[i % OPTIMIZERS.length], N: 37, T: 4, F: 2, H: 9, seed: 11 + i, steps: 3, changes: true };
      const r = await run(page, c);
      const label = `${combo.activation}/${combo.output}/${combo.loss} ${c.optimizer.kind}${c.optimizer.kind === 'sgd' ? ` m=${c.optimizer.momentum}` : ''} clip=${c.clipNorm}`;
      const g = r.grads.errors;
      const fields = ['loss', 'grads.W', 'grads.U', 'grads.b', 'grads.V', 'grads.c', 'yhat'].map((k) => g[k].toExponential(1)).join(' | ');
      table.push(`| ${label} | ${fields} | ${r.training.worst.toExponential(1)} |`);
      expect(r.backend).toBe('webgpu');
      expect(r.grads.fused, label).toBe(true);
      expect(r.training.fused, label).toBe(true);
      expect(over(r.grads.errors), `${label} one call`).toEqual({});
      expect(over(r.training.errors), `${label} steps`).toEqual({});
      expect(Object.keys(r.training.errors), label).toContain('loss.7');
      if (c.clipNorm > 0) expect(r.training.clippedSteps, `${label}: clipping was active`).toBeGreaterThan(0);
      expect(r.grads.allZero || r.training.allZero, label).toBe(false);
      const { tensors, gpuBytes } = r.training.inUse;
      expect(tensors[1], `${label}: tensors leaked`).toBe(tensors[0]);
      expect(gpuBytes[1], `${label}: GPU buffers leaked`).toBe(gpuBytes[0]);
    }
    console.log(['| case | loss | ∂W | ∂U | ∂b | ∂V | ∂c | ŷ | 7 steps (worst) |', '| --- | --- | --- | --- | --- | --- | --- | --- | --- |', ...table].join('\n'));
    expect(watch.consoleErrors).toEqual([]);
  });

  test('the startup self-test accepts this adapter on both paths; timing picks a backend and says why', async ({ page, watch }) => {
    await openCheck(page);
    type SelfTest = { ok: boolean; code: string; reason: string; cases: { path: string; name: string; worst: number; ms: number }[]; ms: number };
    const st = await page.evaluate(() => (window as unknown as { unrolledCheck: { selfTest(): Promise<SelfTest> } }).unrolledCheck.selfTest());
    expect(st.ok, st.reason).toBe(true);
    expect(st.cases.map((c) => `${c.path}/${c.name}`)).toEqual(['fused/ordinary', 'fused/tiny', 'op graph/ordinary', 'op graph/tiny']);
    console.log(`self-test ${st.ms.toFixed(0)} ms (${st.cases.map((c) => `${c.path}/${c.name} ${c.ms.toFixed(0)} ms`).join(', ')}): ${st.reason}`);
    type Timing = { fastest: string | null; reason: string; spentMs: number; timings: { backend: string; msPerStep: number | null; note: string }[] };
    const shape = { N: 200, T: 7, F: 3, H: 16, batch: 0, cell: 'rnn' };
    const t = await page.evaluate(
      (c) => (window as unknown as { unrolledCheck: { timeCandidates(c: unknown): Promise<Timing> } }).unrolledCheck.timeCandidates(c),
      { shape, candidates: ['webgpu', 'cpu'], budgetMs: 450 },
    );
    for (const c of t.timings) expect(c.msPerStep, `${c.backend}: ${c.note}`).not.toBeNull();
    expect(['webgpu', 'cpu']).toContain(t.fastest);
    expect(t.reason).toMatch(/^(webgpu|cpu) — ≤?[\d.]+ ms\/step vs (cpu|webgpu) ≤?[\d.]+$/);
    console.log(`timing (${t.spentMs.toFixed(0)} ms): ${t.reason}`);
    await expect(page.locator('[data-testid=backend]')).toHaveAttribute('data-backend', 'webgpu');
    expect(watch.consoleErrors).toEqual([]);
  });

  test('layouts beyond one row per workgroup: several rows, a partial last workgroup, a split gradient reduction', async ({ page, watch }) => {
    await openCheck(page);
    for (const c of [
      { activation: 'tanh', output: 'linear', loss: 'mse', N: 1101, T: 3, F: 3, H: 20, seed: 3 },
      { activation: 'relu', output: 'tanh', loss: 'broadcast-mse', N: 523, T: 2, F: 1, H: 33, seed: 4 },
    ] as const) {
      const r = await run(page, { ...c, ...OPTIMIZERS[0], steps: 2 });
      expect(r.layout!.R, JSON.stringify(c)).toBeGreaterThan(1);
      expect(r.layout!.rowGroups * r.layout!.R).toBeGreaterThan(c.N); // the last workgroup is partial
      expect(r.layout!.splits).toBeGreaterThan(1);
      expect(over(r.grads.errors), JSON.stringify(c)).toEqual({});
      expect(over(r.training.errors), JSON.stringify(c)).toEqual({});
    }
    expect(watch.consoleErrors).toEqual([]);
  });

  test('the widest workgroup: H = 256 invocations, a 5 × 5 grid of gradient tiles', async ({ page, watch }) => {
    await openCheck(page);
    const c = { activation: 'tanh', output: 'linear', loss: 'mse', N: 5, T: 3, F: 2, H: 256, seed: 8, ...OPTIMIZERS[1], steps: 2 } as const;
    const r = await run(page, c);
    expect(r.layout).not.toBeNull();
    expect(r.grads.fused && r.training.fused).toBe(true);
    expect(over(r.grads.errors)).toEqual({});
    expect(over(r.training.errors)).toEqual({});
    expect(watch.consoleErrors).toEqual([]);
  });
});
