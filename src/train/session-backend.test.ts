import '@tensorflow/tfjs-backend-cpu';
// The session's side of the measured choice: with no backend asked for, the
// model the trainer is about to build is timed first (the backend message
// comes between the dataset and the trainer's status, reason 'measured'),
// the choice is kept while the shape stays close and made again when it
// changes enough; a backend asked for is never timed.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { timingReason } from '../engine/timing-text.ts';
import type { BackendName } from './backends.ts';
import { MeasuredBackend, type ChoiceDeps } from './measured-choice.ts';
import { presetSettings } from './presets.ts';
import type { FromWorker } from './protocol.ts';
import { TrainingSession } from './session.ts';
import type { TrainConfig } from './config.ts';

const PUBLIC = resolve(import.meta.dirname, '../../public');

/** cpu really computes (Node); "wasm" is a fake that times slower, so cpu must win. */
function deps(timed: string[][]): ChoiceDeps {
  return {
    init: async (name) => (name === 'cpu' || name === 'wasm' ? ((await tf.setBackend('cpu')), null) : `${name} is not here`),
    describe: async () => '',
    selfTest: async () => ({ backend: 'cpu', ok: true, code: 'ok', reason: '', worst: 0, cases: [], ms: 1 }),
    time: async (shape, candidates) => {
      timed.push([`H=${shape.H}`, ...candidates]);
      const timings = candidates.map((b: BackendName) => ({ backend: b, msPerStep: b === 'cpu' ? 2 : 5, steps: 3, warmupMs: 2, note: '' }));
      return { timings, fastest: 'cpu', reason: timingReason(timings, 'cpu'), spentMs: 20 };
    },
    webgpu: async () => 'navigator.gpu is not available',
    webgl: () => 'no WebGL context',
    now: () => performance.now(),
  };
}

function session() {
  const got: FromWorker[] = [];
  const timed: string[][] = [];
  const s = new TrainingSession((m) => got.push(m), {
    lossFlushMs: 5,
    fetchBundled: async (path) => new Uint8Array(readFileSync(resolve(PUBLIC, path))),
    trainer: { snapshotEveryMs: 1e9 },
    measured: new MeasuredBackend(deps(timed)),
  });
  return { s, got, timed, types: () => got.map((m) => (m.type === 'backend' ? `backend:${m.backend.reason}` : m.type)) };
}

const config = (overrides: Partial<TrainConfig> = {}): TrainConfig => ({
  target: 'value',
  seed: 1,
  trainFraction: 0.7,
  ...presetSettings('fast', ['value'], 'value'),
  hidden: 4,
  epochs: 2,
  ...overrides,
});

describe('the session and the measured backend choice', () => {
  it('times the model before building the trainer, keeps the choice for close shapes, times again for a larger one', async () => {
    const w = session();
    await w.s.handle({ type: 'init', backend: null });
    await w.s.handle({ type: 'load-sample', sample: 'seasonal', lag: 0, pageUrl: 'http://x/' });
    await w.s.handle({ type: 'configure', config: config() });
    const types = w.types();
    const dataset = types.indexOf('dataset');
    expect(types.slice(0, 2)).toEqual(['backend:auto', 'table']);
    expect(types.slice(dataset, dataset + 3)).toEqual(['dataset', 'backend:measured', 'status']);
    const measured = w.got.filter((m) => m.type === 'backend').at(-1)!;
    expect(measured.type === 'backend' && measured.backend).toMatchObject({ name: 'cpu', reason: 'measured', measured: { shape: { cell: 'rnn', H: 4, T: config().window } } });
    expect(w.timed).toEqual([['H=4', 'wasm', 'cpu']]);

    await w.s.handle({ type: 'configure', config: config({ hidden: 5 }) }); // a new trainer, but within needsRetiming's ratios
    expect(w.timed).toHaveLength(1);
    await w.s.handle({ type: 'configure', config: config({ hidden: 12 }) });
    expect(w.timed).toEqual([['H=4', 'wasm', 'cpu'], ['H=12', 'wasm', 'cpu']]);

    await w.s.handle({ type: 'command', command: 'step' }); // the trainer on the chosen backend trains
    await new Promise((r) => setTimeout(r, 300));
    expect(w.got.some((m) => m.type === 'losses')).toBe(true);
  });

  it('a backend asked for is never timed', async () => {
    const w = session();
    await w.s.handle({ type: 'init', backend: 'cpu' });
    await w.s.handle({ type: 'load-sample', sample: 'seasonal', lag: 0, pageUrl: 'http://x/' });
    await w.s.handle({ type: 'configure', config: config() });
    expect(w.timed).toEqual([]);
    expect(w.types().filter((t) => t.startsWith('backend'))).toEqual(['backend:requested']);
  });
});
