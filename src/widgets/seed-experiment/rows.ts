// The rows of the article's experiment, each a trainer preset link (the very
// links of section 7): the code as published, each defect alone, all fixed.
// Persistence is the table's last row and needs no training. Pure: no DOM.
import { parseField } from '../../state/store.ts';
import type { ExperimentRow } from '../../train/experiment.ts';
import { TRAIN_FIELDS, configFromFields, type DataChoice, type TrainFields } from '../trainer/fields.ts';
import { linkFields } from '../trainer/preset-link.ts';

export const EXPERIMENT_ROWS = [
  { key: 'as-written', query: 'preset=seed&loss=broadcast-mse&output=tanh&scaling=per-split' },
  { key: 'broadcast', query: 'preset=seed&defect=broadcast' },
  { key: 'tanh', query: 'preset=seed&defect=tanh' },
  { key: 'scaling', query: 'preset=seed&defect=scaling' },
  { key: 'fixed', query: 'preset=seed&defect=none' },
] as const;
export type RowKey = (typeof EXPERIMENT_ROWS)[number]['key'];

/**
 * Epochs per row the reader can choose. The article trains 2000 full-batch
 * epochs; five rows of that on the S&P 500 series take several minutes here,
 * so the table trains 200 per row by default (about a minute for the five;
 * the flat line of the code as written is there long before: see
 * experiment.test.ts).
 */
export const EPOCH_BUDGETS = [50, 100, 200, 500, 2000] as const;
export const DEFAULT_EPOCHS = 200;
export const ARTICLE_EPOCHS = 2000;

/** A forecast spread (std of the forecasts over the targets') below this is a flat line. */
export const FLAT_SPREAD = 0.01;

/** The trainer's configuration of each row, for a table with these columns, at `epochs` epochs. */
export function rowConfigs(data: DataChoice, lag: number, columns: readonly string[], defaultTarget: string, epochs: number): ExperimentRow[] {
  return EXPERIMENT_ROWS.map(({ key, query }) => {
    const { values } = linkFields(new URLSearchParams(`data=${data}&lag=${lag}&${query}`), columns, defaultTarget);
    const typed: Record<string, string | number | boolean> = {};
    for (const [k, spec] of Object.entries(TRAIN_FIELDS)) typed[k] = parseField(spec, values[k]) ?? spec.default;
    const config = configFromFields(typed as TrainFields, columns, defaultTarget);
    return { key, config: { ...config, epochs } };
  });
}
