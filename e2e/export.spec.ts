// "Take it with you": a short run of each preset (and one with a defect
// switched on) trained in the page, exported with [data-testid=export-pytorch],
// run with Python and PyTorch, and its last line compared with the page's
// [data-metric] values; the notebook's structure and language. The PyTorch
// runs are skipped when torch is missing, unless REQUIRE_TORCH=1.
import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { FLOAT32_TOLERANCE } from '../src/checks/compare.ts';
import { parseScriptOutput, runPython, tempDir, torchOrSkip } from '../src/export/test-python.ts';
import { openTrainer, setNumber, trainToDone, YAHOO } from './care-helpers.ts';
import { expect, test } from './page-watch.ts';

const HAS_TORCH = torchOrSkip();

async function pageMetrics(page: Page): Promise<Record<string, number>> {
  const read = async (metric: string, attr: 'data-model' | 'data-baseline') => Number(await page.locator(`[data-metric=${metric}]`).getAttribute(attr));
  return {
    test_mse: await read('mse', 'data-model'),
    test_rmse: await read('rmse', 'data-model'),
    test_mae: await read('mae', 'data-model'),
    persistence_mse: await read('mse', 'data-baseline'),
    persistence_rmse: await read('rmse', 'data-baseline'),
  };
}

async function download(page: Page, testid: string): Promise<{ name: string; text: string }> {
  const [file] = await Promise.all([page.waitForEvent('download'), page.click(`[data-testid=${testid}]`)]);
  return { name: file.suggestedFilename(), text: readFileSync((await file.path())!, 'utf8') };
}

interface Run {
  name: string;
  preset: 'seed' | 'fast';
  epochs: number;
  defect: 'broadcast' | null;
  /** A gated cell, its forget-gate bias and truncated BPTT (the simple cell, full BPTT, when absent). */
  cell?: { cell: 'lstm' | 'gru'; forgetBias: number; truncate: number };
}

const RUNS: Run[] = [
  { name: 'seed preset', preset: 'seed', epochs: 40, defect: null },
  { name: 'fast preset', preset: 'fast', epochs: 20, defect: null },
  { name: 'seed preset with the broadcast defect', preset: 'seed', epochs: 30, defect: 'broadcast' },
  { name: 'an LSTM (forget-gate bias 1, truncated to 4 steps), fast preset', preset: 'fast', epochs: 6, defect: null, cell: { cell: 'lstm', forgetBias: 1, truncate: 4 } },
];

for (const run of RUNS) {
  test(`${run.name}: the exported script reproduces the page's metrics`, async ({ page, watch }) => {
    test.skip(!HAS_TORCH, 'torch is not importable by /usr/bin/python3 (set REQUIRE_TORCH=1 to fail instead)');
    await openTrainer(page, 'lang=en&backend=wasm');
    await expect(page.locator('[data-testid=export-pytorch]')).toBeDisabled();
    await page.setInputFiles('[data-testid=csv-input]', YAHOO);
    await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
    await page.locator('[data-testid=preset]').selectOption(run.preset);
    if (run.defect) await page.locator(`[data-testid=defect-${run.defect}]`).check();
    if (run.cell) {
      await page.locator('[data-testid=cell]').selectOption(run.cell.cell);
      await setNumber(page, 'forget-bias', run.cell.forgetBias);
      await setNumber(page, 'truncate', run.cell.truncate);
    }
    await setNumber(page, 'epochs', run.epochs);
    await trainToDone(page, run.epochs, 90_000);
    const shown = await pageMetrics(page);
    // The forecast past the data (K = 1 by default): the script prints the same step.
    const ahead = page.locator('[data-testid=forecast-ahead]');
    await expect(ahead).toHaveCount(1);
    const pageNext = { date: await ahead.getAttribute('data-date'), model: Number(await ahead.getAttribute('data-model')) };
    await expect(page.locator('[data-testid=export-pytorch]')).toBeEnabled();
    const file = await download(page, 'export-pytorch');
    expect(file.name).toBe('unrolled_experiment.py');
    expect(file.text).toContain(`EPOCHS = ${run.epochs}`);
    if (run.cell) {
      expect(file.text).toContain(`CELL = "${run.cell.cell}"`);
      expect(file.text).toContain(`TRUNCATE = ${run.cell.truncate}`);
      expect(file.text).toContain('nn.LSTM(');
    }
    const dir = tempDir('unrolled-e2e-');
    writeFileSync(join(dir, file.name), file.text);
    const r = runPython([join(dir, file.name)], { cwd: dir });
    expect(r.status, r.stderr.slice(-2000)).toBe(0);
    const out = parseScriptOutput(r.stdout);
    const got = out.metrics;
    expect(out.next?.date).toBe(pageNext.date);
    const nextRel = Math.abs(out.next!.model - pageNext.model) / Math.abs(pageNext.model);
    console.log(`${run.name}: next step ${pageNext.date} page ${pageNext.model} script ${out.next!.model} (rel ${nextRel.toExponential(2)})`);
    expect(nextRel, 'next-step forecast').toBeLessThan(FLOAT32_TOLERANCE);
    for (const key of Object.keys(shown)) {
      const rel = Math.abs(got[key] - shown[key]) / Math.abs(shown[key]);
      console.log(`${run.name}: ${key} page ${shown[key]} script ${got[key]} (rel ${rel.toExponential(2)})`);
      expect(rel, key).toBeLessThan(key.startsWith('persistence') ? 1e-9 : 0.01);
    }
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
}

test('both buttons in Chinese; the notebook is nbformat 4 with Chinese explanations', async ({ page, watch }) => {
  await openTrainer(page, 'lang=zh&backend=wasm');
  const pytorch = page.locator('[data-testid=export-pytorch]');
  const notebook = page.locator('[data-testid=export-notebook]');
  await expect(pytorch).toHaveText('PyTorch 脚本（.py）');
  await expect(notebook).toHaveText('Jupyter 笔记本（.ipynb）');
  await expect(notebook).toBeDisabled();
  await page.locator('[data-testid=preset]').selectOption('fast');
  await setNumber(page, 'epochs', 2);
  await trainToDone(page, 2, 90_000);
  const file = await download(page, 'export-notebook');
  expect(file.name).toBe('unrolled_experiment.ipynb');
  const nb = JSON.parse(file.text);
  expect([nb.nbformat, nb.nbformat_minor]).toEqual([4, 4]);
  const markdown = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'markdown').map((c: { source: string[] }) => c.source.join('')).join('\n');
  expect(markdown).toMatch(/[\u4e00-\u9fff]/);
  const code = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'code').map((c: { source: string[] }) => c.source.join('')).join('\n');
  expect(code).toContain('EPOCHS = 2');
  await page.click('header button[data-lang=en]');
  await expect(pytorch).toHaveText('PyTorch script (.py)');
  await expect(notebook).toHaveText('Jupyter notebook (.ipynb)');
  await expect(notebook).toBeEnabled();
  expect(watch.consoleErrors).toEqual([]);
});
