// The thread count travels with the backend only where the fused kernels split batches.
import { expect, test } from 'vitest';
import type { BackendInUse } from './backends.ts';
import { withKernelThreads } from './kernel-threads.ts';

const use = (name: BackendInUse['name']): BackendInUse => ({ name, reason: 'auto', detail: '', skipped: [] });

test('wasm and cpu report their threads; webgpu, webgl and one thread keep the object as it is', () => {
  expect(withKernelThreads(use('wasm'), 2).threads).toBe(2);
  expect(withKernelThreads(use('cpu'), 3).threads).toBe(3);
  for (const name of ['webgpu', 'webgl'] as const) {
    const u = use(name);
    expect(withKernelThreads(u, 2)).toBe(u);
  }
  const one = use('wasm');
  expect(withKernelThreads(one, 1)).toBe(one);
  expect(withKernelThreads(one)).toBe(one); // Node: no kernel threads
});
