// "What does it say about tomorrow?" in headless Chromium: a daily Yahoo
// export trained with the target alone forecasts K = 3 steps on the file's
// calendar (trading days after its last date), each inside its band, beside
// persistence (the last value), drawn after the data on the forecast chart,
// written to the CSV and back after loading weights; with other columns as
// inputs the page forecasts one step and says why. Both languages.
import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { openTrainer, setNumber, YAHOO } from './care-helpers.ts';
import { expect, test } from './page-watch.ts';

/** The file's own last row (date, Close): what persistence forecasts. */
const LAST = readFileSync(YAHOO, 'utf8').trim().split('\n').at(-1)!.split(',');
const LAST_DATE = LAST[0];
const LAST_CLOSE = Number(LAST[4]);

async function uploadAndTrain(page: Page, epochs: number, extraInputs: string[] = []): Promise<void> {
  await page.setInputFiles('[data-testid=csv-input]', YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  for (const c of extraInputs) await page.locator(`input[type=checkbox][data-testid=feature][value=${c}]`).check();
  await setNumber(page, 'epochs', epochs);
  await expect(page.locator('[data-testid=train]')).toBeEnabled({ timeout: 30_000 });
  await page.click('[data-testid=train]');
  const status = page.locator('[data-testid=trainer-status]');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  await expect(status).toHaveAttribute('data-epoch', String(epochs));
}

interface Step {
  date: string;
  model: number;
  low: number;
  high: number;
  persistence: number;
}

function readSteps(page: Page): Promise<Step[]> {
  return page.locator('[data-testid=forecast-ahead]').evaluateAll((rows) =>
    rows.map((r) => {
      const d = (r as HTMLElement).dataset;
      return { date: d.date!, model: Number(d.model), low: Number(d.low), high: Number(d.high), persistence: Number(d.persistence) };
    }),
  );
}

/** Each step inside its band, persistence the file's last value. */
function expectHonest(steps: Step[]): void {
  for (const s of steps) {
    expect(Number.isFinite(s.model), `${s.date} model`).toBe(true);
    expect(s.low, `${s.date} low ≤ model`).toBeLessThanOrEqual(s.model);
    expect(s.model, `${s.date} model ≤ high`).toBeLessThanOrEqual(s.high);
    expect(s.low, `${s.date} a band, not a point`).toBeLessThan(s.high);
    expect(s.persistence, `${s.date} persistence`).toBe(LAST_CLOSE);
  }
}

test('target alone, K = 3: three trading days after the last date, inside their bands, on the chart, in the CSV, again after loading weights', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm');
  await setNumber(page, 'ahead', 3);
  await expect(page).toHaveURL(/train\.ahead=3/);
  await expect(page.locator('[data-testid=ahead-status]')).toContainText('Train the model');
  await uploadAndTrain(page, 6);
  const rows = page.locator('[data-testid=forecast-ahead]');
  await expect(rows).toHaveCount(3);
  const steps = await readSteps(page);
  // 2001-03-12 is a Monday: the next three trading days, no weekend.
  expect(LAST_DATE).toBe('2001-03-12');
  expect(steps.map((s) => s.date)).toEqual(['2001-03-13', '2001-03-14', '2001-03-15']);
  for (const s of steps) expect([0, 6]).not.toContain(new Date(`${s.date}T00:00:00Z`).getUTCDay());
  expectHonest(steps);
  await expect(page.locator('[data-testid=ahead-limit]')).toBeHidden();
  await expect(page.locator('[data-testid=ahead-verdict]')).toContainText(/band/);
  await expect(page.locator('[data-testid=ahead-summary]')).toHaveAttribute('aria-live', 'polite');
  await expect(page.locator('[data-testid=ahead-summary]')).toContainText(/^Next 3 trading days, with 80 % bands from the test split: 2001-03-13: model /);

  // On the forecast chart: the future layer after the data, with its band and its mark.
  const chart = page.locator('[data-testid=chart-predictions]');
  await expect(chart.locator('[data-layer=future]')).toBeVisible();
  expect(await chart.locator('[data-key=future-model-band]').getAttribute('d')).toMatch(/^M.+Z$/);
  await expect(chart.locator('[data-layer=future] circle')).toHaveCount(3);
  await expect(chart.locator('[data-layer=future] text')).toHaveText('forecast →');
  await expect(chart).toContainText('forecast past the data (80 % band)');

  // Another band: re-banded on the page, the same forecasts, a wider band.
  await page.locator('[data-testid=ahead-band]').selectOption('95');
  await expect(page).toHaveURL(/train\.band=95/);
  await expect(page.locator('[data-testid=ahead-summary]')).toContainText('95 % bands');
  const wide = await readSteps(page);
  expect(wide.map((s) => s.model)).toEqual(steps.map((s) => s.model));
  for (let i = 0; i < 3; i++) expect(wide[i].high - wide[i].low).toBeGreaterThan(steps[i].high - steps[i].low);
  await page.locator('[data-testid=ahead-band]').selectOption('80');

  // The CSV gains the three future lines, with both bands.
  const [csv] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-csv]')]);
  const lines = readFileSync((await csv.path())!, 'utf8').trim().split('\n');
  expect(lines[0]).toBe('date,split,actual Close,model,persistence,model low (10 %),model high (90 %),persistence low (10 %),persistence high (90 %)');
  const future = lines.filter((l) => l.split(',')[1] === 'future').map((l) => l.split(','));
  expect(future.map((f) => f[0])).toEqual(steps.map((s) => s.date));
  expect(future.map((f) => Number(f[3]))).toEqual(steps.map((s) => s.model));
  expect(future.map((f) => Number(f[5]))).toEqual(steps.map((s) => s.low));
  expect(future.every((f) => f[2] === '' && Number(f[4]) === LAST_CLOSE)).toBe(true);

  // Weights out, reset (no forecast), weights back: the same forecast.
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-weights]')]);
  const json = readFileSync((await download.path())!, 'utf8');
  await page.click('[data-testid=reset]');
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-epoch', '0');
  await expect(rows).toHaveCount(0);
  await expect(chart.locator('[data-layer=future]')).toBeHidden();
  await page.setInputFiles('[data-testid=weights-input]', { name: 'w.json', mimeType: 'application/json', buffer: Buffer.from(json) });
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-epoch', '6');
  await expect(rows).toHaveCount(3);
  expect(await readSteps(page)).toEqual(steps);

  // In Chinese: the same numbers, the words relabelled.
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('[data-testid=ahead-summary]')).toContainText(/^接下来 3 个交易日（区间为测试集上的 80 % 区间）：2001-03-13：模型 /);
  await expect(chart.locator('[data-layer=future] text')).toHaveText('预测 →');
  expect(await readSteps(page)).toEqual(steps);
  expect(watch.consoleErrors).toEqual([]);
  expect(watch.foreignRequests).toEqual([]);
});

test('other columns as inputs: one step, and the page says why (Chinese, then English)', async ({ page, watch }) => {
  await openTrainer(page, 'lang=zh&backend=wasm&train.ahead=3');
  await expect(page.locator('[data-testid=ahead]')).toHaveValue('3');
  await uploadAndTrain(page, 4, ['Open', 'Volume']);
  const rows = page.locator('[data-testid=forecast-ahead]');
  await expect(rows).toHaveCount(1);
  const [step] = await readSteps(page);
  expect(step.date).toBe('2001-03-13');
  expectHonest([step]);
  const limit = page.locator('[data-testid=ahead-limit]');
  await expect(limit).toBeVisible();
  await expect(limit).toContainText('只能预测下一步：模型还读取 Open、Volume');
  await expect(page.locator('[data-testid=ahead-summary]')).toContainText('只能预测下一步');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(limit).toContainText('Only the next step can be forecast: the model also reads Open, Volume, whose values after the last row are unknown');
  await expect(rows).toHaveCount(1);
  // The steps asked for stay in the URL; back to the target alone, the next run forecasts all three.
  await expect(page).toHaveURL(/train\.ahead=3/);
  expect(watch.consoleErrors).toEqual([]);
});
