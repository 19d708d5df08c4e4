// Section 6's live trainer: load a price series (bundled or the reader's
// CSV), set up the model, train it in a Web Worker and watch loss, forecasts
// and the gradient through time change. The main thread only draws — at most
// once per animation frame, whatever the worker sends.
import './style.css';
import type { Lang } from '../../i18n/lang.ts';
import type { BackendOwner } from '../../train/backend-owner.ts';
import { TrainerClient, type WorkerEvent } from '../../train/client.ts';
import { activeDefects } from '../../train/config.ts';
import type { TableSummary, WeightsFile } from '../../train/protocol.ts';
import type { AheadBands } from '../../data/ahead-band.ts';
import { downloadText, el } from '../../ui/dom.ts';
import type { MountWidget, WidgetInstance } from '../types.ts';
import { createChartsPanel } from './charts-panel.ts';
import { aheadChartLabels, createAheadPanel } from './ahead-panel.ts';
import { AHEAD_FIELDS, futureSeries, type AheadView } from './ahead-view.ts';
import { ConfigSender } from './config-sender.ts';
import { createControls } from './controls.ts';
import { createDataPanel } from './data-panel.ts';
import { createExportPanel } from './export-panel.ts';
import { forecastsCsv } from './export-csv.ts';
import {
  TRAIN_FIELDS,
  columnFieldsFor,
  configFromFields,
  encodeFeatures,
  fieldsFromConfig,
  presetFields,
  readPresetParams,
  sampleFields,
  type DataChoice,
} from './fields.ts';
import { acceptFileDrops } from './file-drop.ts';
import { Labeller } from './labels.ts';
import { createMetricsPanel } from './metrics-panel.ts';
import { Redraw, type Dirty } from './redraw.ts';
import { createRunPanel } from './run-panel.ts';
import { createRunsPanel, runOverlays } from './runs-panel.ts';
import { RunTracker, RunsList } from './runs.ts';
import { TrainerViewModel } from './view-model.ts';

/** The worker runs the requested backend, and moves the data and the model to a newly requested one. */
function connectBackend(owner: BackendOwner, client: TrainerClient): () => void {
  const start = (requested: BackendOwner['requested']) => {
    owner.starting('worker');
    client.send({ type: 'init', backend: requested });
  };
  start(owner.requested);
  const stop = owner.onRequest(start);
  return () => {
    stop();
    owner.release('worker');
  };
}

export const mount: MountWidget = (host, ctx): WidgetInstance => {
  const fields = ctx.store.defineFields('train', TRAIN_FIELDS);
  const aheadFields = ctx.store.defineFields('train', AHEAD_FIELDS);
  const L = new Labeller(ctx.lang);
  const vm = new TrainerViewModel();
  let loaded: { data: DataChoice; lag: number } | null = null;
  let pendingPreset: URLSearchParams | null = null;
  const currentConfig = () => (vm.summary ? configFromFields(fields.all(), vm.summary.columns, vm.summary.target) : null);

  // Everything the worker says is folded into `vm` at once and drawn on the next frame.
  const redraw = new Redraw(draw, () => vm.status.state === 'training');
  const client = new TrainerClient(onMessage, (message) => redraw.invalidate(vm.apply({ type: 'fatal', message })));
  const config = new ConfigSender(currentConfig, (c) => client.send({ type: 'configure', config: c }));
  const stopBackend = connectBackend(ctx.backend, client);

  const dataPanel = createDataPanel(L, {
    onFile: (file) => void readFile(file),
    onSample: (choice) => fields.set({ data: choice, ...sampleFields(choice, fields.all()) }),
    onLag: (lag) => fields.set({ lag, ...sampleFields(fields.get('data'), { ...fields.all(), lag }) }),
    onTarget: (column) => fields.set({ target: column, features: '' }),
    onFeatures: (columns) => {
      const c = currentConfig();
      if (c) fields.set({ features: encodeFeatures(columns.length ? columns : [c.target], c.target) });
    },
  });
  const controls = createControls(L, fields, (name) => {
    const s = vm.summary;
    if (s) fields.set(presetFields(name, s.columns, currentConfig()?.target ?? s.target));
  });
  const run = createRunPanel(L, (command) => {
    config.flush();
    client.send({ type: 'command', command });
  });
  const charts = createChartsPanel(L);
  const metrics = createMetricsPanel(L);
  const ahead = createAheadPanel(L, aheadFields, (steps) => client.send({ type: 'ahead-steps', steps }));
  let aheadShown: AheadView = { kind: 'none' };
  /** What the chart's future layer shows: the bands (one object per forecast and coverage) in a language. */
  let aheadDrawn: { bands: AheadBands | null; lang: Lang } = { bands: null, lang: ctx.lang };
  // The last few runs, side by side (runs.ts owns the list; it stays on this page).
  const runs = new RunsList();
  const tracker = new RunTracker(runs);
  const runsPanel = createRunsPanel(L, runs);
  const drawRuns = () => {
    runsPanel.render(tracker.currentId);
    charts.setLossOverlays(runOverlays(runs.runs, tracker.currentId, L.t));
  };
  const stopRuns = runs.subscribe(drawRuns);
  const exporter = createExportPanel(
    L,
    {
      forecastsCsv: () => (vm.series && vm.snapshot ? forecastsCsv(vm.series, vm.snapshot, aheadShown.kind === 'ready' ? aheadShown.bands : null) : null),
      requestWeights: () => client.requestWeights(),
      loadWeights,
      requestRun: (kind) => {
        const snap = vm.snapshot;
        return client.requestRunExport(kind, L.lang, snap ? { epoch: snap.epoch, model: snap.model, baseline: snap.baseline } : null);
      },
    },
    downloadText,
  );

  const credit = el('p', { class: 'trainer-muted trainer-credit' });
  L.bind((t) => (credit.textContent = `${t('credit')}${L.lang === 'zh' ? '' : ' '}${t('privacy')}`));
  const setup = el('div', { class: 'trainer-setup' }, dataPanel.element, controls.element);
  const title = el('h3', { class: 'trainer-title' }, L.text('title'));
  const root = el('div', { class: 'trainer', 'data-testid': 'trainer' }, title, credit, setup, run.element, charts.element, metrics.element, ahead.element, runsPanel.element, exporter.element);
  host.append(root);
  acceptFileDrops(root, (file) => void readFile(file));

  /** A weights file checked by the export panel: its columns must be in the table; its settings become the fields. */
  function loadWeights(file: WeightsFile): string | null {
    const s = vm.summary;
    const needed = [file.config.target, ...file.config.features];
    if (!s || needed.some((c) => !s.columns.includes(c))) return L.t('loadColumns', { columns: needed.join(', ') });
    fields.set(fieldsFromConfig(file.config));
    config.flush();
    client.send({ type: 'import-weights', file });
    return null;
  }

  function loadData(): void {
    const v = fields.all();
    const data = v.data;
    if (data === 'file' && !loaded) {
      // A shared link cannot carry the sender's file: show the default sample and say so.
      dataPanel.setSharedFileNote(true);
      fields.set({ data: 'sp500' });
      return;
    }
    if (data === 'file') return;
    if (loaded && loaded.data === data && (data !== 'long-lag' || loaded.lag === v.lag)) return;
    loaded = { data, lag: v.lag };
    dataPanel.setReading(L.t(`sample_${data}`));
    client.send({ type: 'load-sample', sample: data, lag: v.lag, pageUrl: document.baseURI });
  }

  async function readFile(file: File): Promise<void> {
    dataPanel.setReading(file.name);
    const bytes = await file.arrayBuffer();
    client.send({ type: 'load-file', name: file.name, bytes }, [bytes]);
  }

  function onMessage(msg: WorkerEvent): void {
    if (msg.type === 'backend') return ctx.backend.report('worker', msg.backend);
    if (msg.type === 'table' || msg.type === 'data-error') dataPanel.setReading(null);
    redraw.invalidate(vm.apply(msg));
    const before = tracker.currentId;
    tracker.observe(msg, vm, config.sent, fields.get('lag'));
    if (tracker.currentId !== before) drawRuns();
    if (msg.type === 'table') onTable(msg.summary);
  }

  /** A new table: keep the remembered columns it has, apply a preset link that waited for columns, configure. */
  function onTable(summary: TableSummary): void {
    dataPanel.setSharedFileNote(false);
    if (!summary.sample) {
      loaded = { data: 'file', lag: fields.get('lag') };
      fields.set({ data: 'file' });
    }
    fields.set(columnFieldsFor(fields.all(), summary.columns, summary.target));
    if (pendingPreset) {
      const p = pendingPreset;
      pendingPreset = null;
      applyPreset(p);
    }
    config.resend();
  }

  function applyPreset(params: URLSearchParams): void {
    const s = vm.summary;
    if (!s) {
      pendingPreset = params;
      return;
    }
    const req = readPresetParams(params, s.columns, currentConfig()?.target ?? s.target);
    fields.set(req.values as Record<string, string>);
    // A link to a bundled series gets that series' own settings, unless it spelt them out.
    if (params.has('data') || params.has('lag')) {
      const extra = Object.entries(sampleFields(fields.get('data'), fields.all())).filter(([k]) => !params.has(k));
      fields.set(Object.fromEntries(extra));
    }
    if (req.defect || req.defectsOff) controls.showDefectNotice(req.defect, req.levelTarget);
    redraw.invalidate(['fields']);
  }

  function draw(parts: ReadonlySet<Dirty>): void {
    const has = (...ps: Dirty[]) => ps.some((p) => parts.has(p));
    const current = currentConfig();
    const ready = vm.series !== null && !vm.preparing && vm.datasetError === null;
    if (has('summary', 'dataError', 'fields', 'series')) dataPanel.render(vm, current, fields.all());
    if (has('fields', 'summary')) controls.render(current, vm.summary?.columns ?? []);
    if (has('status', 'series', 'fatal', 'fields')) run.render(vm.status, ready, vm.fatal);
    charts.render(vm, parts);
    if (has('snapshot', 'series')) metrics.render(vm.snapshot, config.sent ? activeDefects(config.sent) : []);
    if (has('ahead', 'status', 'series', 'snapshot', 'fields')) drawAhead();
    exporter.render(vm.snapshot !== null && vm.series !== null, ready, ready && vm.status.epoch > 0);
  }

  /** The forecast past the data: its panel, and its steps on the forecast chart (redrawn only when they change). */
  function drawAhead(): void {
    aheadShown = ahead.render(vm);
    const bands = aheadShown.kind === 'ready' ? aheadShown.bands : null;
    if (bands === aheadDrawn.bands && (bands === null || L.lang === aheadDrawn.lang)) return;
    aheadDrawn = { bands, lang: L.lang };
    charts.setAhead(futureSeries(aheadShown, vm.series), bands ? aheadChartLabels(L, bands) : null);
  }

  const unsubscribe = fields.subscribe(() => {
    loadData();
    config.schedule();
    redraw.invalidate(['fields']);
  });
  loadData();
  redraw.invalidate(['fields', 'status', 'summary', 'series', 'losses', 'snapshot']);

  return {
    setLang(lang: Lang) {
      L.setLang(lang);
      drawRuns();
      redraw.invalidate(['fields', 'status', 'summary', 'dataError', 'snapshot']);
    },
    applyPreset,
    unmount() {
      unsubscribe();
      stopRuns();
      stopBackend();
      config.cancel();
      redraw.destroy();
      client.terminate();
      charts.destroy();
      root.remove();
    },
  };
};
