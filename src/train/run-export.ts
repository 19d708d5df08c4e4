// The worker's side of the export buttons: the RunRecord of the run the
// trainer holds, rendered as the PyTorch script or the notebook. Pure apart
// from reading the trainer; linear in the table's size.
import type { Table } from '../data/csv.ts';
import { NOTEBOOK_NAME, renderNotebook } from '../export/notebook.ts';
import { renderScript, SCRIPT_NAME } from '../export/script.ts';
import type { Lang } from '../i18n/lang.ts';
import type { RunExportFile, RunExportKind, ShownMetrics } from './protocol.ts';
import { buildRunRecord } from './run-record.ts';
import type { Trainer } from './trainer.ts';

export interface RunExportInput {
  table: Table;
  source: string;
  trainer: Pick<Trainer, 'settings' | 'history' | 'status'>;
  lang: Lang;
  /** What the page shows; used only when it belongs to the trainer's current epoch. */
  shown: ShownMetrics | null;
}

export function runExportFile(kind: RunExportKind, input: RunExportInput): RunExportFile {
  const { trainer, shown } = input;
  const epochs = trainer.status.epoch;
  const record = buildRunRecord({
    table: input.table,
    source: input.source,
    config: trainer.settings,
    history: trainer.history,
    epochs,
    lang: input.lang,
    page: shown && shown.epoch === epochs ? { model: shown.model, baseline: shown.baseline } : null,
  });
  return kind === 'script'
    ? { name: SCRIPT_NAME, type: 'text/x-python', text: renderScript(record) }
    : { name: NOTEBOOK_NAME, type: 'application/x-ipynb+json', text: renderNotebook(record) };
}
