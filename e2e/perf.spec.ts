// The fused training kernels (src/engine/fused-step.ts, wasm-gemm.ts; for
// the LSTM and GRU fused-gated.ts, wasm-gated.ts) in the browser: on wasm and cpu, TfRnn trains through it, so its loss and
// gradients must equal tfjs's autodiff here too, for every activation, output
// layer and loss the trainer offers, with SIMD in use. And the epoch it makes
// possible: a seed-shaped full-batch step stays far below tfjs's op graph.
import type { Page } from '@playwright/test';
import { expect, test } from './page-watch.ts';

async function openCheck(page: Page, backend: string): Promise<void> {
  await page.goto(`./check.html?backend=${backend}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
}

const check = <T>(page: Page, fn: string, arg: unknown) =>
  page.evaluate(([f, a]) => (window as unknown as { unrolledCheck: Record<string, (x: unknown) => Promise<unknown>> }).unrolledCheck[f as string](a), [fn, arg] as const) as Promise<T>;

const CASES = [
  { activation: 'tanh', output: 'linear', loss: 'mse', N: 97, T: 7, F: 3, H: 50 },
  { activation: 'relu', output: 'linear', loss: 'mse', N: 64, T: 5, F: 2, H: 57 },
  { activation: 'linear', output: 'linear', loss: 'mse', N: 33, T: 4, F: 1, H: 6 },
  { activation: 'tanh', output: 'tanh', loss: 'broadcast-mse', N: 50, T: 6, F: 2, H: 16 },
];

for (const backend of ['wasm', 'cpu']) {
  test(`${backend}: the fused training kernel equals tfjs autodiff (every activation, output and loss)`, async ({ page }) => {
    await openCheck(page, backend);
    for (const c of CASES) {
      const r = await check<{ fused: boolean; simd: boolean; maxRelError: number; backend: string }>(page, 'fusedVsAutodiff', c);
      expect(r.backend).toBe(backend);
      expect(r.fused).toBe(true);
      expect(r.simd).toBe(true);
      expect(r.maxRelError, JSON.stringify(c)).toBeLessThan(1e-4);
    }
  });
}

// The fused LSTM and GRU kernels (fused-gated.ts, wasm-gated.ts): every loss head, padded and
// unpadded widths, saturated forget gates, seed-shaped batches, truncated BPTT.
const GATED_CASES = [
  { cell: 'lstm', output: 'linear', loss: 'mse', N: 97, T: 7, F: 3, H: 50 },
  { cell: 'gru', output: 'linear', loss: 'mse', N: 97, T: 7, F: 3, H: 50 },
  { cell: 'lstm', output: 'tanh', loss: 'broadcast-mse', N: 50, T: 6, F: 2, H: 13, forgetBias: 3 },
  { cell: 'gru', output: 'tanh', loss: 'broadcast-mse', N: 65, T: 5, F: 1, H: 6 },
  { cell: 'lstm', output: 'linear', loss: 'mse', N: 33, T: 12, F: 1, H: 4 },
  { cell: 'gru', output: 'linear', loss: 'mse', N: 40, T: 9, F: 2, H: 10, truncate: 3 },
  { cell: 'lstm', output: 'linear', loss: 'mse', N: 40, T: 9, F: 2, H: 10, truncate: 3 },
];

for (const backend of ['wasm', 'cpu']) {
  test(`${backend}: the fused LSTM and GRU kernels equal tfjs autodiff (both cells, every output and loss)`, async ({ page }) => {
    await openCheck(page, backend);
    for (const c of GATED_CASES) {
      const r = await check<{ fused: boolean; simd: boolean; maxRelError: number; backend: string }>(page, 'gatedFusedVsAutodiff', c);
      expect(r.backend).toBe(backend);
      expect(r.fused).toBe(true);
      expect(r.simd).toBe(true);
      expect(r.maxRelError, JSON.stringify(c)).toBeLessThan(1e-4);
    }
  });
}

test('wasm: a seed-shaped epoch on the fused kernel is several times faster than on the tfjs op graph', async ({ page }) => {
  await openCheck(page, 'wasm');
  const shape = { N: 2717, T: 7, F: 3, H: 50, warmup: 2, epochs: 7 };
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
  const fused = await check<{ times: number[] }>(page, 'benchEpochs', shape);
  const ops = await check<{ times: number[] }>(page, 'benchEpochs', { ...shape, fused: false });
  // A loose factor: the machine is shared; measured here ~10× (8 ms vs 90 ms).
  expect(median(fused.times) * 3).toBeLessThan(median(ops.times));
});
