// The runs table: the last few runs (runs.ts) with their cell, settings,
// data, test RMSE against persistence, and a tick that draws each one's test
// loss over the loss chart. It draws what RunsList holds; the list is the owner.
import './runs.css';
import type { LossOverlay } from '../../charts/loss-chart.ts';
import { clear, el } from '../../ui/dom.ts';
import { effectiveForgetBias, effectiveInit } from '../../train/cell-init.ts';
import type { Labeller, Translate } from './labels.ts';
import { MAX_RUNS, rmseRatio, type KeptRun, type RunsList } from './runs.ts';

export interface RunsPanel {
  element: HTMLElement;
  /** Redraw the table (the current run is marked, and not overlaid: the chart draws it anyway). */
  render(currentId: number | null): void;
}

const COLOURS = 5;

/** The overlay colour of a run: fixed by its number, so a run keeps its colour while others come and go. */
export function runColour(id: number): string {
  return `var(--run-${((id - 1) % COLOURS) + 1})`;
}

function num(v: number, lang: 'zh' | 'en', digits = 4): string {
  if (!Number.isFinite(v)) return '–';
  return Number(v.toPrecision(digits)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { maximumSignificantDigits: digits });
}

export function runSettingsText(r: KeptRun, t: Translate): string {
  const c = r.config;
  const bias = effectiveForgetBias(c);
  const extra = (bias !== 0 ? t('runForget', { bias }) : '') + (c.truncate > 0 && c.truncate < c.window ? t('runTruncate', { K: c.truncate }) : '');
  return t('runSettingsText', { H: c.hidden, T: c.window, init: t(`runInit_${effectiveInit(c.cell, c.init)}`), extra, optimizer: t(`optimizer_${c.optimizer}`), lr: c.lr });
}

/** The loss chart's overlays: the ticked runs other than the current one, their test loss. */
export function runOverlays(runs: readonly KeptRun[], currentId: number | null, t: Translate): LossOverlay[] {
  return runs
    .filter((r) => r.overlay && r.id !== currentId)
    .map((r) => ({ key: String(r.id), label: t('runOverlayLabel', { id: r.id, cell: t(`cell_${r.config.cell}`) }), y: r.test, color: runColour(r.id) }));
}

export function createRunsPanel(L: Labeller, runs: RunsList): RunsPanel {
  const body = el('tbody');
  const cols = ['runShow', 'runCol', 'runCell', 'runSettings', 'runData', 'runEpochs', 'runRmse', 'runBaseline', 'runRatio'] as const;
  const head = el('tr', {}, ...cols.map((k) => el('th', { scope: 'col' }, L.text(k))), el('th', { scope: 'col' }));
  const table = el('table', { class: 'trainer-runs', 'data-testid': 'runs' }, el('thead', {}, head), body);
  const empty = el('p', { class: 'trainer-muted' });
  const note = el('p', { class: 'trainer-muted' }, L.text('runsNote'));
  const clearButton = el('button', { type: 'button', class: 'trainer-button trainer-small', 'data-testid': 'runs-clear' }, L.text('runsClear'));
  clearButton.addEventListener('click', () => runs.clear());
  const wrap = el('div', { class: 'trainer-scroll' }, table);
  const element = el('section', { class: 'trainer-panel trainer-runs-panel' }, el('div', { class: 'trainer-row' }, el('h4', {}, L.text('runsTitle')), clearButton), empty, wrap, note);
  let current: number | null = null;

  function row(r: KeptRun, t: Translate): HTMLTableRowElement {
    const lang = L.lang;
    const ratio = rmseRatio(r);
    const isCurrent = r.id === current;
    const box = el('input', { type: 'checkbox', 'data-testid': 'run-overlay', 'aria-label': t('runShowLabel', { id: r.id }) });
    box.checked = r.overlay || isCurrent;
    box.disabled = isCurrent;
    box.addEventListener('change', () => runs.setOverlay(r.id, box.checked));
    const swatch = el('span', { class: 'trainer-run-swatch' });
    swatch.style.background = isCurrent ? 'var(--accent-2)' : runColour(r.id);
    const remove = el('button', { type: 'button', class: 'trainer-button trainer-small', 'aria-label': t('runRemove', { id: r.id }), title: t('runRemove', { id: r.id }) }, '×');
    remove.addEventListener('click', () => runs.remove(r.id));
    const data = `${r.sample ? t(`sample_${r.sample}`) : r.source}${r.lag !== null ? t('runLag', { lag: r.lag }) : ''}`;
    const tr = el(
      'tr',
      { 'data-testid': 'run', 'data-run': r.id, 'data-cell': r.config.cell, 'data-epochs': r.epochs, 'data-ratio': String(ratio), class: isCurrent ? 'trainer-run-current' : '' },
      el('td', {}, el('label', { class: 'trainer-check' }, box, swatch)),
      el('td', { class: 'trainer-num' }, `${r.id}`),
      el('td', {}, `${t(`cell_${r.config.cell}`)}${isCurrent ? t('runCurrent') : ''}`),
      el('td', {}, runSettingsText(r, t)),
      el('td', {}, data),
      el('td', { class: 'trainer-num' }, String(r.epochs)),
      el('td', { class: 'trainer-num' }, num(r.model?.rmse ?? NaN, lang)),
      el('td', { class: 'trainer-num' }, num(r.baseline?.rmse ?? NaN, lang)),
      el('td', { class: `trainer-num${ratio < 1 ? ' trainer-better' : ''}` }, num(ratio, lang, 3)),
      el('td', {}, remove),
    );
    return tr;
  }

  function draw(): void {
    const t = L.t;
    const list = runs.runs;
    clear(body);
    for (const r of [...list].reverse()) body.append(row(r, t));
    wrap.hidden = note.hidden = clearButton.hidden = list.length === 0;
    empty.hidden = list.length > 0;
    empty.textContent = t('runsNone', { n: MAX_RUNS });
  }
  L.bind(draw);

  return {
    element,
    render(currentId) {
      current = currentId;
      draw();
    },
  };
}
