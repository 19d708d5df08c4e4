// Proof that the unit suites need nothing outside the repository: copy the
// working tree (tracked and untracked, not ignored files) into a fresh
// temporary folder with no ../shared beside it, link node_modules, and run
// Vitest there with the data-folder variables unset. Used by .ci/run.
import { execFileSync, spawnSync } from 'node:child_process';
import { cpSync, mkdirSync, mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const outer = mkdtempSync(join(tmpdir(), 'unrolled-alone-'));
const copy = join(outer, 'repo');
const files = execFileSync('git', ['ls-files', '-z', '--cached', '--others', '--exclude-standard'], { cwd: root, encoding: 'utf8' })
  .split('\0')
  .filter(Boolean);
for (const f of files) {
  mkdirSync(dirname(join(copy, f)), { recursive: true });
  try {
    cpSync(join(root, f), join(copy, f));
  } catch {
    // a file deleted in the working tree but still in the index
  }
}
symlinkSync(join(root, 'node_modules'), join(copy, 'node_modules'), 'dir');
const env = { ...process.env };
for (const v of ['RNN_FIXTURES', 'GATED_FIXTURES', 'CSV_CASES']) delete env[v];
console.log(`unit tests in ${copy} (${files.length} files, nothing beside it)`);
const run = spawnSync('npx', ['vitest', 'run', ...process.argv.slice(2)], { cwd: copy, env, stdio: 'inherit' });
rmSync(outer, { recursive: true, force: true });
process.exit(run.status ?? 1);
