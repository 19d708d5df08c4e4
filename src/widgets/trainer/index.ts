// Section 6's live trainer: load a price series (bundled or the reader's
// CSV), set up the model, train it in a Web Worker and watch loss, forecasts
// and the gradient through time change. The main thread only draws — at most
// once per animation frame, whatever the worker sends.
import './style.css';
import type { Lang } from '../../i18n/lang.ts';
import { onBackendRequest, showBackend } from '../../shell/backend-badge.ts';
import { el } from '../../shell/dom.ts';
import type { BackendName } from '../../train/backend.ts';
import { TrainerClient } from '../../train/client.ts';
import { activeDefects, type TrainConfig } from '../../train/config.ts';
import type { FromWorker, SampleName } from '../../train/protocol.ts';
import type { MountWidget, WidgetInstance } from '../types.ts';
import { createChartsPanel } from './charts-panel.ts';
import { createControls } from './controls.ts';
import { createDataPanel } from './data-panel.ts';
import { createExportPanel } from './export-panel.ts';
import { download, forecastsCsv } from './export-csv.ts';
import {
  TRAIN_FIELDS,
  configFromFields,
  decodeFeatures,
  encodeFeatures,
  fieldsFromConfig,
  presetFields,
  readPresetParams,
  sampleFields,
  type DataChoice,
} from './fields.ts';
import { Labeller } from './labels.ts';
import { createMetricsPanel } from './metrics-panel.ts';
import { createRunPanel, type Command } from './run-panel.ts';
import { S } from './strings.ts';
import { TrainerViewModel, type Part } from './view-model.ts';

/** Settings typed into the controls reach the worker after this pause. */
const CONFIG_DEBOUNCE_MS = 200;
/**
 * While training, the charts are redrawn at most this often. Text (status,
 * progress) still updates every frame; repainting thousands of SVG path
 * points 60 times a second would only cost the rest of the page its frames
 * (rasterising is the expensive part, not the JavaScript).
 */
const CHART_INTERVAL_MS = 250;
const CHART_PARTS: readonly Part[] = ['losses', 'snapshot'];
const BACKENDS: readonly BackendName[] = ['webgpu', 'wasm', 'webgl', 'cpu'];

function requestedBackend(): BackendName | null {
  const b = new URLSearchParams(location.search).get('backend');
  return (BACKENDS as readonly (string | null)[]).includes(b) ? (b as BackendName) : null;
}

function sameConfig(a: TrainConfig | null, b: TrainConfig): boolean {
  return a !== null && JSON.stringify(a) === JSON.stringify(b);
}

type Dirty = Part | 'fields';

export const mount: MountWidget = (host, ctx): WidgetInstance => {
  const fields = ctx.store.defineFields('train', TRAIN_FIELDS);
  const L = new Labeller(ctx.lang);
  const vm = new TrainerViewModel();
  let sent: TrainConfig | null = null;
  let loaded: { data: DataChoice; lag: number } | null = null;
  let pendingPreset: URLSearchParams | null = null;
  let configTimer: ReturnType<typeof setTimeout> | 0 = 0;

  // Drawing: everything the worker says is folded into `vm` at once, drawn on the next frame.
  const dirty = new Set<Dirty>();
  let frame = 0;
  let lastCharts = 0;
  let chartTimer: ReturnType<typeof setTimeout> | 0 = 0;
  const invalidate = (parts: Iterable<Dirty>) => {
    for (const p of parts) dirty.add(p);
    if (!frame) frame = requestAnimationFrame(draw);
  };

  const client = new TrainerClient(onMessage, (message) => invalidate(vm.apply({ type: 'fatal', message })));
  client.send({ type: 'init', backend: requestedBackend() });
  // The header's backend menu: the worker moves the data and the model over.
  const stopBackendRequests = onBackendRequest((choice) => client.send({ type: 'init', backend: choice === 'auto' ? null : choice }));

  const dataPanel = createDataPanel(L, {
    onFile: (file) => void readFile(file),
    onSample: (choice) => fields.set({ data: choice, ...sampleFields(choice, fields.all()) }),
    onLag: (lag) => fields.set({ lag, ...sampleFields(fields.get('data') as DataChoice, { ...fields.all(), lag }) }),
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
  const run = createRunPanel(L, command);
  const charts = createChartsPanel(L);
  const metrics = createMetricsPanel(L);
  const exporter = createExportPanel(
    L,
    {
      forecastsCsv: () => (vm.series && vm.snapshot ? forecastsCsv(vm.series, vm.snapshot) : null),
      requestWeights: () => client.requestWeights(),
      loadWeights: (file) => {
        const s = vm.summary;
        const needed = [file.config.target, ...file.config.features];
        if (!s || needed.some((c) => !s.columns.includes(c))) return L.t('loadColumns', { columns: needed.join(', ') });
        fields.set(fieldsFromConfig(file.config));
        flushConfig();
        client.send({ type: 'import-weights', file });
        return null;
      },
      requestRun: (kind) => {
        const s = vm.snapshot;
        return client.requestRunExport(kind, L.lang, s ? { epoch: s.epoch, model: s.model, baseline: s.baseline } : null);
      },
    },
    download,
  );

  const title = el('h3', { class: 'trainer-title' }, L.text('title'));
  const credit = el('p', { class: 'trainer-muted trainer-credit' });
  L.bind((t) => (credit.textContent = `${t('credit')}${L.lang === 'zh' ? '' : ' '}${t('privacy')}`));
  const root = el(
    'div',
    { class: 'trainer', 'data-testid': 'trainer' },
    title,
    credit,
    el('div', { class: 'trainer-setup' }, dataPanel.element, controls.element),
    run.element,
    charts.element,
    metrics.element,
    exporter.element,
  );
  host.append(root);

  // Drag and drop anywhere on the trainer.
  let dragDepth = 0;
  root.addEventListener('dragenter', (e) => {
    if (!e.dataTransfer?.types.includes('Files')) return;
    e.preventDefault();
    dragDepth++;
    root.classList.add('trainer-dragging');
  });
  root.addEventListener('dragover', (e) => {
    if (e.dataTransfer?.types.includes('Files')) e.preventDefault();
  });
  root.addEventListener('dragleave', () => {
    dragDepth = Math.max(0, dragDepth - 1);
    if (dragDepth === 0) root.classList.remove('trainer-dragging');
  });
  root.addEventListener('drop', (e) => {
    dragDepth = 0;
    root.classList.remove('trainer-dragging');
    const file = e.dataTransfer?.files?.[0];
    if (!file) return;
    e.preventDefault();
    void readFile(file);
  });

  function currentConfig(): TrainConfig | null {
    const s = vm.summary;
    return s ? configFromFields(fields.all(), s.columns, s.target) : null;
  }

  function flushConfig(): void {
    if (configTimer) clearTimeout(configTimer);
    configTimer = 0;
    const c = currentConfig();
    if (!c || sameConfig(sent, c)) return;
    sent = c;
    client.send({ type: 'configure', config: c });
  }

  function scheduleConfig(): void {
    if (configTimer) clearTimeout(configTimer);
    configTimer = setTimeout(flushConfig, CONFIG_DEBOUNCE_MS);
  }

  function loadData(): void {
    const v = fields.all();
    const data = v.data as DataChoice;
    if (data === 'file' && !loaded) {
      // A shared link cannot carry the sender's file: show the default sample and say so.
      dataPanel.setSharedFileNote(true);
      fields.set({ data: 'sp500' });
      return;
    }
    if (data === 'file') return;
    if (loaded && loaded.data === data && (data !== 'long-lag' || loaded.lag === v.lag)) return;
    loaded = { data, lag: v.lag };
    dataPanel.setReading(L.t(`sample_${data}` as keyof typeof S));
    client.send({ type: 'load-sample', sample: data as SampleName, lag: v.lag, pageUrl: document.baseURI });
  }

  async function readFile(file: File): Promise<void> {
    dataPanel.setReading(file.name);
    const bytes = await file.arrayBuffer();
    client.send({ type: 'load-file', name: file.name, bytes }, [bytes]);
  }

  function command(c: Command): void {
    flushConfig();
    client.send({ type: 'command', command: c });
  }

  function onMessage(msg: Exclude<FromWorker, { type: 'weights' | 'run-export' }>): void {
    if (msg.type === 'backend') showBackend(msg.name, [msg.detail, ...msg.reasons].filter(Boolean).join('\n'));
    if (msg.type === 'table' || msg.type === 'data-error') dataPanel.setReading(null);
    invalidate(vm.apply(msg));
    if (msg.type === 'table') {
      dataPanel.setSharedFileNote(false);
      if (!msg.summary.sample) {
        loaded = { data: 'file', lag: fields.get('lag') };
        fields.set({ data: 'file' });
      }
      // Drop remembered columns this table does not have, then apply a preset link that was waiting for columns.
      const cols = msg.summary.columns;
      const v = fields.all();
      const target = cols.includes(v.target) ? v.target : '';
      const kept = decodeFeatures(v.features).filter((f) => cols.includes(f));
      fields.set({ target, features: kept.length ? encodeFeatures(kept, target || msg.summary.target) : '' });
      if (pendingPreset) {
        const p = pendingPreset;
        pendingPreset = null;
        applyPreset(p);
      }
      sent = null;
      flushConfig();
    }
  }

  function applyPreset(params: URLSearchParams): void {
    const s = vm.summary;
    if (!s) {
      pendingPreset = params;
      return;
    }
    const target = currentConfig()?.target ?? s.target;
    const req = readPresetParams(params, s.columns, target);
    fields.set(req.values as Record<string, string>);
    // A link to a bundled series gets that series' own settings, unless it spelt them out.
    if (params.has('data') || params.has('lag')) {
      const extra = sampleFields(fields.get('data') as DataChoice, fields.all());
      for (const k of Object.keys(extra)) if (params.has(k)) delete (extra as Record<string, unknown>)[k];
      fields.set(extra);
    }
    if (req.defect || req.defectsOff) controls.showDefectNotice(req.defect, req.levelTarget);
    invalidate(['fields']);
  }

  function draw(): void {
    frame = 0;
    const start = performance.now();
    const parts = new Set(dirty);
    dirty.clear();
    // Hold chart updates back while training if the last ones were drawn moments ago.
    const wait = lastCharts + CHART_INTERVAL_MS - start;
    if (vm.status.state === 'training' && wait > 0 && !parts.has('series')) {
      const held = CHART_PARTS.filter((p) => parts.delete(p));
      if (held.length) {
        for (const p of held) dirty.add(p);
        if (!chartTimer) chartTimer = setTimeout(() => ((chartTimer = 0), invalidate([])), wait);
      }
    }
    if (CHART_PARTS.some((p) => parts.has(p)) || parts.has('series')) lastCharts = start;
    const config = currentConfig();
    const columns = vm.summary?.columns ?? [];
    const ready = vm.series !== null && !vm.preparing && vm.datasetError === null;
    if (parts.has('summary') || parts.has('dataError') || parts.has('fields') || parts.has('series')) dataPanel.render(vm, config, fields.all());
    if (parts.has('fields') || parts.has('summary')) controls.render(config, columns);
    if (parts.has('status') || parts.has('series') || parts.has('fatal') || parts.has('fields')) run.render(vm.status, ready, vm.fatal);
    charts.render(vm, parts as Set<Part>);
    if (parts.has('snapshot') || parts.has('series')) metrics.render(vm.snapshot, sent ? activeDefects(sent) : []);
    exporter.render(vm.snapshot !== null && vm.series !== null, ready, ready && vm.status.epoch > 0);
    // Main-thread cost of each redraw, for profiling (DevTools → Performance → Timings).
    performance.measure('trainer:draw', { start, detail: [...parts].join(' ') });
  }

  const unsubscribe = fields.subscribe(() => {
    loadData();
    scheduleConfig();
    invalidate(['fields']);
  });
  loadData();
  invalidate(['fields', 'status', 'summary', 'series', 'losses', 'snapshot']);

  return {
    setLang(lang: Lang) {
      L.setLang(lang);
      invalidate(['fields', 'status', 'summary', 'dataError', 'snapshot']);
    },
    applyPreset,
    unmount() {
      unsubscribe();
      stopBackendRequests();
      if (configTimer) clearTimeout(configTimer);
      if (chartTimer) clearTimeout(chartTimer);
      if (frame) cancelAnimationFrame(frame);
      client.terminate();
      charts.destroy();
      root.remove();
    },
  };
};
