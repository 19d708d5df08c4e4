import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
for (const lang of ['en', 'zh']) for (const width of [1280, 375]) {
  const page = await browser.newPage({ viewport: { width, height: 1000 } });
  await page.goto(`http://127.0.0.1:4191/?lang=${lang}`);
  await page.waitForSelector('body[data-ready=true]');
  const h = page.locator(lang === 'en' ? 'h3:has-text("Gated cells")' : 'h3:has-text("门控单元")').first();
  const t = page.locator(lang === 'en' ? 'h3:has-text("Truncated BPTT")' : 'h3:has-text("截断 BPTT")').first();
  const y0 = await h.evaluate((e) => e.getBoundingClientRect().top + scrollY);
  const y1 = await t.evaluate((e) => e.getBoundingClientRect().top + scrollY);
  await page.screenshot({ path: `/tmp/r2/shots/text-${lang}-${width}.png`, fullPage: true, clip: { x: 0, y: y0 - 10, width, height: y1 - y0 + 20 } });
  await page.close();
}
await browser.close();
