#!/usr/bin/env node
// The benchmark of issue 7: how fast Unrolled trains in headless Chromium.
//
//   npm run bench -- [--json] [--write] [--quick] [--target-mse X]
//                    [--csv FILE --columns target,feature,…] [--backends wasm,webgl,cpu,webgpu]
//                    [--fast-batch B]   (try the fast preset with another mini-batch size)
//                    [--parts epochs,cells,target,loop,threads,longtasks,slider,parse,page]   (default: all)
//                    [--gpu]   (a hardware WebGPU adapter: Chromium without the SwiftShader flags)
//                    [--shapes seed,large] [--large-steps K]   (epoch shapes; see bench-epochs.mjs)
//
// Builds the site into a temporary folder, serves it with `vite preview` on a
// free port and measures, in headless Chromium (flags from scripts/chromium.mjs):
//   epochMs       median ms of one full-batch training step of the seed's shape
//                 (2717 windows, T = 7, 3 features, H = 50, SGD + momentum) per
//                 backend, after warm-up (check.html → unrolledCheck.benchEpochs);
//   epochs        per backend and shape (seed; large = 65,536 windows, T = 64,
//                 H = 256, batches of 1024), the epoch on the fused kernel and on
//                 tfjs's op graph (scripts/bench-epochs.mjs), with the WebGPU
//                 adapter that ran it (SwiftShader results labelled as such);
//   cellEpochMs   the same epoch for each cell (simple, LSTM, GRU) on wasm and cpu, fused kernels
//                 and (wasm) tfjs's op graph, beside PyTorch's CPU time for the same epoch measured
//                 in the same run by scripts/bench-torch.py (/usr/bin/python3, 2 threads and 1;
//                 run before and after the page's, the faster kept);
//   timeToTargetS training seconds (test evaluation excluded) until the test MSE
//                 first reaches the target, for the seed and fast presets, on a
//                 generated table of the seed's shape and on the bundled S&P 500
//                 (or on --csv). Target: --target-mse, else the seed preset's
//                 test MSE after 200 epochs on the same data;
//   threadsSpeedup the seed epoch on one thread ÷ split across the kernel threads (wasm,
//                 median of each, same run; scripts/bench-threads.mjs);
//   longTasks     main-thread tasks > 50 ms in index.html while the trainer
//                 widget trains the fast preset (PerformanceObserver 'longtask');
//   sliderMs      scripts/bench-slider.mjs on the same build;
//   parseMs       scripts/bench-parse.mjs (200k-row CSV, Node).
// Prints a table; --json adds one JSON object as the last line of stdout;
// --write regenerates the results section of BENCHMARKS.md.
import { execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, freemem, loadavg, tmpdir, totalmem } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from '@playwright/test';
import { CHROMIUM_ARGS, findChromium } from './chromium.mjs';
import { servePreview } from './preview-server.mjs';
import { EPOCH_SHAPES, measureEpochs } from './bench-epochs.mjs';
import { measureCells } from './bench-cells.mjs';
import { frameStats, initialJs, installFrameProbe, pageArgs, trainerLoop } from './bench-page.mjs';
import { measureThreads } from './bench-threads.mjs';

const root = fileURLToPath(new URL('..', import.meta.url));
const argv = process.argv.slice(2);
const flag = (n) => argv.includes(`--${n}`);
const opt = (n, d) => {
  const i = argv.indexOf(`--${n}`);
  return i >= 0 && argv[i + 1] !== undefined ? argv[i + 1] : d;
};
const JSON_OUT = flag('json');
const QUICK = flag('quick');
const WRITE = flag('write');
const TARGET = opt('target-mse') !== undefined ? Number(opt('target-mse')) : undefined;
const CSV = opt('csv');
const COLUMNS = opt('columns')?.split(',').map((s) => s.trim()).filter(Boolean);
const BACKENDS = (opt('backends') ?? 'wasm,webgl,cpu,webgpu').split(',');
const PARTS = new Set((opt('parts') ?? 'epochs,cells,target,loop,threads,longtasks,slider,parse,page').split(','));
const FAST_BATCH = opt('fast-batch') !== undefined ? Number(opt('fast-batch')) : undefined;
const GPU = flag('gpu');
const SHAPES = opt('shapes')?.split(',').map((s) => s.trim()).filter(Boolean);
const LARGE_STEPS = Number(opt('large-steps', '3'));
if (SHAPES && !SHAPES.every((s) => s in EPOCH_SHAPES)) {
  console.error(`--shapes takes ${Object.keys(EPOCH_SHAPES).join(',')}`);
  process.exit(2);
}
// A hardware adapter in headless Chromium (Linux): Vulkan through ANGLE, no
// SwiftShader; the rest of CHROMIUM_ARGS as they are. See BENCHMARKS.md.
const SOFTWARE_ONLY = new Set(['--use-vulkan=swiftshader', '--use-angle=swiftshader']);
const GPU_ARGS = [...CHROMIUM_ARGS.filter((a) => !SOFTWARE_ONLY.has(a)), '--use-angle=vulkan', '--disable-vulkan-surface', '--ignore-gpu-blocklist'];
if (CSV && !(COLUMNS && COLUMNS.length)) {
  console.error('--csv needs --columns target,feature,…');
  process.exit(2);
}
if (TARGET !== undefined && !(TARGET > 0)) {
  console.error('--target-mse needs a positive number');
  process.exit(2);
}

// Progress goes to stderr so that stdout ends with the JSON line.
const say = (...a) => console.error('[bench]', ...a);
const started = Date.now();
const load = [loadavg()];


/** Run a node script, return the JSON object on its last stdout line. */
function lastJson(args) {
  return new Promise((res) => {
    const child = spawn(process.execPath, args, { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    let err = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (err += d));
    child.on('close', (code) => {
      const line = out.trim().split('\n').pop() ?? '';
      try {
        res(JSON.parse(line));
      } catch {
        say(`${args[0]} gave no JSON (exit ${code}): ${(err || out).slice(-400)}`);
        res(null);
      }
    });
  });
}

/** PyTorch's epoch per cell (scripts/bench-torch.py) with 2 threads and 1, or why it was not measured. */
function torchEpochs(quick) {
  const python = '/usr/bin/python3';
  const run = (threads) => {
    const out = execFileSync(python, ['scripts/bench-torch.py', '--threads', String(threads), ...(quick ? ['--epochs', '5'] : [])], { cwd: root, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
    return JSON.parse(out.trim().split('\n').pop());
  };
  try {
    execFileSync(python, ['-c', 'import torch'], { stdio: 'ignore' });
  } catch {
    say(`PyTorch not measured: ${python} cannot import torch`);
    return { note: `not measured: ${python} cannot import torch` };
  }
  try {
    const two = run(2);
    const one = run(1);
    say(`PyTorch ${two.torch}: ${JSON.stringify(two.epochMs)} (2 threads), ${JSON.stringify(one.epochMs)} (1 thread)`);
    return { version: two.torch, threads2: two.epochMs, threads1: one.epochMs };
  } catch (e) {
    return { note: `failed: ${String(e.message).split('\n')[0]}` };
  }
}

/** Per cell and thread count, the faster of two PyTorch runs (or the one that worked). */
function fasterTorch(a, b) {
  if (!a?.threads2 || !b?.threads2) return a?.threads2 ? a : b;
  const min = (x, y) => Object.fromEntries(Object.keys(x).map((k) => [k, Math.min(x[k], y[k])]));
  return { version: a.version, threads2: min(a.threads2, b.threads2), threads1: min(a.threads1, b.threads1), runs: 2 };
}

// ---------------------------------------------------------------- build + serve
const dist = mkdtempSync(join(tmpdir(), 'unrolled-bench-'));
say(`building into ${dist}`);
execFileSync('npx', ['vite', 'build', '--outDir', dist, '--emptyOutDir', '--logLevel', 'warn'], { cwd: root, stdio: ['ignore', 'ignore', 'inherit'] });
const preview = await servePreview(dist, { waitFor: 'check.html' });
const base = preview.base;
const executablePath = await findChromium();
if (!executablePath) throw new Error('no Chromium found (set $CHROMIUM)');
let browser;
const results = { epochMs: {}, epochNote: {}, epochMsTfjsOps: {}, epochs: {}, cellEpochMs: {}, torch: null, timeToTargetS: {}, timeToTargetByData: {} };
try {
  browser = await chromium.launch({ executablePath, args: GPU ? GPU_ARGS : CHROMIUM_ARGS });
  const chromiumVersion = browser.version();

  async function checkPage(backend) {
    const page = await browser.newPage();
    page.on('pageerror', (e) => say('page error:', e.message));
    await page.goto(`${base}check.html${backend ? `?backend=${backend}` : ''}`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
    return page;
  }

  // ------------------------------------------------------------ epoch per backend and shape
  const probe = await checkPage('wasm');
  const gpu = await probe.evaluate(() => window.unrolledCheck.gpuAdapter());
  results.wasmFlags = await probe.evaluate(() => window.unrolledCheck.wasmFlags());
  await probe.close();
  results.adapter = gpu.available ? { ...gpu.info, software: gpu.software } : null;
  say(`WebGPU adapter: ${gpu.available ? `${JSON.stringify(gpu.info)}${gpu.software ? ' — software (SwiftShader): GPU timings here are not a GPU\'s' : ''}` : gpu.description}${GPU ? ' (--gpu)' : ''}`);
  // The large shape by default only where a hardware adapter runs it; on SwiftShader ask with --shapes.
  results.shapes = SHAPES ?? (gpu.available && !gpu.software ? ['seed', 'large'] : ['seed']);
  if (PARTS.has('epochs')) {
    results.epochs = await measureEpochs({ checkPage, backends: BACKENDS, shapes: results.shapes, gpu, quick: QUICK, largeSteps: LARGE_STEPS, say });
  }
  for (const [backend, byShape] of Object.entries(results.epochs)) {
    const seed = byShape.seed;
    if (!seed) continue;
    results.epochMs[backend] = seed.fused ?? seed.opGraph;
    results.epochNote[backend] = seed.note;
    if (seed.fused !== null && seed.opGraph !== null) results.epochMsTfjsOps[backend] = seed.opGraph;
  }

  // ------------------------------------------------------------ every cell, beside PyTorch
  // PyTorch before and after the browser's cells, the faster of the two kept: the load on this
  // shared machine changes from minute to minute, and the comparison should not favour the page.
  const torchBefore = PARTS.has('cells') ? torchEpochs(QUICK) : null;
  if (PARTS.has('cells')) results.cellEpochMs = await measureCells({ checkPage, backends: BACKENDS, gpu, quick: QUICK, largeSteps: LARGE_STEPS, say });
  if (PARTS.has('cells')) results.torch = fasterTorch(torchBefore, torchEpochs(QUICK));

  // ------------------------------------------------------------ time to target
  const datasets = CSV ? { csv: { csv: readFileSync(resolve(CSV), 'utf8'), columns: COLUMNS } } : { generated: 'generated', sp500: 'sp500' };
  const page = await checkPage(null);
  results.trainBackend = await page.evaluate(() => window.unrolledCheck.backend.then((b) => b.name));
  const seedEpochs = 200;
  for (const [label, data] of PARTS.has('target') ? Object.entries(datasets) : []) {
    const seed = await page.evaluate((c) => window.unrolledCheck.trainCurve(c), { data, preset: 'seed', epochs: seedEpochs });
    const target = TARGET ?? seed.testMse[seedEpochs - 1];
    const fast = await page.evaluate((c) => window.unrolledCheck.trainCurve(c), { data, preset: 'fast', stopAt: target, ...(FAST_BATCH !== undefined ? { overrides: { batch: FAST_BATCH } } : {}) });
    const reach = (c) => {
      const i = c.testMse.findIndex((m) => m <= target);
      return i < 0 ? null : { s: c.trainMs[i] / 1000, epoch: i + 1 };
    };
    const entry = {
      target,
      seed: reach(seed),
      fast: reach(fast),
      seedMsPerEpoch: seed.trainMs.at(-1) / seed.trainMs.length,
      fastBest: Math.min(...fast.testMse),
      persistence: seed.persistenceMse,
      fastEpochs: fast.testMse.length,
      shapes: { seed: [seed.N, seed.T, seed.F, seed.H, seed.batch], fast: [fast.N, fast.T, fast.F, fast.H, fast.batch] },
    };
    results.timeToTargetByData[label] = entry;
    say(`${label}: target ${target.toFixed(4)}; seed ${JSON.stringify(entry.seed)}; fast ${JSON.stringify(entry.fast)} (best ${entry.fastBest.toFixed(4)})`);
  }
  await page.close();
  const primary = results.timeToTargetByData[CSV ? 'csv' : 'generated'];
  results.timeToTargetS = { seed: primary?.seed?.s ?? null, fast: primary?.fast?.s ?? null };
  results.targetMse = primary?.target ?? null;

  // ------------------------------------------------------------ long tasks in the real page
  if (PARTS.has('loop')) {
    const page = await checkPage('wasm');
    results.loop = await trainerLoop(page, QUICK ? { seedEpochs: 50, fastEpochs: 5 } : {});
    say(`trainer loop beside its kernel: ${JSON.stringify(results.loop)}`);
    await page.close();
  }
  if (PARTS.has('threads')) {
    const page = await checkPage('wasm');
    results.threads = await measureThreads(page, { quick: QUICK });
    say(`seed epoch, one thread vs the kernel threads: ${JSON.stringify(results.threads)}`);
    await page.close();
  }
  const pageBrowser = PARTS.has('page') || PARTS.has('longtasks') ? await chromium.launch({ executablePath, args: pageArgs(CHROMIUM_ARGS) }) : null;
  if (PARTS.has('page')) {
    results.initialJs = await initialJs(pageBrowser, base);
    say(`JS before the first section: ${results.initialJs.kbGz} kB gzip (${results.initialJs.files.join(', ')})`);
  }
  if (PARTS.has('longtasks')) {
    const page = await pageBrowser.newPage();
    await installFrameProbe(page);
    await page.addInitScript(() => {
      window.__longTasks = [];
      new PerformanceObserver((list) => {
        for (const e of list.getEntries()) window.__longTasks.push({ start: e.startTime, ms: e.duration });
      }).observe({ type: 'longtask', buffered: true });
    });
    await page.goto(`${base}index.html?lang=en`);
    await page.waitForSelector('body[data-ready=true]', { timeout: 60000 });
    // Mount the trainer the way a prose link does, with the fast preset, and scroll to it.
    await page.evaluate(() => {
      const a = document.createElement('a');
      a.href = '#try/trainer?preset=fast';
      document.body.append(a);
      a.click();
      a.remove();
    });
    await page.waitForSelector('[data-testid=dataset-summary][data-rows]', { timeout: 60000 });
    const button = page.locator('[data-testid=train]');
    await button.scrollIntoViewIfNeeded();
    await page.waitForFunction(() => {
      const b = document.querySelector('[data-testid=train]');
      return b !== null && !b.hasAttribute('disabled');
    }, null, { timeout: 60000 });
    const preset = page.locator('[data-testid=preset]');
    results.trainerPreset = (await preset.count()) ? await preset.inputValue() : null;
    const t0 = await page.evaluate(() => performance.now());
    await button.click();
    const status = page.locator('[data-testid=trainer-status]');
    await page.waitForFunction(() => document.querySelector('[data-testid=trainer-status]')?.getAttribute('data-state') === 'training', null, { timeout: 30000 }).catch(() => {});
    await page.waitForFunction(
      () => ['done', 'error', 'paused'].includes(document.querySelector('[data-testid=trainer-status]')?.getAttribute('data-state') ?? ''),
      null,
      { timeout: 120000 },
    );
    const t1 = await page.evaluate(() => performance.now());
    const tasks = await page.evaluate((from) => window.__longTasks.filter((t) => t.start + t.ms >= from), t0);
    results.longTasks = tasks.length;
    results.longTaskAt = tasks.map((t) => `${Math.round(t.ms)} ms at +${Math.round(t.start - t0)} ms`);
    results.longTaskMs = { total: tasks.reduce((s, t) => s + t.ms, 0), max: tasks.reduce((m, t) => Math.max(m, t.ms), 0) };
    results.trainerRun = { seconds: (t1 - t0) / 1000, state: await status.getAttribute('data-state'), epoch: Number(await status.getAttribute('data-epoch')) };
    results.frames = await frameStats(page, t0, t1);
    results.miniBatchEpochMs = results.trainerRun.epoch > 0 ? (results.trainerRun.seconds * 1000) / results.trainerRun.epoch : null;
    say(`long tasks while training: ${tasks.length} (${JSON.stringify(results.longTaskMs)}), run ${JSON.stringify(results.trainerRun)}`);
    await page.close();
  }
  await pageBrowser?.close();
  results.chromium = chromiumVersion;
} finally {
  await browser?.close();
  preview.stop();
}

// ---------------------------------------------------------------- slider, parse
if (PARTS.has('slider')) {
  say('slider latency (bench-slider.mjs)');
  const slider = await lastJson(['scripts/bench-slider.mjs', '--dist', dist, ...(QUICK ? ['--n', '15'] : [])]);
  results.sliderMs = slider?.sliderMs ?? null;
}
if (PARTS.has('parse')) {
  say('CSV parse (bench-parse.mjs)');
  const parse = await lastJson(['scripts/bench-parse.mjs', QUICK ? '1' : '3']);
  results.parseMs = parse?.parseMs ?? null;
  results.papaMs = parse?.papaMs ?? null;
  results.parseRatio = parse?.ratio ?? null;
}
rmSync(dist, { recursive: true, force: true });
load.push(loadavg());

// ---------------------------------------------------------------- report
const fmt = (v, d = 1) => (v === null || v === undefined || Number.isNaN(v) ? '—' : v.toFixed(d));
const machine = {
  date: new Date().toISOString(),
  nproc: cpus().length,
  cpu: cpus()[0]?.model ?? '?',
  memory: `${(totalmem() / 2 ** 30).toFixed(1)} GiB total, ${(freemem() / 2 ** 30).toFixed(1)} GiB free`,
  chromium: results.chromium,
  node: process.version,
  load: load.map((l) => l.map((x) => x.toFixed(2)).join(' ')),
  seconds: (Date.now() - started) / 1000,
};
const rows = [
  ['measure', 'value', 'note'],
  ...Object.entries(results.epochs).flatMap(([b, byShape]) =>
    Object.entries(byShape).map(([shape, e]) => [
      `epoch ms, ${b}, ${shape}`,
      fmt(e.fused ?? e.opGraph),
      `${e.note}${e.fused !== null && e.opGraph !== null ? `; tfjs op graph + autodiff instead of the fused kernel: ${fmt(e.opGraph)} ms (${(e.opGraph / e.fused).toFixed(1)}×)` : ''}`,
    ]),
  ),
  ...Object.entries(results.cellEpochMs).map(([key, e]) => {
    const [cell, backend, shape = 'seed'] = key.split('/');
    const t = results.torch;
    const torch = t?.threads2 ? `; PyTorch ${t.version} CPU${t.runs ? ` (faster of ${t.runs} runs)` : ""} ${fmt(t.threads2[cell])} ms (2 threads), ${fmt(t.threads1[cell])} ms (1 thread); PyTorch/ours ${fmt(t.threads2[cell] / e.fused, 1)}` : t?.note ? `; PyTorch ${t.note}` : '';
    const what = e.fused === null ? "tfjs op graph only (beyond the fused kernel's limits)" : `fused kernel${e.ops ? `; tfjs op graph + autodiff: ${fmt(e.ops)} ms (${fmt(e.ops / e.fused)}×)` : ''}`;
    return [`epoch ms, ${cell} (${backend}${shape === 'seed' ? '' : `, ${shape}`})`, fmt(e.fused ?? e.ops), `${what}${e.note ? `; ${e.note}` : ''}${backend === 'webgpu' || shape !== 'seed' ? '' : torch}`];
  }),
  ...Object.entries(results.timeToTargetByData).flatMap(([label, e]) => [
    [`time to target, seed (${label})`, fmt(e.seed?.s, 2) + ' s', `MSE ≤ ${e.target.toFixed(4)} (persistence ${e.persistence.toFixed(4)}) at epoch ${e.seed?.epoch ?? '—'}; ${fmt(e.seedMsPerEpoch)} ms/epoch; N,T,F,H,batch ${e.shapes.seed}`],
    [`time to target, fast (${label})`, fmt(e.fast?.s, 2) + ' s', e.fast ? `epoch ${e.fast.epoch}; N,T,F,H,batch ${e.shapes.fast}` : `not reached in ${e.fastEpochs} epochs (best ${e.fastBest.toFixed(4)})`],
  ]),
  ...(!PARTS.has('longtasks') ? [] : [['long tasks while training', String(results.longTasks ?? '—'), `total ${fmt(results.longTaskMs?.total, 0)} ms, max ${fmt(results.longTaskMs?.max, 0)} ms (${(results.longTaskAt ?? []).join(', ') || 'none'} after the click); fast preset in index.html (software compositing), ${fmt(results.trainerRun?.seconds, 1)} s, ${results.trainerRun?.epoch} epochs`]]),
  ...(!PARTS.has('longtasks') ? [] : [['frame time while training, p95 ms', fmt(results.frames?.p95), `max ${fmt(results.frames?.max)} ms over ${results.frames?.frames} frames`], ['fast preset epoch in the page ms', fmt(results.miniBatchEpochMs), 'mini-batches of the fast preset, click to done ÷ epochs (the trainer loop included)']]),
  ...Object.entries(results.loop ?? {}).map(([p, l]) => [`trainer epoch ÷ kernel epoch, ${p}`, fmt(l.ratio, 2), `Trainer ${fmt(l.trainerMs, 2)} ms, bare fused pass ${fmt(l.kernelMs, 2)} ms per epoch (${l.epochs} epochs, ${l.backend}; generated seed-shaped table)`]),
  ...(!PARTS.has('threads') || !results.threads ? [] : [['seed epoch, 1 thread ÷ kernel threads', fmt(results.threads.speedup, 2), `${results.threads.threads} threads: ${fmt(results.threads.splitMs, 2)} ms vs 1 thread ${fmt(results.threads.oneThreadMs, 2)} ms (medians of ${results.threads.epochs} interleaved epochs, wasm; weights apart by ${results.threads.maxWeightError.toExponential(1)}; load ${results.threads.load})${results.threads.note ? `; ${results.threads.note}` : ''}`]]),
  ...(!PARTS.has('page') ? [] : [['JS before the first section, kB gzip', fmt(results.initialJs?.kbGz), results.initialJs?.files.join(', ') ?? '']]),
  ...(!PARTS.has('slider') ? [] : [['slider-to-paint ms', fmt(results.sliderMs), 'median, bench-slider.mjs (software compositing)']]),
  ...(!PARTS.has('parse') ? [] : [['200k-row CSV parse ms', fmt(results.parseMs, 0), `median, bench-parse.mjs (Node); papaparse's bare parse ${fmt(results.papaMs, 0)} ms, ratio ${fmt(results.parseRatio, 2)} (same runs)`]]),
];
const table = [
  `| ${rows[0].join(' | ')} |`,
  `| --- | ---: | --- |`,
  ...rows.slice(1).map((r) => `| ${r.join(' | ')} |`),
].join('\n');
const machineText = [
  `- date: ${machine.date}; run took ${machine.seconds.toFixed(0)} s`,
  `- machine: ${machine.nproc} × ${machine.cpu}; memory ${machine.memory}`,
  `- load average (1/5/15 min) at start: ${machine.load[0]}; at end: ${machine.load[1]}`,
  `- Chromium ${machine.chromium} (headless${GPU ? ', --gpu flags' : ', SwiftShader flags'}), Node ${machine.node}; training backend for time-to-target: ${results.trainBackend}; wasm ${JSON.stringify(results.wasmFlags)}`,
  `- WebGPU adapter: ${results.adapter ? `${JSON.stringify(results.adapter)}${results.adapter.software ? ' (software: SwiftShader on the CPU)' : ''}` : 'none'}; epoch shapes: ${results.shapes.join(', ')}`,
].join('\n');
console.log(`${machineText}\n\n${table}`);

if (WRITE) {
  const file = join(root, 'BENCHMARKS.md');
  const text = readFileSync(file, 'utf8');
  const begin = '<!-- bench:results:begin -->';
  const end = '<!-- bench:results:end -->';
  const i = text.indexOf(begin);
  const j = text.indexOf(end);
  if (i < 0 || j < i) throw new Error(`BENCHMARKS.md lacks the ${begin} … ${end} markers`);
  const body = `${begin}\n<!-- generated by \`npm run bench -- --write\`; do not edit by hand -->\n\n${machineText}\n\n${table}\n\n${end}`;
  writeFileSync(file, text.slice(0, i) + body + text.slice(j + end.length));
  say('BENCHMARKS.md updated');
}

if (JSON_OUT) {
  const { epochMs, timeToTargetS, longTasks = null, sliderMs = null, parseMs = null, parseRatio = null, targetMse, epochMsTfjsOps, epochs, cellEpochMs, torch, adapter = null, shapes } = results;
  const page = { loop: results.loop ?? null, miniBatchEpochMs: results.miniBatchEpochMs ?? null, frameP95Ms: results.frames?.p95 ?? null, initialJsKbGz: results.initialJs?.kbGz ?? null, threadsSpeedup: results.threads?.speedup ?? null };
  console.log(
    JSON.stringify({ epochMs, timeToTargetS, longTasks, sliderMs, parseMs, parseRatio, ...page, targetMse, epochMsTfjsOps, epochs, cellEpochMs, torch, adapter, gpuFlags: GPU, shapes, load: machine.load }),
  );
}
