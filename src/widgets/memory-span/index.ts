// Section 7: the memory-span experiment. Over a list of lags on the
// long-lag task it trains each cell briefly and plots test RMSE ÷
// persistence against the lag, one curve per cell, while it runs. The
// training happens in a training worker of its own (protocol.ts span-run /
// span-cancel, train/span-runs.ts), on the backend the reader asked for, so
// the page stays responsive and the trainer's own worker is left alone.
import { createSpanChart, type SpanChartSeries } from '../../charts/span-chart.ts';
import { formatNumber } from '../../charts/scales.ts';
import { Labeller } from '../../i18n/labeller.ts';
import { TrainerClient } from '../../train/client.ts';
import { forgetBiasOf } from '../../train/memory-span-settings.ts';
import type { SpanMessage } from '../../train/protocol.ts';
import { el } from '../../ui/dom.ts';
import { pickParams, withDefaults } from '../preset-params.ts';
import type { MountWidget } from '../types.ts';
import { spanControls } from './controls.ts';
import { MAX_LAG, MAX_LAGS, SPAN_FIELDS, parseLags, spanSettings } from './fields.ts';
import { lagDomain, ratioDomain, SpanViewModel } from './model.ts';
import { chartCaption, chartData, curveLabel, renderResultsTable, type SpanT } from './results-table.ts';
import { createTextAlternative } from '../../charts/text-alternative.ts';
import { spanText } from './strings.ts';
import './style.css';

const CURVE_COLOURS: Record<string, string> = { rnn: 'var(--span-rnn)', lstm: 'var(--span-lstm)', gru: 'var(--span-gru)' };
const colourOf = (key: string) => CURVE_COLOURS[key] ?? 'var(--span-lstm-bias)';

export const mount: MountWidget = (host, ctx) => {
  const L = new Labeller(spanText, ctx.lang);
  const state = ctx.store.defineFields('span', SPAN_FIELDS);
  // A URL whose lags do not read is rewritten to the defaults (what the reader then sees); a list the reader types stays, with its error.
  if (!parseLags(state.get('lags'))) state.set({ lags: SPAN_FIELDS.lags.default });
  const vm = new SpanViewModel();
  const controls = spanControls(state, L);
  const runButton = el('button', { type: 'button', class: 'gl-button ms-run', 'data-testid': 'memory-span-run' });
  const cancelButton = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'memory-span-cancel', disabled: true }, L.text('cancel'));
  const problem = el('p', { class: 'ms-problem', role: 'alert', 'data-testid': 'memory-span-error' });
  const bar = el('progress', { class: 'ms-bar', max: 1, value: 0, 'data-testid': 'memory-span-progress' });
  const status = el('p', { class: 'ms-status' });
  // Announced once per change of state (started, done, stopped, failed), not on every epoch.
  const announce = el('p', { class: 'gl-sr', 'aria-live': 'polite' });
  L.attr(bar, 'aria-label', 'progressLabel');
  const shown = el('p', { class: 'gl-note' });
  const chartHost = el('div', { class: 'ms-chart' });
  const chart = createSpanChart(chartHost, {}, { 'data-testid': 'chart-memory-span' });
  const chartText = createTextAlternative(ctx.lang, 'memory-span-chart-text');
  chartText.describe(chart.element);
  const nothingNote = el('p', { class: 'gl-note' }, L.text('nothingNote'));
  const table = el('table', { class: 'ms-table' });
  const root = el(
    'div',
    { class: 'ms', 'data-testid': 'memory-span', 'data-state': 'idle' },
    el('p', { class: 'gl-title' }, L.text('title')),
    el('p', { class: 'gl-note' }, L.text('intro')),
    controls.root,
    el('div', { class: 'gl-row ms-actions' }, runButton, cancelButton),
    problem,
    bar,
    status,
    announce,
    chartHost,
    chartText.element,
    nothingNote,
    shown,
    el('div', { class: 'ms-table-wrap' }, table),
  );
  host.append(root);

  let client: TrainerClient | null = null;
  let initFor: string | null = null;
  let backend = '';
  let nextRun = 1;

  function onSpan(msg: SpanMessage): void {
    if (!vm.apply(msg)) return;
    render();
  }

  function worker(): TrainerClient {
    if (!client) {
      client = new TrainerClient(
        (msg) => {
          if (msg.type === 'backend') {
            backend = msg.backend.name;
            root.dataset.backend = backend;
            render();
          } else if (msg.type === 'fatal') {
            vm.fail(msg.message);
            render();
          }
        },
        (message) => {
          vm.fail(message);
          client?.terminate();
          client = null;
          initFor = null;
          render();
        },
        onSpan,
      );
    }
    const requested = ctx.backend.requested;
    if (initFor !== String(requested)) {
      client.send({ type: 'init', backend: requested });
      initFor = String(requested);
      backend = '';
    }
    return client;
  }

  function start(): void {
    const built = spanSettings(state.all());
    if (!built.ok) return render();
    const runId = nextRun++;
    const w = worker();
    vm.start(runId, built.settings);
    w.send({ type: 'span-run', runId, settings: built.settings });
    render();
  }

  function cancel(): void {
    if (vm.state === 'running') client?.send({ type: 'span-cancel', runId: vm.runId });
  }

  function problemText(t: SpanT): string {
    const built = spanSettings(state.all());
    if (built.ok) return '';
    const p = built.problem;
    return p.kind === 'lags' ? t('badLags', { raw: p.raw, max: MAX_LAGS, maxLag: MAX_LAG }) : t('tooFewRows', p);
  }

  function statusText(t: SpanT): string {
    const total = vm.total;
    if (vm.state === 'idle') return t('idle');
    if (vm.state === 'error') return t('failed', { message: vm.error ?? '' });
    if (vm.state === 'cancelled') return t('cancelled', { n: vm.results.length, total });
    if (vm.state === 'done') return t('done', { total, seconds: Math.round(vm.ms / 1000), backend });
    const p = vm.progress;
    if (!p) return t('starting');
    return t('progress', { run: p.index + 1, total, curve: curveLabel(t, p.cell, p.forgetBias), lag: p.lag, epoch: p.epoch, epochs: p.epochs, backend: backend || '…' });
  }

  function renderChart(t: SpanT): void {
    const s = vm.settings;
    const series: SpanChartSeries[] = vm.series().map((c) => ({ key: c.key, label: curveLabel(t, c.curve.cell, forgetBiasOf(c.curve)), color: colourOf(c.key), points: c.points.map((p) => ({ x: p.lag, y: p.ratio })) }));
    const nothing = vm.nothing();
    series.push({ key: 'nothing', label: t('nothing'), color: 'var(--muted)', points: nothing.map((p) => ({ x: p.lag, y: p.ratio })), dash: '6 4' });
    chart.update({ series, xDomain: lagDomain(s?.lags ?? []), yDomain: ratioDomain(vm.results.map((r) => r.ratio)) });
    chart.element.dataset.nothingRatio = nothing.length ? String(nothing[0].ratio) : '';
    chartText.setCaption(chartCaption(vm, t));
    chartText.setTable(() => chartData(vm, t));
  }

  function render(): void {
    const t = L.t;
    const running = vm.state === 'running';
    root.dataset.state = vm.state;
    root.dataset.results = String(vm.results.length);
    const why = problemText(t);
    problem.textContent = why;
    problem.hidden = why === '';
    runButton.textContent = vm.state === 'idle' ? t('run') : t('rerun');
    runButton.disabled = running || why !== '';
    cancelButton.disabled = !running;
    bar.value = vm.fraction;
    bar.hidden = vm.state === 'idle';
    status.textContent = statusText(t);
    const said = running ? t('runningAnnounce', { total: vm.total }) : vm.state === 'idle' ? '' : status.textContent;
    if (announce.textContent !== said) announce.textContent = said;
    const s = vm.settings;
    const biased = s?.curves.find((c) => forgetBiasOf(c) !== 0);
    shown.textContent = s ? t('shownSettings', { seed: s.seed, b: formatNumber(biased ? forgetBiasOf(biased) : 0), rows: s.rows, epochs: s.epochs, lr: formatNumber(s.lr), lags: s.lags.join(', ') }) : '';
    renderChart(t);
    renderResultsTable(table, vm, t);
  }
  L.bind((t) => chart.setLabels({ xLabel: t('xLabel'), yLabel: t('yLabel'), ariaLabel: t('chartAria') }));
  L.bind(render);

  runButton.addEventListener('click', start);
  cancelButton.addEventListener('click', cancel);
  const unsubscribe = state.subscribe(() => {
    controls.sync();
    render();
  });

  return {
    setLang(next) {
      L.setLang(next);
      chartText.setLang(next);
    },
    applyPreset(params) {
      state.set(withDefaults(SPAN_FIELDS, pickParams(params, Object.keys(SPAN_FIELDS))));
      if (vm.state === 'running') cancel();
      start();
    },
    unmount() {
      unsubscribe();
      client?.terminate();
      client = null;
      chart.destroy();
      root.remove();
    },
  };
};
