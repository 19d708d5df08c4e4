// Page-side measures for bench.mjs: the JavaScript the notebook loads before
// its first section is on screen, and the frame times while the trainer trains.
import { gzipSync } from 'node:zlib';

/**
 * Flags for the page measures: software compositing (--disable-gpu), as on
 * a machine without a GPU. The SwiftShader flags the GPU measures need make
 * Chromium rasterise every frame in an emulated GPU process, which holds
 * frames for hundreds of ms here and says nothing about the page.
 */
export function pageArgs(args) {
  return [...args.filter((a) => !/swiftshader|webgpu|Vulkan/i.test(a)), '--disable-gpu'];
}

/**
 * JS requested before the first section went in (the `sections:first` mark,
 * shell/article.ts) — main, its helpers and the reader's language head —
 * gzip -9 of each file (the preview server sends them uncompressed).
 */
export async function initialJs(browser, base) {
  const page = await browser.newPage({ viewport: { width: 412, height: 823 } });
  try {
    await page.goto(`${base}index.html?lang=en`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
    const urls = await page.evaluate(() => {
      const first = performance.getEntriesByName('sections:first')[0]?.startTime ?? Infinity;
      return performance
        .getEntriesByType('resource')
        .filter((r) => r.name.endsWith('.js') && r.startTime <= first)
        .map((r) => r.name);
    });
    let bytes = 0;
    const files = [];
    for (const url of urls) {
      const body = Buffer.from(await (await fetch(url)).arrayBuffer());
      const gz = gzipSync(body, { level: 9 }).length;
      bytes += gz;
      files.push(`${url.split('/').pop()} ${(gz / 1000).toFixed(1)} kB`);
    }
    return { kbGz: Math.round(bytes / 100) / 10, files };
  } finally {
    await page.close();
  }
}

/** Record every frame's start (requestAnimationFrame) from page load on; read with frameStats. */
export async function installFrameProbe(page) {
  await page.addInitScript(() => {
    window.__frames = [];
    const tick = (t) => {
      window.__frames.push(t);
      requestAnimationFrame(tick);
    };
    requestAnimationFrame(tick);
  });
}

/** Frame times (gaps between frame starts) between two page times: p95, max, count. */
export async function frameStats(page, from, to) {
  const gaps = await page.evaluate(
    ({ from, to }) => {
      const f = window.__frames.filter((t) => t >= from && t <= to);
      return f.slice(1).map((t, i) => t - f[i]);
    },
    { from, to },
  );
  const sorted = [...gaps].sort((a, b) => a - b);
  const q = (p) => (sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(p * sorted.length))] : null);
  return { p95: q(0.95), max: sorted.at(-1) ?? null, frames: sorted.length };
}

/**
 * The trainer's loop beside its kernel (check.html, unrolledCheck.benchLoop):
 * ms per epoch of Trainer with the seed and the fast preset on a generated
 * seed-shaped table, against the bare fused pass over the same batches.
 */
export async function trainerLoop(page, { seedEpochs = 200, fastEpochs = 20 } = {}) {
  const out = {};
  for (const [preset, epochs] of [['seed', seedEpochs], ['fast', fastEpochs]]) {
    await page.evaluate(([p, e]) => window.unrolledCheck.benchLoop(p, e), [preset, Math.max(2, Math.round(epochs / 10))]);
    out[preset] = await page.evaluate(([p, e]) => window.unrolledCheck.benchLoop(p, e), [preset, epochs]);
  }
  return out;
}
