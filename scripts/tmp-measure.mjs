import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS } from './chromium.mjs';
const browser = await chromium.launch({ executablePath: '/usr/bin/chromium', args: CHROMIUM_ARGS });
const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
const cases = process.env.ONE ? [['rnn', '']] : process.env.IRNN ? [['rnn', '&train.init=identity&train.activation=relu'], ['rnn', '&train.init=identity'], ['rnn', '&train.activation=relu']] : process.env.L30 ? [['rnn', ''], ['rnn', '&train.init=orthogonal'], ['lstm', ''], ['lstm', '&train.forgetBias=3'], ['gru', '']] : [['rnn', ''], ['lstm', ''], ['lstm', '&train.forgetBias=1'], ['lstm', '&train.forgetBias=3'], ['gru', ''], ['rnn', '&train.truncate=5'], ['rnn', '&train.init=orthogonal'], ['lstm', '&train.forgetBias=3&train.truncate=5']];
for (const seed of process.env.ONE ? [1] : [1, 2, 3]) {
  for (const [cell, extra] of cases) {
    await page.goto(`http://127.0.0.1:4191/?lang=en&backend=wasm&train.data=long-lag&train.target=target&train.features=input%2Ctarget&train.window=${process.env.L30 ? 30 : 20}${process.env.L30 ? '&train.lag=30' : ''}&train.transform=level&train.cell=${cell}&train.seed=${seed}${extra}`);
    await page.waitForSelector('body[data-ready=true]');
    await page.locator('.widget-slot[data-widget=trainer]').first().evaluate((e) => e.scrollIntoView());
    await page.waitForSelector('[data-testid=dataset-summary][data-rows="1000"]', { timeout: 60000 });
    await page.locator('[data-testid=train]').click({ timeout: 60000 });
    await page.waitForSelector('[data-testid=trainer-status][data-state=done]', { timeout: 120000 });
    const m = page.locator('[data-testid=metrics] [data-metric=rmse]');
    const ratio = Number(await m.getAttribute('data-model')) / Number(await m.getAttribute('data-baseline'));
    console.log(`seed ${seed} ${cell}${extra}: ${ratio.toFixed(5)}`);
  }
}
await browser.close();
