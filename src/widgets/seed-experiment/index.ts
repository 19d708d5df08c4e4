// Section 6: the article's experiment, computed in the page. Five trainer
// configurations (the code as published, each defect alone, all fixed) are
// trained one after another in a training worker of the widget's own — the
// trainer's code path, through the typed protocol (an `experiment` request,
// src/train/experiment.ts) — and a table fills in as they finish, beside
// persistence. The series is a bundled one or the reader's own file.
import { dataErrorMessage } from '../../i18n/data-errors.ts';
import { Labeller } from '../../i18n/labeller.ts';
import { TrainerClient, type WorkerEvent } from '../../train/client.ts';
import type { ExperimentEvent } from '../../train/experiment.ts';
import type { Metrics, TableSummary } from '../../train/protocol.ts';
import { el } from '../../ui/dom.ts';
import { printPrice } from '../trainer/live.ts';
import type { MountWidget } from '../types.ts';
import { EXPERIMENT_FIELDS } from './fields.ts';
import { ARTICLE_EPOCHS, EPOCH_BUDGETS, EXPERIMENT_ROWS, FLAT_SPREAD, rowConfigs, type RowKey } from './rows.ts';
import { seedText } from './strings.ts';
import { createExperimentTable, duration, percent, type RowView } from './table.ts';
import '../controls.css';
import './style.css';

type Phase = 'idle' | 'loading' | 'running' | 'done' | 'stopped' | 'failed';
/** The long-lag task's lag in this table (the trainer's default). */
const LAG = 20;

export const mount: MountWidget = (host, ctx) => {
  const L = new Labeller(seedText, ctx.lang);
  const state = ctx.store.defineFields('experiment', EXPERIMENT_FIELDS);

  const seriesSelect = el('select', { 'data-testid': 'experiment-series' });
  for (const v of EXPERIMENT_FIELDS.data.values) seriesSelect.append(el('option', { value: v }));
  const fileOption = el('option', { value: 'file', hidden: true });
  seriesSelect.append(fileOption);
  const epochsSelect = el('select', { 'data-testid': 'experiment-epochs' });
  const fileInput = el('input', { type: 'file', accept: '.csv,.tsv,.txt,text/csv,text/plain', class: 'sx-file-input', 'data-testid': 'experiment-file' });
  const fileLabel = el('label', { class: 'gl-button sx-file' }, L.text('file'), fileInput);
  const run = el('button', { type: 'button', class: 'gl-button sx-run', 'data-testid': 'experiment-run' });
  const status = el('p', { class: 'sx-status', role: 'status', 'data-testid': 'experiment-status' });
  const bar = el('progress', { class: 'sx-progress', max: 1, value: 0 });
  L.attr(bar, 'aria-label', 'progressAria');
  const table = createExperimentTable(L);
  const summary = el('p', { class: 'sx-summary', 'data-testid': 'experiment-summary' });
  const notes = el('p', { class: 'gl-note' }, L.text('notes'));
  const root = el(
    'div',
    { class: 'sx', 'data-testid': 'seed-experiment', 'data-state': 'idle' },
    el('p', { class: 'gl-title' }, L.text('title')),
    el('p', { class: 'gl-note' }, L.text('intro')),
    el(
      'div',
      { class: 'gl-row sx-controls' },
      el('label', { class: 'ctl ctl-select' }, el('span', { class: 'ctl-name' }, L.text('series')), seriesSelect),
      fileLabel,
      el('label', { class: 'ctl ctl-select' }, el('span', { class: 'ctl-name' }, L.text('epochs')), epochsSelect),
      run,
    ),
    status,
    bar,
    el('div', { class: 'sx-table-wrap' }, table.element),
    summary,
    notes,
  );
  host.append(root);

  let client: TrainerClient | null = null;
  let backendName = '';
  let phase: Phase = 'idle';
  let runId = 0;
  /** What the worker holds: a bundled series, or the reader's file (its bytes are kept to send again). */
  let loaded: string | null = null;
  let file: { name: string; bytes: ArrayBuffer } | null = null;
  let source: 'sample' | 'file' = 'sample';
  let summaryOf: TableSummary | null = null;
  let rows = new Map<RowKey, RowView>();
  let baseline: { metrics: Metrics; spread: number } | null = null;
  let errorText = '';
  let current: { key: RowKey; epoch: number; epochs: number; elapsedMs: number } | null = null;
  let epochs = state.get('epochs');

  const seriesName = () => (source === 'file' && file ? L.t('series_file', { name: file.name }) : L.t(`series_${state.get('data')}`));

  function reset(): void {
    rows = new Map(EXPERIMENT_ROWS.map((r) => [r.key, { state: 'waiting' }]));
    baseline = null;
    current = null;
  }

  function elapsedSoFar(): number {
    let ms = current?.elapsedMs ?? 0;
    for (const r of rows.values()) if (r.state === 'done') ms += r.result.elapsedMs;
    return ms;
  }

  function paint(): void {
    const lang = L.lang;
    root.dataset.state = phase;
    root.dataset.series = source === 'file' ? 'file' : state.get('data');
    root.dataset.epochs = String(epochs);
    run.textContent = L.t(phase === 'running' || phase === 'loading' ? 'stop' : phase === 'idle' ? 'run' : 'again');
    table.setCaption(L.t('caption', { series: seriesName(), epochs, article: ARTICLE_EPOCHS }));
    table.render({ rows, baseline });
    const doneRows = [...rows.values()].filter((r) => r.state === 'done' || r.state === 'failed').length;
    bar.value = (doneRows + (current ? current.epoch / Math.max(1, current.epochs) : 0)) / EXPERIMENT_ROWS.length;
    bar.hidden = phase !== 'running' && phase !== 'loading';
    if (phase === 'idle') status.textContent = L.t('idle', { n: epochs });
    else if (phase === 'loading') status.textContent = L.t('loading');
    else if (phase === 'running' && current) {
      const index = EXPERIMENT_ROWS.findIndex((r) => r.key === current!.key);
      status.textContent = L.t('progress', { row: index + 1, rows: EXPERIMENT_ROWS.length, name: L.t(`row_${current.key}`), epoch: current.epoch, epochs: current.epochs, elapsed: duration(elapsedSoFar(), lang) });
    } else if (phase === 'done') status.textContent = L.t('done', { rows: EXPERIMENT_ROWS.length, epochs, elapsed: duration(elapsedSoFar(), lang), backend: backendName });
    else if (phase === 'stopped') status.textContent = L.t('stopped');
    else if (phase === 'failed') status.textContent = L.t('failed', { message: errorText });
    const written = rows.get('as-written');
    const fixed = rows.get('fixed');
    summary.textContent =
      written?.state === 'done' && fixed?.state === 'done' && baseline
        ? L.t(written.result.spread < FLAT_SPREAD ? 'summary' : 'summaryNotFlat', {
            spread: percent(written.result.spread, lang),
            fixed: printPrice(fixed.result.model.rmse, lang),
            persistence: printPrice(baseline.metrics.rmse, lang),
          })
        : '';
  }

  function syncControls(): void {
    seriesSelect.value = source === 'file' ? 'file' : state.get('data');
    const budgets: number[] = [...EPOCH_BUDGETS];
    if (!budgets.includes(epochs)) budgets.push(epochs);
    budgets.sort((a, b) => a - b);
    epochsSelect.replaceChildren(...budgets.map((n) => el('option', { value: n }, L.t(n === ARTICLE_EPOCHS ? 'epochsArticle' : 'epochsOption', { n }))));
    epochsSelect.value = String(epochs);
    for (const opt of seriesSelect.options) {
      if (opt.value === 'file') opt.textContent = file ? L.t('series_file', { name: file.name }) : '';
      else opt.textContent = L.t(`series_${opt.value as 'sp500'}`);
    }
    fileOption.hidden = !file;
  }

  function ensureClient(): TrainerClient {
    if (client) return client;
    client = new TrainerClient(onMessage, (message) => fail(message));
    client.send({ type: 'init', backend: ctx.backend.requested });
    return client;
  }

  function fail(message: string): void {
    phase = 'failed';
    errorText = message;
    paint();
  }

  /** Stop whatever runs and put the table back to waiting (the settings changed). */
  function stop(to: Phase): void {
    if (client && (phase === 'running' || phase === 'loading')) client.send({ type: 'experiment', runId: ++runId, rows: [] });
    phase = to;
    current = null;
    paint();
  }

  function start(): void {
    const c = ensureClient();
    reset();
    runId++;
    const want = source === 'file' ? `file:${file!.name}` : state.get('data');
    phase = 'loading';
    paint();
    if (loaded === want && summaryOf) return startRows();
    loaded = want;
    summaryOf = null;
    if (source === 'file' && file) c.send({ type: 'load-file', name: file.name, bytes: file.bytes.slice(0) });
    else c.send({ type: 'load-sample', sample: state.get('data'), lag: LAG, pageUrl: document.baseURI });
  }

  function startRows(): void {
    const s = summaryOf!;
    const data = source === 'file' ? 'file' : state.get('data');
    phase = 'running';
    client!.send({ type: 'experiment', runId, rows: rowConfigs(data, LAG, s.columns, s.target, epochs) });
    paint();
  }

  function onExperiment(e: ExperimentEvent): void {
    if (e.kind === 'baseline') baseline = { metrics: e.baseline, spread: e.spread };
    else if (e.kind === 'progress') {
      current = { key: e.key as RowKey, epoch: e.epoch, epochs: e.epochs, elapsedMs: e.elapsedMs };
      rows.set(e.key as RowKey, { state: 'running', epoch: e.epoch, epochs: e.epochs });
    } else if (e.kind === 'row') {
      rows.set(e.key as RowKey, { state: 'done', result: e.result });
      current = null;
    } else if (e.kind === 'row-error') {
      rows.set(e.key as RowKey, { state: 'failed', message: e.error ? dataErrorMessage(e.error, L.lang) : e.message });
      current = null;
    } else if (e.kind === 'done') phase = 'done';
    paint();
  }

  function onMessage(msg: WorkerEvent): void {
    if (msg.type === 'backend') backendName = msg.backend.name;
    else if (msg.type === 'table') {
      summaryOf = msg.summary;
      if (phase === 'loading') startRows();
    } else if (msg.type === 'data-error') {
      loaded = null;
      fail(dataErrorMessage(msg.error, L.lang));
    } else if (msg.type === 'experiment' && msg.runId === runId) onExperiment(msg.event);
    else if (msg.type === 'fatal') fail(msg.message);
  }

  run.addEventListener('click', () => (phase === 'running' || phase === 'loading' ? stop('stopped') : start()));
  seriesSelect.addEventListener('change', () => {
    if (seriesSelect.value === 'file') source = 'file';
    else {
      source = 'sample';
      state.set({ data: seriesSelect.value });
    }
    changed();
  });
  epochsSelect.addEventListener('change', () => state.set({ epochs: Number(epochsSelect.value) }));
  fileInput.addEventListener('change', () => {
    const f = fileInput.files?.[0];
    if (!f) return;
    void f.arrayBuffer().then((bytes) => {
      file = { name: f.name, bytes };
      source = 'file';
      loaded = null;
      fileInput.value = '';
      changed();
      start();
    });
  });

  /** New settings: what the table showed no longer applies. */
  function changed(): void {
    epochs = state.get('epochs');
    if (phase !== 'idle') stop('idle');
    reset();
    syncControls();
    paint();
  }

  const unsubscribe = state.subscribe(changed);
  L.bind(() => {
    syncControls();
    paint();
  });
  reset();
  paint();

  return {
    setLang(lang) {
      L.setLang(lang);
    },
    unmount() {
      unsubscribe();
      client?.terminate();
      root.remove();
    },
  };
};
