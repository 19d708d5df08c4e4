// Serve a built folder with `vite preview` on a free local port, for the
// benchmark scripts (bench.mjs, bench-slider.mjs).
//
//   const server = await servePreview(dist, { waitFor: 'check.html' });
//   … fetch / open `${server.base}…` …
//   server.stop();
//
// The server runs in its own process group and is also stopped when this
// process exits.
import { spawn } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** A TCP port that was free a moment ago on 127.0.0.1. */
export function freePort() {
  return new Promise((res, rej) => {
    const srv = createServer();
    srv.on('error', rej);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => res(port));
    });
  });
}

/** Resolve once `url` answers with a 2xx status; reject after `ms`. */
export async function waitForServer(url, ms = 60000) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(url)).ok) return;
    } catch {
      /* not up yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`preview server did not answer at ${url}`);
}

/**
 * Start `vite preview` on `dist` and wait until `waitFor` (a path under the
 * site root) answers. Options: `waitFor` (default ''), `timeoutMs` (default
 * 60000), `stderr` ('inherit' to pass the server's errors through, default
 * 'ignore'). Returns { base, port, stop }.
 */
export async function servePreview(dist, { waitFor = '', timeoutMs = 60000, stderr = 'ignore' } = {}) {
  const port = await freePort();
  const child = spawn('npx', ['vite', 'preview', '--outDir', dist, '--host', '127.0.0.1', '--port', String(port), '--strictPort'], {
    cwd: root,
    stdio: ['ignore', 'ignore', stderr],
    detached: true,
  });
  const stop = () => {
    try {
      process.kill(-child.pid, 'SIGTERM');
    } catch {
      /* already gone */
    }
  };
  process.on('exit', stop);
  const base = `http://127.0.0.1:${port}/`;
  try {
    await waitForServer(`${base}${waitFor}`, timeoutMs);
  } catch (e) {
    stop();
    throw e;
  }
  return { base, port, stop };
}
