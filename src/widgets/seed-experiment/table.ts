// The experiment's table: one row per configuration and one for persistence,
// each cell filled in as the worker reports it. Test hooks: every row is
// `tr[data-row=KEY]` with `data-state` (waiting | running | done | failed) and,
// once done, `data-rmse`, `data-mse`, `data-spread`, `data-ratio` (RMSE over
// persistence's) and `data-diverged` (the epoch the loss blew up, or empty).
import type { Lang } from '../../i18n/lang.ts';
import type { Labeller } from '../../i18n/labeller.ts';
import type { ExperimentResult } from '../../train/experiment.ts';
import type { Metrics } from '../../train/protocol.ts';
import { el } from '../../ui/dom.ts';
import { printPrice } from '../trainer/live.ts';
import { EXPERIMENT_ROWS, type RowKey } from './rows.ts';
import type { seedText } from './strings.ts';

export type RowView =
  | { state: 'waiting' }
  | { state: 'running'; epoch: number; epochs: number }
  | { state: 'done'; result: ExperimentResult }
  | { state: 'failed'; message: string };

export interface TableView {
  rows: Map<RowKey, RowView>;
  baseline: { metrics: Metrics; spread: number } | null;
}

const COLUMNS = ['colRun', 'colRmse', 'colRatio', 'colMse', 'colSpread', 'colStatus'] as const;

const locale = (lang: Lang) => (lang === 'zh' ? 'zh-CN' : 'en');

/** A share as a percentage: two significant digits, whole percent from 10 % up, "< 0.001 %" below that. */
export function percent(v: number, lang: Lang): string {
  if (!Number.isFinite(v)) return '–';
  const p = v * 100;
  const text = p < 0.001 ? '< 0.001' : p >= 10 ? Math.round(p).toLocaleString(locale(lang)) : Number(p.toPrecision(2)).toString();
  return `${text}\u00a0%`;
}

/** An MSE: four significant digits, trailing zeros kept. */
function mse(v: number, lang: Lang): string {
  return Number.isFinite(v) ? v.toLocaleString(locale(lang), { minimumSignificantDigits: 4, maximumSignificantDigits: 4 }) : '–';
}

/** Seconds as the status line prints them. */
export function duration(ms: number, lang: Lang): string {
  const s = Math.round(ms / 1000);
  if (s < 60) return lang === 'zh' ? `${s} 秒` : `${s} s`;
  return lang === 'zh' ? `${Math.floor(s / 60)} 分 ${s % 60} 秒` : `${Math.floor(s / 60)} min ${s % 60} s`;
}

const sig4 = (v: number, lang: Lang) => (Number.isFinite(v) ? printPrice(v, lang) : '–');

export interface ExperimentTable {
  element: HTMLTableElement;
  setCaption(text: string): void;
  render(view: TableView): void;
}

export function createExperimentTable(L: Labeller<typeof seedText>): ExperimentTable {
  const caption = el('caption');
  // Explicit roles: on a narrow screen the rows are laid out as cards (CSS), and the roles keep them a table for a screen reader.
  const head = el('tr', { role: 'row' }, ...COLUMNS.map((c) => el('th', { scope: 'col', role: 'columnheader' }, L.text(c))));
  const keys: (RowKey | 'persistence')[] = [...EXPERIMENT_ROWS.map((r) => r.key), 'persistence'];
  const cells = new Map<string, { tr: HTMLTableRowElement; td: HTMLTableCellElement[] }>();
  const body = el('tbody');
  for (const key of keys) {
    const td = COLUMNS.slice(1).map((c) => {
      const cell = el('td', { role: 'cell' });
      L.bind((t) => (cell.dataset.label = t(c)));
      return cell;
    });
    const tr = el('tr', { role: 'row', 'data-row': key, 'data-state': 'waiting' }, el('th', { scope: 'row', role: 'rowheader' }, L.text(`row_${key}`)), ...td);
    cells.set(key, { tr, td });
    body.append(tr);
  }
  const element = el('table', { class: 'sx-table', role: 'table' }, caption, el('thead', { role: 'rowgroup' }, head), body);
  body.setAttribute('role', 'rowgroup');

  function fill(key: string, values: { rmse: number; ratio: number; mse: number; spread: number } | null, status: string, state: string, diverged: number | null = null): void {
    const { tr, td } = cells.get(key)!;
    const lang = L.lang;
    tr.dataset.state = state;
    const text = values ? [sig4(values.rmse, lang), L.t('ratio', { r: values.ratio.toPrecision(3) }), mse(values.mse, lang), percent(values.spread, lang)] : ['', '', '', ''];
    text.push(status);
    text.forEach((t, i) => {
      if (td[i].textContent !== t) td[i].textContent = t;
    });
    if (values) Object.assign(tr.dataset, { rmse: String(values.rmse), mse: String(values.mse), spread: String(values.spread), ratio: String(values.ratio), diverged: diverged === null ? '' : String(diverged) });
    else for (const k of ['rmse', 'mse', 'spread', 'ratio', 'diverged']) delete tr.dataset[k];
  }

  return {
    element,
    setCaption(text) {
      caption.textContent = text;
    },
    render(view) {
      const lang = L.lang;
      const base = view.baseline;
      if (base) fill('persistence', { rmse: base.metrics.rmse, ratio: 1, mse: base.metrics.mse, spread: base.spread }, L.t('noTraining'), 'done');
      else fill('persistence', null, L.t('waiting'), 'waiting');
      for (const { key } of EXPERIMENT_ROWS) {
        const row = view.rows.get(key) ?? { state: 'waiting' };
        if (row.state === 'done') {
          const r = row.result;
          const status = r.diverged !== null ? L.t('rowDiverged', { epoch: r.diverged, kept: r.epochs }) : L.t('rowDone', { epochs: r.epochs, elapsed: duration(r.elapsedMs, lang) });
          fill(key, { rmse: r.model.rmse, ratio: r.model.rmse / r.baseline.rmse, mse: r.model.mse, spread: r.spread }, status, 'done', r.diverged);
        } else if (row.state === 'running') fill(key, null, L.t('running', { epoch: row.epoch, epochs: row.epochs }), 'running');
        else if (row.state === 'failed') fill(key, null, L.t('rowFailed', { message: row.message }), 'failed');
        else fill(key, null, L.t('waiting'), 'waiting');
      }
    },
  };
}
