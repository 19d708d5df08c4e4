// The experiment table's URL state (`?experiment.data=seasonal&experiment.epochs=100`).
import { SAMPLES } from '../../data/samples.ts';
import { ARTICLE_EPOCHS, DEFAULT_EPOCHS } from './rows.ts';

export const EXPERIMENT_FIELDS = {
  data: { kind: 'enum', default: 'sp500', values: SAMPLES },
  /** Epochs per row: the menu offers EPOCH_BUDGETS; a link may ask for any count up to the article's. */
  epochs: { kind: 'number', default: DEFAULT_EPOCHS, min: 1, max: ARTICLE_EPOCHS, integer: true },
} as const;
