// The chart's text alternative: one row per lag of the run, one column per
// curve, and the learnt-nothing level. Every finished run is one cell
// `[data-testid=span-result]` carrying data-cell, data-lag, data-ratio and
// data-forget-bias; runs not finished yet show a dash.
import { formatNumber } from '../../charts/scales.ts';
import type { DataTable } from '../../charts/text-alternative.ts';
import type { Translate } from '../../i18n/labeller.ts';
import { forgetBiasOf } from '../../train/memory-span-settings.ts';
import { el } from '../../ui/dom.ts';
import type { SpanViewModel } from './model.ts';
import type { spanText } from './strings.ts';

export type SpanT = Translate<typeof spanText>;

/** A curve's name in the reader's language. */
export function curveLabel(t: SpanT, cell: string, forgetBias: number): string {
  if (cell === 'lstm' && forgetBias !== 0) return t('curve_lstmBias', { b: formatNumber(forgetBias) });
  return t(cell === 'rnn' ? 'curve_rnn' : cell === 'gru' ? 'curve_gru' : 'curve_lstm');
}

export function renderResultsTable(table: HTMLTableElement, vm: SpanViewModel, t: SpanT): void {
  const s = vm.settings;
  table.replaceChildren();
  if (!s) return;
  const series = vm.series();
  table.append(el('caption', {}, t('tableCaption')));
  table.append(
    el(
      'thead',
      {},
      el('tr', {}, el('th', { scope: 'col' }, t('lagCol')), ...series.map((c) => el('th', { scope: 'col' }, curveLabel(t, c.curve.cell, forgetBiasOf(c.curve)))), el('th', { scope: 'col' }, t('nothingCol'))),
    ),
  );
  const nothing = new Map(vm.nothing().map((p) => [p.lag, p.ratio]));
  const body = el('tbody');
  for (const lag of s.lags) {
    const row = el('tr', {}, el('th', { scope: 'row' }, String(lag)));
    for (const c of series) {
      const r = vm.result(c.key, lag);
      row.append(
        r
          ? el('td', { class: 'num', 'data-testid': 'span-result', 'data-cell': r.cell, 'data-lag': r.lag, 'data-ratio': r.ratio, 'data-forget-bias': r.forgetBias, 'data-curve': c.key }, r.ratio.toFixed(2))
          : el('td', { class: 'num ms-pending' }, t('pending')),
      );
    }
    const n = nothing.get(lag);
    row.append(el('td', { class: 'num ms-nothing' }, n === undefined ? t('pending') : n.toFixed(2)));
    body.append(row);
  }
  table.append(body);
}

/** The chart's caption: how far the run has got, and each curve's ratio at its longest finished lag. */
export function chartCaption(vm: SpanViewModel, t: SpanT): string {
  if (!vm.settings || vm.results.length === 0) return t('captionEmpty');
  const ends = vm
    .series()
    .filter((c) => c.points.length > 0)
    .map((c) => {
      const p = c.points[c.points.length - 1];
      return t('captionCurve', { curve: curveLabel(t, c.curve.cell, forgetBiasOf(c.curve)), lag: p.lag, ratio: p.ratio.toFixed(2) });
    });
  const nothing = vm.nothing();
  return t('caption', { done: vm.results.length, total: vm.total, ends: ends.join(t('captionJoin')), nothing: nothing.length ? nothing[0].ratio.toFixed(2) : t('pending') });
}

/** The chart's data on request: the table's rows as text (lag, each curve, learnt nothing). */
export function chartData(vm: SpanViewModel, t: SpanT): DataTable | null {
  const s = vm.settings;
  if (!s) return null;
  const series = vm.series();
  const nothing = new Map(vm.nothing().map((p) => [p.lag, p.ratio]));
  const cell = (v: number | undefined) => (v === undefined ? t('pending') : v.toFixed(3));
  return {
    columns: [t('lagCol'), ...series.map((c) => curveLabel(t, c.curve.cell, forgetBiasOf(c.curve))), t('nothingCol')],
    rows: s.lags.map((lag) => [String(lag), ...series.map((c) => cell(vm.result(c.key, lag)?.ratio)), cell(nothing.get(lag))]),
  };
}
