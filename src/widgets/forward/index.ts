// Section 3: a two-unit tanh RNN on a short input sequence the reader edits.
// Each step shows a(t) = W h(t−1) + U x(t) + b and h(t) = tanh(a(t)) with the
// live numbers (KaTeX), and the hidden state's path in the plane.
import katex from 'katex';
import { Labeller } from '../../i18n/labeller.ts';
import { el } from '../../ui/dom.ts';
import { rangeControl, type RangeControl } from '../controls.ts';
import { pickParams, withDefaults } from '../preset-params.ts';
import { DEFAULT_X, FORWARD_FIELDS, WEIGHTS } from './fields.ts';
import type { MountWidget } from '../types.ts';
import { createInputEditor } from './inputs.ts';
import { formatSequence, parseSequence, runTiny, stepTex, type ForwardWeights } from './model.ts';
import { createTrajectoryPlane } from './plane.ts';
import { forwardText } from './strings.ts';
import './style.css';

export const mount: MountWidget = (host, ctx) => {
  const L = new Labeller(forwardText, ctx.lang);
  const state = ctx.store.defineFields('forward', FORWARD_FIELDS);
  const sequence = () => parseSequence(state.get('x')) ?? parseSequence(DEFAULT_X)!;
  const weights = (): ForwardWeights => state.all();
  const step = () => Math.min(state.get('t'), sequence().length);

  const title = el('p', { class: 'gl-title' }, L.text('title'));
  const intro = el('p', { class: 'gl-note' }, L.text('intro'));
  const prev = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'forward-prev' }, L.text('prev'));
  const next = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'forward-next' }, L.text('next'));
  const status = el('span', { class: 'fw-status', 'aria-live': 'polite', 'data-testid': 'forward-step' });
  const inputsCaption = el('p', { class: 'fw-caption' }, L.text('inputs'));
  const inputsHost = el('div', { class: 'fw-inputs-host' });
  const eq = el('div', { class: 'fw-eq', 'data-testid': 'forward-equation' });
  const planeCaption = el('p', { class: 'fw-caption' }, L.text('plane'));
  const planeHost = el('div', { class: 'fw-plane-host' });
  const weightsCaption = el('p', { class: 'fw-caption' }, L.text('weights'));
  const reset = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'forward-reset' }, L.text('reset'));
  const sliders: RangeControl[] = WEIGHTS.map((w) =>
    rangeControl({ min: -2, max: 2, step: 0.05, value: state.get(w.key), format: (v) => v.toFixed(2), onInput: (v) => state.set({ [w.key]: v }), testId: `forward-${w.key}`, label: w.label }),
  );
  const root = el(
    'div',
    { class: 'fw', 'data-testid': 'forward' },
    title,
    intro,
    el('div', { class: 'gl-row fw-steps' }, prev, next, status),
    el(
      'div',
      { class: 'fw-layout' },
      el('div', { class: 'fw-left' }, inputsCaption, inputsHost, eq),
      el('div', { class: 'fw-right' }, planeCaption, planeHost),
    ),
    el('div', { class: 'gl-row' }, weightsCaption, reset),
    el('div', { class: 'gl-controls fw-weights' }, ...sliders.map((s) => s.root)),
  );
  host.append(root);

  const editor = createInputEditor(
    inputsHost,
    (i, v) => {
      const xs = sequence().slice();
      xs[i] = v;
      state.set({ x: formatSequence(xs), t: i + 1 });
    },
    (i) => state.set({ t: i + 1 }),
  );
  const plane = createTrajectoryPlane(planeHost);

  function render(): void {
    const xs = sequence();
    const w = weights();
    const t = step();
    const pass = runTiny(w, xs);
    editor.update(xs, t);
    plane.update(pass.h, xs.length, t);
    eq.innerHTML = katex.renderToString(stepTex(w, xs, pass, t), { throwOnError: false, displayMode: true }); // our own TeX, numbers only
    eq.dataset.t = String(t);
    eq.dataset.h1 = String(pass.h[(t - 1) * 2]);
    eq.dataset.h2 = String(pass.h[(t - 1) * 2 + 1]);
    status.textContent = L.t('stepNow', { t, T: xs.length });
    plane.setAria(L.t('planeAria', { t, h1: pass.h[(t - 1) * 2].toFixed(2), h2: pass.h[(t - 1) * 2 + 1].toFixed(2) }));
    prev.disabled = t <= 1;
    next.disabled = t >= xs.length;
    WEIGHTS.forEach((wt, i) => sliders[i].setValue(w[wt.key]));
  }

  L.bind((t) => {
    editor.setLabels(t('inputsAria'), (step) => t('inputPoint', { t: step }));
    render();
  });

  prev.addEventListener('click', () => state.set({ t: step() - 1 }));
  next.addEventListener('click', () => state.set({ t: step() + 1 }));
  reset.addEventListener('click', () => state.set(Object.fromEntries(WEIGHTS.map((w) => [w.key, w.def]))));
  const unsubscribe = state.subscribe(render);

  return {
    setLang(nextLang) {
      L.setLang(nextLang);
    },
    applyPreset(params) {
      state.set(withDefaults(FORWARD_FIELDS, pickParams(params, Object.keys(FORWARD_FIELDS))));
    },
    unmount() {
      unsubscribe();
      editor.destroy();
      plane.destroy();
      root.remove();
    },
  };
};
