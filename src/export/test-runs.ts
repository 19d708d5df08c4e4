// Test helpers: runs trained by the page's own Trainer in Node (tfjs cpu
// backend, as src/train/trainer.test.ts does), turned into RunRecords, and
// records built without training for the structural tests.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { REPO_ROOT, testDataFolder } from '../checks/test-data.ts';
import { parseCsv, type Table } from '../data/csv.ts';
import { makeDataset } from '../data/dataset.ts';
import { loadSample } from '../data/samples.ts';
import type { Lang } from '../i18n/lang.ts';
import { initialParams } from '../train/cell-init.ts';
import { liveSettings, type TrainConfig } from '../train/config.ts';
import { presetSettings, type PresetName } from '../train/presets.ts';
import type { Snapshot } from '../train/protocol.ts';
import { buildRunRecord, type RecordOptions } from '../train/run-record.ts';
import { datasetOptions } from '../train/config.ts';
import { Trainer, type TrainerEvent } from '../train/trainer.ts';
import type { AheadRun } from '../train/forecast-ahead.ts';
import type { RunRecord } from './run-record.ts';

export const CSV_DIR = testDataFolder('CSV_CASES', 'csv');

export function csvTable(file: string): Table {
  const parsed = parseCsv(new Uint8Array(readFileSync(resolve(CSV_DIR, file))));
  if (!parsed.ok) throw new Error(`${file}: ${parsed.error.kind}`);
  return parsed.table;
}

/** The bundled S&P 500 file, parsed as the page parses it. */
export function sp500Table(): Table {
  return loadSample('sp500', { sp500Bytes: new Uint8Array(readFileSync(resolve(REPO_ROOT, 'public/data/sp500-2000.csv'))) });
}

export function presetConfig(table: Table, preset: PresetName, extra: Partial<TrainConfig> = {}): TrainConfig {
  return { ...presetSettings(preset, table.columns, table.target), target: table.target, trainFraction: 0.7, seed: 1, ...extra };
}

export interface PageRun {
  record: RunRecord;
  /** Training loss of every epoch, as the page's loss curve has it. */
  losses: number[];
  snapshot: Snapshot;
  table: Table;
  /** The page's forecast for the step after the data (step 1 of "Past the end of the data"), with the trained weights. */
  ahead: AheadRun;
}

export interface RunOptions extends RecordOptions {
  lang?: Lang;
  source?: string;
  /** Called between epochs `at` and `at + 1` (e.g. to change the learning rate). */
  midway?: { at: number; act: (t: Trainer) => void | Promise<void> };
}

/** Trains `config` on `table` with the page's Trainer and records the run. */
export async function trainOnPage(table: Table, config: TrainConfig, opts: RunOptions = {}): Promise<PageRun> {
  const built = makeDataset(table, datasetOptions(config));
  if (!built.ok) throw new Error(`dataset: ${built.error.kind}`);
  const losses: number[] = [];
  let snapshot: Snapshot | null = null;
  const listener = (e: TrainerEvent) => {
    if (e.kind === 'epoch') losses.push(e.train);
    if (e.kind === 'snapshot') snapshot = e.snapshot;
  };
  const trainer = new Trainer(built.dataset, opts.midway ? { ...config, epochs: opts.midway.at } : config, listener, { snapshotEveryMs: 1e9 });
  try {
    await trainer.start();
    if (opts.midway) {
      await opts.midway.act(trainer);
      trainer.setLive({ ...liveSettings(trainer.settings), epochs: config.epochs });
      await trainer.start();
    }
    const s = snapshot as Snapshot | null;
    if (!s || trainer.status.state !== 'done') throw new Error(`run ended in state ${trainer.status.state}`);
    const record = buildRunRecord(
      {
        table,
        source: opts.source ?? 'prices.csv',
        config: trainer.settings,
        history: trainer.history,
        epochs: trainer.status.epoch,
        lang: opts.lang ?? 'en',
        page: { model: s.model, baseline: s.baseline },
      },
      opts,
    );
    return { record, losses, snapshot: s, table, ahead: await trainer.forecastAhead(table, 1) };
  } finally {
    await trainer.dispose();
  }
}

/** A record of an untrained run (seeded initial weights), for tests that only read the source. */
export function untrainedRecord(table: Table, config: TrainConfig, opts: { lang?: Lang; source?: string; epochs?: number } & RecordOptions = {}): RunRecord {
  const params = initialParams(config, config.features.length);
  const history = { origin: { epoch: 0, params, cause: 'init' as const }, schedule: [{ from: 0, ...liveSettings(config), fresh: true }] };
  return buildRunRecord({ table, source: opts.source ?? 'prices.csv', config, history, epochs: opts.epochs ?? config.epochs, lang: opts.lang ?? 'en' }, opts);
}
