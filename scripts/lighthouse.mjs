#!/usr/bin/env node
// Lighthouse, mobile preset (simulated 4× CPU slowdown, slow 4G), against a
// build served by `vite preview`.
//
//   node scripts/lighthouse.mjs [--dist dist] [--runs 3] [--path '?lang=en'] [--save report.json]
//
// Builds nothing: serve an existing build (`npx vite build --outDir dist`).
// Prints one line per run and, last, JSON with the median of each figure:
// {"performance": 0.97, "tbtMs": …, "mainThreadMs": …, "styleLayoutMs": …,
//  "lcpMs": …, "ttiMs": …, "fcpMs": …, "cls": …, "runs": [...]}
// Uses the pinned dev dependency `lighthouse` and the Chromium that
// scripts/chromium.mjs finds (CHROME_PATH is set for it).
import { existsSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as chromeLauncher from 'chrome-launcher';
import lighthouse from 'lighthouse';
import { findChromium } from './chromium.mjs';
import { servePreview } from './preview-server.mjs';

function arg(name, fallback) {
  const i = process.argv.indexOf(`--${name}`);
  return i >= 0 && process.argv[i + 1] !== undefined ? process.argv[i + 1] : fallback;
}

const dist = resolve(arg('dist', 'dist'));
const runs = Math.max(1, Number(arg('runs', 3)) | 0);
const path = arg('path', '?lang=en');
const save = arg('save', null);
if (!existsSync(resolve(dist, 'index.html'))) {
  console.error(`no build in ${dist} (run \`npx vite build --outDir ${dist}\` first)`);
  process.exit(2);
}

/** Median of the runs that have the figure (NaN: none has). */
const median = (xs) => {
  const s = xs.filter(Number.isFinite).sort((a, b) => a - b);
  return s.length ? s[Math.floor(s.length / 2)] : NaN;
};

/** The figures the issue tracks, from one Lighthouse result. */
function figures(lhr) {
  const a = lhr.audits;
  const breakdown = a['mainthread-work-breakdown']?.details?.items ?? [];
  const group = (g) => breakdown.find((i) => i.group === g)?.duration ?? 0;
  // An audit Lighthouse could not compute in a run (it happens under load) is NaN there, not a crash of the whole series.
  const value = (id) => a[id]?.numericValue ?? NaN;
  return {
    performance: lhr.categories.performance.score ?? NaN,
    tbtMs: Math.round(value('total-blocking-time')),
    mainThreadMs: Math.round(value('mainthread-work-breakdown')),
    styleLayoutMs: Math.round(group('styleLayout')),
    scriptMs: Math.round(group('scriptEvaluation')),
    lcpMs: Math.round(value('largest-contentful-paint')),
    ttiMs: Math.round(value('interactive')),
    fcpMs: Math.round(value('first-contentful-paint')),
    cls: Number(value('cumulative-layout-shift').toFixed(4)),
    transferKb: Math.round(value('total-byte-weight') / 1024),
  };
}

const server = await servePreview(dist, { timeoutMs: 30000 });
const chromePath = process.env.CHROME_PATH ?? (await findChromium());
const out = [];
try {
  for (let r = 0; r < runs; r++) {
    const chrome = await chromeLauncher.launch({ chromePath, chromeFlags: ['--headless=new', '--no-sandbox', '--disable-gpu'] });
    try {
      const result = await lighthouse(`${server.base}${path}`, { port: chrome.port, output: 'json', onlyCategories: ['performance'], logLevel: 'error' });
      const f = figures(result.lhr);
      out.push(f);
      console.error(`run ${r + 1}: ${JSON.stringify(f)}`);
      if (save && r === runs - 1) writeFileSync(save, result.report);
    } finally {
      await chrome.kill();
    }
  }
} finally {
  server.stop();
}
const keys = Object.keys(out[0]);
console.log(JSON.stringify({ ...Object.fromEntries(keys.map((k) => [k, median(out.map((o) => o[k]))])), runs: out }));
