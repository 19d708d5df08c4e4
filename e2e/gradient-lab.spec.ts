// The gradient lab: the live widgets of sections 2–5 (unrolled, forward,
// bptt, gradcheck, vx), driven as a reader would, through the stable hooks.
import type { Locator, Page } from '@playwright/test';
import { expect, openPage, test } from './page-watch.ts';

/** Scroll a widget's slot into view (widgets mount lazily) and wait until it is mounted. */
async function showWidget(page: Page, name: string): Promise<Locator> {
  const slot = page.locator(`.widget-slot[data-widget=${name}]`).first();
  await slot.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const widget = slot.locator(`[data-testid=${name}]`);
  await expect(widget).toBeVisible();
  await widget.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  return widget;
}

interface Expect {
  rho?: number;
  steps?: number;
  input?: number;
  act?: string;
}

/** log10 ‖∂h(T)/∂h(1)‖ once the read-out shows the given settings and is not computing. */
async function readNorm(page: Page, want: Expect): Promise<number> {
  const readout = page.locator('[data-testid=vx-readout]');
  for (const [k, v] of Object.entries(want)) await expect(readout).toHaveAttribute(`data-${k}`, String(v));
  await expect(readout).toHaveAttribute('data-state', 'ready');
  return Number(await readout.getAttribute('data-log10-norm'));
}

async function setRange(page: Page, testId: string, value: number): Promise<void> {
  await page.locator(`[data-testid=${testId}]`).fill(String(value));
}

test.describe('vanishing and exploding (vx)', () => {
  test('linear network, T = 50: ρ < 1 vanishes, ρ > 1 explodes, ρ = 1 stays near 1', async ({ page, watch }) => {
    await openPage(page, 'lang=en');
    await showWidget(page, 'vx');
    await page.locator('[data-testid=vx-activation]').selectOption('linear');
    await setRange(page, 'vx-steps', 50);
    await setRange(page, 'vx-rho', 0.5);
    expect(await readNorm(page, { rho: 0.5, steps: 50, act: 'linear' })).toBeLessThan(-10);
    await setRange(page, 'vx-rho', 1.5);
    expect(await readNorm(page, { rho: 1.5, steps: 50, act: 'linear' })).toBeGreaterThan(5);
    await setRange(page, 'vx-rho', 1);
    expect(Math.abs(await readNorm(page, { rho: 1, steps: 50, act: 'linear' }))).toBeLessThan(1.5);
    // The state is in the URL, so the view is a shareable link.
    await expect(page).toHaveURL(/vx\.act=linear/);
    expect(watch.consoleErrors).toEqual([]);
  });

  test('tanh with a large input scale vanishes even at ρ = 1.5', async ({ page, watch }) => {
    await openPage(page, 'lang=en');
    await showWidget(page, 'vx');
    await page.locator('[data-testid=vx-activation]').selectOption('tanh');
    await setRange(page, 'vx-steps', 50);
    await setRange(page, 'vx-rho', 1.5);
    await setRange(page, 'vx-input', 10);
    expect(await readNorm(page, { rho: 1.5, input: 10, act: 'tanh', steps: 50 })).toBeLessThan(-5);
    await expect(page.locator('[data-testid=vx-readout]')).toContainText('shrinks');
    expect(watch.consoleErrors).toEqual([]);
  });

  test('the largest eigenvalue modulus in the plot equals ρ', async ({ page, watch }) => {
    await openPage(page, 'lang=en');
    await showWidget(page, 'vx');
    for (const rho of [0.37, 1.23, 2]) {
      await setRange(page, 'vx-rho', rho);
      await readNorm(page, { rho });
      const moduli = await page.locator('[data-testid=vx-eigen] circle[data-modulus]').evaluateAll((cs) => cs.map((c) => Number(c.getAttribute('data-modulus'))));
      expect(moduli.length).toBe(Number(await page.locator('[data-testid=vx-readout]').getAttribute('data-hidden')));
      expect(Math.abs(Math.max(...moduli) - rho)).toBeLessThan(1e-6);
    }
    expect(watch.consoleErrors).toEqual([]);
  });

  test('keyboard: Tab to the ρ slider, ArrowRight moves it and the plot follows', async ({ page, watch }) => {
    await openPage(page, 'lang=en');
    await showWidget(page, 'vx');
    const rho = page.locator('[data-testid=vx-rho]');
    const before = await readNorm(page, { rho: 1 });
    const path = page.locator('[data-testid=vx-chart] path[data-key=measured]');
    const pathBefore = await path.getAttribute('d');
    // Focus whatever precedes the slider, then Tab into it.
    await rho.focus();
    await page.keyboard.press('Shift+Tab');
    await expect(rho).not.toBeFocused();
    await page.keyboard.press('Tab');
    await expect(rho).toBeFocused();
    await page.keyboard.press('ArrowRight');
    await page.keyboard.press('ArrowRight');
    await expect(rho).toHaveValue('1.02');
    const after = await readNorm(page, { rho: 1.02 });
    expect(after).not.toBe(before);
    await expect(path).not.toHaveAttribute('d', pathBefore!);
    expect(watch.consoleErrors).toEqual([]);
  });

  test('a preset link in the prose sets the widget and scrolls to it', async ({ page, watch }) => {
    await openPage(page, 'lang=en');
    const link = page.locator('a[href^="#try/vx?act=linear&rho=1.5&steps=50&"]').first();
    await link.scrollIntoViewIfNeeded();
    await link.click();
    await expect(page.locator('[data-testid=vx-rho]')).toHaveValue('1.5');
    await expect(page.locator('[data-testid=vx-activation]')).toHaveValue('linear');
    expect(await readNorm(page, { rho: 1.5, steps: 50, act: 'linear' })).toBeGreaterThan(5);
    await expect(page.locator('[data-testid=vx]')).toBeInViewport();
    expect(watch.consoleErrors).toEqual([]);
  });

  test('clipping shows the factor the whole gradient is scaled by', async ({ page, watch }) => {
    await openPage(page, 'lang=en&vx.act=linear&vx.rho=1.5&vx.steps=50');
    await showWidget(page, 'vx');
    await readNorm(page, { rho: 1.5 });
    await page.locator('[data-testid=vx-clip]').check();
    await expect(page.locator('[data-testid=vx-chart] path[data-key=clipped]')).toHaveCount(1);
    await expect(page.locator('.vx-clip-note')).toContainText('direction');
    expect(watch.consoleErrors).toEqual([]);
  });

  test('switching the language relabels without losing the settings', async ({ page, watch }) => {
    await openPage(page, 'lang=en');
    await showWidget(page, 'vx');
    await setRange(page, 'vx-rho', 0.7);
    const norm = await readNorm(page, { rho: 0.7 });
    await page.getByRole('button', { name: '中文' }).click();
    await expect(page.locator('[data-testid=vx-readout]')).toContainText('梯度');
    await expect(page.locator('[data-testid=vx-rho]')).toHaveValue('0.7');
    expect(await readNorm(page, { rho: 0.7 })).toBe(norm);
    expect(watch.consoleErrors).toEqual([]);
  });
});

test('gradient check: hand BPTT against finite differences and tfjs autodiff', async ({ page, watch }) => {
  await openPage(page, 'lang=en');
  const panel = await showWidget(page, 'gradcheck');
  await expect(panel).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(Number(await panel.getAttribute('data-max-rel-error'))).toBeLessThan(1e-6);
  expect(Number(await panel.getAttribute('data-max-rel-error-tf'))).toBeLessThan(1e-3);
  await expect(panel.locator('tbody tr')).toHaveCount(5);
  // The button runs it again, on another configuration too.
  await page.locator('[data-testid=gradcheck-activation]').selectOption('relu');
  await expect(panel).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(Number(await panel.getAttribute('data-max-rel-error'))).toBeLessThan(1e-6);
  await page.locator('[data-testid=gradcheck-run]').click();
  await expect(panel).toHaveAttribute('data-state', 'done', { timeout: 60_000 });
  expect(Number(await panel.getAttribute('data-max-rel-error-tf'))).toBeLessThan(1e-3);
  expect(watch.consoleErrors).toEqual([]);
});

test('BPTT heat map: a cell shows the Jacobian chain it sums', async ({ page, watch }) => {
  await openPage(page, 'lang=en');
  await showWidget(page, 'bptt');
  const map = page.locator('[data-testid=bptt-heatmap]');
  const T = 12;
  await expect(map).toHaveAttribute('data-cells', String((T * (T + 1)) / 2));
  const cell = map.locator('rect[data-row="6"][data-col="2"]');
  await cell.click();
  const path = page.locator('[data-testid=bptt-path]');
  await expect(path).toHaveAttribute('data-t', '7');
  await expect(path).toHaveAttribute('data-k', '3');
  expect(Number(await path.getAttribute('data-value'))).toBeCloseTo(Number(await cell.getAttribute('data-value')), 12);
  await expect(path.locator('.bp-chain li')).toHaveCount(4);
  // Keyboard: focus the map; the selection follows the arrow keys.
  await map.locator('svg').focus();
  await page.keyboard.press('ArrowLeft');
  await expect(path).toHaveAttribute('data-k', '2');
  await page.keyboard.press('ArrowUp');
  await expect(path).toHaveAttribute('data-t', '6');
  await page.keyboard.press('ArrowDown');
  await page.keyboard.press('Enter');
  await expect(path).toHaveAttribute('data-t', '7');
  await expect(path.locator('.bp-chain li')).toHaveCount(5);
  expect(watch.consoleErrors).toEqual([]);
});

test('forward stepper: editing an input changes the live equation', async ({ page, watch }) => {
  await openPage(page, 'lang=en');
  await showWidget(page, 'forward');
  const eq = page.locator('[data-testid=forward-equation]');
  await page.locator('[data-testid=forward-next]').click();
  await expect(eq).toHaveAttribute('data-t', '2');
  const h1 = await eq.getAttribute('data-h1');
  const point = page.locator('.fw-pt[data-index="1"]');
  await point.focus();
  await page.keyboard.press('ArrowUp');
  await expect(point).toHaveAttribute('aria-valuenow', '-0.3');
  await expect(eq).not.toHaveAttribute('data-h1', h1!);
  await expect(eq.locator('.katex')).toContainText('−0.30');
  await page.locator('[data-testid=forward-w11]').fill('-1');
  await expect(eq.locator('.katex')).toContainText('−1.00');
  expect(watch.consoleErrors).toEqual([]);
});

test('unrolled graph: step with the buttons and the arrow keys', async ({ page, watch }) => {
  await openPage(page, 'lang=en');
  const widget = await showWidget(page, 'unrolled');
  await expect(widget).toHaveAttribute('data-t', '1');
  await page.locator('[data-testid=unrolled-next]').click();
  await expect(widget).toHaveAttribute('data-t', '2');
  await expect(widget.locator('g.ur-node.is-active')).toHaveCount(4);
  await expect(widget.locator('g.ur-node[data-id=h2]')).toHaveClass(/is-active/);
  const node = widget.locator('g.ur-node[tabindex="0"]');
  await node.focus();
  await page.keyboard.press('ArrowRight');
  await expect(widget).toHaveAttribute('data-t', '3');
  await expect(page.locator('[data-testid=unrolled-equation]')).toHaveAttribute('data-node', 'h3');
  await page.keyboard.press('ArrowUp');
  await expect(page.locator('[data-testid=unrolled-equation]')).toHaveAttribute('data-node', 'o3');
  await widget.locator('g.ur-node[data-id=L4]').hover();
  await expect(page.locator('[data-testid=unrolled-equation] .katex')).toContainText('L(4)');
  expect(watch.consoleErrors).toEqual([]);
});

test('touch at 375 px: tap a heat-map cell, a graph node, and drag an input point', async ({ browser }) => {
  const context = await browser.newContext({ viewport: { width: 375, height: 740 }, hasTouch: true, isMobile: true });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await openPage(page, 'lang=zh');
  await showWidget(page, 'bptt');
  await page.locator('[data-testid=bptt-heatmap] rect[data-row="4"][data-col="1"]').tap();
  await expect(page.locator('[data-testid=bptt-path]')).toHaveAttribute('data-t', '5');
  await expect(page.locator('[data-testid=bptt-path]')).toHaveAttribute('data-k', '2');
  const graph = await showWidget(page, 'unrolled');
  await graph.locator('g.ur-node[data-id=h3]').tap();
  await expect(graph).toHaveAttribute('data-t', '3');
  await expect(page.locator('[data-testid=unrolled-equation]')).toHaveAttribute('data-node', 'h3');
  await showWidget(page, 'forward');
  await page.locator('.fw-inputs-host').evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const dot = page.locator('.fw-pt[data-index="0"] .fw-dot');
  const before = Number(await page.locator('.fw-pt[data-index="0"]').getAttribute('aria-valuenow'));
  const box = (await dot.boundingBox())!;
  // A real touch drag (Chromium's input pipeline, through CDP): a finger pulls the point down.
  const cdp = await context.newCDPSession(page);
  const x = box.x + box.width / 2;
  const y0 = box.y + box.height / 2;
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchStart', touchPoints: [{ x, y: y0 }] });
  for (let i = 1; i <= 5; i++) await cdp.send('Input.dispatchTouchEvent', { type: 'touchMove', touchPoints: [{ x, y: y0 + 5 * i }] });
  await cdp.send('Input.dispatchTouchEvent', { type: 'touchEnd', touchPoints: [] });
  await expect.poll(async () => Number(await page.locator('.fw-pt[data-index="0"]').getAttribute('aria-valuenow'))).toBeLessThan(before - 0.3);
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
  expect(errors).toEqual([]);
  await context.close();
});
