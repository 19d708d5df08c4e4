import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
for (const seed of [1, 2, 3]) {
  const out = [];
  for (const [cell, fb] of [['rnn', 0], ['lstm', 0], ['lstm', 1], ['lstm', 2], ['lstm', 3], ['gru', 0]]) {
    await page.goto(`http://127.0.0.1:4191/?lang=en&vx.cell=${cell}&vx.forgetBias=${fb}&vx.steps=100&vx.rho=1&vx.act=tanh&vx.seed=${seed}`);
    await page.waitForSelector('body[data-ready=true]');
    await page.locator('.widget-slot[data-widget=vx]').first().evaluate((e) => e.scrollIntoView());
    await page.waitForSelector(`[data-testid=vx-readout][data-state=ready][data-cell=${cell}][data-seed="${seed}"]`, { timeout: 60000 });
    const r = page.locator('[data-testid=vx-readout]');
    out.push(`${cell}${cell === 'lstm' ? '+' + fb : ''} ${Number(await r.getAttribute('data-log10-norm')).toFixed(2)} (${await r.getAttribute('data-compute-ms')} ms)`);
  }
  console.log(`seed ${seed}: ${out.join(' | ')}`);
}
await browser.close();
