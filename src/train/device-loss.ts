// Watching the GPU device of tfjs's webgpu backend in the training worker.
// A device can be lost at any time (a driver reset, the GPU process crashing,
// the tab backgrounded on some systems, or `device.destroy()`); tfjs itself
// does not watch `device.lost`, and every later read-back fails. The session
// hears of it here and moves training to the next backend with the weights
// of the last finished epoch (the trainer's checkpoints live on the CPU).
import * as tf from '@tensorflow/tfjs-core';

interface WithDevice {
  device: GPUDevice;
}

const watched = new WeakSet<GPUDevice>();
const lost = new WeakSet<GPUDevice>();
let lastDevice: GPUDevice | null = null;

/** tfjs's GPUDevice when webgpu is the active backend, else null. */
export function webgpuDevice(): GPUDevice | null {
  if (tf.getBackend() !== 'webgpu') return null;
  return (tf.backend() as unknown as WithDevice).device ?? null;
}

/** Call `onLost` (once) when the active webgpu backend's device is lost, with how ("destroyed", or the browser's message). */
export function watchDeviceLoss(onLost: (message: string) => void): void {
  const device = webgpuDevice();
  if (!device || watched.has(device)) return;
  watched.add(device);
  lastDevice = device;
  void device.lost.then((info) => {
    lost.add(device);
    onLost([info.reason, info.message].filter(Boolean).join(': ') || 'unknown');
  });
}

/**
 * Whether the last watched device is lost, waiting up to `waitMs` for its
 * lost promise: a failed read-back can reject before the loss is reported.
 */
export async function deviceLost(waitMs = 500): Promise<boolean> {
  const device = lastDevice;
  if (!device) return false;
  if (lost.has(device)) return true;
  const gone = await Promise.race([device.lost.then(() => true), new Promise<boolean>((r) => setTimeout(() => r(false), waitMs))]);
  return gone;
}

/** Test hook (e2e, through the worker's `unrolledTest`): destroy the webgpu device, which reports itself lost ("destroyed"). */
export function loseWebgpuDevice(): boolean {
  const device = webgpuDevice();
  if (!device) return false;
  device.destroy();
  return true;
}
