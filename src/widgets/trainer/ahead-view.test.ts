// What the trainer shows of the forecast past the data: its URL fields, when
// it is on the page, its bands, its steps on the chart's x axis, and how the
// view model keeps it in step with the weights.
import { describe, expect, it } from 'vitest';
import type { AheadStepErrors } from '../../data/ahead-band.ts';
import { inferCalendar } from '../../data/calendar.ts';
import { BAND_COVERAGES } from '../../data/quantiles.ts';
import { UrlStore } from '../../state/store.ts';
import type { AheadRun } from '../../train/forecast-ahead.ts';
import type { SeriesInfo, Snapshot, TableSummary } from '../../train/protocol.ts';
import { AHEAD_FIELDS, aheadView, bandsOf, bandValue, coverageOf, futureSeries, stepsFor } from './ahead-view.ts';
import { TrainerViewModel } from './view-model.ts';

const DATES = ['2020-04-14', '2020-04-15', '2020-04-16', '2020-04-17'];
/** 20 errors evenly spread over ±scale. */
const spread = (scale: number) => Float64Array.from({ length: 20 }, (_, j) => scale * (j / 9.5 - 1)).sort();

function run(K: number, dated = true): AheadRun {
  const future = dated ? ['2020-04-20', '2020-04-21', '2020-04-22'] : ['1', '2', '3'];
  const steps: AheadStepErrors[] = Array.from({ length: K }, (_, i) => ({
    step: i + 1, date: future[i], model: 11 + i, persistence: 10, modelErrors: spread(1 + i), persistenceErrors: spread(2 + i),
  }));
  return { requested: K, limit: null, calendar: inferCalendar(dated ? DATES : null), lastDate: dated ? DATES[3] : null, lastValue: 10, origins: 20, steps };
}

function series(dated = true): SeriesInfo {
  const split = { N: 0, rowIndex: new Int32Array(0), previous: new Float64Array(0) };
  return {
    target: 'Close', features: ['Close'], T: 3, horizon: 1,
    time: dated ? Float64Array.from(DATES, (d) => Date.parse(`${d}T00:00:00Z`)) : null,
    price: Float64Array.of(7, 8, 9, 10), train: split, test: split,
  };
}

const metrics = { mse: 1, rmse: 1, mae: 1, mape: 1, direction: 0.5 };
const snapshot = (epoch: number): Snapshot => ({ epoch, train: new Float64Array(0), test: new Float64Array(0), model: metrics, baseline: metrics, predStd: 1, zeta: null });

describe('the forecast past the data on the page', () => {
  it('URL fields: one step and the 10–90 % band by default, every coverage selectable, in the trainer\'s namespace', () => {
    let params = new URLSearchParams('train.ahead=4&train.band=95&train.lr=0.5');
    const store = new UrlStore(() => new URLSearchParams(params), (p) => (params = p));
    const fields = store.defineFields('train', AHEAD_FIELDS);
    expect(fields.all()).toEqual({ ahead: 4, band: '95' });
    fields.set({ ahead: 1, band: '80' });
    expect(params.toString()).toBe('train.lr=0.5');
    expect(AHEAD_FIELDS.band.values).toEqual(['50', '80', '90', '95']);
    expect(BAND_COVERAGES.map((c) => coverageOf(bandValue(c)))).toEqual([...BAND_COVERAGES]);
  });

  it('is shown only for trained weights, not while training; other steps asked for are marked pending', () => {
    const s = series();
    const r = run(3);
    const at = (state: 'idle' | 'training' | 'paused' | 'done' | 'error', epoch: number, ahead: AheadRun | null) => aheadView({ series: s, status: { state, epoch }, ahead: ahead && { run: ahead, epoch } }, 3, 0.8);
    expect(aheadView({ series: null, status: { state: 'done', epoch: 5 }, ahead: null }, 3, 0.8).kind).toBe('none');
    expect(at('idle', 0, null).kind).toBe('none');
    expect(at('idle', 0, r).kind).toBe('none');
    expect(at('training', 5, r).kind).toBe('training');
    expect(at('done', 5, null).kind).toBe('computing');
    const ready = at('paused', 5, r);
    expect(ready).toMatchObject({ kind: 'ready', epoch: 5, pending: false });
    if (ready.kind !== 'ready') throw new Error('not ready');
    expect(ready.bands).toBe(bandsOf(r, 0.8));
    expect(ready.bands.steps.map((b) => b.step)).toEqual([1, 2, 3]);
    expect(aheadView({ series: s, status: { state: 'done', epoch: 5 }, ahead: { run: run(2), epoch: 5 } }, 3, 0.8)).toMatchObject({ pending: true });
    // Asking for more than the window gives the window: not pending.
    expect(stepsFor(9, s)).toBe(3);
    expect(aheadView({ series: s, status: { state: 'done', epoch: 5 }, ahead: { run: r, epoch: 5 } }, 9, 0.8)).toMatchObject({ pending: false });
  });

  it('bands are computed once per forecast and coverage, widen with it, and need enough test errors', () => {
    const r = run(1);
    expect(bandsOf(r, 0.5)).toBe(bandsOf(r, 0.5));
    const w50 = bandsOf(r, 0.5).steps[0].modelBand!;
    const w90 = bandsOf(r, 0.9).steps[0].modelBand!;
    expect(w90.high - w90.low).toBeGreaterThan(w50.high - w50.low);
    // 20 test errors cannot back a 95 % band (39 needed): none is drawn.
    expect(bandsOf(r, 0.95).steps[0].modelBand).toBeNull();
  });

  it('the steps go on the chart at their dates (ms, UTC) after the last row, or at the next row numbers', () => {
    const ready = (s: SeriesInfo, r: AheadRun) => aheadView({ series: s, status: { state: 'done', epoch: 2 }, ahead: { run: r, epoch: 2 } }, 3, 0.8);
    const dated = futureSeries(ready(series(), run(3)), series())!;
    expect(dated.originX).toBe(Date.UTC(2020, 3, 17));
    expect(dated.originValue).toBe(10);
    expect(dated.points.map((p) => p.x)).toEqual([Date.UTC(2020, 3, 20), Date.UTC(2020, 3, 21), Date.UTC(2020, 3, 22)]);
    const b = bandsOf(run(3), 0.8);
    expect(dated.points[1]).toMatchObject({ model: 12, persistence: 10 });
    const counted = futureSeries(ready(series(false), run(3, false)), series(false))!;
    expect(counted.originX).toBe(3);
    expect(counted.points.map((p) => p.x)).toEqual([4, 5, 6]);
    expect(counted.points[0].low).toBe(b.steps[0].modelBand!.low);
    expect(futureSeries({ kind: 'training' }, series())).toBeNull();
  });

  it('the view model keeps a forecast only with the weights it was made with', () => {
    const vm = new TrainerViewModel();
    vm.apply({ type: 'table', summary: { source: 'x.csv', sample: null, columns: ['Close'], target: 'Close', rows: 4 } as unknown as TableSummary });
    vm.apply({ type: 'dataset', series: series() });
    vm.apply({ type: 'snapshot', snapshot: snapshot(3) });
    const r = run(3);
    expect(vm.apply({ type: 'ahead', run: r, epoch: 3 })).toEqual(['ahead']);
    expect(vm.ahead).toEqual({ run: r, epoch: 3 });
    // New weights: the forecast goes until the worker sends theirs.
    expect(vm.apply({ type: 'snapshot', snapshot: snapshot(4) })).toEqual(['snapshot', 'ahead']);
    expect(vm.ahead).toBeNull();
    vm.apply({ type: 'ahead', run: r, epoch: 4 });
    expect(vm.apply({ type: 'dataset', series: series() })).toContain('ahead');
    expect(vm.ahead).toBeNull();
  });
});
