// Long runs stay flat: over many file loads, backend switches and epochs the
// training worker's tfjs tensors and the JS heaps (page and worker, after a
// garbage collection) do not grow. `npm test` runs the short form (20 loads,
// 10 switches, 2,000 epochs); `npm run soak` the long one (SOAK_ROUNDS=200).
import { resolve } from 'node:path';
import type { Page } from '@playwright/test';
import { CSV_DIR, YAHOO, openTrainer } from './care-helpers.ts';
import { HeapProbe, type HeapUsage } from './cdp-heap.ts';
import { expect, test } from './page-watch.ts';

const ROUNDS = Number(process.env.SOAK_ROUNDS ?? 20);
const EPOCHS = Number(process.env.SOAK_EPOCHS ?? 100);
/** A backend switch after every second file. */
const SWITCH_EVERY = 2;
const FILES = [YAHOO, resolve(CSV_DIR, 'dates-backwards.csv')];
const ROWS = ['298', '40'];
const BACKENDS = ['wasm', 'cpu'] as const;

interface Reading {
  tensors: number;
  tensorBytes: number;
  worker: HeapUsage;
  page: HeapUsage;
}

async function read(page: Page, probe: HeapProbe): Promise<Reading> {
  const m = await page.evaluate(() => (window as unknown as { unrolledTrainer: { memory(): Promise<{ numTensors: number; numBytes: number } | null> } }).unrolledTrainer.memory());
  return { tensors: m?.numTensors ?? -1, tensorBytes: m?.numBytes ?? -1, worker: await probe.worker('unrolled-trainer'), page: await probe.page() };
}

const mb = (b: number) => `${(b / 2 ** 20).toFixed(2)} MB`;
const heapLine = (a: HeapUsage, b: HeapUsage) => `${mb(a.used)} → ${mb(b.used)} (+ buffers ${mb(a.backing)} → ${mb(b.backing)})`;
/** After a collection, within 20 % or 2 MB of where it was after the first rounds. */
const flat = (a: number, b: number) => b <= Math.max(a * 1.2, a + 2 * 2 ** 20);

test(`soak: ${ROUNDS} file loads, ${Math.floor(ROUNDS / SWITCH_EVERY)} backend switches, ${ROUNDS * EPOCHS} epochs, and nothing grows`, async ({ page, watch }) => {
  test.setTimeout(Math.max(120_000, ROUNDS * 15_000));
  const t0 = Date.now();
  await openTrainer(page, `lang=en&backend=wasm&debug=trainer&train.hidden=8&train.window=5&train.batch=0&train.epochs=${EPOCHS}`);
  const summary = page.locator('[data-testid=dataset-summary]');
  const status = page.locator('[data-testid=trainer-status]');
  const badge = page.locator('[data-testid=backend]');
  const probe = await HeapProbe.open(page);
  let backend = 0;
  let start: Reading | null = null;
  /** Rounds after which the state is the one measured at the start: the same file, the same backend, trained. */
  const baselineRound = 2 * SWITCH_EVERY;
  for (let round = 1; round <= ROUNDS; round++) {
    const f = round % FILES.length;
    await page.setInputFiles('[data-testid=csv-input]', FILES[f]);
    await expect(summary).toHaveAttribute('data-rows', ROWS[f]);
    await expect(page.locator('[data-testid=train]')).toBeEnabled();
    await page.click('[data-testid=train]');
    await expect(status).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
    await expect(status).toHaveAttribute('data-epoch', String(EPOCHS));
    if (round % SWITCH_EVERY === 0) {
      backend = 1 - backend;
      await page.locator('.backend-select').selectOption(BACKENDS[backend]);
      await expect(badge).toHaveAttribute('data-backend', BACKENDS[backend], { timeout: 30_000 });
      await expect(status).toHaveAttribute('data-epoch', String(EPOCHS));
    }
    if (round === baselineRound) start = await read(page, probe);
    else if (round > baselineRound && round % (5 * baselineRound) === 0 && round < ROUNDS) {
      const r = await read(page, probe);
      console.log(`[soak] after ${round} loads: tensors ${r.tensors}, worker heap ${mb(r.worker.used)}, page heap ${mb(r.page.used)}`);
    }
  }
  const end = await read(page, probe);
  const seconds = (Date.now() - t0) / 1000;
  console.log(
    `[soak] ${ROUNDS} loads, ${Math.floor(ROUNDS / SWITCH_EVERY)} switches, ${ROUNDS * EPOCHS} epochs in ${seconds.toFixed(1)} s; ` +
      `tensors ${start!.tensors} → ${end.tensors} (${start!.tensorBytes} → ${end.tensorBytes} bytes); ` +
      `worker heap ${heapLine(start!.worker, end.worker)}; page heap ${heapLine(start!.page, end.page)}`,
  );
  expect(BACKENDS[backend]).toBe('wasm');
  expect(end.tensors).toBe(start!.tensors);
  expect(end.tensorBytes).toBe(start!.tensorBytes);
  for (const [name, a, b] of [
    ['worker heap', start!.worker.used, end.worker.used],
    ['worker buffers', start!.worker.backing, end.worker.backing],
    ['page heap', start!.page.used, end.page.used],
    ['page buffers', start!.page.backing, end.page.backing],
  ] as const) {
    expect(flat(a, b), `${name} ${mb(a)} → ${mb(b)}`).toBe(true);
  }
  expect(watch.consoleErrors).toEqual([]);
});
