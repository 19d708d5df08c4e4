// The reader's session survives a reload and a closed tab (the table as
// parsed, the trained weights, the settings), "start fresh" forgets it, a
// shared link leaves it alone, and storage that is refused, full or holds an
// older format never breaks the page: it says so and works as before.
import { mkdirSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { expect, openPage, test } from './page-watch.ts';
import { YAHOO, exportWeights, keptEpoch, keptRecord, mountTrainer, openTrainer, setNumber, trainToDone } from './care-helpers.ts';

const SHOTS = process.env.E2E_SHOTS ?? 'test-results/shots';

async function trainYahoo(page: Page, lang: 'en' | 'zh' = 'en') {
  await openTrainer(page, `lang=${lang}&backend=wasm`);
  await page.setInputFiles('[data-testid=csv-input]', YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await setNumber(page, 'epochs', 5);
  await setNumber(page, 'hidden', 12);
  await setNumber(page, 'lr', 0.004);
  await trainToDone(page, 5);
  await keptEpoch(page, 5);
  return exportWeights(page);
}

async function expectRestored(page: Page, weights: { params: Record<string, number[]> }) {
  await mountTrainer(page);
  const summary = page.locator('[data-testid=dataset-summary]');
  await expect(summary).toHaveAttribute('data-rows', '298');
  await expect(summary).toContainText('yahoo-daily.csv');
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-epoch', '5');
  await expect(page.locator('[data-testid=hidden]')).toHaveValue('12');
  await expect(page.locator('[data-testid=lr]')).toHaveValue('0.004');
  await expect(page.locator('[data-testid=epochs]')).toHaveValue('5');
  // The loss curve of those five epochs is drawn again, and the runs table still holds the run.
  await expect(page.locator('[data-testid=chart-loss]')).not.toHaveAttribute('data-points', '0');
  const runs = page.locator('[data-testid=run]');
  await expect(runs).toHaveCount(1);
  await expect(runs.first()).toHaveAttribute('data-epochs', '5');
  expect((await exportWeights(page)).params).toEqual(weights.params);
}

test('train, reload: the table, the weights and the settings are back, with a notice and "start fresh"', async ({ page, watch }) => {
  const weights = await trainYahoo(page);
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  const notice = page.locator('[data-testid=session-notice]');
  await expect(notice).toHaveAttribute('data-kind', 'restored');
  await expect(notice).toContainText('yahoo-daily.csv');
  await expect(notice).toContainText('298 rows');
  await expect(notice).toContainText('epoch 5');
  await expect(notice).toContainText('your settings');
  await expectRestored(page, weights);
  mkdirSync(SHOTS, { recursive: true });
  await notice.screenshot({ path: `${SHOTS}/restore-notice-en.png` });

  // Training goes on from the restored weights.
  await setNumber(page, 'epochs', 7);
  await trainToDone(page, 7);

  // Start fresh: nothing kept, the defaults and the bundled series.
  await keptEpoch(page, 7);
  await page.click('[data-testid=session-fresh]');
  await page.waitForURL((u) => !u.search.includes('train.'));
  await page.waitForSelector('body[data-ready=true]');
  await expect(page.locator('[data-testid=session-notice]')).toBeHidden();
  await mountTrainer(page);
  await expect(page.locator('[data-testid=dataset-summary]')).not.toContainText('yahoo-daily.csv');
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-epoch', '0');
  expect(await keptRecord(page, 'table')).toBeNull();
  expect(watch.consoleErrors).toEqual([]);
});

test('a new tab without settings in its URL gets the whole session back, in Chinese too', async ({ page, context, watch }) => {
  const weights = await trainYahoo(page, 'zh');
  await page.waitForTimeout(600); // the settings are written after a short pause
  const tab = await context.newPage();
  await openPage(tab, '');
  const notice = tab.locator('[data-testid=session-notice]');
  await expect(notice).toHaveAttribute('data-kind', 'restored');
  await expect(notice).toContainText('文件“yahoo-daily.csv”（298 行）');
  await expect(notice).toContainText('第 5 轮的权重');
  await expect(tab).toHaveURL(/lang=zh/);
  await expect(tab).toHaveURL(/train\.hidden=12/);
  await expectRestored(tab, weights);
  mkdirSync(SHOTS, { recursive: true });
  await notice.screenshot({ path: `${SHOTS}/restore-notice-zh.png` });
  expect(watch.consoleErrors).toEqual([]);
});

test('a shared link with its own settings leaves the kept session alone, and offers it back', async ({ page, watch }) => {
  const weights = await trainYahoo(page);
  await page.waitForTimeout(600);
  await openPage(page, 'lang=en&train.hidden=30');
  const notice = page.locator('[data-testid=session-notice]');
  await expect(notice).toHaveAttribute('data-kind', 'held');
  await expect(notice).toContainText('yahoo-daily.csv');
  await page.click('[data-testid=session-restore]');
  await page.waitForURL((u) => !u.search.includes('train.hidden=30'));
  await page.waitForSelector('body[data-ready=true]');
  await expect(page.locator('[data-testid=session-notice]')).toHaveAttribute('data-kind', 'restored');
  await expectRestored(page, weights);
  expect(watch.consoleErrors).toEqual([]);
});

test('a kept table in an older format is dropped with a notice; the page starts on the bundled series', async ({ page, watch }) => {
  await trainYahoo(page);
  await page.evaluate(
    () =>
      new Promise<void>((resolve) => {
        const open = indexedDB.open('unrolled');
        open.onsuccess = () => {
          const store = open.result.transaction('session', 'readwrite').objectStore('session');
          const get = store.get('table');
          get.onsuccess = () => {
            const r = get.result;
            r.value.table.version = 0;
            store.put(r, 'table').onsuccess = () => resolve();
          };
        };
      }),
  );
  await page.reload();
  await page.waitForSelector('body[data-ready=true]');
  await mountTrainer(page);
  const dropped = page.locator('[data-testid=session-note][data-kind=dropped]');
  await expect(dropped).toContainText('the loaded data');
  await expect(page.locator('[data-testid=dataset-summary]')).not.toContainText('yahoo-daily.csv');
  await trainToDone(page, 5);
  expect(await keptRecord(page, 'table')).toBeNull();
  expect(watch.consoleErrors).toEqual([]);
});

test('storage refused (as in a private window): a notice, and the trainer works as before', async ({ page, watch }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', {
      get: () => ({
        open() {
          throw new DOMException('storage is disabled', 'SecurityError');
        },
      }),
    });
  });
  await openTrainer(page, 'lang=en&backend=wasm');
  const note = page.locator('[data-testid=session-note][data-kind=storage]');
  await expect(note).toContainText('refused storage');
  await page.setInputFiles('[data-testid=csv-input]', YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await setNumber(page, 'epochs', 3);
  await trainToDone(page, 3);
  await page.click('[data-testid=lang-zh], [data-lang=zh]');
  await expect(note).toContainText('浏览器拒绝了存储');
  expect(watch.consoleErrors).toEqual([]);
});

test('storage full: the file is not kept, the notice says so, nothing else changes', async ({ page, watch }) => {
  await page.addInitScript(() => {
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = function (this: IDBObjectStore, value: unknown, key?: IDBValidKey) {
      if (key === 'table') throw new DOMException('the quota has been exceeded', 'QuotaExceededError');
      return put.call(this, value, key);
    };
  });
  await openTrainer(page, 'lang=en&backend=wasm');
  await page.setInputFiles('[data-testid=csv-input]', YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await expect(page.locator('[data-testid=session-note][data-kind=storage]')).toContainText('storage is full');
  await setNumber(page, 'epochs', 3);
  await trainToDone(page, 3);
  expect(watch.consoleErrors).toEqual([]);
});
