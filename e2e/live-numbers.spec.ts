// Live numbers in the prose follow their widget: a number computed at the
// settings the widget was put at (by the page load or a preset link) shows
// the widget's value while the reader drags; the others keep the value at
// their own settings; a link that moves the widget elsewhere hands the
// following over to the numbers at its settings.
import { toSettings } from '../src/widgets/vx/fields.ts';
import { vxLinkSettings, vxLiveValues } from '../src/widgets/vx/live.ts';
import { computeVx } from '../src/widgets/vx/model.ts';
import { VX_FIELDS } from '../src/widgets/vx/fields.ts';
import { parseField } from '../src/state/store.ts';
import { expect, openPage, stableBox, test } from './page-watch.ts';

const DEFAULTS = 'act=tanh&rho=1&steps=50&input=1&clip=0&clipAt=1&cell=rnn&forgetBias=0';
const LINEAR = 'act=linear&rho=0.5&steps=50&input=1&clip=0&clipAt=1&cell=rnn&forgetBias=0';

/** What the lab prints for `quantity` at the link settings `query` with ρ replaced. */
function labValue(query: string, rho: number, quantity: string): string {
  const raw: Record<string, string> = { ...vxLinkSettings(query), rho: String(rho) };
  const typed = Object.fromEntries(Object.entries(VX_FIELDS).map(([k, spec]) => [k, parseField(spec, raw[k]) ?? spec.default]));
  return vxLiveValues(computeVx(toSettings(typed)))[quantity];
}

test('dragging the lab’s ρ slider updates the live number in the prose; a link hands it back', async ({ page, watch }) => {
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openPage(page, 'lang=en');
  const number = page.locator(`[data-live="vx.decades-below-reference"][data-live-at="${DEFAULTS}"]`).first();
  const other = page.locator(`[data-live="vx.readout"][data-live-at="${LINEAR}"]`).first();
  const own = (await number.textContent())!;
  const otherOwn = (await other.textContent())!;
  const slot = page.locator('.widget-slot[data-widget=vx]');
  await slot.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const readout = page.locator('[data-testid=vx-readout]');
  await expect(readout).toHaveAttribute('data-state', 'ready');
  await expect(number).toHaveAttribute('data-live-state', 'following');
  await expect(number).toHaveText(own);
  await expect(other).toHaveAttribute('data-live-state', 'own');

  // Drag the thumb from the middle (ρ = 1) to the right, as with a mouse.
  const slider = page.locator('[data-testid=vx-rho]');
  await slider.scrollIntoViewIfNeeded();
  // The chunks around the lab lay out at their real heights as they come into view: wait until the thumb stays put.
  const box = await stableBox(slider);
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.mouse.move(box.x + box.width * 0.62, box.y + box.height / 2, { steps: 5 });
  // Still dragging: the number has moved with the widget.
  await expect(readout).not.toHaveAttribute('data-rho', '1');
  await expect(number).not.toHaveText(own);
  await page.mouse.move(box.x + box.width * 0.75, box.y + box.height / 2, { steps: 5 });
  await page.mouse.up();
  await expect(readout).toHaveAttribute('data-state', 'ready');
  const rho = Number(await readout.getAttribute('data-rho'));
  expect(rho).toBeGreaterThan(1.2);
  await expect(number).toHaveText(labValue(DEFAULTS, rho, 'decades-below-reference'));
  await expect(number).toHaveAttribute('data-live-state', 'following');
  await expect(other).toHaveText(otherOwn);

  // A link to other settings: the first number goes back to its own value, the link's numbers follow.
  await page.locator(`main a[href="#try/vx?${LINEAR}"]`).first().click();
  await expect(readout).toHaveAttribute('data-act', 'linear');
  await expect(number).toHaveAttribute('data-live-state', 'own');
  await expect(number).toHaveText(own);
  await expect(other).toHaveAttribute('data-live-state', 'following');
  await expect(other).toHaveText(otherOwn);
  await slider.fill('0.6');
  await expect(readout).toHaveAttribute('data-rho', '0.6');
  await expect(other).toHaveText(labValue(LINEAR, 0.6, 'readout'));
  expect(watch.consoleErrors).toEqual([]);
});
