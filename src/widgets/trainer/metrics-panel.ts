// The honest comparison: test-split metrics of the model beside persistence
// (tomorrow = today), and a verdict in plain words.
import { clear, el } from '../../ui/dom.ts';
import type { DefectName } from '../../train/config.ts';
import type { Metrics, Snapshot } from '../../train/protocol.ts';
import type { Labeller, Translate } from './labels.ts';

const METRICS = ['mse', 'rmse', 'mae', 'mape', 'direction'] as const;
type MetricName = (typeof METRICS)[number];
/** Metrics where larger is better. */
const HIGHER_BETTER: ReadonlySet<MetricName> = new Set(['direction']);
/** RMSE within this relative distance of persistence counts as a tie. */
export const TIE_BAND = 0.01;
/** Standardised forecasts with a smaller standard deviation count as a flat line (the targets' is about 1). */
export const FLAT_STD = 0.05;

function show(name: MetricName, v: number, lang: 'zh' | 'en'): string {
  if (!Number.isFinite(v)) return '–';
  const locale = lang === 'zh' ? 'zh-CN' : 'en';
  if (name === 'mape') return `${v.toLocaleString(locale, { maximumFractionDigits: 2 })} %`;
  if (name === 'direction') return `${(v * 100).toLocaleString(locale, { maximumFractionDigits: 1 })} %`;
  return Number(v.toPrecision(4)).toLocaleString(locale, { maximumSignificantDigits: 4 });
}

export type Verdict = 'beats' | 'tie' | 'loses';

export function verdictOf(model: Metrics, baseline: Metrics): Verdict {
  const rel = (model.rmse - baseline.rmse) / baseline.rmse;
  if (!Number.isFinite(rel) || Math.abs(rel) < TIE_BAND) return 'tie';
  return rel < 0 ? 'beats' : 'loses';
}

export function verdictText(s: Snapshot, t: Translate, lang: 'zh' | 'en', defects: readonly DefectName[] = []): string {
  const sep = lang === 'zh' ? '' : ' ';
  const v = verdictOf(s.model, s.baseline);
  const pct = `${Math.abs(((s.model.rmse - s.baseline.rmse) / s.baseline.rmse) * 100).toFixed(1)} %`;
  const values = { model: show('rmse', s.model.rmse, lang), baseline: show('rmse', s.baseline.rmse, lang), pct };
  let text = t(v === 'beats' ? 'verdictBeats' : v === 'tie' ? 'verdictTie' : 'verdictLoses', values);
  if (s.predStd < FLAT_STD) {
    text += sep + t('verdictFlat', { std: s.predStd.toPrecision(2) });
    if (defects.includes('broadcast')) text += sep + t('verdictFlatBroadcast');
    else if (defects.includes('tanh')) text += sep + t('verdictFlatTanh');
  }
  return text + sep + t('verdictEpoch', { epoch: s.epoch });
}

export interface MetricsPanel {
  element: HTMLElement;
  render(snapshot: Snapshot | null, defects: readonly DefectName[]): void;
}

export function createMetricsPanel(L: Labeller): MetricsPanel {
  const body = el('tbody');
  const rows = new Map<MetricName, { tr: HTMLTableRowElement; name: HTMLElement; model: HTMLElement; base: HTMLElement }>();
  for (const m of METRICS) {
    const name = el('th', { scope: 'row' });
    const model = el('td', { class: 'trainer-num' });
    const base = el('td', { class: 'trainer-num' });
    const tr = el('tr', { 'data-metric': m }, name, model, base);
    L.bind((t) => (name.textContent = t(`metric_${m}`)));
    rows.set(m, { tr, name, model, base });
    body.append(tr);
  }
  const head = el('thead', {}, el('tr', {}, el('th', { scope: 'col' }, L.text('metricCol')), el('th', { scope: 'col' }, L.text('modelCol')), el('th', { scope: 'col' }, L.text('baselineCol'))));
  const caption = el('caption', {}, L.text('metricsTitle'));
  const table = el('table', { class: 'trainer-metrics', 'data-testid': 'metrics' }, caption, head, body);
  const verdict = el('p', { class: 'trainer-verdict', 'data-testid': 'verdict', 'aria-live': 'polite' });
  let last: Snapshot | null = null;
  let lastDefects: readonly DefectName[] = [];

  function draw(): void {
    const s = last;
    for (const m of METRICS) {
      const r = rows.get(m)!;
      if (!s) {
        r.tr.removeAttribute('data-model');
        r.tr.removeAttribute('data-baseline');
        r.model.textContent = '–';
        r.base.textContent = '–';
        r.model.className = r.base.className = 'trainer-num';
        continue;
      }
      const a = s.model[m];
      const b = s.baseline[m];
      r.tr.dataset.model = String(a);
      r.tr.dataset.baseline = String(b);
      r.model.textContent = show(m, a, L.lang);
      r.base.textContent = show(m, b, L.lang);
      // Mark the better one, unless they read the same at the precision shown.
      const differ = Number.isFinite(a) && Number.isFinite(b) && r.model.textContent !== r.base.textContent;
      const modelBetter = HIGHER_BETTER.has(m) ? a > b : a < b;
      r.model.className = `trainer-num${differ && modelBetter ? ' trainer-better' : ''}`;
      r.base.className = `trainer-num${differ && !modelBetter ? ' trainer-better' : ''}`;
    }
    clear(verdict);
    verdict.textContent = s && s.epoch > 0 ? verdictText(s, L.t, L.lang, lastDefects) : L.t('verdictNone');
    verdict.dataset.verdict = s && s.epoch > 0 ? verdictOf(s.model, s.baseline) : '';
  }
  L.bind(() => draw());

  return {
    element: el('section', { class: 'trainer-panel trainer-results' }, el('div', { class: 'trainer-scroll' }, table), verdict),
    render(snapshot, defects) {
      last = snapshot;
      lastDefects = defects;
      draw();
    },
  };
}
