// Choice of the tfjs backend: webgpu on a hardware adapter, then wasm, webgl,
// cpu. A software WebGPU adapter (SwiftShader) is 10–40× slower than wasm, so
// it is used only when asked for. A failed initialisation falls through to the
// next backend with a reason, never leaving tfjs on a half-initialised one.
//
// tfjs-core plus the backends offered, each loaded when it is tried (cpu,
// the last resort and Node's backend, always).
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

import { BACKENDS, reasonFor, type BackendInUse, type BackendName } from './backends.ts';

export interface BackendChoiceResult {
  name: BackendName;
  /** One line per backend tried and skipped, and why. */
  reasons: string[];
  /** What the chosen backend runs on, e.g. "SIMD, 2 threads" for wasm or the adapter for webgpu. */
  detail: string;
  /** Asked for and working, automatic, or a fallback after the one asked for failed. */
  reason: BackendInUse['reason'];
}

interface GpuAdapterLike {
  info?: { architecture?: string; vendor?: string; isFallbackAdapter?: boolean };
  isFallbackAdapter?: boolean;
}

/** True when the adapter is a software rasteriser rather than a GPU. */
export function isSoftwareAdapter(adapter: GpuAdapterLike): boolean {
  const info = adapter.info ?? {};
  if (adapter.isFallbackAdapter || info.isFallbackAdapter) return true;
  const text = `${info.architecture ?? ''} ${info.vendor ?? ''}`.toLowerCase();
  return /swiftshader|llvmpipe|software/.test(text);
}

let webgpuDetail = '';

async function webgpuUsable(forced: boolean): Promise<string | null> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<GpuAdapterLike | null> } })?.gpu;
  if (!gpu) return 'navigator.gpu is not available';
  const adapter = (await gpu.requestAdapter()) as GpuAdapterLike | null;
  if (!adapter) return 'no WebGPU adapter';
  const info = adapter.info ?? {};
  const software = isSoftwareAdapter(adapter);
  webgpuDetail = `${[info.vendor, info.architecture].filter(Boolean).join(' ') || 'adapter'}${software ? ' (software, forced)' : ''}`;
  if (!forced && software) return 'WebGPU adapter is a software fallback (slower than wasm)';
  return null;
}

type WasmModule = typeof import('@tensorflow/tfjs-backend-wasm');
let wasmModule: Promise<WasmModule> | null = null;

/** The wasm backend, registered, with its binaries served from this site. */
function loadWasm(): Promise<WasmModule> {
  wasmModule ??= import('@tensorflow/tfjs-backend-wasm').then((m) => {
    m.setWasmPaths({
      'tfjs-backend-wasm.wasm': wasmPlain,
      'tfjs-backend-wasm-simd.wasm': wasmSimd,
      'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
    });
    return m;
  });
  return wasmModule;
}

/**
 * Which wasm build runs: SIMD, and threads (the threaded binary needs
 * cross-origin isolation). tfjs sizes its XNNPACK pool to half the logical
 * cores (at most 8), so a 2-core machine runs the threaded binary on 1 thread.
 */
async function wasmDetail(): Promise<string> {
  const { getThreadsCount } = await loadWasm();
  const simd = await tf.env().getAsync('WASM_HAS_SIMD_SUPPORT');
  const threads = await tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT');
  const isolated = (globalThis as { crossOriginIsolated?: boolean }).crossOriginIsolated === true;
  return [
    simd ? 'SIMD' : 'no SIMD',
    threads ? `${getThreadsCount()} thread${getThreadsCount() === 1 ? '' : 's'}` : `1 thread${isolated ? '' : ' (page not cross-origin isolated)'}`,
  ].join(', ');
}

async function describe(name: BackendName): Promise<string> {
  if (name === 'wasm') return wasmDetail();
  if (name === 'webgpu') return webgpuDetail;
  return '';
}

export interface ChooseOptions {
  /**
   * false: the single-threaded wasm build even where the page is
   * cross-origin isolated (the training worker: its models are too small for
   * XNNPACK's thread pool to pay).
   */
  wasmThreads?: boolean;
}

/** Register backend `name` with tfjs (the module that defines it is loaded the first time). */
async function register(name: BackendName, opts: ChooseOptions): Promise<void> {
  if (name === 'webgpu') await import('@tensorflow/tfjs-backend-webgpu');
  else if (name === 'webgl') await import('@tensorflow/tfjs-backend-webgl');
  else if (name === 'wasm') {
    await loadWasm(); // registers the WASM_* flags
    if (opts.wasmThreads === false) tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  }
}

async function tryBackend(name: BackendName, forced: boolean, opts: ChooseOptions): Promise<string | null> {
  try {
    if (name === 'webgpu') {
      const why = await webgpuUsable(forced);
      if (why) return why;
    }
    await register(name, opts);
    const ok = await tf.setBackend(name);
    if (!ok) return `tf.setBackend('${name}') returned false`;
    await tf.ready();
    // A tiny op proves the backend really computes.
    const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
    const [v] = await probe.data();
    probe.dispose();
    if (v !== 3) return `${name} computed 1 + 2 = ${v}`;
    return null;
  } catch (err) {
    return `${name} failed to initialise: ${(err as Error).message ?? String(err)}`;
  }
}

/**
 * Initialise tfjs on the best backend, or on `requested` when given (falling
 * through the usual order if it fails).
 */
export async function chooseBackend(requested?: BackendName | null, opts: ChooseOptions = {}): Promise<BackendChoiceResult> {
  const reasons: string[] = [];
  const order = requested ? [requested, ...BACKENDS.filter((b) => b !== requested)] : BACKENDS;
  for (const name of order) {
    const why = await tryBackend(name, name === requested, opts);
    if (why === null) return { name, reasons, detail: await describe(name).catch(() => ''), reason: reasonFor(name, requested ?? null) };
    reasons.push(`${name}: ${why}`);
    console.info(`[backend] skipped ${name}: ${why}`);
  }
  throw new Error(`no tfjs backend could be initialised:\n${reasons.join('\n')}`);
}
