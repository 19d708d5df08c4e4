// The cells part of scripts/bench.mjs: the seed-shaped full-batch epoch of
// every cell (simple, LSTM, GRU) built as the trainer builds it, on wasm and
// cpu — and on webgpu when --backends names it and an adapter exists — on
// the fused kernel (wasm/cpu: fused-step.ts, fused-gated.ts; webgpu: the WGSL
// steps of src/engine/webgpu/) and, for the gated cells on wasm and webgpu,
// on tfjs's op graph + autodiff, from the same page (check.html →
// unrolledCheck.benchEpochs). On a hardware adapter also the large shape
// (N = 65,536, T = 64, H = 256, mini-batches of 1024: the epoch is the median
// step × 64) on webgpu and wasm. On a software adapter (SwiftShader) webgpu
// takes seconds a step: 2 steps, and 1 on the op graph, after one warm-up
// each, labelled.
import { EPOCH_SHAPES, median } from './bench-epochs.mjs';

const CELLS = ['rnn', 'lstm', 'gru'];

function plans(shapeName, { software, quick, largeSteps }) {
  if (shapeName === 'large') return { fused: { warmup: 1, epochs: largeSteps }, ops: { warmup: 1, epochs: largeSteps } };
  if (software) return { fused: { warmup: 1, epochs: 2 }, ops: { warmup: 1, epochs: 1 } };
  return quick ? { fused: { warmup: 2, epochs: 5 }, ops: { warmup: 1, epochs: 3 } } : { fused: { warmup: 3, epochs: 20 }, ops: { warmup: 1, epochs: 5 } };
}

/**
 * { 'cell/backend[/large]': { fused, ops, backend, epochs, fusedRan, note } }: ms per epoch
 * (fused null where the fused kernel did not run at that shape; ops only where measured).
 */
export async function measureCells({ checkPage, backends, gpu, quick, largeSteps, say }) {
  const out = {};
  const hardware = gpu.available && !gpu.software;
  const cellBackends = ['wasm', 'cpu', ...(backends.includes('webgpu') && gpu.available ? ['webgpu'] : [])];
  for (const backend of cellBackends) {
    const software = backend === 'webgpu' && gpu.software;
    const shapes = hardware && backend !== 'cpu' ? ['seed', 'large'] : ['seed'];
    const page = await checkPage(backend);
    try {
      for (const shapeName of shapes) {
        const { batch, ...shape } = EPOCH_SHAPES[shapeName];
        const stepsPerEpoch = Math.ceil(shape.N / batch);
        const plan = plans(shapeName, { software, quick, largeSteps });
        for (const cell of CELLS) {
          const run = (c) => page.evaluate((arg) => window.unrolledCheck.benchEpochs(arg), { ...shape, batch, cell, ...c });
          const r = await run(plan.fused);
          const epoch = (times) => median(times) * stepsPerEpoch;
          const per = stepsPerEpoch > 1 ? `median of ${r.times.length} steps × ${stepsPerEpoch} (batch ${batch})` : `median of ${r.times.length}`;
          const entry = { fused: r.fused ? epoch(r.times) : null, backend: r.backend, epochs: r.times.length, fusedRan: r.fused, note: `${per}${software ? `; software adapter (${gpu.description})` : ''}` };
          if (!r.fused) entry.ops = epoch(r.times);
          else if (cell !== 'rnn' && (backend === 'webgpu' || (backend === 'wasm' && shapeName === 'seed'))) entry.ops = epoch((await run({ ...plan.ops, fused: false })).times);
          const key = `${cell}/${backend}${shapeName === 'seed' ? '' : `/${shapeName}`}`;
          out[key] = entry;
          const f = (v) => (v === null || v === undefined ? '—' : v.toFixed(1));
          say(`${key}: fused ${f(entry.fused)} ms/epoch${entry.ops ? ` (tfjs op graph ${f(entry.ops)} ms)` : ''}; ${entry.note}`);
        }
      }
    } finally {
      await page.close();
    }
  }
  return out;
}
