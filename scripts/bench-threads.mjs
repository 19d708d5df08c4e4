// The "all cores" figure of issue 16, for bench.mjs: the seed-shaped
// full-batch epoch (N = 2717, T = 7, F = 3, H = 50, tanh, SGD + momentum) on
// wasm in check.html's threads worker, one copy of the model on one thread and
// one split across the kernel threads (src/engine/parallel/), epochs
// interleaved in the same run; medians, their ratio, the load average then,
// and how far the two copies' weights drifted apart (field-scaled).
import { loadavg } from 'node:os';

const median = (xs) => [...xs].sort((a, b) => a - b)[xs.length >> 1];

export async function measureThreads(page, { quick = false } = {}) {
  const loadBefore = loadavg().map((v) => v.toFixed(2)).join(' ');
  const r = await page.evaluate((c) => window.unrolledCheck.threadsBench(c), { backend: 'wasm', N: 2717, T: 7, F: 3, H: 50, warmup: 3, epochs: quick ? 10 : 40 });
  const one = median(r.oneThreadMs);
  const split = median(r.splitMs);
  return {
    threads: r.threads,
    note: r.note,
    oneThreadMs: one,
    splitMs: split,
    speedup: r.threads > 1 ? one / split : null,
    epochs: r.splitMs.length,
    maxWeightError: r.maxWeightError,
    load: `${loadBefore} → ${loadavg().map((v) => v.toFixed(2)).join(' ')}`,
  };
}
