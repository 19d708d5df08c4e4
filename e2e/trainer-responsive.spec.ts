// The page stays responsive while the trainer trains the seed's long
// full-batch epochs: frame times, the main thread's drawing work, and a slider
// of another widget that still answers.
import { openTrainer } from './care-helpers.ts';
import { expect, stableBox, test } from './page-watch.ts';

test('the page stays responsive while the trainer trains', async ({ page, watch }) => {
  // No smooth scrolling: the slider must stay where it was measured.
  await page.emulateMedia({ reducedMotion: 'reduce' });
  await openTrainer(page, 'lang=en&backend=wasm');
  // Long full-batch epochs (the seed's settings) keep the worker busy.
  await page.locator('[data-testid=preset]').selectOption('seed');
  await expect(page.locator('[data-testid=epochs]')).toHaveValue('2000');
  await page.click('[data-testid=train]');
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-state', 'training');
  await expect.poll(async () => Number(await page.locator('[data-testid=trainer-status]').getAttribute('data-epoch')), { timeout: 30_000 }).toBeGreaterThan(2);

  // Frame times while it trains, and the main thread's own drawing work (the widget measures each redraw).
  const { frames, draws } = await page.evaluate(
    () =>
      new Promise<{ frames: number[]; draws: number[] }>((done) => {
        const out: number[] = [];
        const from = performance.now();
        let last = from;
        const end = last + 3000;
        const tick = (t: number) => {
          out.push(t - last);
          last = t;
          if (t < end) requestAnimationFrame(tick);
          else done({ frames: out, draws: performance.getEntriesByName('trainer:draw').filter((e) => e.startTime >= from).map((e) => e.duration) });
        };
        requestAnimationFrame(tick);
      }),
  );
  const stats = (v: number[]) => {
    const s = [...v].sort((a, b) => a - b);
    return { mean: v.reduce((a, b) => a + b, 0) / Math.max(1, v.length), p95: s[Math.floor(s.length * 0.95)] ?? NaN, max: s[s.length - 1] ?? NaN };
  };
  const f = stats(frames);
  const d = stats(draws);
  console.log(
    `[trainer] while training: frame time mean ${f.mean.toFixed(1)} ms, p95 ${f.p95.toFixed(1)} ms, max ${f.max.toFixed(1)} ms over ${frames.length} frames; ` +
      `${draws.length} redraws, mean ${d.mean.toFixed(1)} ms, max ${d.max.toFixed(1)} ms`,
  );
  // Frame times depend on the machine's load (software compositing here); the widget's own share must stay small.
  expect(draws.length).toBeGreaterThan(0);
  expect(d.max).toBeLessThan(200);

  // A slider elsewhere on the page: the vanishing/exploding widget's ρ, until its chart/readout updates.
  await page.evaluate(() => {
    const a = document.createElement('a');
    a.href = '#try/vx';
    document.body.append(a);
    a.click();
    a.remove();
  });
  const rho = page.locator('[data-testid=vx-rho]');
  await rho.scrollIntoViewIfNeeded();
  await expect(page.locator('[data-testid=vx-readout]')).toHaveAttribute('data-rho', /\d/, { timeout: 20_000 });
  page.on('console', (m) => {
    if (m.text().startsWith('[trainer]')) console.log(m.text());
  });
  const latencies: number[] = [];
  for (let i = 0; i < 8; i++) {
    // Measure the thumb's track once the page has stopped moving, and make sure the slider is what is under it.
    await rho.scrollIntoViewIfNeeded();
    const box = await stableBox(rho);
    const hit = await page.evaluate(
      ({ x, y }) => document.elementFromPoint(x, y)?.getAttribute('data-testid') ?? null,
      { x: box.x + box.width / 2, y: box.y + box.height / 2 },
    );
    expect(hit).toBe('vx-rho');
    // In the page: from the slider's first input event to the frame after the readout shows the new ρ.
    await page.evaluate(() => {
      const input = document.querySelector<HTMLInputElement>('[data-testid=vx-rho]')!;
      const readout = document.querySelector<HTMLElement>('[data-testid=vx-readout]')!;
      const w = window as unknown as { __lag: Promise<number> };
      w.__lag = new Promise<number>((done) => {
        let t0 = 0;
        input.addEventListener('input', () => (t0 = t0 || performance.now()), { capture: true });
        const obs = new MutationObserver(() => {
          if (!t0 || Number(readout.dataset.rho) !== Number(input.value)) return;
          obs.disconnect();
          requestAnimationFrame(() => {
            clearTimeout(timer);
            done(performance.now() - t0);
          });
        });
        obs.observe(readout, { attributes: true, attributeFilter: ['data-rho'] });
        const timer = setTimeout(() => {
          obs.disconnect();
          console.warn(`[trainer] no repaint: ${t0 ? 'input seen' : 'no input event'}, slider ${input.value}, readout ρ ${readout.dataset.rho}`);
          done(Infinity);
        }, 5000);
      });
    });
    // Drag the thumb by hand: press, move across, release.
    const from = box.x + box.width * (0.2 + 0.07 * i);
    await page.mouse.move(from, box.y + box.height / 2);
    await page.mouse.down();
    await page.mouse.move(from + box.width * 0.15, box.y + box.height / 2, { steps: 4 });
    await page.mouse.up();
    latencies.push(await page.evaluate(() => (window as unknown as { __lag: Promise<number> }).__lag));
  }
  const ls = [...latencies].sort((a, b) => a - b);
  console.log(`[trainer] vx-rho → vx chart repainted while training: median ${ls[ls.length >> 1].toFixed(1)} ms, max ${ls[ls.length - 1].toFixed(1)} ms (${latencies.map((v) => v.toFixed(0)).join(', ')})`);
  expect(ls[ls.length >> 1]).toBeLessThan(500);
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-state', 'training');
  await page.click('[data-testid=train]');
  await expect(page.locator('[data-testid=trainer-status]')).toHaveAttribute('data-state', 'paused', { timeout: 30_000 });
  expect(watch.consoleErrors).toEqual([]);
});
