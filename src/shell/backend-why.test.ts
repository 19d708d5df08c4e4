// The badge's wording of the measured choice, a candidate that could not be
// timed or failed its self-test, a lost GPU device and the kernel threads, in both languages.
import { describe, expect, test } from 'vitest';
import type { BackendInUse, BackendRejection, MeasuredChoice } from '../train/backends.ts';
import { badgeText, choiceDetails, rejectionSentence, timingSentence } from './backend-why.ts';

const measured: MeasuredChoice = {
  timings: [
    { backend: 'wasm', msPerStep: 8.04, steps: 10, warmupMs: 30, note: '' },
    { backend: 'webgpu', msPerStep: 850, steps: 0, warmupMs: 850, note: 'warm-up step only' },
    { backend: 'cpu', msPerStep: null, steps: 0, warmupMs: 0, note: 'failed (out of memory)' },
  ],
  rejected: [],
  shape: { cell: 'lstm', N: 2717, rows: 2717, T: 7, F: 3, H: 50 },
  selfTestMs: 41.2,
  timingMs: 187.6,
  totalMs: 240.3,
};

describe('backend-why', () => {
  test('a timed figure, an upper bound from the warm-up alone (≤), a candidate not timed', () => {
    expect(timingSentence('wasm', measured, 'en')).toBe('wasm — 8.0 ms/step vs webgpu ≤850, cpu failed (out of memory)');
    expect(timingSentence('wasm', measured, 'zh')).toBe('wasm — 每步 8.0 毫秒，对比 webgpu ≤850、cpu 未能计时');
  });

  test('what was timed and what it cost', () => {
    const use: BackendInUse = { name: 'wasm', reason: 'measured', detail: '', skipped: [], measured };
    expect(choiceDetails(use, 'en')).toEqual(['timed on the lstm model (2717 rows a step, T = 7, F = 3, H = 50); self-tests 41 ms, timing 188 ms, 240 ms in all']);
    expect(choiceDetails(use, 'zh')).toEqual(['在 lstm 模型（每步 2717 行，T = 7，F = 3，H = 50）上测得；自检 41 毫秒，计时 188 毫秒，共 240 毫秒']);
  });

  test('a mismatch and a failed self-test, worded in each language', () => {
    const mismatch: BackendRejection = { backend: 'webgpu', code: 'mismatch', fields: ['step.W'], worst: 0.031, inputs: 'tiny', path: 'op graph', message: '' };
    expect(rejectionSentence(mismatch, 'en')).toBe('webgpu rejected: a training step differs from the Float64 reference (error 3.1e-2 in step.W, tiny inputs, op graph)');
    expect(rejectionSentence(mismatch, 'zh')).toBe('webgpu 被拒绝：一步训练与 Float64 参考结果不符（step.W 误差 3.1e-2，极小（×1/255）输入，tfjs 算子图）');
    const failed: BackendRejection = { backend: 'webgl', code: 'failed', fields: [], worst: Infinity, inputs: '', path: '', message: 'device lost' };
    expect(rejectionSentence(failed, 'zh')).toBe('webgl 被拒绝：自检出错（device lost）');
  });

  test('a lost device: the backend it moved to, and why', () => {
    const use: BackendInUse = { name: 'wasm', reason: 'device-lost', detail: '', skipped: [], lost: { backend: 'webgpu', message: 'destroyed' } };
    expect(badgeText(use, 'en')).toBe('wasm · webgpu device lost');
    expect(badgeText(use, 'zh')).toBe('wasm · webgpu 设备丢失');
    expect(choiceDetails(use, 'en')).toEqual(["webgpu's GPU device was lost (destroyed); training moved to wasm with the last epoch's weights"]);
  });

  test('the kernel threads a large batch is split across, in the badge’s tooltip', () => {
    const use: BackendInUse = { name: 'wasm', reason: 'requested', detail: '', skipped: [], threads: 2 };
    expect(choiceDetails(use, 'en')).toEqual([
      'batches with enough rows (the seed’s full batch) are split across 2 threads for the forward pass and BPTT, their gradients combined by rows',
    ]);
    expect(choiceDetails(use, 'zh')).toEqual(['行数足够多的批次（如原文预设的整批）拆给 2 个线程同时计算前向与 BPTT，再把梯度按行数合并']);
    expect(choiceDetails({ ...use, threads: 1 }, 'en')).toEqual([]);
    // The visible text stays the backend's (and its timings): the count is in the tooltip and data-threads.
    expect(badgeText(use, 'en')).toBe('wasm');
  });

  test('a backend asked for is just its name', () => {
    expect(badgeText({ name: 'cpu', reason: 'requested', detail: '', skipped: [] }, 'zh')).toBe('cpu');
  });
});
