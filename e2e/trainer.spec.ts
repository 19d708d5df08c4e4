// The live trainer (section 6) in headless Chromium: a Yahoo export trained
// on wasm and (tiny) on WebGPU, rejected files keeping the loaded data and
// model, column names as text, language switch, prose preset links, weights
// export/import (the page's responsiveness while it trains: trainer-responsive.spec.ts).
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { CSV_DIR, YAHOO, openTrainer, setNumber, trainToDone } from './care-helpers.ts';
import { expect, overflowingElements, test } from './page-watch.ts';

interface CsvCase {
  file: string;
  expect: { ok: boolean; error?: string | string[]; rows?: number; target?: string; dateColumn?: string | null };
}
const CASES: CsvCase[] = JSON.parse(readFileSync(resolve(CSV_DIR, 'cases.json'), 'utf8'));
const yahooCase = CASES.find((c) => c.file === 'yahoo-daily.csv')!;
const BAD_FILES = ['empty.csv', 'header-only.csv', 'no-numeric.csv', 'not-a-csv.png'];

async function upload(page: Page, path: string): Promise<void> {
  await page.setInputFiles('[data-testid=csv-input]', path);
}

async function expectChartsAndMetrics(page: Page): Promise<void> {
  for (const id of ['chart-loss', 'chart-predictions', 'chart-zeta']) {
    const points = Number(await page.locator(`[data-testid=${id}]`).getAttribute('data-points'));
    expect(points, id).toBeGreaterThan(0);
  }
  const rows = await page.locator('[data-testid=metrics] [data-metric]').evaluateAll((trs) =>
    trs.map((tr) => ({ metric: (tr as HTMLElement).dataset.metric, model: (tr as HTMLElement).dataset.model, baseline: (tr as HTMLElement).dataset.baseline })),
  );
  expect(rows.map((r) => r.metric)).toEqual(['mse', 'rmse', 'mae', 'mape', 'direction']);
  for (const r of rows.filter((x) => x.metric !== 'direction')) {
    expect(Number.isFinite(Number(r.model)), `${r.metric} model`).toBe(true);
    expect(Number.isFinite(Number(r.baseline)), `${r.metric} baseline`).toBe(true);
  }
  await expect(page.locator('[data-testid=verdict]')).toContainText(/tomorrow = today|明天 = 今天/);
}

test('trains on a Yahoo export on wasm: done, three charts, metrics beside persistence', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm');
  await upload(page, YAHOO);
  const summary = page.locator('[data-testid=dataset-summary]');
  await expect(summary).toHaveAttribute('data-rows', String(yahooCase.expect.rows));
  await expect(summary).toHaveAttribute('data-target', yahooCase.expect.target!);
  await expect(summary).toHaveAttribute('data-date-column', yahooCase.expect.dateColumn!);
  await expect(page.locator('[data-testid=target-select]')).toHaveValue('Close');
  await expect(page.locator('input[type=checkbox][data-testid=feature][value=Close]')).toBeChecked();
  await setNumber(page, 'epochs', 6);
  await trainToDone(page, 6, 60_000);
  await expectChartsAndMetrics(page);
  await expect(page.locator('[data-testid=backend]')).toHaveAttribute('data-backend', 'wasm');
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('trains a tiny model on WebGPU (SwiftShader)', async ({ page, watch }) => {
  test.setTimeout(400_000);
  await openTrainer(page, 'lang=en&backend=webgpu');
  await upload(page, YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', String(yahooCase.expect.rows));
  await setNumber(page, 'hidden', 4);
  await setNumber(page, 'window', 3);
  await setNumber(page, 'epochs', 2);
  await setNumber(page, 'batch', 0);
  await trainToDone(page, 2, 300_000);
  await expectChartsAndMetrics(page);
  await expect(page.locator('[data-testid=backend]')).toHaveAttribute('data-backend', 'webgpu');
  expect(watch.consoleErrors).toEqual([]);
});

test('a rejected file shows its error and keeps the loaded data and model', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm');
  await upload(page, YAHOO);
  const summary = page.locator('[data-testid=dataset-summary]');
  await expect(summary).toHaveAttribute('data-rows', '298');
  await setNumber(page, 'epochs', 2);
  await trainToDone(page, 2, 60_000);
  const rmse = await page.locator('[data-metric=rmse]').getAttribute('data-model');
  const error = page.locator('[data-testid=csv-error]');
  for (const file of BAD_FILES) {
    const expected = CASES.find((c) => c.file === file)!.expect.error!;
    const kinds = Array.isArray(expected) ? expected : [expected];
    await upload(page, resolve(CSV_DIR, file));
    await expect(error).toBeVisible();
    await expect.poll(() => error.getAttribute('data-error'), { message: file }).toMatch(new RegExp(`^(${kinds.join('|')})$`));
    expect((await error.textContent())!.length).toBeGreaterThan(20);
    await expect(summary).toHaveAttribute('data-rows', '298');
    await expect(summary).toHaveAttribute('data-target', 'Close');
    await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-state', 'done');
    await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-epoch', '2');
    await expect(page.locator('[data-metric=rmse]')).toHaveAttribute('data-model', rmse!);
  }
  // The message follows the language.
  const english = await error.textContent();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(error).not.toHaveText(english!);
  expect(await error.textContent()).toMatch(/[\u4e00-\u9fff]/);
  expect(watch.consoleErrors).toEqual([]);
});

test('a column named <img src=x onerror=alert(1)> is shown as text and runs nothing', async ({ page, watch }) => {
  const dialogs: string[] = [];
  page.on('dialog', (d) => {
    dialogs.push(d.message());
    void d.dismiss();
  });
  await openTrainer(page, 'lang=en&backend=wasm');
  const name = '<img src=x onerror=alert(1)>';
  const day = (i: number) => new Date(Date.UTC(2021, 0, 1 + i)).toISOString().slice(0, 10);
  const rows = Array.from({ length: 40 }, (_, i) => `${day(i)},${(100 + Math.sin(i) * 5).toFixed(3)},${1000 + i}`);
  const csv = [`Date,"${name}",Volume`, ...rows].join('\n');
  await page.setInputFiles('[data-testid=csv-input]', { name: 'xss.csv', mimeType: 'text/csv', buffer: Buffer.from(csv) });
  const summary = page.locator('[data-testid=dataset-summary]');
  await expect(summary).toHaveAttribute('data-rows', '40');
  await expect(summary).toContainText(name);
  await expect(page.locator(`input[type=checkbox][data-testid=feature][value="${name}"]`)).toHaveCount(1);
  await expect(page.locator('.trainer-check', { hasText: name })).toHaveCount(1);
  await expect(page.locator('[data-testid=target-select] option', { hasText: name })).toHaveCount(1);
  expect(await page.locator('.trainer img, [data-testid=trainer] img').count()).toBe(0);
  await page.waitForTimeout(500);
  expect(dialogs).toEqual([]);
  expect(watch.consoleErrors).toEqual([]);
});

test('switching language relabels the trainer and keeps its data and model', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm');
  await upload(page, YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await setNumber(page, 'epochs', 3);
  await trainToDone(page, 3, 60_000);
  const rmse = await page.locator('[data-metric=rmse]').getAttribute('data-model');
  const lossPoints = await page.locator('[data-testid=chart-loss]').getAttribute('data-points');
  await expect(page.locator('[data-testid=train]')).toHaveText('Train again');
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('[data-testid=train]')).toHaveText('重新训练');
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await expect(page.locator('[data-testid=dataset-summary]')).toContainText('298 行');
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-epoch', '3');
  await expect(page.locator('[data-metric=rmse]')).toHaveAttribute('data-model', rmse!);
  await expect(page.locator('[data-testid=chart-loss]')).toHaveAttribute('data-points', lossPoints!);
  await expect(page.locator('[data-testid=verdict]')).toContainText('明天 = 今天');
  expect(watch.consoleErrors).toEqual([]);
});

test('prose links set a preset or switch on exactly one defect, and say so', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm');
  await page.locator('a[href="#try/trainer?data=sp500&lag=20&preset=seed"]').first().click();
  await expect(page.locator('[data-testid=preset]')).toHaveValue('seed');
  await expect(page.locator('[data-testid=epochs]')).toHaveValue('2000');
  await expect(page.locator('[data-testid=optimizer]')).toHaveValue('sgd');
  await expect(page.locator('[data-testid=batch]')).toHaveValue('0');
  await expect(page).toHaveURL(/train\.optimizer=sgd/);
  for (const [defect, box] of [
    ['broadcast', 'defect-broadcast'],
    ['tanh', 'defect-tanh'],
    ['scaling', 'defect-scaling'],
  ] as const) {
    await page.locator(`a[href="#try/trainer?data=sp500&lag=20&preset=seed&defect=${defect}"]`).first().click();
    await expect(page.locator(`[data-testid=${box}]`)).toBeChecked();
    await expect(page.locator('[data-testid^=defect-]:checked')).toHaveCount(1);
    await expect(page.locator('[data-testid=defect-notice]')).toBeVisible();
  }
  await page.locator('[data-testid=preset]').selectOption('fast');
  await expect(page.locator('[data-testid^=defect-]:checked')).toHaveCount(0);
  await expect(page.locator('[data-testid=optimizer]')).toHaveValue('adam');
  expect(watch.consoleErrors).toEqual([]);
});

test('weights export and load back into the page', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm');
  await upload(page, YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await setNumber(page, 'epochs', 4);
  await trainToDone(page, 4, 60_000);
  const rmse = await page.locator('[data-metric=rmse]').getAttribute('data-model');
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-weights]')]);
  const json = readFileSync((await download.path())!, 'utf8');
  expect(JSON.parse(json)).toMatchObject({ format: 'unrolled-rnn-weights', epoch: 4 });
  // With the forecast past the data shown (K = 1), the file's columns gain its bands (e2e/ahead.spec.ts checks its lines).
  await expect(page.locator('[data-testid=forecast-ahead]')).toHaveCount(1);
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
  const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('date,split,actual Close,model,persistence,model low (10 %),model high (90 %),persistence low (10 %),persistence high (90 %)');
  expect(lines.length).toBeGreaterThan(250);
  await page.click('[data-testid=reset]');
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-epoch', '0');
  await page.setInputFiles('[data-testid=weights-input]', { name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-epoch', '4');
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-state', 'done');
  await expect(page.locator('[data-metric=rmse]')).toHaveAttribute('data-model', rmse!);
  expect(watch.consoleErrors).toEqual([]);
});

test('fits a 375 px screen in Chinese, trained, with nothing wider than the viewport', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await openTrainer(page, 'lang=zh&backend=wasm');
  await trainToDone(page, 20, 60_000);
  await expect(page.locator('[data-testid=trainer-status]')).toHaveText('完成');
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  const offenders = await overflowingElements(page, '[data-testid=trainer]', 375);
  expect(offenders).toEqual([]);
  await context.close();
});

test('the bundled series menu: seasonal, and the long-lag task with its lag', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm');
  const summary = page.locator('[data-testid=dataset-summary]');
  await expect(page.locator('[data-testid=lag]')).toBeHidden();
  await page.locator('[data-testid=sample-select]').selectOption('seasonal');
  await expect(summary).toContainText('seasonal');
  await trainToDone(page, 20, 60_000);
  // The seasonal signal is learnable: the model beats persistence there.
  await expect(page.locator('[data-testid=verdict]')).toHaveAttribute('data-verdict', 'beats');
  await page.locator('[data-testid=sample-select]').selectOption('long-lag');
  await expect(page.locator('[data-testid=lag]')).toBeVisible();
  await expect(summary).toHaveAttribute('data-target', 'target');
  await page.locator('[data-testid=lag]').fill('12');
  await page.locator('[data-testid=lag]').press('Enter');
  await expect(page).toHaveURL(/train\.lag=12/);
  await expect(page.locator('[data-testid=window]')).toHaveValue('12');
  await expect(page.locator('input[type=checkbox][data-testid=feature][value=input]')).toBeChecked();
  await expect(page.locator('[data-testid=train]')).toBeEnabled();
  expect(watch.consoleErrors).toEqual([]);
});

test('a blown-up loss stops the run, keeps the last good weights and says what to try', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm&train.optimizer=sgd&train.momentum=0&train.lr=40&train.activation=linear&train.batch=0&train.clip=0&train.epochs=200&train.transform=level');
  await upload(page, YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await expect(page.locator('[data-testid=train]')).toBeEnabled();
  await page.click('[data-testid=train]');
  const status = page.locator('[data-testid=trainer-status]');
  await expect(status).toHaveAttribute('data-state', 'error', { timeout: 60_000 });
  const notice = page.locator('[data-testid=trainer-notice]');
  await expect(notice).toBeVisible();
  await expect(notice).toContainText('learning rate');
  await expect(notice).toContainText('clipping');
  const restored = Number(await status.getAttribute('data-epoch'));
  expect(restored).toBeLessThan(200);
  // Every loss drawn is finite and there is one per epoch kept.
  await expect(page.locator('[data-testid=chart-loss]')).toHaveAttribute('data-points', /\d+/);
  // Follow the advice: a lower rate and clipping, then resume from the restored weights.
  await setNumber(page, 'lr', 0.001);
  await setNumber(page, 'clip', 1);
  await expect(page).toHaveURL(/train\.lr=0\.001/);
  await expect(page).not.toHaveURL(/train\.clip=0/); // 1 is the default, so it leaves the URL
  await expect(page.locator('[data-testid=train]')).toHaveText('Resume');
  await page.click('[data-testid=train]');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status).toHaveAttribute('data-epoch', '200');
  await expect(notice).toBeHidden();
  expect(watch.consoleErrors).toEqual([]);
});

test('switching backend in the header keeps the uploaded data and the trained weights', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm');
  await upload(page, YAHOO);
  const summary = page.locator('[data-testid=dataset-summary]');
  await expect(summary).toHaveAttribute('data-rows', String(yahooCase.expect.rows));
  await setNumber(page, 'epochs', 6);
  await trainToDone(page, 6, 60_000);
  const rmse = await page.locator('[data-metric=rmse]').getAttribute('data-model');

  await page.locator('.backend-select').selectOption('cpu');
  await expect(page.locator('[data-testid=backend]')).toHaveAttribute('data-backend', 'cpu', { timeout: 30_000 });
  await expect(page).toHaveURL(/[?&]backend=cpu/);
  // Same file, same model: the weights came across, so the forecasts score the same.
  await expect(summary).toHaveAttribute('data-rows', String(yahooCase.expect.rows));
  await expect(summary).toHaveAttribute('data-target', yahooCase.expect.target!);
  const status = page.locator('[data-testid=trainer-status]');
  await expect(status).toHaveAttribute('data-epoch', '6');
  await expect(page.locator('[data-testid=trainer]')).toContainText('Switched to the cpu backend');
  const after = Number(await page.locator('[data-metric=rmse]').getAttribute('data-model'));
  expect(Math.abs(after - Number(rmse)) / Number(rmse)).toBeLessThan(1e-3);

  // More epochs then go on from there on the new backend.
  await setNumber(page, 'epochs', 8);
  await page.click('[data-testid=train]');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status).toHaveAttribute('data-epoch', '8');
  expect(watch.consoleErrors).toEqual([]);
});
