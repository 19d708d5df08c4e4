// The trainer's live numbers (`{{trainer.QUANTITY?…}}` in the prose): facts
// of the data and split the trainer builds, printed as its metrics table
// prints prices. One function for the build (src/content/live-values.ts, from
// the Dataset) and for the widget (from the series the worker sends), so the
// two cannot print a number differently.
import type { Lang } from '../../i18n/lang.ts';

export interface TrainerLiveInput {
  /** Price-unit targets of the training and test windows. */
  trainActual: ArrayLike<number>;
  testActual: ArrayLike<number>;
  /** Persistence's forecast of each test window (the price at its last input row). */
  testPrevious: ArrayLike<number>;
  /** Mean and population standard deviation of the training targets (the scaler's), when the target is the price level; null otherwise. */
  level: { mean: number; std: number } | null;
}

/** A price as the metrics table prints it: four significant digits, the reader's locale. */
export function printPrice(v: number, lang: Lang): string {
  return Number(v.toPrecision(4)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { maximumSignificantDigits: 4 });
}

function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  return [lo, hi];
}

export function trainerLiveValues(d: TrainerLiveInput, lang: Lang): Record<string, string> {
  const [trainMin, trainMax] = extent(d.trainActual);
  const [testMin, testMax] = extent(d.testActual);
  let se = 0;
  for (let i = 0; i < d.testActual.length; i++) {
    const err = d.testPrevious[i] - d.testActual[i];
    se += err * err;
  }
  let above = 0;
  for (let i = 0; i < d.testActual.length; i++) if (d.testActual[i] > trainMax) above++;
  const out: Record<string, string> = {
    /** Test RMSE of persistence, price units (as persistenceMetrics computes it). */
    'persistence-rmse': printPrice(Math.sqrt(se / d.testActual.length), lang),
    'train-min': printPrice(trainMin, lang),
    'train-max': printPrice(trainMax, lang),
    'test-min': printPrice(testMin, lang),
    'test-max': printPrice(testMax, lang),
    /** Share of test targets above the highest training target. */
    'test-above-train': `${Math.round((100 * above) / d.testActual.length)} %`,
  };
  if (d.level) {
    /** Where a forecast of "zero" in standardised units lands. */
    out['train-mean'] = printPrice(d.level.mean, lang);
    /** Mean + one standard deviation: the most a tanh output (< 1 standardised) can forecast. */
    out['tanh-ceiling'] = printPrice(d.level.mean + d.level.std, lang);
  }
  return out;
}

/** Mean and population standard deviation. */
export function meanStd(values: ArrayLike<number>): { mean: number; std: number } {
  let m = 0;
  for (let i = 0; i < values.length; i++) m += values[i];
  m /= values.length;
  let s = 0;
  for (let i = 0; i < values.length; i++) s += (values[i] - m) ** 2;
  return { mean: m, std: Math.sqrt(s / values.length) };
}
