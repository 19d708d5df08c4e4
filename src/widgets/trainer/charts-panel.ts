// The trainer's three live charts: loss, forecasts, gradient through time.
import { createLossChart, type LossChartLabels } from '../../charts/loss-chart.ts';
import { createPredictionChart, type FutureLabels, type PredictionLabels, type PredictionSeries } from '../../charts/prediction-chart.ts';
import { futureEnd, type FutureSeries } from '../../charts/future-lines.ts';
import { createTrainerZetaChart, type ZetaChartLabels } from '../../charts/trainer-zeta-chart.ts';
import { el } from '../../ui/dom.ts';
import type { LossOverlay } from '../../charts/loss-chart.ts';
import type { CellName } from '../../model/cells.ts';
import type { SeriesInfo } from '../../train/protocol.ts';
import type { Labeller, Translate } from './labels.ts';
import type { Part, TrainerViewModel } from './view-model.ts';

export interface ChartsPanel {
  element: HTMLElement;
  render(vm: TrainerViewModel, parts: { has(part: Part): boolean }): void;
  /** The steps past the last row on the forecast chart (null: none). */
  setAhead(f: FutureSeries | null, labels: FutureLabels | null): void;
  /** Other runs' curves over the loss chart (the runs table chooses them). */
  setLossOverlays(overlays: readonly LossOverlay[]): void;
  destroy(): void;
}

function predictionSeries(info: SeriesInfo): PredictionSeries {
  const x = info.time ?? Float64Array.from({ length: info.price.length }, (_, i) => i);
  return { x, isTime: info.time !== null, actual: info.price, trainRows: info.train.rowIndex, testRows: info.test.rowIndex, persistence: info.test.previous };
}

const lossLabels = (t: Translate): LossChartLabels => ({ train: t('lossTrain'), test: t('lossTest'), xLabel: t('lossX'), yLabel: t('lossY'), ariaLabel: t('lossTitle') });
const predLabels = (t: Translate, target: string): PredictionLabels => ({
  actual: t('predActual'),
  train: t('predTrain'),
  test: t('predTest'),
  persistence: t('predPersistence'),
  testRegion: t('predTestRegion'),
  yLabel: target,
  ariaLabel: t('predTitle'),
  readout: (v) => t('predReadout', v),
  zoomHint: t('predHint'),
});
const zetaLabels = (t: Translate, cell: CellName = 'rnn'): ZetaChartLabels => ({
  jacobian: t(cell === 'lstm' ? 'zetaState' : 'zetaJacobian'),
  dLdh: t('zetaDLdh'),
  dLdc: t('zetaDLdc'),
  lag: t('zetaLag'),
  norm: t('zetaNorm'),
  heatTitle: t('zetaHeat'),
  epoch: t('zetaEpoch'),
  k: t('zetaK'),
  heatColor: t('zetaColor'),
  ariaLabel: t('zetaTitle'),
  cell: (v) => t('zetaCell', v),
});

export function createChartsPanel(L: Labeller): ChartsPanel {
  const lossBox = el('div', { class: 'trainer-chart' });
  const predBox = el('div', { class: 'trainer-chart' });
  const zetaBox = el('div', { class: 'trainer-chart' });
  const zoomAll = el('button', { type: 'button', class: 'trainer-button trainer-small', 'data-zoom': 'all' }, L.text('zoomAll'));
  const zoomTest = el('button', { type: 'button', class: 'trainer-button trainer-small', 'data-zoom': 'test' }, L.text('zoomTest'));
  const zoomLast = el('button', { type: 'button', class: 'trainer-button trainer-small', 'data-zoom': 'last' }, L.text('zoomLast'));
  const zoomAhead = el('button', { type: 'button', class: 'trainer-button trainer-small', 'data-zoom': 'ahead', hidden: true }, L.text('aheadZoom'));
  const zoomGroup = el('div', { class: 'trainer-row trainer-zoom', role: 'group' }, el('span', { class: 'trainer-muted' }, L.text('zoomLabel')), zoomAll, zoomTest, zoomLast, zoomAhead);
  L.attr(zoomGroup, 'aria-label', 'zoomLabel');

  const loss = createLossChart(lossBox, lossLabels(L.t), { 'data-testid': 'chart-loss' });
  let target = '';
  const pred = createPredictionChart(predBox, predLabels(L.t, target), { 'data-testid': 'chart-predictions' });
  const zeta = createTrainerZetaChart(zetaBox, zetaLabels(L.t), { 'data-testid': 'chart-zeta' });
  let series: PredictionSeries | null = null;
  let future: FutureSeries | null = null;
  /** The right end of a zoom: the last future step, else the last row. */
  const end = (s: PredictionSeries) => (future && future.points.length ? futureEnd(future) : s.x[s.x.length - 1]);
  let zetaCell: CellName = 'rnn';

  zoomAll.addEventListener('click', () => pred.zoom(null));
  zoomTest.addEventListener('click', () => {
    if (series && series.testRows.length) pred.zoom([series.x[series.testRows[0]], end(series)]);
  });
  zoomLast.addEventListener('click', () => {
    if (series && series.x.length > 1) pred.zoom([series.x[Math.max(0, series.x.length - 100)], end(series)]);
  });
  // The last rows and the steps past them, close enough to read the bands.
  zoomAhead.addEventListener('click', () => {
    if (series && future) pred.zoom([series.x[Math.max(0, series.x.length - Math.max(20, 6 * future.points.length))], end(series)]);
  });

  L.bind((t) => {
    loss.setLabels(lossLabels(t));
    pred.setLabels(predLabels(t, target));
    zeta.setLabels(zetaLabels(t, zetaCell));
  });

  const element = el(
    'section',
    { class: 'trainer-panel trainer-charts' },
    el('div', { class: 'trainer-chart-block' }, el('h4', {}, L.text('lossTitle')), lossBox),
    el('div', { class: 'trainer-chart-block trainer-wide' }, el('h4', {}, L.text('predTitle')), zoomGroup, predBox),
    el('div', { class: 'trainer-chart-block' }, el('h4', {}, L.text('zetaTitle')), zetaBox),
  );

  return {
    element,
    render(vm, parts) {
      if (parts.has('series')) {
        series = vm.series ? predictionSeries(vm.series) : null;
        if (vm.series && vm.series.target !== target) {
          target = vm.series.target;
          pred.setLabels(predLabels(L.t, target));
        }
        pred.setSeries(series ?? { x: new Float64Array(0), isTime: false, actual: new Float64Array(0), trainRows: new Int32Array(0), testRows: new Int32Array(0), persistence: new Float64Array(0) });
      }
      if (parts.has('losses')) loss.update(vm.trainLoss, vm.testLoss, vm.trainLoss.length);
      if (parts.has('snapshot') || parts.has('series')) {
        const s = vm.snapshot;
        pred.setForecasts(s?.train ?? null, s?.test ?? null);
        const cell = s?.zeta?.cell ?? 'rnn';
        if (cell !== zetaCell) {
          zetaCell = cell;
          zeta.setLabels(zetaLabels(L.t, cell));
        }
        zeta.update(s?.zeta?.jacobian ?? null, s?.zeta?.dLdh ?? null, vm.zetaHistory, s?.zeta?.dLdc ?? null);
      }
    },
    setAhead(f, labels) {
      future = f;
      zoomAhead.hidden = f === null;
      pred.setFuture(f, labels);
    },
    setLossOverlays(overlays) {
      loss.setOverlays(overlays);
    },
    destroy() {
      loss.destroy();
      pred.destroy();
      zeta.destroy();
    },
  };
}
