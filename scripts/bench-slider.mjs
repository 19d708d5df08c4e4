#!/usr/bin/env node
// Slider-to-paint latency of the vanishing/exploding widget (section 5).
//
//   node scripts/bench-slider.mjs [--dist dist] [--n 40] [--steps 200] [--hidden 64] [--gpu-raster]
//
// Chromium runs with --disable-gpu (software compositing, what a machine
// without a GPU does): the other benchmarks' flags put WebGPU and GL on
// SwiftShader, which rasterises every frame in an emulated GPU process and
// holds each frame for 100–400 ms on this machine; --gpu-raster keeps them.
//
// Builds nothing: serves an existing build (--dist) with `vite preview` on a
// free port, opens it in headless Chromium, sets T and the hidden size, then
// fires --n `input` events on the ρ slider one after another. The widget
// records a performance measure `vx:slider-to-paint` from the input event to
// the first requestAnimationFrame after its charts were updated; this script
// collects those, prints a table and, as the last line, JSON
// {"sliderMs": median, "p95": …}.
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { servePreview } from './preview-server.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const dist = resolve(arg('dist', 'dist'));
const N = Number(arg('n', 40));
const STEPS = Number(arg('steps', 200));
const HIDDEN = Number(arg('hidden', 64));
const GPU_RASTER = process.argv.includes('--gpu-raster');
const ARGS = GPU_RASTER ? CHROMIUM_ARGS : [...CHROMIUM_ARGS.filter((a) => !/swiftshader|webgpu|Vulkan/i.test(a)), '--disable-gpu'];
if (!existsSync(resolve(dist, 'index.html'))) {
  console.error(`no build in ${dist} (run \`npx vite build --outDir ${dist}\` first)`);
  process.exit(2);
}

function quantile(sorted, q) {
  if (!sorted.length) return NaN;
  const pos = (sorted.length - 1) * q;
  const lo = Math.floor(pos);
  const hi = Math.ceil(pos);
  return sorted[lo] + (sorted[hi] - sorted[lo]) * (pos - lo);
}

const server = await servePreview(dist, { timeoutMs: 30000, stderr: 'inherit' });

let browser;
try {
  const base = server.base;
  const executablePath = await findChromium();
  browser = await chromium.launch({ executablePath: executablePath ?? undefined, args: ARGS });
  const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
  const errors = [];
  page.on('pageerror', (e) => errors.push(e.message));
  await page.goto(`${base}?lang=en&vx.steps=${STEPS}&vx.hidden=${HIDDEN}`);
  await page.waitForSelector('body[data-ready=true]');

  // Bring the widget in: scroll its slot into view; if it does not mount, a
  // preset link in the prose mounts it the way a reader's click does.
  const slot = page.locator('.widget-slot[data-widget=vx]').first();
  await slot.evaluate((e) => e.scrollIntoView({ block: 'center' }));
  const readout = page.locator('[data-testid=vx-readout]');
  try {
    await readout.waitFor({ timeout: 5000 });
  } catch {
    await page.locator('a[href^="#try/vx"]').first().evaluate((a) => a.click());
    await readout.waitFor({ timeout: 20000 });
  }
  await page.locator('[data-testid=vx-steps]').fill(String(STEPS));
  await page.locator('[data-testid=vx-hidden]').fill(String(HIDDEN));
  await page.waitForFunction(
    ({ steps, hidden }) => {
      const r = document.querySelector('[data-testid=vx-readout]');
      return r?.dataset.state === 'ready' && r.dataset.steps === String(steps) && r.dataset.hidden === String(hidden);
    },
    { steps: STEPS, hidden: HIDDEN },
    { timeout: 60000 },
  );

  const samples = await page.evaluate(async (n) => {
    const slider = document.querySelector('[data-testid=vx-rho]');
    const out = [];
    const measures = () => performance.getEntriesByName('vx:slider-to-paint');
    // Warm up the JIT and the worker with a few untimed moves.
    for (let i = 0; i < n + 5; i++) {
      const before = measures().length;
      const rho = (0.4 + ((i * 7) % 31) * 0.05).toFixed(2);
      if (slider.value === rho) continue;
      slider.value = rho;
      slider.dispatchEvent(new Event('input', { bubbles: true }));
      const t0 = performance.now();
      while (measures().length === before) {
        if (performance.now() - t0 > 10000) throw new Error('no paint within 10 s');
        await new Promise((r) => setTimeout(r, 1));
      }
      const m = measures().at(-1);
      const last = (name) => performance.getEntriesByName(name).at(-1)?.duration ?? NaN;
      if (i >= 5) out.push({ rho: Number(rho), ms: m.duration, computeMs: m.detail?.computeMs ?? NaN, roundtripMs: last('vx:worker-roundtrip'), domMs: last('vx:update-dom'), frameMs: last('vx:wait-frame'), postMs: (performance.getEntriesByName('vx:posted').at(-1)?.startTime ?? NaN) - (m.startTime) });
    }
    return out;
  }, N);

  const lat = samples.map((s) => s.ms).sort((a, b) => a - b);
  const comp = samples.map((s) => s.computeMs).sort((a, b) => a - b);
  const trip = samples.map((s) => s.roundtripMs).sort((a, b) => a - b);
  const dom = samples.map((s) => s.domMs).sort((a, b) => a - b);
  const frame = samples.map((s) => s.frameMs).sort((a, b) => a - b);
  const post = samples.map((s) => s.postMs).sort((a, b) => a - b);
  const median = quantile(lat, 0.5);
  const p95 = quantile(lat, 0.95);
  console.log(`vx slider-to-paint, T = ${STEPS}, hidden = ${HIDDEN}, ${samples.length} input events (headless Chromium)`);
  console.log('');
  console.log('| statistic | slider → paint (ms) | input → worker | compute in worker | worker round trip | DOM update | wait for frame |');
  console.log('| --- | ---: | ---: | ---: | ---: | ---: | ---: |');
  for (const [name, q] of [['min', 0], ['median', 0.5], ['p95', 0.95], ['max', 1]]) {
    const f = (arr) => quantile(arr, q).toFixed(1);
    console.log(`| ${name} | ${f(lat)} | ${f(post)} | ${f(comp)} | ${f(trip)} | ${f(dom)} | ${f(frame)} |`);
  }
  console.log(`| target | 16.7 (one frame) | | | | | |`);
  if (errors.length) console.log(`page errors: ${errors.join('; ')}`);
  console.log(
    JSON.stringify({
      sliderMs: Number(median.toFixed(2)),
      p95: Number(p95.toFixed(2)),
      computeMs: Number(quantile(comp, 0.5).toFixed(2)),
      n: samples.length,
      steps: STEPS,
      hidden: HIDDEN,
      gpuRaster: GPU_RASTER,
    }),
  );
} finally {
  await browser?.close();
  server.stop();
}
