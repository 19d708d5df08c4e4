import { expect, openPage, overflowingElements, scrollThrough, test } from './page-watch.ts';

const SECTION_COUNT = 7;

for (const lang of ['en', 'zh'] as const) {
  test(`every section renders with typeset formulas in ${lang}`, async ({ page, watch }) => {
    await openPage(page, `lang=${lang}`);
    await expect(page.locator('[data-testid=section]')).toHaveCount(SECTION_COUNT);
    expect(await page.locator('html').getAttribute('lang')).toBe(lang === 'zh' ? 'zh-CN' : 'en');
    const formulas = await page.locator('.katex').count();
    expect(formulas).toBeGreaterThanOrEqual(25);
    await expect(page.locator('.katex-error')).toHaveCount(0);
    // Scroll through the page so every widget mounts, then check nothing failed.
    await scrollThrough(page);
    await page.waitForTimeout(1500);
    await expect(page.locator('.widget-error')).toHaveCount(0);
    expect(watch.consoleErrors).toEqual([]);
    expect(watch.foreignRequests).toEqual([]);
  });
}

test('the language switch changes the text and the URL', async ({ page, watch }) => {
  await openPage(page, 'lang=en');
  const firstHeading = page.locator('[data-testid=section] h1').first();
  const english = await firstHeading.textContent();
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page).toHaveURL(/[?&]lang=zh/);
  await expect(firstHeading).not.toHaveText(english!);
  expect(await firstHeading.textContent()).toMatch(/[\u4e00-\u9fff]/);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.getByRole('button', { name: 'English' }).click();
  await expect(page).toHaveURL(/[?&]lang=en/);
  await expect(firstHeading).toHaveText(english!);
  expect(watch.consoleErrors).toEqual([]);
});

test('the default language follows the browser', async ({ browser }) => {
  const context = await browser.newContext({ locale: 'zh-CN' });
  const page = await context.newPage();
  await openPage(page);
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await context.close();
});

test('the table of contents links every section', async ({ page }) => {
  await openPage(page, 'lang=en');
  const links = page.locator('[data-testid=toc] a');
  await expect(links).toHaveCount(SECTION_COUNT);
  const hrefs = await links.evaluateAll((as) => as.map((a) => a.getAttribute('href')));
  for (const href of hrefs) await expect(page.locator(`[id="${href!.slice(1)}"]`)).toHaveCount(1);
});

for (const lang of ['en', 'zh'] as const) {
  test(`nothing overflows horizontally at 375 px in ${lang}`, async ({ browser }) => {
    const context = await browser.newContext({ viewport: { width: 375, height: 800 } });
    const page = await context.newPage();
    await openPage(page, `lang=${lang}`);
    await scrollThrough(page, 700);
    await page.waitForTimeout(1500);
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    // Elements wider than the viewport (other than scroll containers that clip them).
    const offenders = await overflowingElements(page, 'body', 375);
    expect(offenders).toEqual([]);
    await context.close();
  });
}

test('the build serves public/: favicon, _headers, robots.txt and the sample data with its licence', async ({ page, request }) => {
  await openPage(page, 'lang=en');
  const icon = await page.locator('link[rel=icon]').getAttribute('href');
  expect(icon).toBe('./favicon.svg');
  const svg = await request.get('favicon.svg');
  expect(svg.status()).toBe(200);
  expect(await svg.text()).toContain('<svg');
  expect(await (await request.get('_headers')).text()).toMatch(/Cross-Origin-Embedder-Policy: require-corp/);
  expect(await (await request.get('robots.txt')).text()).toMatch(/User-agent/);
  const csv = await (await request.get('data/sp500-2000.csv')).text();
  expect(csv.split('\n')[0]).toBe('date,open,high,low,close,adjclose,volume');
  expect(await (await request.get('data/sp500-2000.LICENSE.txt')).text()).toMatch(/BSD|Redistribution/);
});
