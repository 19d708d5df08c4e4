// Accessibility audit, in both languages, with every widget mounted: every
// control (button, field, select, checkbox, slider) has an accessible name,
// in the reader's language; every chart has a text alternative — a caption
// with its key numbers that the chart points at (aria-describedby), and its
// data as a table behind a toggle.
import type { Page } from '@playwright/test';
import { expect, openPage, test } from './page-watch.ts';

const CONTROL_ROLES = new Set(['button', 'checkbox', 'combobox', 'listbox', 'slider', 'spinbutton', 'textbox', 'radio', 'switch', 'searchbox', 'menuitem', 'PopUpButton']);

/**
 * Latin words a Chinese label may keep: symbols, names of things and file
 * formats that Chinese text writes in Latin letters too.
 */
const LATIN_OK = new Set(['tanh', 'relu', 'sgd', 'adam', 'csv', 'json', 'pytorch', 'jupyter', 'webgpu', 'wasm', 'webgl', 'cpu', 'mse', 'rmse', 'mae', 'mape', 'lstm', 'gru', 'rnn', 'ipynb', 'bptt', 'auto', 'frobenius', 'sp', 'gpu']);

/**
 * Scroll through every widget slot so that each mounts, wait until each has,
 * and read the controls of the accessibility tree while each is in view: the
 * text lies in content-visibility: auto chunks, and Chromium builds the tree
 * of a chunk only once it is laid out (near the viewport), as a reader
 * scrolling to it gets it. Controls are keyed by DOM node, each read once.
 */
async function mountAll(page: Page): Promise<Control[]> {
  const seen = new Map<number, Control>();
  const collect = async () => {
    for (const c of await controlsInTree(page)) seen.set(c.id, c);
  };
  const slots = page.locator('.widget-slot[data-widget]');
  const n = await slots.count();
  for (let i = 0; i < n; i++) {
    const slot = slots.nth(i);
    await slot.evaluate((e) => e.scrollIntoView({ block: 'center' }));
    const name = await slot.getAttribute('data-widget');
    await expect(slot.locator(`[data-testid=${name}]`)).toBeVisible({ timeout: 30_000 });
    await collect();
  }
  // The trainer draws its charts once its data is in (its controls are read again, now all there).
  await expect(page.locator('[data-testid=chart-predictions]')).toHaveAttribute('data-points', /[1-9]/, { timeout: 60_000 });
  await page.locator('[data-testid=trainer]').evaluate((e) => e.scrollIntoView({ block: 'center' }));
  await collect();
  return [...seen.values()];
}

interface AxNode {
  role?: { value?: string };
  name?: { value?: string };
  ignored?: boolean;
  backendDOMNodeId?: number;
}

interface Control {
  id: number;
  role: string;
  name: string;
  html: string;
}

/** Every control the accessibility tree holds now, with its name and the start of its HTML. */
async function controlsInTree(page: Page): Promise<Control[]> {
  const cdp = await page.context().newCDPSession(page);
  const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as { nodes: AxNode[] };
  const out: Control[] = [];
  for (const node of nodes) {
    const role = node.role?.value ?? '';
    if (node.ignored || !CONTROL_ROLES.has(role)) continue;
    const name = (node.name?.value ?? '').trim();
    let html = '';
    if (node.backendDOMNodeId) {
      const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: node.backendDOMNodeId })) as { object: { objectId?: string } };
      if (object.objectId) {
        const r = (await cdp.send('Runtime.callFunctionOn', { objectId: object.objectId, functionDeclaration: 'function () { return this.outerHTML.slice(0, 160); }', returnByValue: true })) as { result: { value: string } };
        html = r.result.value;
      }
    }
    out.push({ id: node.backendDOMNodeId ?? -out.length - 1, role, name, html });
  }
  await cdp.detach();
  return out;
}

for (const lang of ['en', 'zh'] as const) {
  test(`every control has a name in ${lang}, and every chart a text alternative`, async ({ page, watch }) => {
    test.setTimeout(240_000);
    await openPage(page, `lang=${lang}`);
    const controls = await mountAll(page);
    expect(controls.length).toBeGreaterThan(60);
    expect(controls.filter((c) => c.name === '').map((c) => `${c.role}: ${c.html}`)).toEqual([]);
    if (lang === 'zh') {
      // The language switch names each language in itself, and the trainer's input checkboxes carry the file's own column names.
      const ours = controls.filter((c) => !/^<[^>]* lang="|data-testid="feature"/.test(c.html));
      const english = ours.filter((c) => (c.name.match(/[A-Za-z]{3,}/g) ?? []).some((w) => !LATIN_OK.has(w.toLowerCase())));
      expect(english.map((c) => `${c.role} "${c.name}": ${c.html}`)).toEqual([]);
    }

    // Charts: the trainer's, the lab's, the heat map, the forward stepper's plane. (The unrolled
    // network of section 2 is a diagram with no data: its pictures are named by aria-label, checked below.)
    const charts = page.locator('main figure.chart, main svg[role=img]');
    for (const label of await page.locator('.widget-unrolled svg[role=img]').evaluateAll((ss) => ss.map((s) => s.getAttribute('aria-label') ?? ''))) expect(label.trim()).not.toBe('');
    const n = await charts.count();
    expect(n).toBeGreaterThanOrEqual(7);
    const missing: string[] = [];
    for (let i = 0; i < n; i++) {
      const chart = charts.nth(i);
      const info = await chart.evaluate((e) => {
        const id = e.getAttribute('aria-describedby');
        const caption = id ? document.getElementById(id) : null;
        const details = caption?.parentElement?.querySelector('details.chart-data') ?? null;
        return { diagram: e.closest('.widget-unrolled') !== null, what: `${e.tagName} ${e.getAttribute('class') ?? ''} ${e.getAttribute('data-testid') ?? ''} in ${e.closest('.widget')?.className}`, caption: caption?.textContent ?? '', table: details !== null };
      });
      if (!info.diagram && (!info.caption.trim() || !info.table)) missing.push(info.what);
    }
    expect(missing).toEqual([]);

    // A table on request: open the lab's, read its rows.
    const text = page.locator('[data-testid=vx-chart-text]');
    await text.locator('summary').click();
    await expect(text.locator('table tbody tr')).toHaveCount(Number(await page.locator('[data-testid=vx-readout]').getAttribute('data-steps')));
    await expect(text.locator('thead th').first()).toHaveText('T − k');
    expect(watch.consoleErrors).toEqual([]);
  });
}
