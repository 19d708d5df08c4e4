import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
await page.goto(`http://127.0.0.1:4191/?lang=en&backend=wasm`);
await page.waitForSelector('body[data-ready=true]');
await page.locator('.widget-slot[data-widget=trainer]').first().evaluate((e) => e.scrollIntoView());
await page.waitForSelector('[data-testid=dataset-summary][data-rows]', { timeout: 60000 });
console.log('before', page.url());
await page.locator('[data-testid=sample-select]').selectOption('long-lag');
await page.waitForSelector('[data-testid=dataset-summary][data-rows="1000"]', { timeout: 60000 });
await page.waitForTimeout(1000);
console.log('after', page.url());
console.log(await page.locator('input[data-testid=feature]').evaluateAll((xs) => xs.map((x) => `${x.value}:${x.checked}`)));
const feats = () => page.locator('input[data-testid=feature]').evaluateAll((xs) => xs.map((x) => `${x.value}:${x.checked}`));
for (const [cell, fb] of [['rnn', 0], ['lstm', 0], ['lstm', 3]]) {
  await page.locator('[data-testid=cell]').selectOption(cell);
  console.log(cell, 'selected', await feats(), page.url());
  if (cell === 'lstm') { await page.locator('[data-testid=forget-bias]').fill(String(fb)); await page.locator('[data-testid=forget-bias]').press('Tab'); }
  await page.waitForTimeout(400);
  await page.click('[data-testid=train]');
  await page.waitForSelector('[data-testid=trainer-status][data-state=done]', { timeout: 120000 });
  console.log(cell, fb, 'done', await feats(), await page.locator('[data-testid=metrics] [data-metric=rmse]').getAttribute('data-model'));
}
await browser.close();
