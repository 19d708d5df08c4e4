// All cores (issue 16): on a cross-origin isolated page the fused kernels
// split a large batch's rows across kernel threads (src/engine/parallel/).
// A seed-shaped full-batch epoch split across the threads moves the weights
// as the one-thread epoch does (field-scaled float32 tolerance), and the
// trainer's badge reports the thread count.
import { FLOAT32_TOLERANCE } from '../src/checks/compare.ts';
import { expect, openPage, test } from './page-watch.ts';

test('wasm: seed-shaped epochs split across the kernel threads give the one-thread weights', async ({ page }) => {
  await page.goto('./check.html?backend=wasm');
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  const cores = await page.evaluate(() => navigator.hardwareConcurrency);
  const isolated = await page.evaluate(() => crossOriginIsolated);
  expect(isolated).toBe(true);
  const r = await page.evaluate(
    (c) => (window as unknown as { unrolledCheck: { threadsBench(c: unknown): Promise<Record<string, unknown>> } }).unrolledCheck.threadsBench(c),
    { backend: 'wasm', N: 2717, T: 7, F: 3, H: 50, warmup: 1, epochs: 6 },
  );
  expect(r.backend).toBe('wasm');
  expect(r.threads, String(r.note)).toBe(Math.min(cores, 4));
  expect(r.threads).toBeGreaterThanOrEqual(2);
  expect(r.maxWeightError as number, String(r.worstField)).toBeLessThan(FLOAT32_TOLERANCE);
  const { one, split } = r.lastLoss as { one: number; split: number };
  expect(Math.abs(one - split) / one).toBeLessThan(FLOAT32_TOLERANCE);
});

test('the LSTM too: a split epoch equals the one-thread epoch', async ({ page }) => {
  await page.goto('./check.html?backend=wasm');
  await page.waitForSelector('body[data-ready=true]', { timeout: 60_000 });
  const r = await page.evaluate(
    (c) => (window as unknown as { unrolledCheck: { threadsBench(c: unknown): Promise<Record<string, unknown>> } }).unrolledCheck.threadsBench(c),
    { backend: 'wasm', cell: 'lstm', N: 1500, T: 7, F: 3, H: 20, warmup: 0, epochs: 3 },
  );
  expect(r.threads).toBeGreaterThanOrEqual(2);
  expect(r.maxWeightError as number, String(r.worstField)).toBeLessThan(FLOAT32_TOLERANCE);
});

test("the trainer's badge reports the kernel threads on wasm", async ({ page }) => {
  await openPage(page, 'lang=en&backend=wasm');
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '#try/trainer';
    document.body.append(a);
    a.click();
    a.remove();
  });
  const badge = page.locator('[data-testid=backend]');
  await expect(badge).toHaveAttribute('data-backend', 'wasm', { timeout: 60_000 });
  await expect(badge).toHaveAttribute('data-threads', /^[2-4]$/, { timeout: 30_000 });
  const threads = await badge.getAttribute('data-threads');
  expect(await badge.getAttribute('title')).toMatch(new RegExp(`split across ${threads} threads for the forward pass and BPTT`));
});
