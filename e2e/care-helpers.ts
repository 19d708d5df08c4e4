// Helpers of the trainer's specs (the trainer itself, export, the forecast
// ahead, cells, and those that check the reader's work is kept: persist,
// crash, files, soak): open the trainer, set a field, train, export the
// weights, and read what the page keeps in IndexedDB.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { testDataFolder } from '../src/checks/test-data.ts';
import { expect, openPage } from './page-watch.ts';

export const CSV_DIR = testDataFolder('CSV_CASES', 'csv');
export const YAHOO = resolve(CSV_DIR, 'yahoo-daily.csv');

/** Mount the trainer the way a prose link does (`#try/trainer`); `ready` waits for its data and model. */
export async function mountTrainer(page: Page, ready = true): Promise<void> {
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '#try/trainer';
    document.body.append(a);
    a.click();
    a.remove();
  });
  if (!ready) return;
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', /\d+/, { timeout: 60_000 });
  await expect(page.locator('[data-testid=train]')).toBeEnabled({ timeout: 60_000 });
}

export async function openTrainer(page: Page, query: string): Promise<void> {
  await openPage(page, query);
  await mountTrainer(page);
}

export async function setNumber(page: Page, testid: string, value: number): Promise<void> {
  const input = page.locator(`[data-testid=${testid}]`);
  await input.fill(String(value));
  await input.press('Tab');
}

export async function trainToDone(page: Page, epochs: number, timeout = 60_000): Promise<void> {
  await expect(page.locator('[data-testid=train]')).toBeEnabled({ timeout: 60_000 });
  await page.click('[data-testid=train]');
  const status = page.locator('[data-testid=trainer-status]');
  await expect(status).toHaveAttribute('data-state', 'done', { timeout });
  await expect(status).toHaveAttribute('data-epoch', String(epochs));
}

export async function exportWeights(page: Page): Promise<{ epoch: number; params: Record<string, number[]> }> {
  await expect(page.locator('[data-testid=export-weights]')).toBeEnabled();
  const [download] = await Promise.all([page.waitForEvent('download'), page.click('[data-testid=export-weights]')]);
  return JSON.parse(readFileSync((await download.path())!, 'utf8'));
}

/** The value of one record the page keeps (session-db.ts), or null. */
export function keptRecord(page: Page, key: string): Promise<unknown> {
  return page.evaluate(
    (key) =>
      new Promise((resolve) => {
        const open = indexedDB.open('unrolled');
        open.onsuccess = () => {
          const db = open.result;
          if (!db.objectStoreNames.contains('session')) return resolve(null);
          const get = db.transaction('session').objectStore('session').get(key);
          get.onsuccess = () => {
            const r = get.result as { value?: unknown } | undefined;
            resolve(r?.value ?? null);
            db.close();
          };
          get.onerror = () => resolve(null);
        };
        open.onerror = () => resolve(null);
      }),
    key,
  );
}

/** Wait until the page keeps the weights of `epoch`. */
export async function keptEpoch(page: Page, epoch: number): Promise<void> {
  await expect.poll(async () => ((await keptRecord(page, 'weights')) as { epoch?: number } | null)?.epoch ?? null, { timeout: 10_000 }).toBe(epoch);
  // The loss history of those weights is kept beside them (when the run stops).
  await expect.poll(async () => ((await keptRecord(page, 'losses')) as { epoch?: number } | null)?.epoch ?? null, { timeout: 10_000 }).toBe(epoch);
}
