// The data part of the trainer: bundled samples, file picker, what was read
// (summary, dropped rows, a preview), target and input columns, and the error
// of a rejected file. Every column name and cell goes in as text.
import { dataErrorMessage } from '../../i18n/data-errors.ts';
import { clear, el } from '../../ui/dom.ts';
import type { TrainConfig } from '../../train/config.ts';
import type { TableSummary } from '../../train/protocol.ts';
import { DATA_CHOICES, type DataChoice, type TrainFields } from './fields.ts';
import type { Labeller } from './labels.ts';
import type { TrainerViewModel } from './view-model.ts';

export interface DataPanelEvents {
  onFile(file: File): void;
  onSample(choice: DataChoice): void;
  onLag(lag: number): void;
  onTarget(column: string): void;
  onFeatures(columns: string[]): void;
}

export interface DataPanel {
  element: HTMLElement;
  render(vm: TrainerViewModel, config: TrainConfig | null, fields: TrainFields): void;
  setReading(name: string | null): void;
  setSharedFileNote(show: boolean): void;
}

const DROP_KEYS = ['missingDate', 'missingTarget', 'ragged', 'unparsableDate'] as const;

export function createDataPanel(L: Labeller, on: DataPanelEvents): DataPanel {
  const sample = el('select', { 'data-testid': 'sample-select', id: 'trainer-sample' });
  for (const c of DATA_CHOICES) {
    const o = el('option', { value: c });
    L.bind((t) => (o.textContent = t(`sample_${c}`)));
    sample.append(o);
  }
  sample.addEventListener('change', () => on.onSample(sample.value as DataChoice));
  const lag = el('input', { type: 'number', min: 1, max: 200, step: 1, 'data-testid': 'lag', id: 'trainer-lag' });
  lag.addEventListener('change', () => {
    const v = Math.round(Number(lag.value));
    if (Number.isFinite(v) && v >= 1) on.onLag(v);
  });
  const lagWrap = el('label', { class: 'trainer-field', for: 'trainer-lag' }, el('span', {}, L.text('lagLabel')), lag);

  const file = el('input', { type: 'file', accept: '.csv,.tsv,.txt,text/csv,text/plain', 'data-testid': 'csv-input', class: 'trainer-file-input', id: 'trainer-file' });
  file.addEventListener('change', () => {
    const f = file.files?.[0];
    if (f) on.onFile(f);
    file.value = '';
  });
  const fileButton = el('label', { class: 'trainer-button trainer-file-button', for: 'trainer-file' }, L.text('fileButton'), file);
  const dropHint = el('span', { class: 'trainer-muted' }, L.text('dropHint'));
  const reading = el('p', { class: 'trainer-muted', 'aria-live': 'polite' });
  const sharedNote = el('p', { class: 'trainer-note', hidden: true }, L.text('sharedFile'));
  const error = el('p', { class: 'trainer-error', 'data-testid': 'csv-error', role: 'alert', hidden: true });

  const summary = el('div', { class: 'trainer-summary', 'data-testid': 'dataset-summary', 'aria-live': 'polite' });
  const previewTable = el('table', { class: 'trainer-preview' });
  const preview = el('details', { class: 'trainer-preview-box' }, el('summary', {}, L.text('previewCaption')), el('div', { class: 'trainer-scroll' }, previewTable));

  const target = el('select', { 'data-testid': 'target-select', id: 'trainer-target' });
  target.addEventListener('change', () => on.onTarget(target.value));
  const targetWrap = el('label', { class: 'trainer-field', for: 'trainer-target' }, el('span', {}, L.text('targetLabel')), target);
  const legend = el('legend', {}, L.text('featuresLabel'));
  const featureList = el('div', { class: 'trainer-features' });
  const features = el('fieldset', { class: 'trainer-fieldset' }, legend, featureList);
  featureList.addEventListener('change', () => {
    const chosen = [...featureList.querySelectorAll<HTMLInputElement>('input[data-testid=feature]')].filter((i) => i.checked).map((i) => i.value);
    on.onFeatures(chosen);
  });

  const element = el(
    'section',
    { class: 'trainer-panel trainer-data' },
    el('h3', {}, L.text('dataHeading')),
    el('div', { class: 'trainer-row' }, el('label', { class: 'trainer-field', for: 'trainer-sample' }, el('span', {}, L.text('sampleLabel')), sample), lagWrap),
    el('div', { class: 'trainer-row trainer-drop-row' }, fileButton, dropHint),
    reading,
    sharedNote,
    error,
    summary,
    preview,
    el('div', { class: 'trainer-row' }, targetWrap),
    features,
  );

  let shownColumns = '';
  let lastSummary: TableSummary | null = null;

  function renderSummary(s: TableSummary): void {
    const t = L.t;
    summary.dataset.rows = String(s.rows);
    summary.dataset.target = s.target;
    summary.dataset.dateColumn = s.dateColumn ?? '';
    const facts: string[] = [t('rows', { rows: s.rows.toLocaleString(L.lang === 'zh' ? 'zh-CN' : 'en') })];
    facts.push(s.firstDate && s.lastDate ? t('dateRange', { first: s.firstDate, last: s.lastDate }) : t('noDates'));
    if (s.dropped > 0) {
      const why = DROP_KEYS.filter((k) => s.dropReasons[k] > 0).map((k) => t(`reason_${k}`, { n: s.dropReasons[k] }));
      facts.push(t('dropped', { n: s.dropped, reasons: why.join(L.lang === 'zh' ? '，' : ', ') }));
    } else facts.push(t('noneDropped'));
    if (s.duplicateDates > 0) facts.push(t('duplicates', { n: s.duplicateDates }));
    if (s.reversed) facts.push(t('reversed'));
    if (s.ambiguousDates && s.dateFormat) facts.push(t('ambiguous', { format: s.dateFormat }));
    const delim = s.delimiter === '\t' ? 'TAB' : s.delimiter;
    clear(summary);
    summary.append(
      el('p', { class: 'trainer-source' }, t('source', { name: s.sample ? t(`sample_${s.sample}`) : s.source })),
      el('p', {}, facts.join(' · ')),
      el('p', {}, t('columnsLabel'), s.columns.join(', ')),
    );
    if (s.textColumns.length) summary.append(el('p', { class: 'trainer-muted' }, t('textColumns'), s.textColumns.join(', ')));
    if (!s.sample) summary.append(el('p', { class: 'trainer-muted' }, t('fileFormat', { encoding: s.encoding, delimiter: delim })));

    clear(previewTable);
    const rows = s.preview.length && s.preview[0].join('\u0000') === s.headers.join('\u0000') ? s.preview.slice(1) : s.preview;
    previewTable.append(el('thead', {}, el('tr', {}, ...s.headers.map((h) => el('th', { scope: 'col' }, h)))));
    previewTable.append(el('tbody', {}, ...rows.map((r) => el('tr', {}, ...r.map((c) => el('td', {}, c))))));
  }

  function renderColumns(s: TableSummary, config: TrainConfig | null): void {
    const key = s.columns.join('\u0000') + '\u0001' + s.source;
    if (key !== shownColumns) {
      shownColumns = key;
      clear(target);
      for (const c of s.columns) target.append(el('option', { value: c }, c));
      clear(featureList);
      for (const c of s.columns) {
        featureList.append(el('label', { class: 'trainer-check' }, el('input', { type: 'checkbox', 'data-testid': 'feature', value: c }), el('span', {}, c)));
      }
    }
    if (config) {
      target.value = config.target;
      for (const box of featureList.querySelectorAll<HTMLInputElement>('input[data-testid=feature]')) box.checked = config.features.includes(box.value);
    }
  }

  // A language switch rewrites the summary of the table already loaded.
  L.bind(() => {
    if (lastSummary) renderSummary(lastSummary);
  });

  return {
    element,
    render(vm, config, fields) {
      sample.value = fields.data;
      lag.value = String(fields.lag);
      lagWrap.hidden = fields.data !== 'long-lag';
      const shownError = vm.dataError ?? vm.datasetError;
      if (shownError) {
        error.hidden = false;
        error.dataset.error = shownError.kind;
        error.textContent = dataErrorMessage(shownError, L.lang);
      } else {
        error.hidden = true;
        delete error.dataset.error;
        error.textContent = '';
      }
      if (vm.summary && vm.summary !== lastSummary) renderSummary(vm.summary);
      lastSummary = vm.summary;
      if (vm.summary) renderColumns(vm.summary, config);
    },
    setReading(name) {
      reading.textContent = name ? L.t('reading', { name }) : '';
    },
    setSharedFileNote(show) {
      sharedNote.hidden = !show;
    },
  };
}
