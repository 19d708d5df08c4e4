// Parse time of a generated 200,000-row, 7-column CSV in Node.
// Usage: node scripts/bench-parse.mjs [runs]   (default 3; prints the median)
// Loads the TypeScript module through Vite's SSR loader (no build step).
import { fileURLToPath } from 'node:url';
import { createServer } from 'vite';

const root = fileURLToPath(new URL('..', import.meta.url));
const runs = Math.max(1, Number(process.argv[2] ?? 3) | 0);
const server = await createServer({
  root,
  configFile: false,
  logLevel: 'error',
  appType: 'custom',
  server: { middlewareMode: true, hmr: false, ws: false },
  optimizeDeps: { noDiscovery: true, entries: [] },
});
try {
  const { benchParse, BENCH_ROWS } = await server.ssrLoadModule('/src/data/parse-bench.ts');
  const times = [];
  let rows = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const r = benchParse(BENCH_ROWS);
    times.push(r.ms);
    rows = r.rows;
    bytes = r.bytes;
    console.error(`run ${i + 1}: ${r.ms.toFixed(1)} ms`);
  }
  const sorted = [...times].sort((a, b) => a - b);
  const median = sorted[Math.floor(sorted.length / 2)];
  console.log(JSON.stringify({ parseMs: Math.round(median * 10) / 10, rows, bytes, runsMs: times.map((t) => Math.round(t * 10) / 10) }));
} finally {
  await server.close();
}
