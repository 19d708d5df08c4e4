// The page paints the first section and lets the rest wait: before first
// paint only the shell and the first section's content arrive, the other
// language's content is fetched only on a switch, later sections come in
// chunks that reserve their height, and anchors, the contents and
// find-in-page still reach every section.
import { expect, openPage, test } from './page-watch.ts';

test('the first section goes in before any other section is fetched; the other language never is', async ({ page, watch }) => {
  const bodies = new Map<string, string>();
  page.on('response', async (res) => {
    if (res.url().endsWith('.js')) bodies.set(res.url(), await res.text().catch(() => ''));
  });
  await openPage(page, 'lang=en');
  const { before, after, sections } = await page.evaluate(() => {
    const first = performance.getEntriesByName('sections:first')[0].startTime;
    const scripts = performance.getEntriesByType('resource').filter((r) => r.name.endsWith('.js'));
    return {
      before: scripts.filter((r) => r.startTime <= first).map((r) => r.name),
      after: scripts.filter((r) => r.startTime > first).map((r) => r.name),
      sections: document.querySelectorAll('[data-testid=section]').length,
    };
  });
  expect(sections).toBe(7);
  await expect.poll(() => bodies.size).toBeGreaterThanOrEqual(before.length + after.length);
  // Before the first section: main, Vite's preload helper, the English head (contents + section 1) and nothing else.
  expect(before.length).toBeLessThanOrEqual(3);
  // The HTML sits in a JS string: its quotes may be escaped.
  const holdsSection = (body: string, n: number) => new RegExp(`id=\\\\?"0${n}-`).test(body);
  for (const url of before) for (let n = 2; n <= 7; n++) expect(holdsSection(bodies.get(url) ?? '', n), url).toBe(false);
  for (let n = 2; n <= 7; n++) expect(after.some((url) => holdsSection(bodies.get(url) ?? '', n)), `section ${n}`).toBe(true);
  // The Chinese content was never fetched.
  for (const [url, body] of bodies) expect(body.includes('为什么需要循环'), url).toBe(false);
  expect(watch.consoleErrors).toEqual([]);
});

test('a contents link clicked at once lands on its section heading', async ({ page }) => {
  await page.goto('./?lang=en');
  const link = page.locator('[data-testid=toc] a[href="#05-vanishing-exploding"]');
  await link.click();
  await page.waitForSelector('body[data-ready=true]');
  await expect(page).toHaveURL(/#05-vanishing-exploding$/);
  // Chunks near the target lay out as they come into view; the heading stays put.
  await page.waitForTimeout(800);
  const top = await page.locator('[id="05-vanishing-exploding"]').evaluate((h) => h.getBoundingClientRect().top);
  const margin = await page.locator('[id="05-vanishing-exploding"]').evaluate((h) => parseFloat(getComputedStyle(h).scrollMarginTop));
  expect(Math.abs(top - margin)).toBeLessThan(24);
});

test('a #fragment in the URL scrolls to a later section once it arrives', async ({ page }) => {
  await page.goto('./?lang=en#06-practice');
  await page.waitForSelector('body[data-ready=true]');
  await page.waitForTimeout(800);
  const top = await page.locator('[id="06-practice"]').evaluate((h) => h.getBoundingClientRect().top);
  expect(top).toBeGreaterThanOrEqual(0);
  expect(top).toBeLessThan(120);
});

test('find-in-page finds text in the last section, and every section is in the DOM', async ({ page }) => {
  await openPage(page, 'lang=en');
  // A run of plain words (no formula) from the last section.
  const phrase = await page.locator('[data-testid=section]').last().evaluate((section) => {
    const walker = document.createTreeWalker(section, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const words = (n.textContent ?? '').trim().split(/\s+/);
      if (!n.parentElement?.closest('.katex') && n.parentElement?.closest('p') && words.length >= 6) return words.slice(1, 5).join(' ');
    }
    return '';
  });
  expect(phrase.length).toBeGreaterThan(8);
  // window.find is Chromium's find-in-page over the rendered text (content-visibility: auto included).
  expect(await page.evaluate((p) => (window as unknown as { find(s: string): boolean }).find(p), phrase)).toBe(true);
});

test('scrolling through the page shifts no laid-out content (chunks and widgets reserve their height)', async ({ page }) => {
  await page.addInitScript(() => {
    (window as unknown as { shifts: number }).shifts = 0;
    new PerformanceObserver((list) => {
      for (const e of list.getEntries() as (PerformanceEntry & { value: number; hadRecentInput: boolean })[]) {
        if (!e.hadRecentInput) (window as unknown as { shifts: number }).shifts += e.value;
      }
    }).observe({ type: 'layout-shift', buffered: true });
  });
  await openPage(page, 'lang=en');
  // A quick wheel: 200 px every 50 ms.
  await page.evaluate(async () => {
    for (let y = 0; y < document.body.scrollHeight; y += 200) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 50));
    }
  });
  await page.waitForTimeout(1000);
  const cls = await page.evaluate(() => (window as unknown as { shifts: number }).shifts);
  expect(cls).toBeLessThan(0.05);
});

test('switching language keeps the reader in the same section', async ({ page }) => {
  await openPage(page, 'lang=en');
  await page.locator('[id="04-bptt"]').evaluate((h) => h.scrollIntoView());
  await page.waitForTimeout(300);
  await page.getByRole('button', { name: '中文' }).click();
  await expect(page.locator('html')).toHaveAttribute('lang', 'zh-CN');
  await page.waitForTimeout(800);
  const inView = await page.evaluate(() => {
    for (const s of document.querySelectorAll<HTMLElement>('[data-testid=section]')) {
      const r = s.getBoundingClientRect();
      if (r.bottom > 100) return s.dataset.slug;
    }
    return null;
  });
  expect(inView).toBe('04-bptt');
});
