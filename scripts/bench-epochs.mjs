// The epoch part of scripts/bench.mjs: per backend and per shape, the epoch
// on the fused kernel (wasm/cpu: fused-step.ts; webgpu: the WGSL step) and on
// tfjs's op graph + autodiff, from the same page, through
// check.html → unrolledCheck.benchEpochs.
//
// Shapes: seed = the seed experiment's full-batch epoch (N = 2717, T = 7,
// F = 3, H = 50); large = N = 65,536 windows, T = 64, H = 256 in mini-batches
// of 1024 (64 steps an epoch): its epoch is the median step × 64, from
// --large-steps timed steps after one warm-up step.

export const EPOCH_SHAPES = {
  seed: { N: 2717, T: 7, F: 3, H: 50, batch: 2717 },
  large: { N: 65536, T: 64, F: 3, H: 256, batch: 1024 },
};

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b);
  if (!s.length) return NaN;
  const m = s.length >> 1;
  return s.length % 2 ? s[m] : (s[m - 1] + s[m]) / 2;
};

function plans(backend, shapeName, { software, quick, largeSteps }) {
  if (shapeName === 'large') return { fused: { warmup: 1, epochs: largeSteps }, ops: { warmup: 1, epochs: largeSteps } };
  if (software) return { fused: { warmup: 1, epochs: 3 }, ops: { warmup: 1, epochs: 2 } };
  const slow = backend === 'webgl' || backend === 'cpu';
  if (quick) return { fused: { warmup: 2, epochs: 5 }, ops: { warmup: 2, epochs: 5 } };
  return { fused: { warmup: 3, epochs: slow ? 20 : 30 }, ops: { warmup: 3, epochs: backend === 'cpu' ? 5 : 20 } };
}

/**
 * { epochs: { [backend]: { [shape]: { fused, opGraph, fusedRan, steps, note } } } }:
 * ms per epoch (null when not measured), whether the fused kernel really ran
 * at that shape (false beyond its limits), and how many steps were timed.
 */
export async function measureEpochs({ checkPage, backends, shapes, gpu, quick, largeSteps, say }) {
  const epochs = {};
  for (const backend of backends) {
    epochs[backend] = {};
    if (backend === 'webgpu' && !gpu.available) {
      for (const s of shapes) epochs[backend][s] = { fused: null, opGraph: null, fusedRan: false, steps: 0, note: `no adapter (${gpu.description})` };
      continue;
    }
    const software = backend === 'webgpu' && gpu.software;
    const page = await checkPage(backend);
    try {
      for (const shapeName of shapes) {
        const shape = EPOCH_SHAPES[shapeName];
        const stepsPerEpoch = Math.ceil(shape.N / shape.batch);
        const plan = plans(backend, shapeName, { software, quick, largeSteps });
        const entry = { fused: null, opGraph: null, fusedRan: false, steps: 0, note: '' };
        epochs[backend][shapeName] = entry;
        const run = (c) => page.evaluate((arg) => window.unrolledCheck.benchEpochs(arg), { ...shape, ...c });
        try {
          const r = await run(plan.fused);
          if (r.backend !== backend) {
            entry.note = `unavailable (fell back to ${r.backend})`;
            continue;
          }
          entry.fusedRan = r.fused;
          entry.steps = r.times.length;
          const epoch = median(r.times) * stepsPerEpoch;
          if (r.fused) entry.fused = epoch;
          else entry.opGraph = epoch; // no fused path here (webgl, or beyond the kernel's limits)
          if (r.fused) entry.opGraph = median((await run({ ...plan.ops, fused: false })).times) * stepsPerEpoch;
          const per = stepsPerEpoch > 1 ? `median of ${r.times.length} steps × ${stepsPerEpoch} steps (batch ${shape.batch})` : `median of ${r.times.length} after ${plan.fused.warmup} warm-up`;
          entry.note = `${per}${r.fused ? '' : '; op graph only'}${software ? `; software adapter (${gpu.description})` : ''}`;
        } catch (e) {
          entry.note = `failed: ${String(e.message).split('\n')[0]}`;
        }
        const f = (v) => (v === null ? '—' : v.toFixed(1));
        say(`${backend} ${shapeName}: fused ${f(entry.fused)} ms, op graph ${f(entry.opGraph)} ms per epoch (${entry.note})`);
      }
    } finally {
      await page.close();
    }
  }
  return epochs;
}
