// "What does it say about tomorrow?": the model's forecast for the steps after
// the last row, each with the band its own test errors earned at that
// distance, beside persistence (the last value) and its band; the verdict in
// words, why fewer steps were forecast than asked, and the whole of it as one
// live text for screen readers. The steps ahead and the band are URL fields
// (ahead-view.ts); the worker forecasts, this panel only draws.
import './ahead-panel.css';
import type { FutureLabels } from '../../charts/prediction-chart.ts';
import type { AheadBands, StepBand } from '../../data/ahead-band.ts';
import { BAND_COVERAGES, coverageLevels } from '../../data/quantiles.ts';
import type { FieldGroup } from '../../state/store.ts';
import type { AheadRun } from '../../train/forecast-ahead.ts';
import { clear, el } from '../../ui/dom.ts';
import { aheadBiasText, aheadLimitText, aheadSummary, aheadVerdictText, bandDecimals, formatValue, percentText } from './ahead-strings.ts';
import { AHEAD_FIELDS, aheadView, bandValue, coverageOf, stepsFor, type AheadInputs, type AheadView } from './ahead-view.ts';
import type { Labeller } from './labels.ts';

export interface AheadPanel {
  element: HTMLElement;
  /** Draw what the view model holds; returns what is shown (for the chart and the CSV). */
  render(vm: AheadInputs): AheadView;
}

/** The forecast chart's words for the steps past the data. */
export function aheadChartLabels(L: Labeller, bands: AheadBands): FutureLabels {
  const pct = percentText(bands.coverage);
  return { mark: L.t('aheadChartMark'), model: L.t('aheadChartModel', { pct }), persistence: L.t('aheadChartPersistence', { pct }), readout: (v) => L.t('aheadChartReadout', v) };
}

/** A number for a data attribute: full precision, '' when there is none. */
const attr = (v: number | undefined) => (v !== undefined && Number.isFinite(v) ? String(v) : '');

/** A value with its band below it, smaller (or why there is none). */
function valueCell(value: string, band: string): HTMLTableCellElement {
  return el('td', { class: 'trainer-num' }, value, el('span', { class: 'trainer-ahead-band' }, band));
}

function stepRow(s: StepBand, L: Labeller, decimals: number | null, needed: number, dated: boolean): HTMLTableRowElement {
  const v = (x: number) => formatValue(x, L.lang, decimals);
  const range = (b: StepBand['modelBand']) => (b ? L.t('aheadRange', { low: v(b.low), high: v(b.high) }) : L.t('aheadNoBand', { n: s.n, needed }));
  const m = s.modelBand;
  const p = s.persistenceBand;
  return el(
    'tr',
    {
      'data-testid': 'forecast-ahead',
      'data-step': s.step,
      'data-date': s.date,
      'data-model': attr(s.model),
      'data-low': attr(m?.low),
      'data-high': attr(m?.high),
      'data-persistence': attr(s.persistence),
      'data-persistence-low': attr(p?.low),
      'data-persistence-high': attr(p?.high),
    },
    el('th', { scope: 'row' }, dated ? s.date : String(s.step)),
    valueCell(v(s.model), range(m)),
    valueCell(v(s.persistence), range(p)),
  );
}

export function createAheadPanel(L: Labeller, fields: FieldGroup<typeof AHEAD_FIELDS>, onSteps: (steps: number) => void): AheadPanel {
  const steps = el('input', { type: 'number', id: 'trainer-ahead', 'data-testid': 'ahead', min: 1, max: AHEAD_FIELDS.ahead.max, step: 1, inputmode: 'numeric' });
  const band = el('select', { id: 'trainer-ahead-band', 'data-testid': 'ahead-band' });
  for (const c of BAND_COVERAGES) {
    const o = el('option', { value: bandValue(c) });
    const [a, b] = coverageLevels(c);
    L.bind((t) => (o.textContent = t('aheadBandOption', { low: percentText(a).replace(' %', ''), high: percentText(b).replace(' %', '') })));
    band.append(o);
  }
  const field = (id: string, key: 'aheadStepsLabel' | 'aheadBandLabel', control: HTMLElement) => el('label', { class: 'trainer-field', for: id }, el('span', {}, L.text(key)), control);
  const capped = el('p', { class: 'trainer-muted', hidden: true });
  const status = el('p', { class: 'trainer-muted', 'data-testid': 'ahead-status' });
  const limit = el('p', { class: 'trainer-warning trainer-info', 'data-testid': 'ahead-limit', hidden: true });
  const headRow = el('tr');
  const body = el('tbody');
  const table = el('table', { class: 'trainer-ahead-table' }, el('thead', {}, headRow), body);
  const tableBox = el('div', { class: 'trainer-scroll', hidden: true }, table);
  const verdict = el('p', { 'data-testid': 'ahead-verdict', hidden: true });
  const notes = el('p', { class: 'trainer-muted', hidden: true });
  const summary = el('p', { class: 'trainer-sr', 'aria-live': 'polite', 'data-testid': 'ahead-summary' });

  const commit = () => {
    const v = Number(steps.value);
    if (steps.value.trim() !== '' && Number.isFinite(v)) fields.set({ ahead: v });
  };
  steps.addEventListener('input', commit);
  steps.addEventListener('change', () => {
    commit();
    steps.value = String(shownSteps);
  });
  band.addEventListener('change', () => fields.set({ band: band.value }));

  const element = el(
    'section',
    { class: 'trainer-panel trainer-ahead', 'data-testid': 'ahead-panel' },
    el('h4', {}, L.text('aheadTitle')),
    el('p', { class: 'trainer-muted' }, L.text('aheadIntro')),
    el('div', { class: 'trainer-row trainer-ahead-controls' }, field('trainer-ahead', 'aheadStepsLabel', steps), field('trainer-ahead-band', 'aheadBandLabel', band)),
    capped,
    status,
    limit,
    tableBox,
    verdict,
    notes,
    summary,
  );

  let sent = 0;
  let shownSteps = 1;
  let spoken = '';

  function drawReady(run: AheadRun, bands: AheadBands, epoch: number): void {
    const dated = run.calendar.spacing !== 'steps';
    const decimals = bandDecimals(bands);
    const pct = percentText(bands.coverage);
    const col = (key: 'aheadColModel' | 'aheadColPersistence') => el('th', { scope: 'col' }, L.t(key), el('span', { class: 'trainer-ahead-band' }, L.t('aheadColBand', { pct })));
    headRow.replaceChildren(el('th', { scope: 'col' }, L.t(dated ? 'aheadColDate' : 'aheadColStep')), col('aheadColModel'), col('aheadColPersistence'));
    clear(body);
    for (const s of bands.steps) body.append(stepRow(s, L, decimals, bands.needed, dated));
    const value = formatValue(run.lastValue, L.lang, decimals);
    status.textContent = run.lastDate ? L.t('aheadLast', { epoch, date: run.lastDate, value }) : L.t('aheadLastNoDate', { epoch, value });
    limit.hidden = run.limit === null;
    limit.textContent = run.limit ? aheadLimitText(run.limit, L.lang) : '';
    verdict.textContent = aheadVerdictText(bands, L.lang);
    const extra = [aheadBiasText(bands, L.lang), run.calendar.spacing === 'irregular' ? L.t('aheadIrregular') : null].filter((x): x is string => x !== null);
    notes.hidden = extra.length === 0;
    notes.textContent = extra.join(L.lang === 'zh' ? '' : ' ');
    const text = aheadSummary(run, bands, L.lang);
    // Spoken once per new forecast, band or language (not on every redraw).
    if (text !== spoken) summary.textContent = spoken = text;
  }

  function render(vm: AheadInputs): AheadView {
    const requested = fields.get('ahead');
    const coverage = coverageOf(fields.get('band'));
    if (requested !== sent) onSteps((sent = requested));
    shownSteps = stepsFor(requested, vm.series);
    if (document.activeElement !== steps) steps.value = String(shownSteps);
    steps.max = String(vm.series ? vm.series.T : AHEAD_FIELDS.ahead.max);
    band.value = fields.get('band');
    capped.hidden = !vm.series || requested <= vm.series.T;
    if (vm.series) capped.textContent = L.t('aheadCapped', { max: vm.series.T });
    const view = aheadView(vm, requested, coverage);
    const ready = view.kind === 'ready';
    tableBox.hidden = verdict.hidden = !ready;
    element.setAttribute('aria-busy', String(view.kind === 'computing' || (ready && view.pending)));
    if (ready) drawReady(view.run, view.bands, view.epoch);
    else {
      limit.hidden = notes.hidden = true;
      clear(body);
      status.textContent = L.t(view.kind === 'training' ? 'aheadWaitTraining' : view.kind === 'computing' ? 'aheadComputing' : 'aheadNone');
      summary.textContent = spoken = '';
    }
    return view;
  }

  return { element, render };
}
