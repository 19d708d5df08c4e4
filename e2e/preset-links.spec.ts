// Every preset link of the prose, clicked in document order in both
// languages, as a reader would: the widget it names ends up exactly at the
// link's settings with everything else at its defaults (so clicking link A
// and then link B gives what B alone gives: each expectation is B's alone,
// computed from the widgets' own field definitions), the live numbers
// computed at those settings follow the widget and show what the build
// printed, and each link into the lab reads out what the text claims.
import { fileURLToPath } from 'node:url';
import type { Page } from '@playwright/test';
import { WIDGET_PRESETS, settingsAt } from '../src/content/widget-presets.ts';
import { formatField, type FieldSpec } from '../src/state/store.ts';
import { expect, openPage, test } from './page-watch.ts';

const ctx = { root: fileURLToPath(new URL('..', import.meta.url)) };
/** The URL namespace of each widget's fields. */
const NAMESPACE: Record<string, string> = { unrolled: 'unrolled', forward: 'forward', bptt: 'bptt', gradcheck: 'gradcheck', vx: 'vx', trainer: 'train', 'memory-span': 'span' };

/** What the text says the lab's read-out does at a link (log10 ‖∂h(T)/∂h(1)‖). */
const VX_CLAIMS: { query: string; claim: (log10: number) => boolean; says: string }[] = [
  { query: 'act=linear&rho=0.5&steps=50', claim: (v) => v < -13, says: 'about fifteen orders of magnitude lost' },
  { query: 'act=linear&rho=0.9&steps=100', claim: (v) => v > -5.5 && v < -3, says: '0.9^99 ≈ 3e-5, a few times more' },
  { query: 'act=linear&rho=1.5&steps=50', claim: (v) => v > 8, says: '1.5^49 ≈ 4e8, a few times more' },
  { query: 'act=linear&rho=1&steps=200', claim: (v) => Math.abs(v) < 2, says: 'the knife edge: neither decays nor grows geometrically' },
  { query: 'act=tanh&rho=1.5&steps=50&input=8', claim: (v) => v < -0.5, says: 'shrinks although ρ > 1' },
  { query: 'act=tanh&rho=1.5&steps=50&input=0.1', claim: (v) => v > 0.5 && v < 8.6, says: 'grows, far less than 1.5^49' },
  { query: 'act=relu&rho=0.8&steps=60', claim: (v) => v < -3, says: 'fades fast' },
  { query: 'act=relu&rho=2&steps=60', claim: (v) => v > 3, says: 'grows' },
  { query: 'act=relu&rho=1.2&steps=60', claim: (v) => v < -0.5, says: 'vanishes although ρ > 1' },
  { query: 'act=tanh&rho=1&steps=50', claim: (v) => v < -1, says: 'ends decades below the (ρ·γ) line, which stays at 1' },
];

interface Link {
  widget: string;
  query: string;
  index: number;
}

async function links(page: Page): Promise<Link[]> {
  return page.locator('main a[href^="#try/"]').evaluateAll((as) =>
    as.map((a, index) => {
      const [widget, query = ''] = a.getAttribute('href')!.slice('#try/'.length).split('?');
      return { widget, query, index };
    }),
  );
}

/** The widget's settings as the URL holds them, every field (defaults where the URL says nothing). */
async function stateOf(page: Page, widget: string): Promise<Record<string, string>> {
  const params = new URL(page.url()).searchParams;
  const ns = NAMESPACE[widget];
  if (!ns) throw new Error(`no URL namespace known for the widget ${widget}`);
  const out: Record<string, string> = {};
  for (const [key, spec] of Object.entries(WIDGET_PRESETS[widget].fields) as [string, FieldSpec][]) {
    out[key] = params.get(`${ns}.${key}`) ?? formatField(spec, spec.default);
  }
  return out;
}

function expected(widget: string, query: string): Record<string, string> {
  const fields = WIDGET_PRESETS[widget].fields;
  const s = settingsAt(widget, query, ctx);
  return Object.fromEntries(Object.entries(fields).map(([k, spec]) => [k, formatField(spec, s[k])]));
}

/** The lab's read-out once it shows the settings of `query` and is done computing. */
async function vxReadout(page: Page, want: Record<string, string>): Promise<number> {
  const readout = page.locator('[data-testid=vx-readout]');
  for (const k of ['rho', 'steps', 'input', 'act', 'hidden', 'seed'] as const) await expect(readout).toHaveAttribute(`data-${k}`, want[k]);
  await expect(readout).toHaveAttribute('data-clip', want.clip === '1' ? want.clipAt : '0');
  await expect(readout).toHaveAttribute('data-state', 'ready');
  return Number(await readout.getAttribute('data-log10-norm'));
}

for (const lang of ['en', 'zh'] as const) {
  test(`every preset link in ${lang} sets its widget exactly, its live numbers follow, the lab reads what the text claims`, async ({ page, watch }) => {
    test.setTimeout(600_000);
    await page.emulateMedia({ reducedMotion: 'reduce' });
    await openPage(page, `lang=${lang}`);
    const all = await links(page);
    expect(all.length).toBeGreaterThan(30);
    const claimed = new Set<string>();
    for (const link of all) {
      const label = `${link.widget}?${link.query}`;
      const a = page.locator('main a[href^="#try/"]').nth(link.index);
      // A link in an exercise's answer: open the answer first, as a reader would.
      if (await a.evaluate((e) => e.closest('details')?.open === false)) await a.locator('xpath=ancestor::details[1]/summary').click();
      // Click the first line of the link (a link that wraps has its box's centre on other text).
      const at = await a.evaluate((e) => {
        const box = e.getBoundingClientRect();
        const r = e.getClientRects()[0];
        return { x: r.x - box.x + Math.min(r.width / 2, 20), y: r.y - box.y + r.height / 2 };
      });
      await a.click({ position: at, timeout: 15_000 });
      const want = expected(link.widget, link.query);
      await expect.poll(() => stateOf(page, link.widget), { message: label, timeout: 60_000 }).toEqual(want);
      if (link.widget === 'vx') {
        const log10 = await vxReadout(page, want);
        for (const c of VX_CLAIMS) {
          if (link.query.startsWith(`${c.query}&`) && link.query.includes('clip=0')) {
            expect(c.claim(log10), `${label}: ${c.says}, read ${log10}`).toBe(true);
            claimed.add(c.query);
          }
        }
      }
      if (link.widget === 'trainer') await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', /\d+/);
      // The live numbers at this link's settings now follow the widget, which is at exactly those settings: same text as the build's.
      const spans = page.locator(`[data-live^="${link.widget}."][data-live-at="${link.query}"]`);
      const count = await spans.count();
      for (let i = 0; i < count; i++) {
        const span = spans.nth(i);
        const own = await span.getAttribute('data-live-own');
        await expect(span, `${label}: ${await span.getAttribute('data-live')}`).toHaveAttribute('data-live-state', 'following');
        if (own !== null) await expect(span).toHaveText(own);
      }
    }
    expect([...claimed].sort()).toEqual(VX_CLAIMS.map((c) => c.query).sort());
    expect(watch.consoleErrors).toEqual([]);
  });
}
