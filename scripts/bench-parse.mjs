// Parse time of a generated 200,000-row, 7-column CSV in Node.
// Usage: node scripts/bench-parse.mjs [runs]   (default 3)
// Last line: {"parseMs": median wall ms, "rows": 200000, "cpuMs": median CPU ms,
//   "papaMs": papaparse's bare parse of the same file (median), "papaDelimiterMs": the same with ',' given,
//   "ratio": median over runs of parseMs / papaMs (each run times both, so load hits both alike), …}
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
  const { benchParse, benchPapaparse, BENCH_ROWS } = await server.ssrLoadModule('/src/data/parse-bench.ts');
  const times = [];
  const papa = [];
  const papaDelimiter = [];
  const ratios = [];
  benchPapaparse(BENCH_ROWS); // warm-up of papaparse's code
  const cpu = [];
  let rows = 0;
  let bytes = 0;
  for (let i = 0; i < runs; i++) {
    const p = benchPapaparse(BENCH_ROWS);
    const r = benchParse(BENCH_ROWS);
    times.push(r.ms);
    papa.push(p.bareMs);
    papaDelimiter.push(p.delimiterMs);
    ratios.push(r.ms / p.bareMs);
    if (r.cpuMs !== null) cpu.push(r.cpuMs);
    rows = r.rows;
    bytes = r.bytes;
    console.error(`run ${i + 1}: ${r.ms.toFixed(1)} ms wall, ${r.cpuMs?.toFixed(1)} ms CPU; papaparse bare ${p.bareMs.toFixed(1)} ms, with the delimiter ${p.delimiterMs.toFixed(1)} ms`);
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const round = (x) => Math.round(x * 10) / 10;
  console.log(
    JSON.stringify({
      parseMs: round(median(times)),
      rows,
      bytes,
      cpuMs: cpu.length ? round(median(cpu)) : null,
      papaMs: round(median(papa)),
      papaDelimiterMs: round(median(papaDelimiter)),
      ratio: Math.round(median(ratios) * 100) / 100,
      runsMs: times.map(round),
      runsCpuMs: cpu.map(round),
    }),
  );
} finally {
  await server.close();
}
