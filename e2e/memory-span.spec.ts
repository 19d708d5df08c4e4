// The memory-span experiment in the page, on tiny settings from the URL (two
// short lags, few rows and epochs, so a run takes seconds): it runs in its
// worker, the results table and the chart grow as runs finish, every result
// carries a sane ratio, a run can be stopped from the keyboard, bad settings
// are refused in the reader's language, a prose link sets every field and
// starts a run, and nothing overflows at 375 px. Both languages.
import type { Page } from '@playwright/test';
import { expect, openPage, overflowingElements, test } from './page-watch.ts';

const TINY = 'backend=wasm&span.lags=3,6&span.rows=200&span.epochs=3&span.seed=2';

async function openWidget(page: Page, query: string): Promise<void> {
  await openPage(page, query);
  await page.locator('#widget-memory-span').scrollIntoViewIfNeeded();
  await expect(page.getByTestId('memory-span')).toBeVisible({ timeout: 30_000 });
}

interface Shown {
  cell: string;
  lag: number;
  ratio: number;
  forgetBias: number;
}

async function results(page: Page): Promise<Shown[]> {
  return page.getByTestId('span-result').evaluateAll((els) =>
    els.map((e) => {
      const d = (e as HTMLElement).dataset;
      return { cell: d.cell!, lag: Number(d.lag), ratio: Number(d.ratio), forgetBias: Number(d.forgetBias) };
    }),
  );
}

for (const lang of ['en', 'zh'] as const) {
  test(`memory span (${lang}): a tiny run from the URL fills the table and the chart, run by run`, async ({ page, watch }) => {
    await openWidget(page, `lang=${lang}&${TINY}`);
    const root = page.getByTestId('memory-span');
    await expect(page.getByTestId('memory-span-lags')).toHaveValue('3,6');
    await expect(page.getByTestId('memory-span-rows')).toHaveValue('200');
    await expect(root).toHaveAttribute('data-state', 'idle');
    const chart = page.getByTestId('chart-memory-span');
    await expect(chart).toHaveAttribute('data-points', '0');

    // Every value the chart's point count takes on the way.
    await chart.evaluate((figure) => {
      const seen: number[] = [];
      (window as unknown as { spanPoints: number[] }).spanPoints = seen;
      new MutationObserver(() => seen.push(Number(figure.getAttribute('data-points')))).observe(figure, { attributes: true, attributeFilter: ['data-points'] });
    });
    await page.getByTestId('memory-span-run').click();
    await expect(root).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(chart).toHaveAttribute('data-points', '8');
    // It grew run by run while the experiment ran, not all at once at the end.
    const seen = await page.evaluate(() => (window as unknown as { spanPoints: number[] }).spanPoints);
    expect(new Set(seen.filter((n) => n > 0 && n < 8)).size).toBeGreaterThanOrEqual(4);

    const shown = await results(page);
    expect(shown.map((r) => `${r.lag}/${r.cell}/${r.forgetBias}`).sort()).toEqual(
      ['3/rnn/0', '3/lstm/0', '3/lstm/3', '3/gru/0', '6/rnn/0', '6/lstm/0', '6/lstm/3', '6/gru/0'].sort(),
    );
    for (const r of shown) {
      expect(Number.isFinite(r.ratio), JSON.stringify(r)).toBe(true);
      expect(r.ratio).toBeGreaterThan(0);
      expect(r.ratio).toBeLessThan(3);
    }
    // The learnt-nothing level: about 1/√2, drawn dashed, and in the table.
    const nothing = Number(await chart.getAttribute('data-nothing-ratio'));
    expect(nothing).toBeGreaterThan(0.55);
    expect(nothing).toBeLessThan(0.85);
    await expect(chart.locator('path[data-key=nothing]')).toHaveCount(1);
    expect(await root.getAttribute('data-backend')).toBe('wasm');
    await expect(page.locator('.ms-status')).toContainText(lang === 'zh' ? '完成' : 'Done');
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });

  test(`memory span (${lang}): stopped from the keyboard, and bad settings refused in the reader's language`, async ({ page, watch }) => {
    await openWidget(page, `lang=${lang}&backend=wasm&span.lags=3,6,9,12&span.rows=300&span.epochs=60`);
    const root = page.getByTestId('memory-span');
    await page.getByTestId('memory-span-run').focus();
    await page.keyboard.press('Enter');
    await expect(root).toHaveAttribute('data-state', 'running');
    await expect(page.getByTestId('span-result').first()).toBeAttached({ timeout: 60_000 });
    await page.getByTestId('memory-span-cancel').focus();
    await page.keyboard.press('Enter');
    await expect(root).toHaveAttribute('data-state', 'cancelled', { timeout: 30_000 });
    const n = (await results(page)).length;
    expect(n).toBeGreaterThan(0);
    expect(n).toBeLessThan(16);
    await expect(page.locator('.ms-status')).toContainText(lang === 'zh' ? '已停止' : 'Stopped');

    const lags = page.getByTestId('memory-span-lags');
    await lags.fill('5, ten');
    await lags.press('Enter');
    await lags.blur();
    await expect(page.getByTestId('memory-span-error')).toContainText(lang === 'zh' ? '不是延迟列表' : 'is not a list of lags');
    await expect(page.getByTestId('memory-span-run')).toBeDisabled();
    const rows = page.getByTestId('memory-span-rows');
    await rows.fill('100');
    await rows.blur();
    await lags.fill('80');
    await lags.blur();
    await expect(page.getByTestId('memory-span-error')).toContainText(lang === 'zh' ? '行不够' : 'rows are too few');
    await lags.fill('3,6');
    await lags.blur();
    await expect(page.getByTestId('memory-span-error')).toBeHidden();
    await expect(rows).toHaveValue('100');
    await expect(page.getByTestId('memory-span-run')).toBeEnabled();
    expect(watch.consoleErrors).toEqual([]);
  });
}

test('memory span: a prose link sets every setting and starts the run', async ({ page, watch }) => {
  await openPage(page, 'lang=en&backend=wasm');
  const link = page.locator('a[href^="#try/memory-span?"]').first();
  const href = (await link.getAttribute('href'))!;
  const params = new URLSearchParams(href.slice(href.indexOf('?') + 1));
  await link.scrollIntoViewIfNeeded();
  await link.click();
  const root = page.getByTestId('memory-span');
  await expect(root).toHaveAttribute('data-state', 'running', { timeout: 30_000 });
  for (const [key, id] of [['seed', 'seed'], ['rows', 'rows'], ['epochs', 'epochs'], ['lr', 'lr']] as const) {
    await expect(page.getByTestId(`memory-span-${id}`)).toHaveValue(params.get(key)!);
  }
  await expect(page.getByTestId('memory-span-forget-bias')).toHaveValue(params.get('forgetBias')!);
  await page.getByTestId('memory-span-cancel').click();
  await expect(root).toHaveAttribute('data-state', 'cancelled', { timeout: 30_000 });
  expect(watch.consoleErrors).toEqual([]);
});

test('memory span: nothing overflows at 375 px, with results shown', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
  const page = await context.newPage();
  await openWidget(page, `lang=zh&${TINY}`);
  await page.getByTestId('memory-span-run').click();
  await expect(page.getByTestId('memory-span')).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(await overflowingElements(page, '[data-testid=memory-span]', 375)).toEqual([]);
  await context.close();
});
