// Finding a Chromium for the e2e tests and the benchmark:
// $CHROMIUM, then chromium / chromium-browser / google-chrome on the PATH,
// then a browser Playwright downloaded itself, if any.
import { accessSync, constants, existsSync } from 'node:fs';
import { delimiter, join } from 'node:path';

const NAMES = ['chromium', 'chromium-browser', 'google-chrome', 'google-chrome-stable'];

function executable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir && executable(join(dir, name))) return join(dir, name);
  }
  return null;
}

async function playwrightOwn() {
  try {
    const { chromium } = await import('@playwright/test');
    const path = chromium.executablePath();
    return path && existsSync(path) ? path : null;
  } catch {
    return null;
  }
}

/** Path of a Chromium to drive, or null. */
export async function findChromium() {
  if (process.env.CHROMIUM) {
    if (executable(process.env.CHROMIUM)) return process.env.CHROMIUM;
    throw new Error(`$CHROMIUM is set to ${process.env.CHROMIUM}, which is not an executable file`);
  }
  for (const n of NAMES) {
    const p = onPath(n);
    if (p) return p;
  }
  return playwrightOwn();
}

/** Flags for headless Chromium here: WebGPU on SwiftShader, no background traffic. */
export const CHROMIUM_ARGS = [
  '--enable-unsafe-webgpu',
  '--enable-features=Vulkan',
  '--use-vulkan=swiftshader',
  '--use-angle=swiftshader',
  '--no-sandbox',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-quic',
  '--no-first-run',
  '--disable-sync',
];
