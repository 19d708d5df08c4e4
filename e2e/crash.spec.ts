// The training worker dies mid-run (a test hook makes it: `?debug=trainer`):
// the page says so in the reader's language, starts a new worker with the
// same data and settings, loads the last good weights back and offers to
// resume from them; resuming trains on to the end.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, test } from './page-watch.ts';
import { YAHOO, exportWeights, openTrainer, setNumber } from './care-helpers.ts';

const SHOTS = process.env.E2E_SHOTS ?? 'test-results/shots';

async function crash(page: Page, kind: 'crash' | 'oom'): Promise<void> {
  await page.evaluate((kind) => (window as unknown as { unrolledTrainer: { crash(k: string): void } }).unrolledTrainer.crash(kind), kind);
}

async function loadYahoo(page: Page, lang: 'en' | 'zh', epochs: number): Promise<void> {
  await openTrainer(page, `lang=${lang}&backend=wasm&debug=trainer`);
  await page.setInputFiles('[data-testid=csv-input]', YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await setNumber(page, 'hidden', 8);
  await setNumber(page, 'epochs', epochs);
  await expect(page.locator('[data-testid=train]')).toBeEnabled();
}

test('killed mid-run, the worker restarts and resumes from the last epoch kept', async ({ page, watch }) => {
  await loadYahoo(page, 'en', 4000);
  const status = page.locator('[data-testid=trainer-status]');
  await page.click('[data-testid=train]');
  await expect.poll(async () => Number(await status.getAttribute('data-epoch')), { timeout: 60_000 }).toBeGreaterThan(30);
  const before = Number(await status.getAttribute('data-epoch'));
  await crash(page, 'crash');
  const notice = page.locator('[data-testid=worker-crash]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('The training worker stopped');
  await expect(notice).toContainText('restarted with your data and settings');
  const resume = page.locator('[data-testid=worker-resume]');
  await expect(resume).toBeVisible({ timeout: 60_000 });
  // The weights of the newest epoch the page had: a few epochs past the one read before the crash at most.
  const kept = Number(await status.getAttribute('data-epoch'));
  expect(kept).toBeGreaterThanOrEqual(before);
  await expect(status).toHaveAttribute('data-state', 'paused');
  await expect(resume).toHaveText(`Resume training from epoch ${kept}`);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await expect(page.locator('[data-testid=hidden]')).toHaveValue('8');
  await expect(page.locator('[data-testid=chart-loss]')).not.toHaveAttribute('data-points', '0');
  await setNumber(page, 'epochs', kept + 40);
  await resume.click();
  await expect(notice).toBeHidden();
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status).toHaveAttribute('data-epoch', String(kept + 40));
  expect(watch.consoleErrors.filter((e) => !e.includes('debug: the training worker was made to crash'))).toEqual([]);
});

test('paused at an epoch, a crash brings back exactly those weights; out of memory is said as such, in Chinese', async ({ page, watch }) => {
  await loadYahoo(page, 'zh', 30);
  const status = page.locator('[data-testid=trainer-status]');
  await page.click('[data-testid=step]');
  await page.click('[data-testid=step]');
  await page.click('[data-testid=step]');
  await expect(status).toHaveAttribute('data-epoch', '3');
  await expect(status).toHaveAttribute('data-state', 'paused');
  const weights = await exportWeights(page);
  await crash(page, 'oom');
  const notice = page.locator('[data-testid=worker-crash]');
  await expect(notice).toContainText('训练进程停止了（内存不够了）');
  await expect(notice).toContainText('第 3 轮的权重也回来了');
  await expect(page.locator('[data-testid=worker-resume]')).toHaveText('从第 3 轮继续训练', { timeout: 60_000 });
  await expect(status).toHaveAttribute('data-epoch', '3');
  expect((await exportWeights(page)).params).toEqual(weights.params);
  mkdirSync(SHOTS, { recursive: true });
  await notice.screenshot({ path: `${SHOTS}/crash-notice-zh.png` });
  await page.click('[data-lang=en]');
  await expect(notice).toContainText('The training worker stopped (it ran out of memory)');
  await notice.screenshot({ path: `${SHOTS}/crash-notice-en.png` });
  expect(watch.consoleErrors.filter((e) => !e.includes('Array buffer allocation failed'))).toEqual([]);
});

test('a bundled series comes back too, and a worker that keeps failing is given up with its error', async ({ page }) => {
  await openTrainer(page, 'lang=en&backend=wasm&debug=trainer&train.hidden=4&train.epochs=50');
  const status = page.locator('[data-testid=trainer-status]');
  const rows = await page.locator('[data-testid=dataset-summary]').getAttribute('data-rows');
  await page.click('[data-testid=step]');
  await expect(status).toHaveAttribute('data-epoch', '1');
  for (let i = 1; i <= 3; i++) {
    await crash(page, 'crash');
    await expect(page.locator('[data-testid=worker-resume]')).toBeVisible({ timeout: 60_000 });
    await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', rows!);
    await expect(status).toHaveAttribute('data-epoch', '1');
  }
  await crash(page, 'crash');
  await expect(page.locator('[data-testid=worker-crash]')).toContainText('stopped 4 times within a minute');
  await expect(page.locator('[data-testid=trainer-notice]')).toContainText('The training worker failed');
  await expect(page.locator('[data-testid=train]')).toBeDisabled();
});
