// Files that used to cost the reader something: a 2,500,000-row file read
// with progress while the data already loaded stays in use (its one repeated
// date set aside, and said), dates that go backwards or repeat in the middle
// (sorted, kept, said), and a file over the limit refused from its size alone.
import { closeSync, mkdtempSync, openSync, writeFileSync, ftruncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { expect, test } from './page-watch.ts';
import { CSV_DIR, openTrainer } from './care-helpers.ts';

const ROWS = 2_500_000;

function bigSameDateFile(): string {
  const dir = mkdtempSync(join(tmpdir(), 'unrolled-big-'));
  const path = join(dir, 'same-date.csv');
  const lines = ['date,price'];
  for (let i = 0; i < ROWS; i++) lines.push(`2000-01-01,${(100 + 10 * Math.sin(i / 50)).toFixed(3)}`);
  writeFileSync(path, lines.join('\n') + '\n');
  return path;
}

test(`a ${ROWS.toLocaleString('en')}-row file shows its progress while the loaded data stays in use, then says what it did with its dates`, async ({ page, watch }) => {
  test.setTimeout(240_000);
  const path = bigSameDateFile();
  await openTrainer(page, 'lang=en&backend=wasm&train.window=4&train.hidden=4&train.epochs=100000&train.batch=0');
  const summary = page.locator('[data-testid=dataset-summary]');
  const oldRows = await summary.getAttribute('data-rows');
  const status = page.locator('[data-testid=trainer-status]');
  await page.click('[data-testid=train]');
  await expect(status).toHaveAttribute('data-state', 'training');
  const t0 = Date.now();
  await page.setInputFiles('[data-testid=csv-input]', path);
  const progress = page.locator('[data-testid=parse-progress]');
  const seen: { share: number; ms: number; epoch: number; rows: string | null }[] = [];
  while (Date.now() - t0 < 200_000) {
    const [share, rows, epoch] = await Promise.all([progress.getAttribute('data-share'), summary.getAttribute('data-rows'), status.getAttribute('data-epoch')]);
    if (rows === String(ROWS)) break;
    if (share !== null && (seen.length === 0 || seen[seen.length - 1].share !== Number(share))) seen.push({ share: Number(share), ms: Date.now() - t0, epoch: Number(epoch), rows });
    await page.waitForTimeout(100);
  }
  const loadedMs = Date.now() - t0;
  console.log(`[files] ${ROWS} rows in ${loadedMs} ms; progress seen: ${seen.map((s) => `${Math.round(s.share * 100)}% at ${s.ms} ms (epoch ${s.epoch})`).join(', ')}`);
  await expect(summary).toHaveAttribute('data-rows', String(ROWS));
  // Progress was shown, rising, while the old table was still the one on screen and still training.
  expect(seen.length).toBeGreaterThanOrEqual(3);
  for (let i = 1; i < seen.length; i++) expect(seen[i].share).toBeGreaterThan(seen[i - 1].share);
  expect(seen.every((s) => s.rows === oldRows)).toBe(true);
  expect(seen[seen.length - 1].epoch).toBeGreaterThan(seen[0].epoch);
  await expect(progress).toHaveText('');
  await expect(summary).toHaveAttribute('data-dates-set-aside', 'date');
  await expect(summary).toHaveAttribute('data-date-column', '');
  await expect(summary).toContainText(`in “date”, ${(ROWS - 1).toLocaleString('en')} of ${ROWS.toLocaleString('en')} rows repeat the date before them`);
  await expect(summary).toContainText('the column is set aside and every row is used in file order');
  expect(watch.consoleErrors).toEqual([]);
});

test('dates that go backwards or repeat in the middle are sorted, kept and said, in both languages', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm');
  const summary = page.locator('[data-testid=dataset-summary]');
  await page.setInputFiles('[data-testid=csv-input]', resolve(CSV_DIR, 'dates-backwards.csv'));
  await expect(summary).toHaveAttribute('data-rows', '40');
  await expect(summary).toHaveAttribute('data-unsorted-dates', '1');
  await expect(summary).toContainText('the dates go backwards 1 time(s) in the file: rows sorted by date');
  await expect(summary).toContainText('dates 2021-01-04 to 2021-02-12');
  await page.setInputFiles('[data-testid=csv-input]', resolve(CSV_DIR, 'dates-repeat.csv'));
  await expect(summary).toHaveAttribute('data-rows', '34');
  await expect(summary).toHaveAttribute('data-duplicate-dates', '4');
  await expect(summary).toContainText('4 rows repeat the date of the row before them: all kept, in file order within a date');
  await page.click('[data-lang=zh]');
  await expect(summary).toContainText('有 4 行与上一行日期相同：都保留，同一天内按文件顺序');
  await expect(summary).toContainText('文件中的日期有 1 处倒退：已按日期排序');
  await expect(page.locator('[data-testid=train]')).toBeEnabled();
  expect(watch.consoleErrors).toEqual([]);
});

test('a file over the limit is refused from its size before it is read, and the loaded data stays', async ({ page, watch }) => {
  await openTrainer(page, 'lang=en&backend=wasm');
  const summary = page.locator('[data-testid=dataset-summary]');
  const rows = await summary.getAttribute('data-rows');
  // 101 MiB of nothing (a sparse file): read, it would be "not a text file"; refused by size, it is "too large".
  const path = join(mkdtempSync(join(tmpdir(), 'unrolled-huge-')), 'huge.csv');
  const fd = openSync(path, 'w');
  ftruncateSync(fd, 101 * 2 ** 20);
  closeSync(fd);
  await page.setInputFiles('[data-testid=csv-input]', path);
  const error = page.locator('[data-testid=csv-error]');
  await expect(error).toHaveAttribute('data-error', 'too-large');
  await expect(error).toContainText('The file is 101 MB; the limit is 100 MB');
  await expect(summary).toHaveAttribute('data-rows', rows!);
  await expect(page.locator('[data-testid=train]')).toBeEnabled();
  await page.click('[data-lang=zh]');
  await expect(error).toContainText('文件大小为 101 MB，上限是 100 MB');
  expect(watch.consoleErrors).toEqual([]);
});
