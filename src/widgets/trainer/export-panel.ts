// Export the forecasts (CSV), the weights with their settings (JSON) and the
// run as a PyTorch script or notebook, load such a JSON back, and copy the
// link to the current settings.
import { el } from '../../ui/dom.ts';
import type { RunExportFile, RunExportKind, WeightsFile } from '../../train/protocol.ts';
import { checkWeightsFile } from '../../train/weights-file.ts';
import type { Labeller } from './labels.ts';

export interface ExportEvents {
  forecastsCsv(): string | null;
  requestWeights(): Promise<WeightsFile | null>;
  loadWeights(file: WeightsFile): string | null;
  /** The run as a file, built in the worker; null when there is none. */
  requestRun(kind: RunExportKind): Promise<RunExportFile | null>;
}

export interface ExportPanel {
  element: HTMLElement;
  render(hasForecasts: boolean, hasModel: boolean, hasRun?: boolean): void;
}

export function createExportPanel(L: Labeller, on: ExportEvents, download: (name: string, text: string, type: string) => void): ExportPanel {
  const csv = el('button', { type: 'button', class: 'trainer-button', 'data-testid': 'export-csv' }, L.text('exportPredictions'));
  const weights = el('button', { type: 'button', class: 'trainer-button', 'data-testid': 'export-weights' }, L.text('exportWeights'));
  const input = el('input', { type: 'file', accept: '.json,application/json', class: 'trainer-file-input', id: 'trainer-weights-file', 'data-testid': 'weights-input' });
  const load = el('label', { class: 'trainer-button trainer-file-button', for: 'trainer-weights-file' }, L.text('loadWeights'), input);
  const share = el('button', { type: 'button', class: 'trainer-button', 'data-testid': 'share' }, L.text('share'));
  const pytorch = el('button', { type: 'button', class: 'trainer-button', 'data-testid': 'export-pytorch' }, L.text('exportPytorch'));
  const notebook = el('button', { type: 'button', class: 'trainer-button', 'data-testid': 'export-notebook' }, L.text('exportNotebook'));
  const runNote = el('p', { class: 'trainer-muted' }, L.text('exportRunNote'));
  const message = el('p', { class: 'trainer-muted', role: 'status' });
  const linkBox = el('input', { type: 'text', readonly: true, class: 'trainer-link', hidden: true, 'aria-label': 'URL' });
  const note = el('p', { class: 'trainer-muted' }, L.text('shareNote'));

  csv.addEventListener('click', () => {
    const text = on.forecastsCsv();
    if (text) download('unrolled-forecasts.csv', text, 'text/csv');
  });
  weights.addEventListener('click', () => {
    void on.requestWeights().then((file) => {
      if (file) download(`unrolled-weights-epoch-${file.epoch}.json`, JSON.stringify(file), 'application/json');
    });
  });
  let hasRun = false;
  const runButton = (button: HTMLButtonElement, kind: RunExportKind) =>
    button.addEventListener('click', () => {
      button.disabled = true;
      void on.requestRun(kind).then((file) => {
        button.disabled = !hasRun;
        if (file) download(file.name, file.text, file.type);
        else message.textContent = L.t('exportRunNone');
      });
    });
  runButton(pytorch, 'script');
  runButton(notebook, 'notebook');
  input.addEventListener('change', () => {
    const f = input.files?.[0];
    input.value = '';
    if (!f) return;
    void f.text().then((text) => {
      let json: unknown;
      try {
        json = JSON.parse(text);
      } catch (err) {
        message.textContent = L.t('loadFailed', { reason: (err as Error).message });
        return;
      }
      const checked = checkWeightsFile(json);
      if (!checked.ok) {
        message.textContent = L.t('loadFailed', { reason: checked.reason });
        return;
      }
      const problem = on.loadWeights(checked.file);
      message.textContent = problem ?? '';
    });
  });
  share.addEventListener('click', () => {
    const url = location.href;
    linkBox.value = url;
    const fallback = () => {
      message.textContent = L.t('copyFallback');
      linkBox.hidden = false;
      linkBox.select();
    };
    if (navigator.clipboard?.writeText) {
      navigator.clipboard.writeText(url).then(() => {
        message.textContent = L.t('copied');
        linkBox.hidden = true;
      }, fallback);
    } else fallback();
  });

  return {
    element: el(
      'section',
      { class: 'trainer-panel trainer-export' },
      el('h4', {}, L.text('exportHeading')),
      el('div', { class: 'trainer-row' }, csv, weights, load, share),
      el('div', { class: 'trainer-row' }, pytorch, notebook),
      runNote,
      message,
      linkBox,
      note,
    ),
    render(hasForecasts, hasModel, run = false) {
      csv.disabled = !hasForecasts;
      weights.disabled = !hasModel;
      hasRun = run;
      pytorch.disabled = notebook.disabled = !run;
    },
  };
}
