// tfjs stays off the page until a widget that computes with it mounts: at
// idle the page requests no tfjs code at all; the gradient check loads it
// when it comes into view, and the header badge says which thread uses what.
import type { Page } from '@playwright/test';
import { expect, openPage, test } from './page-watch.ts';

/** Every JavaScript file the page (or a worker of it) received, and whether it holds tfjs-core. */
function watchScripts(page: Page): { url: string; tfjs: boolean }[] {
  const seen: { url: string; tfjs: boolean }[] = [];
  page.on('response', async (res) => {
    if (!res.url().endsWith('.js')) return;
    // tfjs-core reads its URL flags under this name; every tfjs backend imports tfjs-core.
    const body = await res.text().catch(() => '');
    seen.push({ url: res.url(), tfjs: body.includes('tfjsflags') });
  });
  return seen;
}

test('at idle the page requests no tfjs; the gradient check loads it when it mounts', async ({ page, watch }) => {
  const scripts = watchScripts(page);
  await openPage(page, 'lang=en');
  // Past the idle callbacks that used to start tfjs (2 s timeout).
  await page.waitForTimeout(3000);
  expect(scripts.length).toBeGreaterThan(0);
  expect(scripts.filter((s) => s.tfjs).map((s) => s.url)).toEqual([]);
  const badge = page.locator('[data-testid=backend]');
  await expect(badge).toHaveAttribute('data-backend', '');

  const slot = page.locator('.widget-slot[data-widget=gradcheck]').first();
  await slot.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const panel = slot.locator('[data-testid=gradcheck]');
  await expect(panel).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(scripts.some((s) => s.tfjs)).toBe(true);
  // The badge's hook stays the training backend (no trainer yet); its tooltip names the page's.
  await expect(badge).toHaveAttribute('data-backend', '');
  await expect(badge).toHaveAttribute('title', /gradient check \(page\): (webgpu|wasm|webgl|cpu)/);
  expect(watch.consoleErrors).toEqual([]);
});
