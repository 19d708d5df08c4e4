// The honest band around a forecast past the data, and the verdict beside
// persistence. Pure: the errors come from the test split (forecast-ahead.ts
// in src/train computes them with the model); bands for any coverage are
// cheap, so the page can re-band without the worker.
//
// Errors are e = actual − forecast, in the target's units, at each step h on
// the same test origins for the model and for persistence (last value).
// Band at coverage c (levels a = (1 − c)/2, b = (1 + c)/2, quantiles as in quantiles.ts):
//   low = forecast + min(0, Q_e(a)),  high = forecast + max(0, Q_e(b)).
// That is the range in which the test split's actual values fell around the
// forecast in a share c of cases, widened to take in the forecast itself when
// the errors lie mostly on one side of zero (a biased forecaster: `bias`
// says which side). Widening only ever claims less certainty, never more.
// A band needs at least minErrorsFor(c) errors; with fewer it is null.
// The two bands are told apart when they do not overlap (touching counts as
// overlap) — a reading of two empirical ranges, not a significance test.
import { coverageLevels, minErrorsFor, quantileSorted } from './quantiles.ts';

/** One step past the data, as the driver hands it over. */
export interface AheadStepErrors {
  /** 1-based. */
  step: number;
  /** ISO date on the file's calendar, or the step number as text when the file has no dates. */
  date: string;
  /** Forecasts, target units. */
  model: number;
  persistence: number;
  /** actual − forecast at this step over the test origins, sorted ascending (same origins for both). */
  modelErrors: Float64Array;
  persistenceErrors: Float64Array;
}

export interface Band {
  low: number;
  high: number;
  /** Quantiles of the errors (actual − forecast) at the band's two levels. */
  qLow: number;
  qHigh: number;
  /** 'under': even the low quantile is positive (actuals came out above the forecast); 'over': the reverse. */
  bias: 'under' | 'over' | null;
}

export type Lower = 'model' | 'persistence';

export interface StepBand {
  step: number;
  date: string;
  model: number;
  persistence: number;
  modelBand: Band | null;
  persistenceBand: Band | null;
  /** Test errors behind each band at this step. */
  n: number;
  /** Which band lies wholly below the other; null when they overlap or one is missing. */
  apart: Lower | null;
  /** The model's band is narrower than persistence's (null when one is missing). */
  narrower: boolean | null;
}

export interface AheadVerdict {
  /**
   * 'unknown': no step has both bands; 'overlap': the bands overlap at every
   * step that has them; 'apart': at none; 'some-apart': at some.
   */
  kind: 'unknown' | 'overlap' | 'apart' | 'some-apart';
  /** The band that lies lower where they are apart (null when they overlap, or when steps disagree). */
  lower: Lower | null;
  apartSteps: number[];
  /** Steps where the model's band is the narrower one. */
  narrowerSteps: number[];
  /** Steps that have both bands. */
  steps: number;
}

export interface AheadBands {
  coverage: number;
  /** Errors a band needs at this coverage. */
  needed: number;
  steps: StepBand[];
  verdict: AheadVerdict;
}

/** The band of one forecast from its sorted errors; null with fewer than minErrorsFor(coverage) errors. */
export function bandAround(forecast: number, sortedErrors: Float64Array, coverage: number): Band | null {
  const [a, b] = coverageLevels(coverage);
  if (sortedErrors.length < minErrorsFor(coverage)) return null;
  const qLow = quantileSorted(sortedErrors, a);
  const qHigh = quantileSorted(sortedErrors, b);
  return {
    low: forecast + Math.min(0, qLow),
    high: forecast + Math.max(0, qHigh),
    qLow,
    qHigh,
    bias: qLow > 0 ? 'under' : qHigh < 0 ? 'over' : null,
  };
}

export function stepBand(e: AheadStepErrors, coverage: number): StepBand {
  const modelBand = bandAround(e.model, e.modelErrors, coverage);
  const persistenceBand = bandAround(e.persistence, e.persistenceErrors, coverage);
  let apart: Lower | null = null;
  let narrower: boolean | null = null;
  if (modelBand && persistenceBand) {
    if (modelBand.high < persistenceBand.low) apart = 'model';
    else if (persistenceBand.high < modelBand.low) apart = 'persistence';
    narrower = modelBand.high - modelBand.low < persistenceBand.high - persistenceBand.low;
  }
  return {
    step: e.step, date: e.date, model: e.model, persistence: e.persistence,
    modelBand, persistenceBand, n: e.modelErrors.length, apart, narrower,
  };
}

export function aheadVerdict(steps: readonly StepBand[]): AheadVerdict {
  const judged = steps.filter((s) => s.modelBand && s.persistenceBand);
  const apartSteps = judged.filter((s) => s.apart !== null).map((s) => s.step);
  const narrowerSteps = judged.filter((s) => s.narrower).map((s) => s.step);
  const lowers = new Set(judged.map((s) => s.apart).filter((a): a is Lower => a !== null));
  const kind = judged.length === 0 ? 'unknown' : apartSteps.length === 0 ? 'overlap' : apartSteps.length === judged.length ? 'apart' : 'some-apart';
  return { kind, lower: lowers.size === 1 ? [...lowers][0] : null, apartSteps, narrowerSteps, steps: judged.length };
}

/** Bands and verdict of every step at one coverage (0.8 = the 10–90 % band). */
export function aheadBands(steps: readonly AheadStepErrors[], coverage: number): AheadBands {
  const banded = steps.map((s) => stepBand(s, coverage));
  return { coverage, needed: minErrorsFor(coverage), steps: banded, verdict: aheadVerdict(banded) };
}
