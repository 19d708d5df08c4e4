// The fused step's own compute pipelines on tfjs's GPUDevice, sharing its
// buffers: a tensor's GPUBuffer is read where the backend keeps it
// (tensorMap, after uploadToGPU), outputs are ordinary tfjs tensors whose
// buffers the step fills by copies, and scratch buffers come from and go
// back to the backend's pool. tfjs's pending commands are submitted first,
// so the queue runs everything in program order.
import type { WebGPUBackend } from '@tensorflow/tfjs-backend-webgpu';
import type { TensorInfo } from '@tensorflow/tfjs-core';

// GPUBufferUsage / GPUShaderStage bits (the globals exist only where WebGPU does).
const USAGE = { COPY_SRC: 0x04, COPY_DST: 0x08, UNIFORM: 0x40, STORAGE: 0x80 } as const;
const COMPUTE_STAGE = 0x4;
export const STORAGE_USAGE = USAGE.STORAGE | USAGE.COPY_SRC | USAGE.COPY_DST;
const UNIFORM_USAGE = USAGE.UNIFORM | USAGE.COPY_DST;

export type Backend = WebGPUBackend;
/** How a pass binds each buffer: binding 0 is always the uniform block. */
export type Access = 'read' | 'write';

interface Pass {
  pipeline: GPUComputePipeline;
  layout: GPUBindGroupLayout;
}

const passes = new WeakMap<GPUDevice, Map<string, Pass>>();

/** The compiled pass for `key` (compiled once per device from `source()`). */
export function passFor(device: GPUDevice, key: string, access: readonly Access[], source: () => string): Pass {
  let byKey = passes.get(device);
  if (!byKey) passes.set(device, (byKey = new Map()));
  const found = byKey.get(key);
  if (found) return found;
  const layout = device.createBindGroupLayout({
    label: key,
    entries: [
      { binding: 0, visibility: COMPUTE_STAGE, buffer: { type: 'uniform' } },
      ...access.map((a, i) => ({ binding: i + 1, visibility: COMPUTE_STAGE, buffer: { type: a === 'read' ? ('read-only-storage' as const) : ('storage' as const) } })),
    ],
  });
  device.pushErrorScope('validation');
  const module = device.createShaderModule({ label: key, code: source() });
  const pipeline = device.createComputePipeline({
    label: key,
    layout: device.createPipelineLayout({ bindGroupLayouts: [layout] }),
    compute: { module, entryPoint: 'main' },
  });
  void device.popErrorScope().then((e) => {
    if (e) console.error(`[wgsl] ${key}: ${e.message}`);
  });
  const pass = { pipeline, layout };
  byKey.set(key, pass);
  return pass;
}

/** The GPUBuffer holding a tensor (uploaded first if its values are still on the CPU). */
export function bufferOf(backend: Backend, t: TensorInfo): GPUBuffer {
  backend.uploadToGPU(t.dataId);
  const resource = backend.tensorMap.get(t.dataId).resource;
  if (!(resource instanceof GPUBuffer)) throw new Error('fused WGSL step: tensor is not held in a GPUBuffer');
  return resource;
}

/** A new float32 tensor of `shape` with its GPUBuffer allocated (contents undefined until written). */
export function newOutput(backend: Backend, shape: number[]): { info: TensorInfo; buffer: GPUBuffer } {
  const info = backend.makeTensorInfo(shape, 'float32');
  return { info, buffer: bufferOf(backend, info) };
}

/** Scratch buffers of one call, from the backend's pool; back to it after submit(). */
export class Scratch {
  private readonly taken: GPUBuffer[] = [];
  constructor(private readonly backend: Backend) {}

  storage(floats: number): GPUBuffer {
    const b = this.backend.bufferManager.acquireBuffer(Math.max(4, floats) * 4, STORAGE_USAGE);
    this.taken.push(b);
    return b;
  }

  uniforms(data: ArrayBuffer): GPUBuffer {
    const b = this.backend.bufferManager.acquireBuffer(data.byteLength, UNIFORM_USAGE);
    this.backend.queue.writeBuffer(b, 0, data);
    this.taken.push(b);
    return b;
  }

  release(): void {
    for (const b of this.taken) this.backend.bufferManager.releaseBuffer(b);
    this.taken.length = 0;
  }
}

/** One compute dispatch: a pass, its buffers (after the uniforms) and the workgroup grid. */
export interface Dispatch {
  pass: Pass;
  buffers: readonly GPUBuffer[];
  groups: [number, number, number];
}

/** A buffer-to-buffer copy after the dispatches (offsets and sizes in floats). */
export interface Copy {
  from: GPUBuffer;
  fromFloat: number;
  to: GPUBuffer;
  floats: number;
}

/**
 * Submit tfjs's pending work, then the dispatches (one compute pass), the
 * copies and an optional clear of `clear` before everything, as one command buffer.
 */
export function submit(backend: Backend, uniforms: GPUBuffer, dispatches: readonly Dispatch[], copies: readonly Copy[], clear?: GPUBuffer): void {
  backend.ensureCommandEncoderReady();
  backend.endComputePassEncoder();
  backend.submitQueue();
  const device = backend.device;
  const encoder = device.createCommandEncoder({ label: 'unrolled fused step' });
  if (clear) encoder.clearBuffer(clear);
  const pass = encoder.beginComputePass();
  for (const d of dispatches) {
    const group = device.createBindGroup({
      layout: d.pass.layout,
      entries: [uniforms, ...d.buffers].map((buffer, binding) => ({ binding, resource: { buffer } })),
    });
    pass.setPipeline(d.pass.pipeline);
    pass.setBindGroup(0, group);
    pass.dispatchWorkgroups(...d.groups);
  }
  pass.end();
  for (const c of copies) encoder.copyBufferToBuffer(c.from, c.fromFloat * 4, c.to, 0, c.floats * 4);
  backend.queue.submit([encoder.finish()]);
}
