// What the trainer shows of the forecast past the data, decided without the
// DOM: the URL fields (steps ahead, band), whether a forecast belongs on the
// page now, its bands at the chosen coverage (computed here, on the page's
// thread: re-banding needs no worker), and the same steps placed on the
// forecast chart's x axis. Pure.
import { aheadBands, type AheadBands } from '../../data/ahead-band.ts';
import { isoSeconds } from '../../data/calendar.ts';
import { BAND_COVERAGES, DEFAULT_COVERAGE } from '../../data/quantiles.ts';
import type { FieldSpec } from '../../state/store.ts';
import { CONFIG_FIELDS } from '../../train/config.ts';
import type { AheadRun } from '../../train/forecast-ahead.ts';
import type { SeriesInfo, TrainerState } from '../../train/protocol.ts';
import type { FutureSeries } from '../../charts/future-lines.ts';

/** A coverage as the URL writes it: 0.8 → '80'. */
export function bandValue(coverage: number): string {
  return String(Math.round(coverage * 1000) / 10);
}

export function coverageOf(value: string): number {
  return Number(value) / 100;
}

/**
 * The panel's URL fields, in the trainer's namespace (`train.ahead=3`,
 * `train.band=90`). Their own group: neither one is part of the training
 * configuration, so changing them never resets a run.
 */
export const AHEAD_FIELDS = {
  ahead: { kind: 'number', default: 1, min: 1, max: CONFIG_FIELDS.window.max, integer: true },
  band: { kind: 'enum', default: bandValue(DEFAULT_COVERAGE), values: BAND_COVERAGES.map(bandValue) },
} satisfies Record<string, FieldSpec>;

export type AheadView =
  /** Nothing trained yet (or no windows). */
  | { kind: 'none' }
  | { kind: 'training' }
  /** Trained and stopped; the worker's forecast is on its way. */
  | { kind: 'computing' }
  /** `pending`: the reader asked for other steps, their forecast is on its way (this one is still shown). */
  | { kind: 'ready'; run: AheadRun; epoch: number; bands: AheadBands; pending: boolean };

export interface AheadInputs {
  series: SeriesInfo | null;
  status: { state: TrainerState; epoch: number };
  ahead: { run: AheadRun; epoch: number } | null;
}

/** Steps the worker forecasts for a request: at most the window length. */
export function stepsFor(requested: number, series: SeriesInfo | null): number {
  return series ? Math.max(1, Math.min(requested, series.T)) : requested;
}

const banded = new WeakMap<AheadRun, Map<number, AheadBands>>();

/** aheadBands, computed once per forecast and coverage. */
export function bandsOf(run: AheadRun, coverage: number): AheadBands {
  let byCoverage = banded.get(run);
  if (!byCoverage) banded.set(run, (byCoverage = new Map()));
  let b = byCoverage.get(coverage);
  if (!b) byCoverage.set(coverage, (b = aheadBands(run.steps, coverage)));
  return b;
}

export function aheadView(vm: AheadInputs, requested: number, coverage: number): AheadView {
  const { state, epoch } = vm.status;
  if (!vm.series) return { kind: 'none' };
  if (state === 'training') return { kind: 'training' };
  if (epoch === 0 || state === 'idle') return { kind: 'none' };
  if (!vm.ahead) return { kind: 'computing' };
  const { run } = vm.ahead;
  return { kind: 'ready', run, epoch: vm.ahead.epoch, bands: bandsOf(run, coverage), pending: run.requested !== stepsFor(requested, vm.series) };
}

/** The chart's x of step `s` past the last row: its date in ms (UTC), or the row number. */
function stepX(series: SeriesInfo, date: string, s: number): number {
  const R = series.price.length;
  if (!series.time) return R - 1 + s;
  const t = isoSeconds(date);
  return t === null ? NaN : t * 1000;
}

/** The forecast's steps on the forecast chart's x axis (null when nothing is to be drawn). */
export function futureSeries(view: AheadView, series: SeriesInfo | null): FutureSeries | null {
  if (view.kind !== 'ready' || !series || series.price.length === 0) return null;
  const R = series.price.length;
  const points = view.bands.steps
    .map((s) => ({
      x: stepX(series, s.date, s.step),
      model: s.model,
      low: s.modelBand?.low ?? NaN,
      high: s.modelBand?.high ?? NaN,
      persistence: s.persistence,
      persistenceLow: s.persistenceBand?.low ?? NaN,
      persistenceHigh: s.persistenceBand?.high ?? NaN,
    }))
    .filter((p) => Number.isFinite(p.x));
  return { originX: series.time ? series.time[R - 1] : R - 1, originValue: view.run.lastValue, points };
}
