// Section 4: "check the maths". Runs the hand-written BPTT of src/model against
// finite differences and tfjs autodiff on a small seeded model, on mount and
// on demand, and shows the largest relative error per parameter. tfjs starts
// on the page's thread when this widget mounts (the backend owner's usePage).
import { formatNumber } from '../../charts/scales.ts';
import { gradientCheckCell, type CellGradCheckResult } from '../../checks/gradcheck.ts';
import { Labeller } from '../../i18n/labeller.ts';
import { ACTIVATIONS } from '../../model/activation.ts';
import { LOSS_MODES } from '../../model/loss.ts';
import { CELLS, paramNames, paramShapes, type CellName } from '../../model/cells.ts';
import { el } from '../../ui/dom.ts';
import { selectControl } from '../controls.ts';
import { pickParams, withDefaults } from '../preset-params.ts';
import { GRADCHECK_FIELDS } from './fields.ts';
import type { MountWidget } from '../types.ts';
import { CHECK_DIMS, checkProblem, type CheckSetup } from './model.ts';
import { checkText } from './strings.ts';
import './style.css';

const FD_LIMIT = 1e-6;
const TF_LIMIT = 1e-3;

type RunState = 'waiting' | 'running' | 'done' | 'error';

function shapeOf(cell: CellName, name: string): string {
  const [rows, cols] = paramShapes(cell, CHECK_DIMS)[name];
  return cols === 1 ? `${rows}` : `${rows}×${cols}`;
}

export const mount: MountWidget = (host, ctx) => {
  const L = new Labeller(checkText, ctx.lang);
  const state = ctx.store.defineFields('gradcheck', GRADCHECK_FIELDS);
  const setup = (): CheckSetup => state.all();

  const intro = el('p', { class: 'gl-note' });
  const cellSelect = selectControl(CELLS, state.get('cell'), (v) => state.set({ cell: v }), 'gradcheck-cell');
  const act = selectControl(ACTIVATIONS, state.get('act'), (v) => state.set({ act: v }), 'gradcheck-activation');
  act.select.disabled = state.get('cell') !== 'rnn';
  const mode = selectControl(LOSS_MODES, state.get('mode'), (v) => state.set({ mode: v }), 'gradcheck-mode');
  const seed = el('input', { type: 'number', class: 'gl-number', min: 0, step: 1, 'data-testid': 'gradcheck-seed' });
  seed.value = String(state.get('seed'));
  seed.addEventListener('change', () => state.set({ seed: Number(seed.value) }));
  const button = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'gradcheck-run' });
  const seedRow = el('label', { class: 'gl-row' }, el('span', { class: 'ctl-name' }, L.text('seed')), seed);
  const controls = el('div', { class: 'gl-controls' }, cellSelect.root, act.root, mode.root, el('div', { class: 'gl-row' }, seedRow, button));
  const head = el('tr');
  const body = el('tbody');
  const foot = el('tfoot');
  const table = el('table', { class: 'gc-table' }, el('thead', {}, head), body, foot);
  const verdict = el('p', { class: 'gc-verdict', 'aria-live': 'polite' });
  const modelLine = el('p', { class: 'gl-note' });
  const title = el('p', { class: 'gl-title' }, L.text('title'));
  const root = el('div', { class: 'gc', 'data-testid': 'gradcheck', 'data-state': 'waiting' }, title, intro, modelLine, controls, verdict, el('div', { class: 'gc-table-wrap' }, table));
  host.append(root);

  let run: RunState = 'waiting';
  let backend = '';
  let result: CellGradCheckResult | null = null;
  let checkedCell: CellName = state.get('cell');
  let error: string | null = null;
  let runId = 0;
  let alive = true;

  L.bind((t) => {
    cellSelect.setLabels(t('cell'), { rnn: t('cellRnn'), lstm: 'LSTM', gru: 'GRU' });
    act.setLabels(t('activation'), { tanh: 'tanh', relu: 'ReLU', linear: t('linear') });
    mode.setLabels(t('mode'), { 'many-to-many': t('manyToMany'), 'many-to-one': t('manyToOne') });
    modelLine.textContent = t('model', CHECK_DIMS);
  });

  function renderTable(): void {
    const t = L.t;
    head.replaceChildren(el('th', {}, t('param')), el('th', {}, t('shape')), el('th', {}, t('vsFd')), el('th', {}, t('vsTf')));
    body.replaceChildren();
    foot.replaceChildren();
    if (!result) return;
    const cell = (v: number, limit: number) => el('td', { class: `num ${v < limit ? 'ok' : 'bad'}` }, formatNumber(v, 3));
    for (const name of paramNames(checkedCell)) {
      const e = result.perParam[name];
      body.append(el('tr', { 'data-param': name }, el('td', {}, name), el('td', {}, shapeOf(checkedCell, name)), cell(e.fd, FD_LIMIT), cell(e.tf, TF_LIMIT)));
    }
    foot.append(el('tr', {}, el('th', {}, t('max')), el('td'), cell(result.maxRelErrorFd, FD_LIMIT), cell(result.maxRelErrorTf, TF_LIMIT)));
  }

  function render(): void {
    const t = L.t;
    root.dataset.state = run;
    intro.textContent = t('intro', { backend: backend || '…' });
    button.textContent = run === 'running' ? t('running') : t('run');
    if (run === 'waiting') verdict.textContent = t('waiting');
    else if (run === 'running') verdict.textContent = t('running');
    else if (error) verdict.textContent = t('failed', { message: error });
    else if (result) {
      const ok = result.maxRelErrorFd < FD_LIMIT && result.maxRelErrorTf < TF_LIMIT;
      verdict.dataset.ok = String(ok);
      verdict.textContent = t(ok ? 'verdictOk' : 'verdictBad', { fd: formatNumber(result.maxRelErrorFd, 2), tf: formatNumber(result.maxRelErrorTf, 2) });
    }
    renderTable();
  }
  L.bind(render);

  async function check(): Promise<void> {
    const id = ++runId;
    run = 'waiting';
    button.disabled = true;
    render();
    try {
      // tfjs starts on this thread now, on the requested backend (the owner publishes which).
      const use = await ctx.backend.usePage();
      if (!alive || id !== runId) return;
      run = 'running';
      backend = use.name;
      root.dataset.backend = use.name;
      render();
      const s = setup();
      const { p, seq, y } = checkProblem(s);
      const r = await gradientCheckCell(p, seq, y, s.mode, s.act);
      if (!alive || id !== runId) return;
      result = r;
      checkedCell = s.cell ?? 'rnn';
      root.dataset.cell = checkedCell;
      error = null;
      root.dataset.maxRelError = String(r.maxRelErrorFd);
      root.dataset.maxRelErrorTf = String(r.maxRelErrorTf);
      run = 'done';
    } catch (err) {
      if (!alive || id !== runId) return;
      error = String((err as Error).message ?? err);
      run = 'error';
    }
    button.disabled = false;
    render();
  }

  button.addEventListener('click', () => void check());
  const unsubscribe = state.subscribe(() => {
    cellSelect.setValue(state.get('cell'));
    act.select.disabled = state.get('cell') !== 'rnn';
    act.setValue(state.get('act'));
    mode.setValue(state.get('mode'));
    if (Number(seed.value) !== state.get('seed')) seed.value = String(state.get('seed'));
    void check();
  });
  void check();

  return {
    setLang(next) {
      L.setLang(next);
    },
    applyPreset(params) {
      state.set(withDefaults(GRADCHECK_FIELDS, pickParams(params, Object.keys(GRADCHECK_FIELDS))));
    },
    unmount() {
      alive = false;
      unsubscribe();
      root.remove();
    },
  };
};
