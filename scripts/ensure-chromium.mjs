// Run before the e2e tests: make sure a Chromium exists. As root on a
// Debian/Ubuntu machine without one, install Debian's `chromium` and say so;
// otherwise stop with the one command the user must run.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { findChromium } from './chromium.mjs';

const found = await findChromium();
if (found) {
  console.log(`e2e: using Chromium at ${found}`);
  process.exit(0);
}

const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
const hasApt = existsSync('/usr/bin/apt-get');
if (isRoot && hasApt) {
  console.log('e2e: no Chromium found; installing Debian\'s "chromium" package with apt-get (running as root)…');
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', 'chromium'], { stdio: 'inherit', env });
  const after = await findChromium();
  if (!after) {
    console.error('e2e: apt-get installed chromium but no executable was found on the PATH.');
    process.exit(1);
  }
  console.log(`e2e: installed Chromium at ${after}`);
  process.exit(0);
}

console.error(
  [
    'e2e: no Chromium found. Install one and run the tests again:',
    hasApt ? '  sudo apt-get install -y chromium' : '  npx playwright install chromium',
    'or point $CHROMIUM at an existing Chromium or Chrome binary.',
  ].join('\n'),
);
process.exit(1);
