// Export the forecasts (CSV), the weights with their settings (JSON) and the
// run as a PyTorch script or notebook, load such a JSON back, and copy the
// link to the current settings.
import { el } from '../../ui/dom.ts';
import type { RunExportFile, RunExportKind, WeightsFile } from '../../train/protocol.ts';
import { weightsErrorMessage } from '../../i18n/weights-errors.ts';
import { readWeightsText, type WeightsProblem } from '../../train/weights-file.ts';
import type { Labeller } from './labels.ts';

export interface ExportEvents {
  forecastsCsv(): string | null;
  requestWeights(): Promise<WeightsFile | null>;
  /** Load checked weights; a problem (columns the data lacks) leaves the model as it is. */
  loadWeights(file: WeightsFile): WeightsProblem | null;
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
  // A rejected weights file: why, in the reader's language (the loaded model is untouched).
  const weightsError = el('p', { class: 'trainer-error', 'data-testid': 'weights-error', role: 'alert', hidden: true });
  let problem: WeightsProblem | null = null;
  const showProblem = (p: WeightsProblem | null) => {
    problem = p;
    weightsError.hidden = p === null;
    weightsError.textContent = p ? weightsErrorMessage(p, L.lang) : '';
    if (p) weightsError.dataset.error = p.kind;
    else delete weightsError.dataset.error;
  };
  L.bind(() => showProblem(problem));
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
      const checked = readWeightsText(text);
      message.textContent = '';
      showProblem(checked.ok ? on.loadWeights(checked.file) : checked.problem);
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
      weightsError,
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
