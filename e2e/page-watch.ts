// A Playwright fixture shared by every spec: records console errors, page
// errors and any request to another origin, so each test can assert on them.
import { test as base, expect, type Page } from '@playwright/test';

export interface PageWatch {
  consoleErrors: string[];
  foreignRequests: string[];
}

export const test = base.extend<{ watch: PageWatch }>({
  watch: async ({ page, baseURL }, use) => {
    const watch: PageWatch = { consoleErrors: [], foreignRequests: [] };
    const origin = new URL(baseURL!).origin;
    page.on('console', (msg) => {
      if (msg.type() === 'error') watch.consoleErrors.push(msg.text());
    });
    page.on('pageerror', (err) => watch.consoleErrors.push(`pageerror: ${err.message}`));
    page.on('request', (req) => {
      const url = req.url();
      if (/^(data|blob|about):/.test(url)) return;
      if (new URL(url).origin !== origin) watch.foreignRequests.push(url);
    });
    await use(watch);
  },
});

export { expect };

/** Open the page and wait until the sections are rendered. */
export async function openPage(page: Page, query = ''): Promise<void> {
  await page.goto(`./${query ? `?${query}` : ''}`);
  await page.waitForSelector('body[data-ready=true]');
}
