/// <reference lib="webworker" />
// The training worker: holds the table, the windows and the Trainer, and
// talks to the page in small messages (protocol.ts). Messages are handled one
// after another; a training run goes on between them, yielding every few ms,
// so `pause` and new settings get through while it trains.
import * as tf from '@tensorflow/tfjs';
import { parseCsv, type Table } from '../data/csv.ts';
import { makeDataset } from '../data/dataset.ts';
import { loadSample, SP500_PATH } from '../data/samples.ts';
import { fetchBundledFile } from './bundled-file.ts';
import { chooseBackend } from './backend.ts';
import { liveSettings, needsReset, type TrainConfig } from './config.ts';
import type { FromWorker, Notice, SampleName, ToWorker } from './protocol.ts';
import { datasetOptions, seriesInfo, tableSummary } from './summary.ts';
import { Trainer, type TrainerEvent } from './trainer.ts';
import { paramsFromFile, toWeightsFile } from './weights-file.ts';
import { runExportFile } from './run-export.ts';

declare const self: DedicatedWorkerGlobalScope;

/** Loss messages are batched: at most one per this many ms. */
const LOSS_FLUSH_MS = 60;

let table: Table | null = null;
let source = '';
let config: TrainConfig | null = null;
let trainer: Trainer | null = null;

const pending = { from: 0, train: [] as number[], test: [] as number[], elapsedMs: 0, timer: 0 as ReturnType<typeof setTimeout> | 0 };

function post(msg: FromWorker, transfer: Transferable[] = []): void {
  self.postMessage(msg, transfer);
}

function flushLosses(): void {
  if (pending.timer) clearTimeout(pending.timer);
  pending.timer = 0;
  if (pending.train.length === 0) return;
  const train = Float64Array.from(pending.train);
  const test = Float64Array.from(pending.test);
  post({ type: 'losses', from: pending.from, train, test, elapsedMs: pending.elapsedMs }, [train.buffer, test.buffer]);
  pending.train = [];
  pending.test = [];
}

function onTrainerEvent(e: TrainerEvent): void {
  if (e.kind === 'epoch') {
    if (pending.train.length === 0) pending.from = e.epoch - 1;
    pending.train.push(e.train);
    pending.test.push(e.test);
    pending.elapsedMs = e.elapsedMs;
    if (!pending.timer) pending.timer = setTimeout(flushLosses, LOSS_FLUSH_MS);
    return;
  }
  flushLosses();
  if (e.kind === 'snapshot') {
    const s = e.snapshot;
    const transfer: Transferable[] = [s.train.buffer, s.test.buffer];
    if (s.zeta) transfer.push(s.zeta.dLdh.buffer, s.zeta.jacobian.buffer);
    post({ type: 'snapshot', snapshot: s }, transfer);
  } else {
    postStatus(e.notice);
  }
}

function postStatus(notice: Notice | null = null): void {
  const s = trainer?.status ?? { state: 'idle' as const, epoch: 0, elapsedMs: 0 };
  post({ type: 'status', state: s.state, epoch: s.epoch, epochs: config?.epochs ?? 0, elapsedMs: s.elapsedMs, notice });
}

async function dropTrainer(): Promise<void> {
  const t = trainer;
  trainer = null;
  flushLosses();
  if (t) await t.dispose();
}

async function useTable(next: Table, name: string, sample: SampleName | null): Promise<void> {
  await dropTrainer();
  table = next;
  source = name;
  config = null;
  post({ type: 'table', summary: tableSummary(next, name, sample) });
  postStatus();
}

async function configure(next: TrainConfig): Promise<void> {
  if (!table) return;
  if (trainer && config && !needsReset(config, next)) {
    config = next;
    trainer.setLive(liveSettings(next));
    postStatus();
    return;
  }
  const wasTrained = trainer !== null && trainer.status.epoch > 0;
  await dropTrainer();
  config = next;
  const built = makeDataset(table, datasetOptions(next));
  if (!built.ok) {
    post({ type: 'dataset-error', error: built.error });
    postStatus();
    return;
  }
  const series = seriesInfo(table, built.dataset);
  const transfer: Transferable[] = [series.price.buffer, series.train.rowIndex.buffer, series.train.previous.buffer, series.test.rowIndex.buffer, series.test.previous.buffer];
  if (series.time) transfer.push(series.time.buffer);
  post({ type: 'dataset', series }, transfer);
  trainer = new Trainer(built.dataset, next, onTrainerEvent);
  postStatus(wasTrained ? { kind: 'reset-by-settings' } : null);
  onTrainerEvent({ kind: 'snapshot', snapshot: await trainer.snapshot() });
}

async function handle(msg: ToWorker): Promise<void> {
  switch (msg.type) {
    case 'init': {
      // Single-threaded wasm in this worker: the models here are too small for
      // XNNPACK's thread pool to pay (and a 2-core machine gets one thread
      // anyway), and tfjs's threaded build hands its Emscripten factory's
      // source to its pthread workers, which a minified worker bundle breaks.
      tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
      // A later `init` switches backend mid-session: the model's weights and
      // the loaded table are carried over, the tensors are rebuilt on the new
      // backend (each freed by the backend that made it).
      const carried = trainer && trainer.status.epoch > 0 ? (trainer.pause(), { params: await trainer.readParams(), epoch: trainer.status.epoch }) : null;
      const rebuild = trainer !== null ? config : null;
      await dropTrainer();
      const r = await chooseBackend(msg.backend);
      post({ type: 'backend', name: r.name, detail: r.detail, reasons: r.reasons });
      if (rebuild) {
        config = null;
        await configure(rebuild);
        if (carried && trainer) await trainer.loadParams(carried.params, carried.epoch, { kind: 'backend-switched', backend: r.name, epoch: carried.epoch });
      }
      return;
    }
    case 'load-file': {
      const parsed = parseCsv(new Uint8Array(msg.bytes));
      if (!parsed.ok) post({ type: 'data-error', error: parsed.error, source: msg.name });
      else await useTable(parsed.table, msg.name, null);
      return;
    }
    case 'load-sample': {
      const sp500Bytes = msg.sample === 'sp500' ? await fetchBundledFile(SP500_PATH, msg.pageUrl) : undefined;
      await useTable(loadSample(msg.sample, { lag: msg.lag, sp500Bytes }), msg.sample, msg.sample);
      return;
    }
    case 'configure':
      await configure(msg.config);
      return;
    case 'command': {
      if (!trainer) return;
      const t = trainer;
      if (msg.command === 'train') void t.start().catch(fail);
      else if (msg.command === 'pause') t.pause();
      else if (msg.command === 'step') void t.step().catch(fail);
      else await t.reset();
      return;
    }
    case 'export-weights': {
      const file = trainer && config ? toWeightsFile(await trainer.readParams(), trainer.settings, trainer.status.epoch, { source, rows: table?.rows ?? 0 }) : null;
      post({ type: 'weights', requestId: msg.requestId, file });
      return;
    }
    case 'export-run': {
      const file = trainer && table && trainer.status.epoch > 0 ? runExportFile(msg.kind, { table, source, trainer, lang: msg.lang, shown: msg.shown }) : null;
      post({ type: 'run-export', requestId: msg.requestId, file });
      return;
    }
    case 'import-weights': {
      if (!trainer) return;
      const mismatch = msg.file.data.source !== source || msg.file.data.rows !== (table?.rows ?? 0);
      await trainer.loadParams(paramsFromFile(msg.file), msg.file.epoch, { kind: 'weights-loaded', epoch: msg.file.epoch, mismatch });
      return;
    }
  }
}

function fail(err: unknown): void {
  const message = err instanceof Error ? err.message : String(err);
  post({ type: 'fatal', message });
}

let queue: Promise<void> = Promise.resolve();
self.onmessage = (event: MessageEvent<ToWorker>) => {
  const msg = event.data;
  // In order: a run goes on in the background, so `train` returns at once and
  // a following `pause` is not held up by it.
  queue = queue.then(() => handle(msg)).catch(fail);
};
