// The trainer's side of the live numbers: the rule that reads a number's
// settings for the loaded table, and its values from the windows the worker
// built (SeriesInfo), through the same printer the build uses (live.ts).
import type { Lang } from '../../i18n/lang.ts';
import type { TrainConfig } from '../../train/config.ts';
import type { SeriesInfo } from '../../train/protocol.ts';
import type { LiveSettings } from '../live-numbers.ts';
import { normalisedSettings } from '../preset-params.ts';
import { TRAIN_FIELDS } from './fields.ts';
import { meanStd, trainerLiveValues } from './live.ts';
import { linkFields } from './preset-link.ts';

/** A number's settings (`data-live-at`), every field present, for a table with these columns. */
export function trainerLinkSettings(columns: readonly string[], defaultTarget: string): (query: string) => LiveSettings {
  return (query) => normalisedSettings(TRAIN_FIELDS, linkFields(new URLSearchParams(query), columns, defaultTarget).values);
}

function at(values: Float64Array, rows: Int32Array): Float64Array {
  return Float64Array.from(rows, (r) => values[r]);
}

/** The trainer's live numbers for the windows the worker built under `config`. */
export function trainerLiveFromSeries(series: SeriesInfo, config: TrainConfig, lang: Lang): Record<string, string> {
  // The scaler of a price-level target is fitted on the training rows, those before the cut.
  const cut = Math.floor(config.trainFraction * series.price.length);
  const level = config.transform === 'level' ? meanStd(series.price.subarray(0, cut)) : null;
  return trainerLiveValues(
    { trainActual: at(series.price, series.train.rowIndex), testActual: at(series.price, series.test.rowIndex), testPrevious: series.test.previous, level },
    lang,
  );
}
