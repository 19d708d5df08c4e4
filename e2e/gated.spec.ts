// The gated-cell fixtures (test-data/fixtures/gated, or $GATED_FIXTURES) in
// the real page (check.html) on wasm: Float64 reference within 1e-9, tfjs
// autodiff and the training path — the fused LSTM/GRU kernels in this
// browser — within the scaled float32 tolerance; every case by name.
import type { Page } from '@playwright/test';
import { testDataFolder, jsonFiles } from '../src/checks/test-data.ts';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { expect, test } from './page-watch.ts';

const folder = testDataFolder('GATED_FIXTURES', 'fixtures/gated');
const files = jsonFiles(folder);

type Errors = { float64: Record<string, number>; tfjs: Record<string, number>; backend: string };

const over = (errors: Record<string, number>, tol: number) => Object.fromEntries(Object.entries(errors).filter(([, v]) => !(v <= tol)));

async function openCheck(page: Page): Promise<void> {
  await page.goto('./check.html?backend=wasm');
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
}

test('gated fixtures: the folder is not empty', () => {
  expect(files.length, `no *.json fixtures in ${folder}`).toBeGreaterThan(0);
});

for (const file of files) {
  test(`gated fixture ${file} on wasm: Float64 within 1e-9, float32 paths within 1e-3`, async ({ page, watch }) => {
    await openCheck(page);
    const json = JSON.parse(readFileSync(join(folder, file), 'utf8'));
    const r = await page.evaluate((j) => (window as unknown as { unrolledCheck: { runGatedFixture(j: unknown): Promise<Errors> } }).unrolledCheck.runGatedFixture(j), json);
    expect(r.backend).toBe('wasm');
    expect(over(r.float64, 1e-9), `${file} Float64`).toEqual({});
    expect(over(r.tfjs, 1e-3), `${file} float32 on wasm`).toEqual({});
    if (json.mode === 'many-to-one') expect(Object.keys(r.tfjs)).toEqual(expect.arrayContaining(['fused.grads.weight_hh', 'model.loss', 'jacobian.spectral']));
    expect(watch.consoleErrors).toEqual([]);
  });
}
