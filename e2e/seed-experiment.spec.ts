// The article's experiment as a table, computed in the page by the trainer's
// code in a training worker: every row fills in, the code as published gives
// the flat line, the fixed code learns; Stop stops; the table speaks both
// languages. Small epoch budgets keep it quick (the unit test runs the
// table's own budget on every bundled series).
import { expect, openPage, test } from './page-watch.ts';

const ROWS = ['as-written', 'broadcast', 'tanh', 'scaling', 'fixed', 'persistence'];

async function show(page: import('@playwright/test').Page) {
  const slot = page.locator('.widget-slot[data-widget=seed-experiment]');
  await slot.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const table = page.locator('[data-testid=seed-experiment]');
  await expect(table).toBeVisible();
  return table;
}

test('the experiment table runs every row on the seasonal series and shows the flat line', async ({ page, watch }) => {
  await openPage(page, 'lang=en&experiment.data=seasonal&experiment.epochs=60');
  const table = await show(page);
  await expect(table).toHaveAttribute('data-state', 'idle');
  await expect(table.locator('tbody tr')).toHaveCount(ROWS.length);
  await page.locator('[data-testid=experiment-run]').click();
  await expect(table).toHaveAttribute('data-state', 'running');
  // Progress while it runs: a row in training, and the status line counting epochs.
  await expect(table.locator('tr[data-state=running]')).toHaveCount(1);
  await expect(page.locator('[data-testid=experiment-status]')).toContainText('epoch');
  await expect(table).toHaveAttribute('data-state', 'done', { timeout: 180_000 });
  for (const key of ROWS) await expect(table.locator(`tr[data-row=${key}]`)).toHaveAttribute('data-state', 'done');
  const num = async (key: string, attr: string) => Number(await table.locator(`tr[data-row=${key}]`).getAttribute(`data-${attr}`));
  // As published: a flat line. Fixed: the network follows the signal, and beats persistence on it.
  expect(await num('as-written', 'spread')).toBeLessThan(0.05);
  expect(await num('fixed', 'spread')).toBeGreaterThan(0.5);
  expect(await num('fixed', 'rmse')).toBeLessThan(await num('persistence', 'rmse'));
  expect(await num('as-written', 'ratio')).toBeGreaterThan(1.5);
  expect(await num('persistence', 'ratio')).toBe(1);
  await expect(page.locator('[data-testid=experiment-summary]')).not.toBeEmpty();
  await expect(page.locator('[data-testid=experiment-status]')).toContainText('Done');

  // The same table in Chinese, numbers kept.
  const rmse = await table.locator('tr[data-row=fixed] td').first().textContent();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(table.locator('tr[data-row=as-written] th')).toContainText('原文');
  await expect(table.locator('tr[data-row=persistence] th')).toContainText('朴素预测');
  await expect(table.locator('tr[data-row=fixed] td').first()).toHaveText(rmse!);
  expect(watch.consoleErrors).toEqual([]);
});

test('Stop ends a run on the S&P 500 series; changing the series resets the table', async ({ page, watch }) => {
  await openPage(page, 'lang=en');
  const table = await show(page);
  await page.locator('[data-testid=experiment-run]').click();
  await expect(table.locator('tr[data-row=as-written]')).toHaveAttribute('data-state', 'running', { timeout: 60_000 });
  await expect(table.locator('tr[data-row=persistence]')).toHaveAttribute('data-state', 'done');
  await page.locator('[data-testid=experiment-run]').click();
  await expect(table).toHaveAttribute('data-state', 'stopped');
  await page.locator('[data-testid=experiment-series]').selectOption('long-lag');
  await expect(table).toHaveAttribute('data-state', 'idle');
  await expect(table).toHaveAttribute('data-series', 'long-lag');
  await expect(table.locator('tr[data-state=waiting]')).toHaveCount(ROWS.length);
  await expect(page).toHaveURL(/experiment\.data=long-lag/);
  expect(watch.consoleErrors).toEqual([]);
});
