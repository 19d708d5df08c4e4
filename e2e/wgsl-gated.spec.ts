// The fused WGSL step of the gated cells (src/engine/webgpu/wgsl-gated.ts)
// on WebGPU in Chromium — SwiftShader here — against the Float64 reference
// (src/checks/reference-step.ts over model/cell-reference.ts cellBackward),
// for the LSTM and the GRU, both output layers and both losses, with full
// and truncated BPTT: the loss, the six gradients and the predictions of one
// call, then the weights after TfGated steps with each optimiser (clipping
// on and off), a learning-rate change and a setParams, within the float32
// tolerances of compare.ts. Tiny shapes (SwiftShader is slow), plus one
// layout with several rows per workgroup, a partial last workgroup and a
// split gradient reduction.
import type { Page } from '@playwright/test';
import { FLOAT32_TOLERANCE } from '../src/checks/compare.ts';
import { expect, test } from './page-watch.ts';
import { LOSSES, OPTIMIZERS, OUTPUTS } from './step-cases.ts';

type Check = { errors: Record<string, number>; worst: number; allZero: boolean; fused: boolean };
type Result = {
  backend: string;
  grads: Check;
  training: Check & { inUse: { tensors: [number, number]; gpuBytes: [number, number] }; clippedSteps: number };
  layout: { R: number; rowGroups: number; splits: number } | null;
};

const CELLS = ['lstm', 'gru'] as const;
const FIELDS = ['loss', 'grads.weight_ih', 'grads.weight_hh', 'grads.bias_ih', 'grads.bias_hh', 'grads.V', 'grads.c', 'yhat'];

const combos = CELLS.flatMap((cell) =>
  OUTPUTS.flatMap((output) => LOSSES.flatMap((loss) => [0, 2].map((truncate) => ({ cell, activation: 'tanh' as const, output, loss, truncate })))),
);

async function openCheck(page: Page): Promise<void> {
  await page.goto('./check.html?backend=webgpu');
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
}

const run = (page: Page, c: unknown) =>
  page.evaluate((arg) => (window as unknown as { unrolledCheck: { wgslVsReference(c: unknown): Promise<Result> } }).unrolledCheck.wgslVsReference(arg), c);

const over = (errors: Record<string, number>) => Object.fromEntries(Object.entries(errors).filter(([, v]) => !(v <= FLOAT32_TOLERANCE)));

function expectClean(r: Result, label: string, clipNorm: number): void {
  expect(r.backend).toBe('webgpu');
  expect(r.grads.fused, label).toBe(true);
  expect(r.training.fused, label).toBe(true);
  expect(over(r.grads.errors), `${label} one call`).toEqual({});
  expect(over(r.training.errors), `${label} steps`).toEqual({});
  if (clipNorm > 0) expect(r.training.clippedSteps, `${label}: clipping was active`).toBeGreaterThan(0);
  expect(r.grads.allZero || r.training.allZero, label).toBe(false);
  const { tensors, gpuBytes } = r.training.inUse;
  expect(tensors[1], `${label}: tensors leaked`).toBe(tensors[0]);
  expect(gpuBytes[1], `${label}: GPU buffers leaked`).toBe(gpuBytes[0]);
}

test.describe('fused WGSL step of the gated cells on WebGPU', () => {
  test.setTimeout(900_000);

  test('LSTM and GRU × output × loss × full / truncated BPTT: loss, six gradients, predictions and seven optimiser steps equal the Float64 reference', async ({ page, watch }) => {
    await openCheck(page);
    await expect(page.locator('[data-testid=backend]')).toHaveAttribute('data-backend', 'webgpu');
    const table: string[] = [];
    for (const [i, combo] of combos.entries()) {
      const o = OPTIMIZERS[i % OPTIMIZERS.length];
      const c = { ...combo, ...o, N: 21, T: 4, F: 2, H: 7, seed: 31 + i, steps: 3, changes: true };
      const r = await run(page, c);
      const label = `${combo.cell} ${combo.output}/${combo.loss}${combo.truncate ? ` K=${combo.truncate}` : ''} ${o.optimizer.kind}${o.optimizer.kind === 'sgd' ? ` m=${o.optimizer.momentum}` : ''} clip=${o.clipNorm}`;
      table.push(`| ${label} | ${FIELDS.map((k) => r.grads.errors[k].toExponential(1)).join(' | ')} | ${r.training.worst.toExponential(1)} |`);
      expectClean(r, label, o.clipNorm);
      expect(Object.keys(r.training.errors), label).toContain('loss.7');
    }
    console.log(['| case | loss | ∂W_ih | ∂W_hh | ∂b_ih | ∂b_hh | ∂V | ∂c | ŷ | 7 steps (worst) |', `|${' --- |'.repeat(10)}`, ...table].join('\n'));
    expect(watch.consoleErrors).toEqual([]);
  });

  test('layouts beyond one row per workgroup: several rows, a partial last workgroup, a split gradient reduction', async ({ page, watch }) => {
    await openCheck(page);
    for (const c of [
      { cell: 'lstm', output: 'linear', loss: 'mse', truncate: 0, N: 1037, T: 3, F: 3, H: 12, seed: 5 },
      { cell: 'gru', output: 'tanh', loss: 'broadcast-mse', truncate: 2, N: 523, T: 3, F: 1, H: 17, seed: 6 },
    ] as const) {
      const r = await run(page, { ...c, activation: 'tanh', ...OPTIMIZERS[0], steps: 2 });
      const label = JSON.stringify(c);
      expect(r.layout!.R, label).toBeGreaterThan(1);
      expect(r.layout!.rowGroups * r.layout!.R, label).toBeGreaterThan(c.N); // the last workgroup is partial
      expect(r.layout!.splits, label).toBeGreaterThan(1);
      expectClean(r, label, 0);
    }
    expect(watch.consoleErrors).toEqual([]);
  });
});
