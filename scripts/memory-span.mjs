#!/usr/bin/env node
// The memory-span experiment run by the page's own driver
// (src/train/memory-span.ts) and fused kernels, for measuring its settings
// beside scripts/memory-span-torch.py and timing it where the page runs it.
//
//   node scripts/memory-span.mjs [--chromium] [--backend wasm|cpu] [--seeds 1,2,3]
//        [--curves rnn,lstm,lstm+3,gru] [--lags 5,10,20] [--rows N] [--epochs E]
//        [--lr X] [--hidden H] [--batch B] [--json FILE]
//
// Defaults are the experiment's (MEMORY_SPAN_DEFAULTS). One line per run on
// stderr; --json writes every result (and each seed's wall time, and in Node its CPU time).
// In Node the modules load through Vite's SSR loader and tfjs's wasm
// backend reads its SIMD binary from node_modules (one thread). --chromium
// serves the repository with Vite's dev server (cross-origin isolated, as the
// site) and runs the same driver in a module Web Worker of headless
// Chromium, the way the page's training worker will: its times are the page's.
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';
import { freePort } from './preview-server.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (n) => argv.includes(`--${n}`);
const opt = (n, d) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : d;
};
const list = (v) => v.split(',').map((x) => x.trim()).filter(Boolean);
const numbers = (v) => list(v).map(Number);
const say = (...a) => console.error(...a);

function parseCurves(v) {
  return list(v).map((k) => {
    const m = /^lstm([+-]\d+(?:\.\d+)?)$/.exec(k);
    return m ? { cell: 'lstm', forgetBias: Number(m[1]) } : { cell: k };
  });
}

function settingsFrom(D) {
  return {
    ...D,
    curves: opt('curves') ? parseCurves(opt('curves')) : D.curves,
    lags: opt('lags') ? numbers(opt('lags')) : D.lags,
    rows: Number(opt('rows', D.rows)),
    epochs: Number(opt('epochs', D.epochs)),
    lr: Number(opt('lr', D.lr)),
    hidden: Number(opt('hidden', D.hidden)),
    batch: Number(opt('batch', D.batch)),
  };
}

const line = (seed, r, key) =>
  `seed ${seed} L ${String(r.lag).padStart(3)} ${key.padEnd(7)} ratio ${r.ratio.toFixed(3)} (nothing ${r.nothingRatio.toFixed(3)}) train ${r.trainLoss.toFixed(3)}  ${(r.ms / 1000).toFixed(2)} s`;

/** Node: the driver on this process's tfjs. */
async function inNode(server, seeds, backend) {
  // Dependencies are external to Vite's SSR loader: this tfjs is the driver's.
  const tf = await import('@tensorflow/tfjs-core');
  await import('@tensorflow/tfjs-backend-cpu');
  if (backend === 'wasm') {
    const wasm = await import('@tensorflow/tfjs-backend-wasm');
    wasm.setWasmPaths(`${root}node_modules/@tensorflow/tfjs-backend-wasm/dist/`);
  }
  if (!(await tf.setBackend(backend))) throw new Error(`backend ${backend} did not start`);
  const { fusedAvailable } = await server.ssrLoadModule('/src/engine/tf-fused.ts');
  const { runMemorySpan, MEMORY_SPAN_DEFAULTS, curveKey } = await server.ssrLoadModule('/src/train/memory-span.ts');
  const settings = settingsFrom(MEMORY_SPAN_DEFAULTS);
  say(`Node ${process.version}, tfjs ${tf.getBackend()} (fused kernels ${fusedAvailable() ? 'on' : 'off'})`);
  const results = [];
  const seedMs = {};
  const seedCpuMs = {};
  for (const seed of seeds) {
    const t0 = performance.now();
    const cpu0 = process.cpuUsage();
    await runMemorySpan({ ...settings, seed }, {
      onResult: (r) => {
        results.push({ seed, key: curveKey(r.curve), ...r });
        say(line(seed, r, curveKey(r.curve)));
      },
    });
    seedMs[seed] = performance.now() - t0;
    const cpu = process.cpuUsage(cpu0);
    seedCpuMs[seed] = (cpu.user + cpu.system) / 1000;
    say(`seed ${seed}: ${(seedMs[seed] / 1000).toFixed(1)} s wall, ${(seedCpuMs[seed] / 1000).toFixed(1)} s CPU`);
  }
  return { where: `node ${process.version}`, backend: tf.getBackend(), settings, results, seedMs, seedCpuMs };
}

/**
 * The worker's source, served same-origin by the dev server (a blob: worker
 * could not resolve the wasm binaries' root-relative URLs). Its handler is set
 * before anything is awaited: a message that arrives while none is set is lost.
 */
const WORKER_PATH = '__memory-span-worker.js';
const WORKER_SOURCE = `
self.onmessage = async ({ data }) => {
  const { chooseBackend } = await import('/src/train/backend.ts');
  const { runMemorySpan, MEMORY_SPAN_DEFAULTS, curveKey } = await import('/src/train/memory-span.ts');
  const { fusedAvailable } = await import('/src/engine/tf-fused.ts');
  const choice = await chooseBackend(data.backend);
  const D = MEMORY_SPAN_DEFAULTS;
  const settings = { ...D, ...data.scalars, curves: data.overrides.curves ?? D.curves, lags: data.overrides.lags ?? D.lags };
  const skipped = choice.reasons.length ? '; skipped: ' + choice.reasons.join('; ') : '';
  postMessage({ kind: 'info', text: 'Chromium worker, tfjs ' + choice.name + ' (' + choice.detail + '), fused kernels ' + (fusedAvailable() ? 'on' : 'off') + skipped, settings });
  for (const seed of data.seeds) {
    const t0 = performance.now();
    await runMemorySpan({ ...settings, seed }, { onResult: (r) => postMessage({ kind: 'result', seed, key: curveKey(r.curve), r }) });
    postMessage({ kind: 'seed', seed, ms: performance.now() - t0 });
  }
  postMessage({ kind: 'done' });
};
`;

const workerPlugin = {
  name: 'memory-span-worker',
  configureServer(server) {
    server.middlewares.use((req, res, next) => {
      if (req.url !== `/${WORKER_PATH}`) return next();
      res.setHeader('Content-Type', 'text/javascript');
      res.setHeader('Cross-Origin-Opener-Policy', 'same-origin');
      res.setHeader('Cross-Origin-Embedder-Policy', 'require-corp');
      res.end(WORKER_SOURCE);
    });
  },
};

/** Headless Chromium: the driver in a module worker of a page served by Vite's dev server. */
async function inChromium(server, seeds, backend) {
  const { chromium } = await import('@playwright/test');
  const { CHROMIUM_ARGS, findChromium } = await import('./chromium.mjs');
  const base = server.resolvedUrls.local[0];
  say(`serving ${base}`);
  const browser = await chromium.launch({ executablePath: (await findChromium()) ?? undefined, args: CHROMIUM_ARGS });
  try {
    const page = await browser.newPage();
    page.on('pageerror', (e) => say('page error:', e.message));
    page.on('console', (m) => {
      if (m.type() === 'error') say('console:', m.text());
    });
    await page.goto(`${base}check.html`);
    say('page loaded');
    const overrides = { curves: opt('curves') ? parseCurves(opt('curves')) : null, lags: opt('lags') ? numbers(opt('lags')) : null };
    const scalars = Object.fromEntries(['rows', 'epochs', 'lr', 'hidden', 'batch'].filter((k) => opt(k) !== undefined).map((k) => [k, Number(opt(k))]));
    await page.exposeFunction('spanLog', (s) => {
      if (!s.startsWith('{')) return say(s);
      const o = JSON.parse(s);
      say(line(o.seed, o.r, o.key));
    });
    const out = await page.evaluate(
      async ({ base, seeds, backend, overrides, scalars, WORKER_PATH }) => {
        const worker = new Worker(`${base}${WORKER_PATH}`, { type: 'module' });
        return new Promise((resolve, reject) => {
          const acc = { results: [], seedMs: {}, info: '', settings: null };
          worker.onerror = (e) => reject(new Error(e.message || 'worker error'));
          worker.onmessage = ({ data }) => {
            if (data.kind === 'info') {
              acc.info = data.text;
              acc.settings = data.settings;
              window.spanLog(data.text);
            } else if (data.kind === 'result') {
              acc.results.push({ seed: data.seed, key: data.key, ...data.r });
              window.spanLog(JSON.stringify({ seed: data.seed, key: data.key, r: data.r }));
            } else if (data.kind === 'seed') {
              acc.seedMs[data.seed] = data.ms;
              window.spanLog(`seed ${data.seed}: ${(data.ms / 1000).toFixed(1)} s`);
            } else resolve(acc);
          };
          worker.postMessage({ seeds, backend, overrides, scalars });
        });
      },
      { base, seeds, backend, overrides, scalars, WORKER_PATH },
    );
    return { where: `chromium ${browser.version()}`, backend: out.info, settings: out.settings, results: out.results, seedMs: out.seedMs };
  } finally {
    await browser.close();
  }
}

const chromiumMode = flag('chromium');
const server = await createServer(
  chromiumMode
    ? { root, logLevel: 'error', plugins: [workerPlugin], server: { host: '127.0.0.1', port: await freePort(), strictPort: true, hmr: false } }
    : {
        root,
        configFile: false,
        logLevel: 'error',
        appType: 'custom',
        server: { middlewareMode: true, hmr: false, ws: false },
        optimizeDeps: { noDiscovery: true, entries: [] },
      },
);
try {
  if (chromiumMode) await server.listen();
  const seeds = numbers(opt('seeds', '1'));
  const backend = opt('backend', 'wasm');
  const out = chromiumMode ? await inChromium(server, seeds, backend) : await inNode(server, seeds, backend);
  const s = out.settings;
  say(`${out.where}; rows ${s.rows}, epochs ${s.epochs}, lr ${s.lr}, H ${s.hidden}, batch ${s.batch}; lags ${s.lags.join(',')}; seeds ${seeds.join(',')}`);
  const secs = (o) => Object.values(o).map((ms) => (ms / 1000).toFixed(1)).join(', ');
  say(`wall time per seed: ${secs(out.seedMs)} s${out.seedCpuMs ? `; CPU time (this process): ${secs(out.seedCpuMs)} s` : ''}; load average ${loadavg().map((v) => v.toFixed(1)).join(' ')}`);
  const file = opt('json');
  if (file) writeFileSync(file, JSON.stringify({ ...out, seeds }, null, 1));
} finally {
  await server.close();
}
