// Section 4: "check the maths". Runs the hand-written BPTT of src/core against
// finite differences and tfjs autodiff on a small seeded model, on mount and
// on demand, and shows the largest relative error per parameter.
import * as tf from '@tensorflow/tfjs';
import { formatNumber } from '../../charts/scales.ts';
import { gradientCheck, type GradCheckResult } from '../../checks/gradcheck.ts';
import { PARAM_NAMES, type ParamName } from '../../model/types.ts';
import { format, type Lang } from '../../i18n/lang.ts';
import { el } from '../../shell/dom.ts';
import type { MountWidget } from '../types.ts';
import { selectControl } from '../controls.ts';
import { CHECK_DIMS, checkProblem, type CheckSetup } from './model.ts';
import { checkText as S } from './strings.ts';
import './style.css';
import { pickParams, withDefaults } from '../preset-params.ts';
import { GRADCHECK_FIELDS } from './fields.ts';

const FD_LIMIT = 1e-6;
const TF_LIMIT = 1e-3;

/** Resolves once the page has picked its tf backend (the header badge reports it), or after `ms`. */
function backendSettled(ms = 15000): Promise<void> {
  const badge = document.querySelector<HTMLElement>('[data-testid=backend]');
  if (!badge || badge.dataset.backend) return Promise.resolve();
  return new Promise((resolve) => {
    const done = () => {
      observer.disconnect();
      clearTimeout(timer);
      resolve();
    };
    const observer = new MutationObserver(() => {
      if (badge.dataset.backend) done();
    });
    observer.observe(badge, { attributes: true, attributeFilter: ['data-backend'] });
    const timer = setTimeout(done, ms);
  });
}

function shapeOf(name: ParamName): string {
  const { F, H, O } = CHECK_DIMS;
  return { W: `${H}×${H}`, U: `${H}×${F}`, b: `${H}`, V: `${O}×${H}`, c: `${O}` }[name];
}

export const mount: MountWidget = (host, ctx) => {
  let lang: Lang = ctx.lang;
  const state = ctx.store.defineFields('gradcheck', GRADCHECK_FIELDS);
  const setup = (): CheckSetup => ({ act: state.get('act') as CheckSetup['act'], mode: state.get('mode') as CheckSetup['mode'], seed: state.get('seed') });

  const title = el('p', { class: 'gl-title' });
  const intro = el('p', { class: 'gl-note' });
  const modelLine = el('p', { class: 'gl-note' });
  const act = selectControl(['tanh', 'relu', 'linear'], state.get('act'), (v) => state.set({ act: v }), 'gradcheck-activation');
  const mode = selectControl(['many-to-many', 'many-to-one'], state.get('mode'), (v) => state.set({ mode: v }), 'gradcheck-mode');
  const seedName = el('span', { class: 'ctl-name' });
  const seed = el('input', { type: 'number', class: 'gl-number', min: 0, step: 1, 'data-testid': 'gradcheck-seed' });
  seed.value = String(state.get('seed'));
  seed.addEventListener('change', () => state.set({ seed: Number(seed.value) }));
  const button = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'gradcheck-run' });
  const controls = el('div', { class: 'gl-controls' }, act.root, mode.root, el('div', { class: 'gl-row' }, el('label', { class: 'gl-row' }, seedName, seed), button));
  const head = el('tr');
  const body = el('tbody');
  const foot = el('tfoot');
  const table = el('table', { class: 'gc-table' }, el('thead', {}, head), body, foot);
  const verdict = el('p', { class: 'gc-verdict', 'aria-live': 'polite' });
  const root = el('div', { class: 'gc', 'data-testid': 'gradcheck', 'data-state': 'waiting' }, title, intro, modelLine, controls, verdict, el('div', { class: 'gc-table-wrap' }, table));
  host.append(root);

  let result: GradCheckResult | null = null;
  let error: string | null = null;
  let runId = 0;
  let alive = true;

  function renderTable(): void {
    head.replaceChildren(el('th', {}, S.param[lang]), el('th', {}, S.shape[lang]), el('th', {}, S.vsFd[lang]), el('th', {}, S.vsTf[lang]));
    body.replaceChildren();
    foot.replaceChildren();
    if (!result) return;
    const cell = (v: number, limit: number) => el('td', { class: `num ${v < limit ? 'ok' : 'bad'}` }, formatNumber(v, 3));
    for (const name of PARAM_NAMES) {
      const e = result.perParam[name];
      body.append(el('tr', { 'data-param': name }, el('td', {}, name), el('td', {}, shapeOf(name)), cell(e.fd, FD_LIMIT), cell(e.tf, TF_LIMIT)));
    }
    foot.append(el('tr', {}, el('th', {}, S.max[lang]), el('td'), cell(result.maxRelErrorFd, FD_LIMIT), cell(result.maxRelErrorTf, TF_LIMIT)));
  }

  function renderText(): void {
    title.textContent = S.title[lang];
    intro.textContent = format(S.intro[lang], { backend: root.dataset.backend || '…' });
    modelLine.textContent = format(S.model[lang], CHECK_DIMS);
    act.setLabels(S.activation[lang], { tanh: 'tanh', relu: 'ReLU', linear: S.linear[lang] });
    mode.setLabels(S.mode[lang], { 'many-to-many': S.manyToMany[lang], 'many-to-one': S.manyToOne[lang] });
    seedName.textContent = S.seed[lang];
    const st = root.dataset.state;
    button.textContent = st === 'running' ? S.running[lang] : S.run[lang];
    if (st === 'waiting') verdict.textContent = S.waiting[lang];
    else if (st === 'running') verdict.textContent = S.running[lang];
    else if (error) verdict.textContent = format(S.failed[lang], { message: error });
    else if (result) {
      const ok = result.maxRelErrorFd < FD_LIMIT && result.maxRelErrorTf < TF_LIMIT;
      verdict.dataset.ok = String(ok);
      verdict.textContent = format(ok ? S.verdictOk[lang] : S.verdictBad[lang], { fd: formatNumber(result.maxRelErrorFd, 2), tf: formatNumber(result.maxRelErrorTf, 2) });
    }
    renderTable();
  }

  async function run(): Promise<void> {
    const id = ++runId;
    root.dataset.state = 'waiting';
    button.disabled = true;
    renderText();
    await backendSettled();
    await tf.ready();
    if (!alive || id !== runId) return;
    root.dataset.state = 'running';
    root.dataset.backend = tf.getBackend();
    renderText();
    try {
      const { p, seq, y } = checkProblem(setup());
      const s = setup();
      const r = await gradientCheck(p, seq, y, s.act, s.mode);
      if (!alive || id !== runId) return;
      result = r;
      error = null;
      root.dataset.maxRelError = String(r.maxRelErrorFd);
      root.dataset.maxRelErrorTf = String(r.maxRelErrorTf);
      root.dataset.state = 'done';
    } catch (err) {
      if (!alive || id !== runId) return;
      error = String((err as Error).message ?? err);
      root.dataset.state = 'error';
    }
    button.disabled = false;
    renderText();
  }

  button.addEventListener('click', () => void run());
  const unsubscribe = state.subscribe(() => {
    act.setValue(state.get('act'));
    mode.setValue(state.get('mode'));
    if (Number(seed.value) !== state.get('seed')) seed.value = String(state.get('seed'));
    void run();
  });
  renderText();
  void run();

  return {
    setLang(next) {
      lang = next;
      renderText();
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
