// The long soak: build, then run e2e/soak.spec.ts with SOAK_ROUNDS file
// loads (default 200: 100 backend switches, 20,000 epochs). `npm test` runs
// the same spec in its short form (20 loads). Prints the spec's readings.
// Usage: npm run soak [-- rounds]
import { spawnSync } from 'node:child_process';

const rounds = process.argv[2] ?? process.env.SOAK_ROUNDS ?? '200';
const env = { ...process.env, SOAK_ROUNDS: rounds };
const run = (cmd, args) => {
  const r = spawnSync(cmd, args, { stdio: 'inherit', env, shell: process.platform === 'win32' });
  if (r.status !== 0) process.exit(r.status ?? 1);
};
run('node', ['scripts/ensure-chromium.mjs']);
run('npx', ['vite', 'build', '--outDir', env.E2E_DIST ?? 'dist']);
run('npx', ['playwright', 'test', 'e2e/soak.spec.ts']);
