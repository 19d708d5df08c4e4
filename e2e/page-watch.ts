// A Playwright fixture shared by every spec: records console errors, page
// errors and any request to another origin, so each test can assert on them.
import { test as base, expect, type Locator, type Page } from '@playwright/test';

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

/**
 * Elements under `scope` that stick out past the right edge of a `width`-px
 * viewport without a scrolling (or clipping) ancestor to contain them.
 */
export async function overflowingElements(page: Page, scope: string, width: number): Promise<string[]> {
  return page.evaluate(
    ({ scope, edge }) => {
      const out: string[] = [];
      for (const node of document.querySelectorAll<HTMLElement>(`${scope} *`)) {
        const r = node.getBoundingClientRect();
        if (r.width === 0 || r.right <= edge) continue;
        let clipped = false;
        for (let p = node.parentElement; p; p = p.parentElement) {
          const o = getComputedStyle(p).overflowX;
          if ((o === 'auto' || o === 'scroll' || o === 'hidden') && p.getBoundingClientRect().right <= edge) {
            clipped = true;
            break;
          }
        }
        if (!clipped) out.push(`${node.tagName}.${node.className}`);
      }
      return out.slice(0, 10);
    },
    { scope, edge: width + 1 },
  );
}

/** Scroll through the whole page so every widget slot comes into view and mounts. */
export async function scrollThrough(page: Page, step = 600): Promise<void> {
  await page.evaluate(async (step) => {
    for (let y = 0; y < document.body.scrollHeight; y += step) {
      window.scrollTo(0, y);
      await new Promise((r) => setTimeout(r, 30));
    }
  }, step);
}

/** The element's box once two readings 150 ms apart agree (smooth scrolling has finished). */
export async function stableBox(locator: Locator): Promise<{ x: number; y: number; width: number; height: number }> {
  let last = await locator.boundingBox();
  for (let i = 0; i < 40; i++) {
    await locator.page().waitForTimeout(150);
    const now = await locator.boundingBox();
    if (now && last && now.x === last.x && now.y === last.y) return now;
    last = now;
  }
  throw new Error('the element never stopped moving');
}
