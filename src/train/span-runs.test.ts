// The memory-span experiment through the training worker's session, with the
// protocol's messages as the widget sends them: a run streams its results and
// ends with span-done; a cancel stops it early; a new run replaces the one
// under way; settings the driver refuses end the run with an error message.
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';
import { beforeAll, describe, expect, it } from 'vitest';
import type { MemorySpanSettings } from './memory-span.ts';
import type { FromWorker, SpanMessage, ToWorker } from './protocol.ts';
import { TrainingSession } from './session.ts';
import { SpanRuns } from './span-runs.ts';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const TINY: MemorySpanSettings = {
  curves: [{ cell: 'rnn' }, { cell: 'lstm', forgetBias: 2 }],
  lags: [3, 4],
  rows: 120,
  epochs: 3,
  hidden: 3,
  lr: 0.01,
  clip: 1,
  batch: 32,
  trainFraction: 0.7,
  seed: 4,
};

function drive() {
  const got: FromWorker[] = [];
  let onDone: ((m: SpanMessage) => void) | null = null;
  const session = new TrainingSession((msg) => {
    got.push(msg);
    if (msg.type === 'span-done') onDone?.(msg);
  });
  let queue = Promise.resolve();
  const send = (msg: ToWorker) => (queue = queue.then(() => session.handle(msg)));
  const done = () => new Promise<Extract<FromWorker, { type: 'span-done' }>>((res) => (onDone = res as (m: SpanMessage) => void));
  const of = <T extends FromWorker['type']>(type: T) => got.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  return { send, done, of };
}

describe('the memory-span experiment in the training worker', () => {
  it('streams every result of a run and then says it is done', async () => {
    const w = drive();
    const done = w.done();
    await w.send({ type: 'span-run', runId: 7, settings: TINY });
    const end = await done;
    expect(end).toMatchObject({ runId: 7, cancelled: false, error: null });
    const results = w.of('span-result');
    expect(results.map((m) => [m.runId, m.result.lag, m.result.cell, m.result.forgetBias])).toEqual([
      [7, 3, 'rnn', 0],
      [7, 3, 'lstm', 2],
      [7, 4, 'rnn', 0],
      [7, 4, 'lstm', 2],
    ]);
    for (const { result: r } of results) expect(r.ratio).toBeCloseTo(r.testRmse / r.persistenceRmse, 12);
    // The last epoch of every run is reported, whatever the throttle.
    const lastEpochs = w.of('span-progress').filter((m) => m.progress.epoch === TINY.epochs);
    expect(lastEpochs.map((m) => m.progress.index)).toEqual([0, 1, 2, 3]);
  });

  it('stops early on span-cancel, and a cancel for another run changes nothing', async () => {
    const w = drive();
    const done = w.done();
    await w.send({ type: 'span-run', runId: 1, settings: { ...TINY, epochs: 40, lags: [3, 4, 5, 6] } });
    await w.send({ type: 'span-cancel', runId: 99 });
    await w.send({ type: 'span-cancel', runId: 1 });
    const end = await done;
    expect(end).toMatchObject({ runId: 1, cancelled: true, error: null });
    expect(w.of('span-result').length).toBeLessThan(8);
  });

  it('a new run stops the one under way first', async () => {
    const posted: FromWorker[] = [];
    const runs = new SpanRuns((m) => posted.push(m));
    await runs.start(1, { ...TINY, epochs: 40, lags: [3, 4, 5] });
    await runs.start(2, { ...TINY, lags: [3], curves: [{ cell: 'gru' }] });
    await new Promise<void>((res) => {
      const check = () => (posted.some((m) => m.type === 'span-done' && m.runId === 2) ? res() : setTimeout(check, 5));
      check();
    });
    const ends = posted.filter((m): m is Extract<FromWorker, { type: 'span-done' }> => m.type === 'span-done');
    expect(ends.map((m) => [m.runId, m.cancelled])).toEqual([
      [1, true],
      [2, false],
    ]);
    expect(posted.filter((m) => m.type === 'span-result' && m.runId === 2)).toHaveLength(1);
    await runs.stop(); // nothing under way: a no-op
  });

  it('settings the driver refuses end the run with its message', async () => {
    const w = drive();
    const done = w.done();
    await w.send({ type: 'span-run', runId: 3, settings: { ...TINY, lags: [60], rows: 80 } });
    const end = await done;
    expect(end.cancelled).toBe(false);
    expect(end.error).toMatch(/lag 60 with 80 rows/);
    expect(w.of('span-result')).toEqual([]);
  });
});
