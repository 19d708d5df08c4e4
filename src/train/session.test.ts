// The training worker's session driven in Node with the protocol's messages,
// as the page sends them: backend, data (bundled and uploaded, good and bad),
// settings, a run to the end, weights out and back in, a backend switch that
// keeps the weights.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { presetSettings } from './presets.ts';
import type { FromWorker, ToWorker } from './protocol.ts';
import { TrainingSession } from './session.ts';
import type { TrainConfig } from './config.ts';

const PUBLIC = resolve(import.meta.dirname, '../../public');

function drive() {
  const got: FromWorker[] = [];
  const waiters: { test: (m: FromWorker) => boolean; resolve: (m: FromWorker) => void }[] = [];
  const session = new TrainingSession(
    (msg) => {
      got.push(msg);
      for (const w of waiters.splice(0)) {
        if (w.test(msg)) w.resolve(msg);
        else waiters.push(w);
      }
    },
    {
      lossFlushMs: 5,
      fetchBundled: async (path) => new Uint8Array(readFileSync(resolve(PUBLIC, path))),
      trainer: { snapshotEveryMs: 1e9 },
    },
  );
  let queue = Promise.resolve();
  const send = (msg: ToWorker) => (queue = queue.then(() => session.handle(msg)));
  /** Resolves with the first message (from now on) that passes `test`. */
  const next = <T extends FromWorker['type']>(type: T, test: (m: Extract<FromWorker, { type: T }>) => boolean = () => true) =>
    new Promise<Extract<FromWorker, { type: T }>>((res) => waiters.push({ test: (m) => m.type === type && test(m as Extract<FromWorker, { type: T }>), resolve: res as (m: FromWorker) => void }));
  const of = <T extends FromWorker['type']>(type: T) => got.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  return { send, next, of, got };
}

function config(overrides: Partial<TrainConfig> = {}): TrainConfig {
  return { target: 'value', seed: 1, trainFraction: 0.7, ...presetSettings('fast', ['value'], 'value'), hidden: 4, epochs: 3, ...overrides };
}

describe('the training worker session', () => {
  it('reports the backend, loads a bundled series, trains to the end and hands out its weights', async () => {
    const w = drive();
    await w.send({ type: 'init', backend: 'cpu' });
    expect(w.of('backend')[0].backend).toMatchObject({ name: 'cpu', reason: 'requested', skipped: [] });
    await w.send({ type: 'load-sample', sample: 'seasonal', lag: 20, pageUrl: 'http://localhost/' });
    expect(w.of('table')[0].summary).toMatchObject({ source: 'seasonal', sample: 'seasonal', rows: 1000, columns: ['value'] });
    await w.send({ type: 'configure', config: config() });
    expect(w.of('dataset')[0].series).toMatchObject({ target: 'value', T: 7 });
    expect(w.of('snapshot')[0].snapshot.epoch).toBe(0);
    const done = w.next('status', (m) => m.state === 'done');
    await w.send({ type: 'command', command: 'train' });
    expect(await done).toMatchObject({ epoch: 3, epochs: 3 });
    // Every epoch's losses arrived, batched, in order.
    const losses = w.of('losses');
    expect(losses.flatMap((m) => Array.from(m.train)).length).toBe(3);
    expect(losses[0].from).toBe(0);
    const weights = w.next('weights');
    await w.send({ type: 'export-weights', requestId: 7 });
    const file = (await weights).file!;
    expect(file).toMatchObject({ format: 'unrolled-rnn-weights', epoch: 3, data: { source: 'seasonal', rows: 1000 } });
    expect(file.config).toEqual(config());
  });

  it('weights loaded back and a backend switch both keep the model where it was', async () => {
    const w = drive();
    await w.send({ type: 'init', backend: 'cpu' });
    await w.send({ type: 'load-sample', sample: 'seasonal', lag: 20, pageUrl: 'http://localhost/' });
    await w.send({ type: 'configure', config: config({ epochs: 4 }) });
    const paused = w.next('status', (m) => m.state === 'paused');
    await w.send({ type: 'command', command: 'step' });
    expect((await paused).epoch).toBe(1);
    const weights = w.next('weights');
    await w.send({ type: 'export-weights', requestId: 1 });
    const file = (await weights).file!;
    await w.send({ type: 'command', command: 'reset' });
    expect(w.of('status').at(-1)).toMatchObject({ state: 'idle', epoch: 0 });
    await w.send({ type: 'import-weights', file });
    expect(w.of('status').at(-1)).toMatchObject({ state: 'paused', epoch: 1, notice: { kind: 'weights-loaded', epoch: 1, mismatch: false } });
    await w.send({ type: 'init', backend: 'cpu' });
    expect(w.of('status').at(-1)).toMatchObject({ state: 'paused', epoch: 1, notice: { kind: 'backend-switched', backend: 'cpu', epoch: 1 } });
  });

  it('the bundled S&P 500 file loads; a rejected file keeps the table; settings that cannot be windowed say why', async () => {
    const w = drive();
    await w.send({ type: 'init', backend: 'cpu' });
    await w.send({ type: 'load-sample', sample: 'sp500', lag: 20, pageUrl: 'http://localhost/' });
    const sp500 = w.of('table')[0].summary;
    expect(sp500).toMatchObject({ source: 'sp500', target: 'close', dateColumn: 'date' });
    const bytes = new TextEncoder().encode('').buffer;
    await w.send({ type: 'load-file', name: 'empty.csv', bytes });
    expect(w.of('data-error')[0]).toMatchObject({ source: 'empty.csv', error: { kind: 'empty' } });
    expect(w.of('table')).toHaveLength(1);
    const csv = new TextEncoder().encode('date,price\n2020-01-01,1\n2020-01-02,2\n2020-01-03,3\n2020-01-04,5\n').buffer;
    await w.send({ type: 'load-file', name: 'mine.csv', bytes: csv });
    expect(w.of('table').at(-1)!.summary).toMatchObject({ source: 'mine.csv', sample: null, rows: 4, target: 'price' });
    await w.send({ type: 'configure', config: config({ target: 'price', features: ['price'], window: 3, epochs: 1 }) });
    expect(w.of('dataset-error')[0].error.kind).toBe('window-too-long');
    expect(w.of('status').at(-1)).toMatchObject({ state: 'idle', epoch: 0 });
  });
});
