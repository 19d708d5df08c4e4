// What the session does for the page's keeping of the reader's work: a table
// parsed elsewhere and packed (the parse worker's, or one kept from the last
// visit) loads like a file; the newest good weights come out as checkpoints
// after epochs and whenever a run stops, epoch 0 after a reset; a weights
// file from a checkpoint puts the model back exactly.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv.ts';
import { packTable, packedBuffers } from '../data/packed-table.ts';
import { CheckpointPost } from './checkpoint-post.ts';
import { presetSettings } from './presets.ts';
import type { FromWorker, ToWorker, WeightsFile } from './protocol.ts';
import { TrainingSession } from './session.ts';
import type { TrainConfig } from './config.ts';
import type { Trainer } from './trainer.ts';
import { initParams } from '../model/init.ts';

function drive() {
  const got: FromWorker[] = [];
  const session = new TrainingSession((msg) => void got.push(msg), { lossFlushMs: 5, trainer: { snapshotEveryMs: 1e9 } });
  let queue = Promise.resolve();
  const send = (msg: ToWorker) => (queue = queue.then(() => session.handle(msg)));
  const of = <T extends FromWorker['type']>(type: T) => got.filter((m): m is Extract<FromWorker, { type: T }> => m.type === type);
  return { send, of };
}

const csv = ['Date,Close', ...Array.from({ length: 80 }, (_, i) => `2021-${String(1 + Math.floor(i / 28)).padStart(2, '0')}-${String(1 + (i % 28)).padStart(2, '0')},${(100 + 5 * Math.sin(i / 4)).toFixed(2)}`)].join('\n');
const config = (o: Partial<TrainConfig> = {}): TrainConfig => ({ target: 'Close', seed: 1, trainFraction: 0.7, ...presetSettings('fast', ['Close'], 'Close'), hidden: 3, window: 4, epochs: 4, ...o });
const until = async (test: () => boolean) => {
  for (let i = 0; i < 2000 && !test(); i++) await new Promise((r) => setTimeout(r, 2));
};

describe('the session and the kept work', () => {
  it('loads a packed table like the file it came from', async () => {
    const parsed = parseCsv(new TextEncoder().encode(csv));
    if (!parsed.ok) throw new Error(parsed.error.kind);
    const packed = packTable(parsed.table)!;
    expect(packedBuffers(packed).length).toBe(2);
    const w = drive();
    await w.send({ type: 'init', backend: 'cpu' });
    await w.send({ type: 'load-table', name: 'prices.csv', table: structuredClone(packed) });
    await w.send({ type: 'load-file', name: 'prices.csv', bytes: new TextEncoder().encode(csv).buffer });
    const [fromTable, fromFile] = w.of('table').map((m) => m.summary);
    expect(fromTable).toEqual(fromFile);
    expect(fromTable).toMatchObject({ source: 'prices.csv', rows: 80, dateColumn: 'Date', unsortedDates: 0, duplicateDates: 0, datesSetAside: null });
  });

  it('posts the newest good weights as it trains and when it stops, and epoch 0 after a reset', async () => {
    const w = drive();
    await w.send({ type: 'init', backend: 'cpu' });
    await w.send({ type: 'load-file', name: 'prices.csv', bytes: new TextEncoder().encode(csv).buffer });
    await w.send({ type: 'configure', config: config() });
    await w.send({ type: 'command', command: 'train' });
    await until(() => w.of('status').some((m) => m.state === 'done'));
    const epochs = w.of('checkpoint').map((m) => m.file.epoch);
    // The initial weights as the run starts (epoch 0: nothing to keep yet), then the small
    // model's checkpoints, not held back: one per epoch, in order, ending at the last.
    expect(epochs).toEqual([0, 1, 2, 3, 4]);
    const last = w.of('checkpoint').at(-1)!.file;
    expect(last).toMatchObject({ format: 'unrolled-rnn-weights', epoch: 4, data: { source: 'prices.csv', rows: 80 } });
    await w.send({ type: 'command', command: 'reset' });
    await until(() => w.of('checkpoint').at(-1)!.file.epoch === 0);
    expect(w.of('checkpoint').at(-1)!.file.epoch).toBe(0);

    // A checkpoint loaded back gives the model of that epoch.
    await w.send({ type: 'import-weights', file: last });
    await until(() => w.of('status').at(-1)!.epoch === 4);
    await w.send({ type: 'export-weights', requestId: 9 });
    await until(() => w.of('weights').length > 0);
    expect(w.of('weights')[0].file!.params).toEqual(last.params);
  });

  it('spaces out the checkpoints of a large model while it trains, never those of a stop', () => {
    const posted: WeightsFile[] = [];
    let t = 0;
    const post = new CheckpointPost((m) => m.type === 'checkpoint' && void posted.push(m.file), () => t);
    const big = initParams({ F: 1, H: 256, O: 1 }, { seed: 1 });
    let c = { epoch: 1, params: big };
    const trainer = { get checkpoint() { return c; }, settings: config({ hidden: 256 }) } as unknown as Trainer;
    post.offer(trainer, { source: 's', rows: 1 }, false);
    c = { epoch: 2, params: initParams({ F: 1, H: 256, O: 1 }, { seed: 2 }) };
    t += 10;
    post.offer(trainer, { source: 's', rows: 1 }, false);
    expect(posted.map((f) => f.epoch)).toEqual([1]);
    post.offer(trainer, { source: 's', rows: 1 }, true);
    expect(posted.map((f) => f.epoch)).toEqual([1, 2]);
    post.offer(trainer, { source: 's', rows: 1 }, true);
    expect(posted.length).toBe(2);
  });
});
