// The training backend chosen by measurement, and a lost GPU device, in the
// real page: with no ?backend= the worker self-tests and times a few steps of
// the reader's model on each candidate (wasm and cpu here: SwiftShader's
// WebGPU adapter and WebGL are software, so neither is a candidate) and the
// badge says which and why, in both languages; a hidden size three times as
// large is timed again; a lost WebGPU device (destroyed from the worker)
// moves training to wasm with the last finished epoch's weights and the
// trainer says so.
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { testDataFolder } from '../src/checks/test-data.ts';
import { setNumber } from './care-helpers.ts';
import { expect, openPage, overflowingElements, test } from './page-watch.ts';

const YAHOO = resolve(testDataFolder('CSV_CASES', 'csv'), 'yahoo-daily.csv');
const SHOTS = resolve(import.meta.dirname, '../test-results');

/** Mount the trainer as a prose link does; resolves with ms from the click to an enabled Train button. */
async function openTrainer(page: Page, query: string): Promise<number> {
  await openPage(page, query);
  const t0 = await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '#try/trainer';
    document.body.append(a);
    a.click();
    a.remove();
    return performance.now();
  });
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', /\d+/, { timeout: 60_000 });
  await expect(page.locator('[data-testid=train]')).toBeEnabled({ timeout: 60_000 });
  return (await page.evaluate(() => performance.now())) - t0;
}

const badge = (page: Page) => page.locator('[data-testid=backend]');

test('with no ?backend= the worker times the reader\'s model and the badge says which and why, in English and Chinese', async ({ page, watch }) => {
  const forced = await openTrainer(page, 'lang=en&backend=wasm');
  const measured = await openTrainer(page, 'lang=en');
  await expect(badge(page)).toHaveAttribute('data-backend', /^(wasm|cpu)$/);
  await expect(badge(page)).toHaveText(/^(wasm|cpu) — [\d.]+ ms\/step vs (cpu|wasm) [\d.]+$/);
  const title = (await badge(page).getAttribute('title'))!;
  expect(title).toMatch(/automatic: the fastest on a few steps of your model/);
  expect(title).toMatch(/timed on the rnn model \(\d+ rows a step, T = \d+, F = \d+, H = \d+\); self-tests [\d.]+ ms, timing [\d.]+ ms, [\d.]+ ms in all/);
  expect(title).toMatch(/webgpu: WebGPU adapter is a software fallback/);
  const [, selfTest, timing, total] = title.match(/self-tests ([\d.]+) ms, timing ([\d.]+) ms, ([\d.]+) ms in all/)!;
  console.log(`measured choice: ${await badge(page).textContent()}; ${title.match(/timed on [^;]*/)![0]}; self-tests ${selfTest} ms + timing ${timing} ms, ${total} ms in all; trainer ready ${measured.toFixed(0)} ms after mounting (forced wasm: ${forced.toFixed(0)} ms)`);
  await page.locator('header').screenshot({ path: resolve(SHOTS, 'backend-badge-en.png') });

  await page.getByRole('button', { name: '中文' }).click();
  await expect(badge(page)).toHaveText(/^(wasm|cpu) — 每步 [\d.]+ 毫秒，对比 (cpu|wasm) [\d.]+$/);
  expect(await badge(page).getAttribute('title')).toMatch(/自动：在你的模型上实测几步，选最快的/);
  await page.locator('header').screenshot({ path: resolve(SHOTS, 'backend-badge-zh.png') });
  await page.getByRole('button', { name: 'English' }).click();

  // It trains on the backend it chose.
  await setNumber(page, 'epochs', 2);
  await page.click('[data-testid=train]');
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });

  // A model three times as wide is timed again (needsRetiming): the tooltip names the new H.
  await setNumber(page, 'hidden', 150);
  await expect.poll(async () => (await badge(page).getAttribute('title')) ?? '', { timeout: 60_000 }).toMatch(/H = 150\)/);
  await expect(badge(page)).toHaveText(/^(wasm|cpu) — [\d.]+ ms\/step vs (cpu|wasm) [\d.]+$/);
  expect(watch.consoleErrors).toEqual([]);
});

test('the measured badge fits a 375 px header in both languages', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  for (const lang of ['en', 'zh'] as const) {
    await openTrainer(page, `lang=${lang}`);
    await expect(badge(page)).toHaveText(/ms\/step|毫秒/);
    expect(await overflowingElements(page, 'header', 375), lang).toEqual([]);
    await page.locator('header').screenshot({ path: resolve(SHOTS, `backend-badge-375-${lang}.png`) });
  }
  await context.close();
});

test('a lost WebGPU device moves training to wasm with the last finished epoch\'s weights, and the trainer says so', async ({ page, watch }) => {
  test.setTimeout(400_000);
  await openTrainer(page, 'lang=en&backend=webgpu');
  await expect(badge(page)).toHaveAttribute('data-backend', 'webgpu');
  await page.setInputFiles('[data-testid=csv-input]', YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await setNumber(page, 'hidden', 4);
  await setNumber(page, 'window', 3);
  await setNumber(page, 'batch', 0);
  await setNumber(page, 'epochs', 400);
  await expect(page.locator('[data-testid=train]')).toBeEnabled({ timeout: 30_000 });
  await page.click('[data-testid=train]');
  const status = page.locator('[data-testid=trainer-status]');
  await expect.poll(async () => Number(await status.getAttribute('data-epoch')), { timeout: 300_000 }).toBeGreaterThanOrEqual(2);

  const worker = page.workers().find((w) => /worker/.test(w.url()))!;
  expect(await worker.evaluate(() => (self as unknown as { unrolledTest: { loseDevice(): boolean } }).unrolledTest.loseDevice())).toBe(true);

  await expect(badge(page)).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(badge(page)).toHaveText('wasm · webgpu device lost');
  expect(await badge(page).getAttribute('title')).toMatch(/fallback: the GPU device was lost[\s\S]*webgpu's GPU device was lost \(destroyed[^)]*\); training moved to wasm with the last epoch's weights/);
  await expect(status).toHaveAttribute('data-state', 'paused', { timeout: 60_000 });
  const epoch = Number(await status.getAttribute('data-epoch'));
  expect(epoch).toBeGreaterThanOrEqual(2);
  const notice = page.locator('[data-testid=trainer-notice]');
  await expect(notice).toHaveText(`The webgpu GPU device was lost, and everything on it with it; training moved to the wasm backend with the weights of epoch ${epoch} (the data is kept). Resume to go on training.`);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(notice).toContainText(`训练已转到 wasm 后端，用的是第 ${epoch} 轮结束时的权重`);
  await expect(badge(page)).toHaveText('wasm · webgpu 设备丢失');
  await page.getByRole('button', { name: 'English' }).click();

  // Training goes on from there on wasm.
  await setNumber(page, 'epochs', epoch + 3);
  await page.click('[data-testid=train]');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status).toHaveAttribute('data-epoch', String(epoch + 3));
  expect(watch.consoleErrors.filter((e) => !/device|destroyed|lost/i.test(e))).toEqual([]);
});
