import '@tensorflow/tfjs-backend-cpu';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, test } from 'vitest';
import { chooseBackend, isSoftwareAdapter } from './backend.ts';
import { isBackendName } from './backends.ts';

describe('backend choice', () => {
  test('software WebGPU adapters are recognised', () => {
    expect(isSoftwareAdapter({ info: { architecture: 'swiftshader', vendor: 'google' } })).toBe(true);
    expect(isSoftwareAdapter({ info: { isFallbackAdapter: true } })).toBe(true);
    expect(isSoftwareAdapter({ isFallbackAdapter: true })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'mesa', architecture: 'llvmpipe' } })).toBe(true);
    expect(isSoftwareAdapter({ info: { vendor: 'nvidia', architecture: 'ampere' } })).toBe(false);
    expect(isBackendName('wasm')).toBe(true);
    expect(isBackendName('tpu')).toBe(false);
  });

  test('in Node, webgpu/wasm/webgl fail with reasons and tfjs ends on a working cpu backend', async () => {
    const r = await chooseBackend(null);
    expect(r.name).toBe('cpu');
    expect(r.reasons.map((line) => line.split(':')[0])).toEqual(['webgpu', 'wasm', 'webgl']);
    expect(tf.getBackend()).toBe('cpu');
    const t = tf.add(tf.scalar(2), tf.scalar(3));
    expect((await t.data())[0]).toBe(5);
    t.dispose();
  }, 60_000);

  test('a forced backend that fails falls through to the next usable one', async () => {
    const r = await chooseBackend('webgl');
    expect(r.name).toBe('cpu');
    expect(r.reasons[0]).toMatch(/^webgl: /);
    expect(tf.getBackend()).toBe('cpu');
  }, 60_000);
});
