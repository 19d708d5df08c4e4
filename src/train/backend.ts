// Choice of the tfjs backend: webgpu on a hardware adapter, then wasm, webgl,
// cpu. A software WebGPU adapter (SwiftShader) is 10–40× slower than wasm, so
// it is used only when asked for. A failed initialisation falls through to the
// next backend with a reason, never leaving tfjs on a half-initialised one.
import * as tf from '@tensorflow/tfjs';
import { getThreadsCount, setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmPlain from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimd from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreaded from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';

export type BackendName = 'webgpu' | 'wasm' | 'webgl' | 'cpu';
export const BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

export interface BackendChoiceResult {
  name: BackendName;
  /** One line per backend tried and skipped, and why. */
  reasons: string[];
  /** What the chosen backend runs on, e.g. "SIMD, 2 threads" for wasm or the adapter for webgpu. */
  detail: string;
}

export function isBackendName(v: unknown): v is BackendName {
  return typeof v === 'string' && (BACKEND_ORDER as readonly string[]).includes(v);
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

/**
 * Which wasm build runs: SIMD, and threads (the threaded binary needs
 * cross-origin isolation). tfjs sizes its XNNPACK pool to half the logical
 * cores (at most 8), so a 2-core machine runs the threaded binary on 1 thread.
 */
async function wasmDetail(): Promise<string> {
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

let wasmPathsSet = false;
function prepareWasm(): void {
  if (wasmPathsSet) return;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmPlain,
    'tfjs-backend-wasm-simd.wasm': wasmSimd,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreaded,
  });
  wasmPathsSet = true;
}

async function tryBackend(name: BackendName, forced: boolean): Promise<string | null> {
  try {
    if (name === 'webgpu') {
      const why = await webgpuUsable(forced);
      if (why) return why;
      await import('@tensorflow/tfjs-backend-webgpu');
    }
    if (name === 'wasm') prepareWasm();
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
export async function chooseBackend(requested?: BackendName | null): Promise<BackendChoiceResult> {
  const reasons: string[] = [];
  const order = requested ? [requested, ...BACKEND_ORDER.filter((b) => b !== requested)] : BACKEND_ORDER;
  for (const name of order) {
    const why = await tryBackend(name, name === requested);
    if (why === null) return { name, reasons, detail: await describe(name).catch(() => '') };
    reasons.push(`${name}: ${why}`);
    console.info(`[backend] skipped ${name}: ${why}`);
  }
  throw new Error(`no tfjs backend could be initialised:\n${reasons.join('\n')}`);
}
