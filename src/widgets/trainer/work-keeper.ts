// The trainer's side of keeping the reader's work: where the data came from
// (so that a new worker gets it again), the reader's file read in the parse
// worker with progress, the table and the newest good weights handed to the
// session keeper (IndexedDB) and taken back on the next visit, and what
// happens when the training worker dies: the crash notice, the data and the
// settings sent to the new worker, the last good weights loaded back into it,
// and a button to resume training from them.
import type { DataError } from '../../data/dataset.ts';
import { checkPackedTable, packedBuffers, packedBytes, type PackedTable } from '../../data/packed-table.ts';
import type { KeptPart, SessionKeeper } from '../../state/session-keeper.ts';
import { FileParser } from '../../train/file-parser.ts';
import type { WeightsFile } from '../../train/protocol.ts';
import { checkWeightsFile, type WeightsProblem } from '../../train/weights-file.ts';
import type { Crash, WorkerGuard } from '../../train/worker-guard.ts';
import { el } from '../../ui/dom.ts';
import type { DataPanel } from './data-panel.ts';
import type { Labeller } from './labels.ts';

/** Tables up to this many bytes of numbers (rows × (numeric columns + a date)) are kept: 8 million numbers, e.g. 1 million rows of 7 columns. */
export const MAX_KEPT_TABLE_BYTES = 64 * 2 ** 20;

export interface WorkKeeperDeps {
  L: Labeller;
  session: SessionKeeper;
  guard: WorkerGuard;
  dataPanel: DataPanel;
  /** A file that was refused (too large, not a CSV…): shown like any rejected file. */
  onDataError(error: DataError, source: string): void;
  /** Load checked weights (their settings become the fields, then the worker loads them). */
  loadWeights(file: WeightsFile): WeightsProblem | null;
  /** Send the bundled series the fields name to the (new) worker. */
  resendSample(): void;
  /** Start training (the crash notice's resume button). */
  train(): void;
  /** The worker cannot be restarted any more: show its error as before. */
  fatal(message: string): void;
  /** The loss per epoch drawn now, and putting back that of weights brought back. */
  lossHistory(): { train: readonly number[]; test: readonly number[] };
  restoreLosses(train: ArrayLike<number>, test: ArrayLike<number>, epoch: number): void;
}

type Source = { kind: 'sample' } | { kind: 'file'; name: string; file: Blob | null; kept: boolean };

export interface WorkKeeper {
  /** The crash notice (placed under the run controls). */
  element: HTMLElement;
  /** Resolves once whatever the last visit left has been taken (call loadData after it). */
  ready: Promise<void>;
  readFile(file: File): void;
  /** Send the reader's file again (restored or read before) if there is one; false otherwise. */
  resendFile(): boolean;
  usingSample(): void;
  onCheckpoint(file: WeightsFile): void;
  /** The worker built a new model for the current data and settings. */
  onDataset(): void;
  onStatus(state: string, epoch: number): void;
  onCrash(crash: Crash): void;
  destroy(): void;
}

/** The loss history of the kept weights (NaN where an epoch had no test evaluation). */
interface KeptLosses {
  epoch: number;
  train: Float64Array;
  test: Float64Array;
}
const checkLosses = (v: unknown): KeptLosses | null => {
  const l = v as Partial<KeptLosses> | null;
  if (typeof l !== 'object' || l === null || !Number.isInteger(l.epoch) || !(l.train instanceof Float64Array) || !(l.test instanceof Float64Array)) return null;
  return l.train.length === l.test.length && l.train.length <= (l.epoch ?? 0) ? (l as KeptLosses) : null;
};
/** The loss history is written this long after the newest checkpoint (the losses reach the page a little after it). */
const LOSSES_SAVE_DELAY_MS = 500;

const checkWeights = (v: unknown): WeightsFile | null => {
  const r = checkWeightsFile(v);
  return r.ok ? r.file : null;
};
/** A kept table and the name of the file it was read from. */
interface KeptTable {
  name: string;
  table: PackedTable;
}
const checkTable = (v: unknown): KeptTable | null => {
  if (typeof v !== 'object' || v === null || typeof (v as { name?: unknown }).name !== 'string') return null;
  const r = checkPackedTable((v as { table?: unknown }).table);
  return r.ok ? { name: (v as KeptTable).name, table: r.table } : null;
};

export function createWorkKeeper(d: WorkKeeperDeps): WorkKeeper {
  const { L, session, guard } = d;
  const tablePart: KeptPart<KeptTable> = session.part('table', checkTable, { immediate: true });
  const weightsPart: KeptPart<WeightsFile> = session.part('weights', checkWeights);
  const lossesPart: KeptPart<KeptLosses> = session.part('losses', checkLosses);
  /** The loss history to put back once the weights it belongs to are in. */
  let pendingLosses: KeptLosses | null = null;
  let lossTimer: ReturnType<typeof setTimeout> | 0 = 0;
  const saveLosses = () => {
    lossTimer = 0;
    if (last) lossesPart.save(copyLosses(last.epoch));
  };
  const copyLosses = (epoch: number): KeptLosses => {
    const h = d.lossHistory();
    const n = Math.min(epoch, h.train.length);
    return { epoch, train: Float64Array.from(h.train.slice(0, n)), test: Float64Array.from(h.test.slice(0, n)) };
  };
  const parser = new FileParser();
  let source: Source = { kind: 'sample' };
  let restoredTable: KeptTable | null = null;
  /** Weights to load once the worker has a model for them (after a reload or a crash). */
  let pending: WeightsFile | null = null;
  /** The newest good weights the worker posted (epoch > 0), kept for a crash. */
  let last: WeightsFile | null = null;
  let resumeEpoch = 0;

  const text = el('span', {});
  const resume = el('button', { type: 'button', class: 'trainer-button trainer-primary', 'data-testid': 'worker-resume', hidden: true });
  const dismiss = el('button', { type: 'button', class: 'trainer-button', 'data-testid': 'worker-dismiss' }, L.text('crashDismiss'));
  const element = el('div', { class: 'trainer-warning trainer-crash', 'data-testid': 'worker-crash', role: 'alert', hidden: true }, text, ' ', resume, ' ', dismiss);
  let shown: Crash | null = null;
  let shownEpoch = 0;
  const drawCrash = () => {
    if (!shown) return;
    const why = shown.why === 'memory' ? L.t('crashWhy_memory') : L.t('crashWhy_error', { message: shown.message });
    text.textContent = shown.gaveUp
      ? L.t('crashGaveUp', { n: shown.recent, message: shown.message })
      : [L.t('crashed', { why }), shownEpoch > 0 ? L.t('crashedWeights', { epoch: shownEpoch }) : L.t('crashedNoWeights')].join(L.lang === 'zh' ? '' : ' ');
    resume.textContent = L.t('crashResume', { epoch: shownEpoch });
  };
  L.bind(drawCrash);
  resume.addEventListener('click', () => {
    hideCrash();
    d.train();
  });
  dismiss.addEventListener('click', hideCrash);
  function hideCrash(): void {
    shown = null;
    element.hidden = true;
    resume.hidden = true;
  }

  const ready = (async () => {
    const [table, weights, losses] = await Promise.all([tablePart.take(), weightsPart.take(), lossesPart.take()]);
    restoredTable = table;
    if (table) source = { kind: 'file', name: table.name, file: null, kept: true };
    pending = weights;
    pendingLosses = weights && losses?.epoch === weights.epoch ? losses : null;
  })();

  function sendTable(name: string, table: PackedTable): void {
    guard.send({ type: 'load-table', name, table }, packedBuffers(table));
  }

  /** Keep the table (IndexedDB clones it now), then hand its buffers to the worker. */
  function keepAndSend(name: string, table: PackedTable, file: Blob): void {
    const bytes = packedBytes(table);
    const kept = bytes <= MAX_KEPT_TABLE_BYTES;
    if (kept) tablePart.save({ name, table }, { name, rows: table.meta.rows });
    else {
      tablePart.save(null);
      tablePart.notKept({ name, rows: table.meta.rows, mb: Math.round(bytes / 2 ** 20), limit: MAX_KEPT_TABLE_BYTES / 2 ** 20 });
    }
    source = { kind: 'file', name, file, kept };
    sendTable(name, table);
  }

  async function parse(file: Blob, name: string): Promise<void> {
    d.dataPanel.setReading(name);
    const outcome = await parser.parse(file, (share, ms) => d.dataPanel.setReading(name, { share, ms }));
    if (outcome.ok === null) return;
    d.dataPanel.setReading(null);
    if (!outcome.ok) return d.onDataError(outcome.error, name);
    keepAndSend(name, outcome.table, file);
  }

  /** The kept table to the worker (read again from storage after its first trip: its buffers went with it). */
  async function resendKept(): Promise<void> {
    const kept = restoredTable ?? (await tablePart.read());
    restoredTable = null;
    if (kept) sendTable(kept.name, kept.table);
    else d.resendSample();
  }

  return {
    element,
    ready,
    readFile(file) {
      void parse(file, file.name);
    },
    resendFile() {
      if (source.kind !== 'file') return false;
      if (source.file) void parse(source.file, source.name);
      else void resendKept();
      return true;
    },
    usingSample() {
      if (source.kind === 'file') tablePart.save(null);
      source = { kind: 'sample' };
    },
    onCheckpoint(file) {
      if (file.epoch === 0) {
        last = null;
        if (!pending) {
          weightsPart.save(null);
          lossesPart.save(null);
        }
        return;
      }
      last = file;
      weightsPart.save(file, { epoch: file.epoch });
      if (!lossTimer) lossTimer = setTimeout(saveLosses, LOSSES_SAVE_DELAY_MS);
    },
    onDataset() {
      if (pending) {
        const file = pending;
        pending = null;
        resumeEpoch = file.epoch;
        d.loadWeights(file);
        return;
      }
      last = null;
      weightsPart.save(null);
      lossesPart.save(null);
    },
    onStatus(state, epoch) {
      // A run that stops: its losses are all in (the worker sends them before the status), so keep them now, not after the delay.
      if ((state === 'paused' || state === 'done') && last && last.epoch === epoch && !pendingLosses) {
        if (lossTimer) clearTimeout(lossTimer);
        saveLosses();
      }
      if (pendingLosses && resumeEpoch > 0 && epoch === resumeEpoch && (state === 'paused' || state === 'done')) {
        d.restoreLosses(pendingLosses.train, pendingLosses.test, epoch);
        pendingLosses = null;
      }
      if (shown && !shown.gaveUp && resumeEpoch > 0 && epoch === resumeEpoch && state === 'paused') resume.hidden = false;
      if (state === 'training') resume.hidden = true;
    },
    onCrash(crash) {
      shown = crash;
      shownEpoch = crash.gaveUp ? 0 : (last?.epoch ?? 0);
      element.hidden = false;
      resume.hidden = true;
      drawCrash();
      if (crash.gaveUp) return d.fatal(crash.message);
      // The new worker: the backend (sent by the guard's restart listeners), then the data; the
      // settings follow the table, and the weights the model.
      pending = last;
      resumeEpoch = last?.epoch ?? 0;
      pendingLosses = last ? copyLosses(last.epoch) : null;
      if (source.kind === 'sample') d.resendSample();
      else if (source.file) void parse(source.file, source.name);
      else void resendKept();
    },
    destroy() {
      if (lossTimer) clearTimeout(lossTimer);
      parser.destroy();
    },
  };
}
