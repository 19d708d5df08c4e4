// The URL is hostile input too. Every field of every widget — read off the
// page's own URL store once every widget has mounted (`?debug=fields`), so
// the list is the field definitions themselves — is given garbage, values
// that are not finite, huge values and negative ones, all at once. The page
// must still work (every widget mounts, the trainer trains, no error) and
// the URL must be rewritten to the values in use: each one valid for its
// field, written as the store writes it, and gone when it is the default.
import type { Page } from '@playwright/test';
import { formatField, type FieldSpec } from '../src/state/store.ts';
import { expect, openPage, test } from './page-watch.ts';

interface Field {
  key: string;
  spec: FieldSpec;
  value: string | number | boolean;
}

/** Scroll every widget slot into view and wait until each widget has mounted. */
async function mountAll(page: Page): Promise<void> {
  const slots = page.locator('.widget-slot[data-widget]');
  const n = await slots.count();
  expect(n).toBeGreaterThan(3);
  for (let i = 0; i < n; i++) {
    await slots.nth(i).scrollIntoViewIfNeeded();
    await expect(slots.nth(i).locator('.widget')).toBeVisible({ timeout: 60_000 });
    await expect(slots.nth(i).locator('.widget')).not.toHaveAttribute('aria-busy', 'true', { timeout: 60_000 });
  }
  await expect(page.locator('.widget-error')).toHaveCount(0);
}

function fields(page: Page): Promise<Field[]> {
  return page.evaluate(() => (window as unknown as { unrolledFields: { fields(): Field[] } }).unrolledFields.fields());
}

const VARIANTS: Record<string, (spec: FieldSpec) => string> = {
  garbage: (s) => (s.kind === 'number' ? 'abc' : s.kind === 'bool' ? 'maybe' : s.kind === 'enum' ? 'zzz' : '<img src=x onerror=alert(1)>%ZZ'),
  'not finite': (s) => (s.kind === 'number' ? 'NaN' : s.kind === 'string' ? '%E0%A4%A' : 'Infinity'),
  // Long, but within what servers take in a request line (~8 kB for the whole URL).
  huge: (s) => (s.kind === 'number' ? '1e308' : 'x'.repeat(s.kind === 'string' ? 1_000 : 150)),
  negative: (s) => (s.kind === 'number' ? '-1e12' : '-1'),
  // Each number at the other end from the one before it, so that bounds between fields (a step past the last) are crossed.
  'opposite ends': (() => {
    let flip = false;
    return (s: FieldSpec) => (s.kind === 'number' ? ((flip = !flip) ? '1e308' : '-1e308') : s.kind === 'enum' ? s.values[s.values.length - 1] : '');
  })(),
};

function valid(f: Field): string | null {
  const s = f.spec;
  const v = f.value;
  if (s.kind === 'number') {
    if (typeof v !== 'number' || !Number.isFinite(v)) return `${f.key}=${v} is not a finite number`;
    if ((s.min !== undefined && v < s.min) || (s.max !== undefined && v > s.max)) return `${f.key}=${v} is outside [${s.min}, ${s.max}]`;
    if (s.integer && !Number.isInteger(v)) return `${f.key}=${v} is not an integer`;
  } else if (s.kind === 'enum') {
    if (!s.values.includes(String(v))) return `${f.key}=${v} is not one of ${s.values.join(', ')}`;
  } else if (s.kind === 'bool' && typeof v !== 'boolean') return `${f.key}=${v} is not a boolean`;
  return null;
}

let known: Field[] = [];

test.describe.serial('hostile URLs', () => {
  test('the page lists every field once every widget has mounted', async ({ page }) => {
    await openPage(page, 'lang=en&debug=fields');
    await mountAll(page);
    await expect(page.locator('[data-testid=train]')).toBeEnabled({ timeout: 60_000 });
    known = await fields(page);
    const namespaces = new Set(known.map((f) => (f.key.includes('.') ? f.key.slice(0, f.key.indexOf('.')) : '')));
    // One namespace per widget on the page, and the backend's ('').
    expect(namespaces.size).toBe((await page.locator('.widget-slot[data-widget]').count()) + 1);
    expect(known.length).toBeGreaterThan(30);
  });

  for (const [name, hostile] of Object.entries(VARIANTS)) {
    test(`every field ${name}: the page works and the URL holds the values in use`, async ({ page, watch }) => {
      test.setTimeout(240_000);
      expect(known.length).toBeGreaterThan(0);
      const query = new URLSearchParams({ lang: 'en', debug: 'fields' });
      for (const f of known) query.set(f.key, hostile(f.spec));
      await openPage(page, query.toString());
      await mountAll(page);
      const summary = page.locator('[data-testid=dataset-summary]');
      await expect(summary).toHaveAttribute('data-rows', /\d+/, { timeout: 120_000 });
      await expect(page.locator('[data-testid=train]')).toBeEnabled({ timeout: 180_000 });
      // Settled: the trainer has rewritten its column fields for the table it loaded.
      await page.waitForTimeout(500);
      const inUse = await fields(page);
      expect(inUse.map((f) => f.key).sort()).toEqual(known.map((f) => f.key).sort());
      expect(inUse.map(valid).filter(Boolean)).toEqual([]);
      // No text field is any of them (a column name, a sequence): a widget that falls back to its own value says so in the URL.
      expect(inUse.filter((f) => f.spec.kind === 'string' && f.value !== f.spec.default && f.value === hostile(f.spec)).map((f) => f.key)).toEqual([]);
      const url = new URL(page.url()).searchParams;
      const wrong = inUse.flatMap((f) => {
        const want = f.value === f.spec.default ? null : formatField(f.spec, f.value);
        return url.get(f.key) === want ? [] : [`${f.key}: URL has ${String(url.get(f.key)).slice(0, 40)}, in use ${String(want).slice(0, 40)}`];
      });
      expect(wrong).toEqual([]);
      // Nothing hostile ran, and the page is not broken: the trainer trains an epoch unless the settings are the huge ones.
      await expect(page.locator('img[src=x]')).toHaveCount(0);
      if (name !== 'huge') {
        await page.click('[data-testid=step]');
        await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-epoch', '1', { timeout: 120_000 });
      }
      expect(watch.consoleErrors).toEqual([]);
    });
  }
});
