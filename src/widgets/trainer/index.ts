// Section 6's live trainer: load a price series (bundled or the reader's
// CSV), set up the model, train it in a Web Worker and watch loss, forecasts
// and the gradient through time change. The main thread only draws — at most
// once per animation frame, whatever the worker sends.
import './style.css';
import type { Lang } from '../../i18n/lang.ts';
import type { BackendOwner } from '../../train/backend-owner.ts';
import type { WorkerEvent } from '../../train/client.ts';
import { activeDefects } from '../../train/config.ts';
import type { TableSummary, WeightsFile } from '../../train/protocol.ts';
import type { AheadBands } from '../../data/ahead-band.ts';
import type { WeightsProblem } from '../../train/weights-file.ts';
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
  sampleFields,
  type DataChoice,
} from './fields.ts';
import { acceptFileDrops } from './file-drop.ts';
import { formattedSettings } from '../preset-params.ts';
import { trainerLinkSettings, trainerLiveFromSeries } from './live-page.ts';
import { linkFields, linkSeries } from './preset-link.ts';
import { Labeller } from './labels.ts';
import { createMetricsPanel } from './metrics-panel.ts';
import { Redraw, type Dirty } from './redraw.ts';
import { createRunPanel } from './run-panel.ts';
import { createRunsPanel, runOverlays } from './runs-panel.ts';
import { MAX_RUNS, RunTracker, RunsList } from './runs.ts';
import { checkKeptRun } from './runs-kept.ts';
import { keptList } from '../../state/kept-list.ts';
import { TrainerViewModel } from './view-model.ts';
import { WorkerGuard } from '../../train/worker-guard.ts';
import { installDebugHooks } from './debug-hooks.ts';
import { createWorkKeeper } from './work-keeper.ts';

/** The worker runs the requested backend, and moves the data and the model to a newly requested one (a restarted worker starts on it too). */
function connectBackend(owner: BackendOwner, client: WorkerGuard): () => void {
  const start = (requested: BackendOwner['requested']) => {
    owner.starting('worker');
    client.send({ type: 'init', backend: requested });
  };
  start(owner.requested);
  const stop = owner.onRequest(start);
  const stopRestart = client.onRestart(() => start(owner.requested));
  return () => {
    stop();
    stopRestart();
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
  /** The series of the table the worker holds now. */
  let shown: { data: DataChoice; lag: number } | null = null;
  const live = ctx.live.channel('trainer', () => ({}));
  live.anchor(formattedSettings(TRAIN_FIELDS, fields.all()));
  const currentConfig = () => (vm.summary ? configFromFields(fields.all(), vm.summary.columns, vm.summary.target) : null);

  // Everything the worker says is folded into `vm` at once and drawn on the next frame.
  const redraw = new Redraw(draw, () => vm.status.state === 'training');
  // The training worker, restarted if it dies (the work keeper brings the session back into it).
  const client = new WorkerGuard(onMessage, (crash) => work.onCrash(crash));
  const config = new ConfigSender(currentConfig, (c) => client.send({ type: 'configure', config: c }));
  const stopBackend = connectBackend(ctx.backend, client);
  let workReady = false;

  const dataPanel = createDataPanel(L, {
    onFile: readFile,
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
  const work = createWorkKeeper({
    L,
    session: ctx.session,
    guard: client,
    dataPanel,
    onDataError: (error, source) => {
      redraw.invalidate(vm.apply({ type: 'data-error', error, source }));
    },
    loadWeights,
    resendSample: () => {
      loaded = null;
      loadData();
    },
    train: () => {
      config.flush();
      client.send({ type: 'command', command: 'train' });
    },
    fatal: (message) => redraw.invalidate(vm.apply({ type: 'fatal', message })),
    lossHistory: () => ({ train: vm.trainLoss, test: vm.testLoss }),
    restoreLosses: (train, test, epoch) => redraw.invalidate(vm.restoreLosses(train, test, epoch)),
  });
  installDebugHooks(client);
  const charts = createChartsPanel(L);
  const metrics = createMetricsPanel(L);
  const ahead = createAheadPanel(L, aheadFields, (steps) => client.send({ type: 'ahead-steps', steps }));
  // A restarted worker starts with no steps ahead: tell it again.
  const stopAheadRestart = client.onRestart(() => client.send({ type: 'ahead-steps', steps: aheadFields.get('ahead') }));
  let aheadShown: AheadView = { kind: 'none' };
  /** What the chart's future layer shows: the bands (one object per forecast and coverage) in a language. */
  let aheadDrawn: { bands: AheadBands | null; lang: Lang } = { bands: null, lang: ctx.lang };
  // The last few runs, side by side (runs.ts owns the list; it stays in this browser, kept with the session).
  const runs = new RunsList();
  const tracker = new RunTracker(runs);
  const keptRuns = keptList(ctx.session, 'runs', checkKeptRun, MAX_RUNS);
  void keptRuns.take().then((back) => {
    if (back && runs.runs.length === 0) {
      runs.restore(back);
      tracker.resumeFrom(back);
    }
  });
  const runsPanel = createRunsPanel(L, runs);
  const drawRuns = () => {
    runsPanel.render(tracker.currentId);
    charts.setLossOverlays(runOverlays(runs.runs, tracker.currentId, L.t));
  };
  const stopRuns = runs.subscribe(() => {
    drawRuns();
    keptRuns.save(runs.runs);
  });
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
  const root = el('div', { class: 'trainer', 'data-testid': 'trainer' }, title, credit, setup, run.element, work.element, charts.element, metrics.element, ahead.element, runsPanel.element, exporter.element);
  host.append(root);
  acceptFileDrops(root, readFile);

  /** A weights file checked by the export panel: its columns must be in the table; its settings become the fields. */
  function loadWeights(file: WeightsFile): WeightsProblem | null {
    const s = vm.summary;
    const needed = [file.config.target, ...file.config.features];
    if (!s || needed.some((c) => !s.columns.includes(c))) return { kind: 'columns', columns: needed.join(', ') };
    fields.set(fieldsFromConfig(file.config));
    config.flush();
    client.send({ type: 'import-weights', file });
    return null;
  }

  function loadData(): void {
    if (!workReady) return;
    const v = fields.all();
    const data = v.data;
    if (data === 'file' && !loaded) {
      // The reader's own file, kept from the last visit (or read before a crash).
      if (work.resendFile()) {
        loaded = { data, lag: v.lag };
        return;
      }
      // A shared link cannot carry the sender's file: show the default sample and say so.
      dataPanel.setSharedFileNote(true);
      fields.set({ data: 'sp500' });
      return;
    }
    if (data === 'file') return;
    if (loaded && loaded.data === data && (data !== 'long-lag' || loaded.lag === v.lag)) return;
    loaded = { data, lag: v.lag };
    work.usingSample();
    dataPanel.setReading(L.t(`sample_${data}`));
    client.send({ type: 'load-sample', sample: data, lag: v.lag, pageUrl: document.baseURI });
  }

  /** The reader's file: refused from its size alone if too large, else read in the parse worker (with progress). */
  function readFile(file: File): void {
    work.readFile(file);
  }

  function onMessage(msg: WorkerEvent): void {
    if (msg.type === 'backend') return ctx.backend.report('worker', msg.backend);
    if (msg.type === 'checkpoint') return work.onCheckpoint(msg.file);
    if (msg.type === 'table' || msg.type === 'data-error') dataPanel.setReading(null);
    redraw.invalidate(vm.apply(msg));
    const before = tracker.currentId;
    tracker.observe(msg, vm, config.sent, fields.get('lag'));
    if (tracker.currentId !== before) drawRuns();
    if (msg.type === 'table') onTable(msg.summary);
    if (msg.type === 'dataset') work.onDataset();
    if (msg.type === 'status') work.onStatus(msg.state, msg.epoch);
  }

  /** A new table: keep the remembered columns it has, apply a preset link that waited for columns, configure. */
  function onTable(summary: TableSummary): void {
    dataPanel.setSharedFileNote(false);
    if (!summary.sample) {
      loaded = { data: 'file', lag: fields.get('lag') };
      fields.set({ data: 'file' });
    }
    shown = summary.sample && loaded?.data === summary.sample ? { ...loaded } : { data: 'file', lag: fields.get('lag') };
    live.setNormaliser(trainerLinkSettings(summary.columns, summary.target));
    fields.set(columnFieldsFor(fields.all(), summary.columns, summary.target));
    if (pendingPreset) {
      const p = pendingPreset;
      pendingPreset = null;
      applyPreset(p);
    }
    config.resend();
  }

  /**
   * A prose link: every field it names, the rest at their defaults (linkFields).
   * Its preset's inputs depend on the columns, so a link to another series
   * loads that series first and is applied when its table arrives (onTable).
   */
  function applyPreset(params: URLSearchParams): void {
    const want = linkSeries(params);
    const s = vm.summary;
    if (!s || !shown || shown.data !== want.data || (want.data === 'long-lag' && shown.lag !== want.lag)) {
      pendingPreset = params;
      fields.set({ data: want.data, lag: want.lag });
      return;
    }
    const { values, request } = linkFields(params, s.columns, s.target);
    fields.set(values);
    if (request.defect || request.defectsOff) controls.showDefectNotice(request.defect, request.levelTarget);
    live.anchor(formattedSettings(TRAIN_FIELDS, fields.all()));
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
    if (has('series', 'summary') && vm.series && config.sent) live.publish(trainerLiveFromSeries(vm.series, config.sent, L.lang));
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
  // What the last visit left (a table, weights) is taken first: the data to load may be that table.
  void work.ready.then(() => {
    workReady = true;
    loadData();
  });
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
      stopAheadRestart();
      stopBackend();
      config.cancel();
      redraw.destroy();
      client.terminate();
      work.destroy();
      charts.destroy();
      root.remove();
    },
  };
};
