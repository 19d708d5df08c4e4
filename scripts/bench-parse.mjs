// Parse time of a generated 200,000-row, 7-column CSV in Node.
// Usage: node scripts/bench-parse.mjs [runs]   (default 3)
// Last line: {"parseMs": median wall ms, "rows": 200000, "cpuMs": median CPU ms, …}
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
  const cpu = [];
  let rows = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const r = benchParse(BENCH_ROWS);
    times.push(r.ms);
    if (r.cpuMs !== null) cpu.push(r.cpuMs);
    rows = r.rows;
    bytes = r.bytes;
    console.error(`run ${i + 1}: ${r.ms.toFixed(1)} ms wall, ${r.cpuMs?.toFixed(1)} ms CPU`);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const round = (x) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify({
      parseMs: round(median(times)),
      rows,
      bytes,
      cpuMs: cpu.length ? round(median(cpu)) : null,
      runsMs: times.map(round),
      runsCpuMs: cpu.map(round),
    }),
  );
} finally {
  await server.close();
}
