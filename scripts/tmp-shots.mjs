import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium.mjs';
const base = 'http://127.0.0.1:4191/';
const which = process.argv[2] ?? 'all';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
async function shoot(lang, width, part) {
  const page = await browser.newPage({ viewport: { width, height: 900 } });
  page.on('console', (m) => { if (m.type() === 'error') console.log('console error', m.text()); });
  if (part === 'trainer') {
    await page.goto(`${base}?lang=${lang}&backend=wasm`);
    await page.waitForSelector('body[data-ready=true]');
    const slot = page.locator('.widget-slot[data-widget=trainer]').first();
    await slot.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.waitForSelector('[data-testid=dataset-summary][data-rows]', { timeout: 60000 });
    await page.locator('[data-testid=sample-select]').selectOption('long-lag');
    await page.waitForSelector('[data-testid=dataset-summary][data-rows="1000"]', { timeout: 60000 });
    for (const [cell, fb] of [['rnn', 0], ['lstm', 0], ['lstm', 3]]) {
      await page.locator('[data-testid=cell]').selectOption(cell);
      if (cell === 'lstm') { await page.locator('[data-testid=forget-bias]').fill(String(fb)); await page.locator('[data-testid=forget-bias]').press('Tab'); }
      await page.waitForTimeout(400);
      await page.click('[data-testid=train]');
      await page.waitForSelector('[data-testid=trainer-status][data-state=done]', { timeout: 120000 });
    }
    await page.waitForTimeout(500);
    const t = page.locator('[data-testid=trainer]');
    const box = await t.evaluate((e) => { const r = e.getBoundingClientRect(); return { x: r.left + scrollX, y: r.top + scrollY, width: r.width, height: r.height }; });
    await page.screenshot({ path: `/tmp/r2/shots/trainer-${lang}-${width}.png`, fullPage: true, clip: box, timeout: 60000 });
  } else {
    await page.goto(`${base}?lang=${lang}&vx.cell=lstm&vx.forgetBias=3&vx.steps=100`);
    await page.waitForSelector('body[data-ready=true]');
    const slot = page.locator('.widget-slot[data-widget=vx]').first();
    await slot.evaluate((e) => e.scrollIntoView({ block: 'start' }));
    await page.waitForSelector('[data-testid=vx-readout][data-state=ready]', { timeout: 60000 });
    await page.waitForTimeout(500);
    await page.locator('[data-testid=vx]').screenshot({ path: `/tmp/r2/shots/vx-${lang}-${width}.png` });
  }
  await page.close();
}
for (const lang of ['en', 'zh']) for (const width of [1280, 375]) for (const part of ['trainer', 'vx']) if (which === 'all' || which === part) await shoot(lang, width, part);
await browser.close();
