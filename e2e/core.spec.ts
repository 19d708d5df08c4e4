// The reference maths and the engine in the real page (check.html): the reference fixtures on the
// wasm backend (all) and on WebGPU/SwiftShader (the smallest), the backend
// badge, wasm files served from the build, and seeded initialisation that
// gives the browser exactly the numbers Node computes.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { testDataFolder } from '../src/checks/test-data.ts';
import { initParams } from '../src/model/init.ts';
import { expect, test } from './page-watch.ts';

const folder = testDataFolder('RNN_FIXTURES', 'fixtures/rnn');
const fixtures = readdirSync(folder)
  .filter((f) => f.endsWith('.json'))
  .sort()
  .map((file) => ({ file, json: JSON.parse(readFileSync(join(folder, file), 'utf8')) }));

/** Work in a fixture: N·T·H² (the size of the recurrent products). */
const cost = (j: { dims: { batch: number; steps: number; hidden: number } }) => j.dims.batch * j.dims.steps * j.dims.hidden ** 2;
const smallest = [...fixtures].sort((a, b) => cost(a.json) - cost(b.json))[0];

type Errors = { float64: Record<string, number>; tfjs: Record<string, number>; backend: string };

async function openCheck(page: Page, backend: string): Promise<void> {
  await page.goto(`./check.html?backend=${backend}`);
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
}

const runFixture = (page: Page, json: unknown) =>
  page.evaluate((j) => (window as unknown as { unrolledCheck: { runFixture(j: unknown): Promise<Errors> } }).unrolledCheck.runFixture(j), json);

function over(errors: Record<string, number>, tol: number): Record<string, number> {
  return Object.fromEntries(Object.entries(errors).filter(([, v]) => !(v <= tol)));
}

test.describe('reference and engine in the browser', () => {
  test('fixtures fail loudly when the folder is empty', () => {
    expect(fixtures.length, `no *.json fixtures in ${folder}`).toBeGreaterThan(0);
  });

  test('wasm: every fixture, Float64 within 1e-9 and tfjs within 1e-3; wasm files from this origin', async ({ page, watch }) => {
    const wasmRequests: string[] = [];
    page.on('request', (r) => {
      if (r.url().endsWith('.wasm')) wasmRequests.push(r.url());
    });
    await openCheck(page, 'wasm');
    await expect(page.locator('[data-testid=backend]')).toHaveAttribute('data-backend', 'wasm');
    for (const { file, json } of fixtures) {
      const r = await runFixture(page, json);
      expect(r.backend).toBe('wasm');
      expect(over(r.float64, 1e-9), `${file} Float64`).toEqual({});
      expect(over(r.tfjs, 1e-3), `${file} tfjs on wasm`).toEqual({});
      expect(Object.keys(r.tfjs)).toEqual(expect.arrayContaining(['h', 'yhat', 'loss', 'grads.W', 'dL_dh_frobenius', 'jacobian.spectral']));
    }
    const flags = await page.evaluate(() =>
      (window as unknown as { unrolledCheck: { wasmFlags(): Promise<{ simd: boolean; threads: boolean; crossOriginIsolated: boolean }> } }).unrolledCheck.wasmFlags(),
    );
    expect(flags.simd).toBe(true);
    expect(flags.crossOriginIsolated).toBe(true);
    expect(flags.threads).toBe(true); // the threaded SIMD binary, since the preview server isolates the page
    expect(wasmRequests.length).toBeGreaterThan(0);
    for (const u of wasmRequests) expect(new URL(u).origin).toBe(new URL(page.url()).origin);
    expect(watch.foreignRequests).toEqual([]);
    expect(watch.consoleErrors).toEqual([]);
  });

  test(`webgpu (SwiftShader, forced): the smallest fixture (${smallest?.file}) within tolerance`, async ({ page, watch }) => {
    test.skip(!smallest, 'no fixtures');
    await openCheck(page, 'webgpu');
    await expect(page.locator('[data-testid=backend]')).toHaveAttribute('data-backend', 'webgpu');
    const r = await runFixture(page, smallest.json);
    expect(r.backend).toBe('webgpu');
    expect(over(r.float64, 1e-9)).toEqual({});
    expect(over(r.tfjs, 1e-3), `${smallest.file} tfjs on webgpu`).toEqual({});
    expect(watch.foreignRequests).toEqual([]);
  });

  test('seeded initialisation gives the browser the same weights as Node', async ({ page }) => {
    await openCheck(page, 'cpu');
    const cases = [
      { dims: { F: 3, H: 50, O: 1 }, seed: 42 },
      { dims: { F: 1, H: 16, O: 2 }, seed: 7, recurrent: 'orthogonal', spectralRadius: 0.9 },
      { dims: { F: 2, H: 8, O: 1 }, seed: 123456789, recurrent: 'normal', spectralRadius: 1.5 },
    ] as const;
    for (const c of cases) {
      const node = initParams(c.dims, { seed: c.seed, recurrent: 'recurrent' in c ? c.recurrent : undefined, spectralRadius: 'spectralRadius' in c ? c.spectralRadius : undefined });
      const browser = await page.evaluate(
        (arg) =>
          (window as unknown as { unrolledCheck: { initWeights(...a: unknown[]): Record<string, number[]> } }).unrolledCheck.initWeights(
            arg.dims,
            arg.seed,
            arg.recurrent,
            arg.spectralRadius,
          ),
        { dims: c.dims, seed: c.seed, recurrent: 'recurrent' in c ? c.recurrent : undefined, spectralRadius: 'spectralRadius' in c ? c.spectralRadius : undefined },
      );
      for (const k of ['W', 'U', 'b', 'V', 'c'] as const) expect(browser[k], `${k} for seed ${c.seed}`).toEqual(Array.from(node[k]));
    }
  });
});
