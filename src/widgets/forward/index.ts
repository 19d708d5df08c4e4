// Section 3: a two-unit tanh RNN with one regression output, on a short input
// sequence the reader edits. Each step shows a(t) = W h(t−1) + U x(t) + b,
// h(t) = tanh(a(t)), o(t) = V h(t) + c and ŷ(t) = o(t) with the live numbers
// (KaTeX), and the hidden state's path in the plane. Every parameter (W, U,
// b, V, c) has a slider.
import katex from 'katex';
import { createTextAlternative } from '../../charts/text-alternative.ts';
import { Labeller } from '../../i18n/labeller.ts';
import { el } from '../../ui/dom.ts';
import { rangeControl, type RangeControl } from '../controls.ts';
import { formattedSettings, pickParams, withDefaults } from '../preset-params.ts';
import { DEFAULT_X, FORWARD_FIELDS, PARAM_LIMIT, WEIGHTS, type ParamGroup } from './fields.ts';
import type { MountWidget } from '../types.ts';
import { createInputEditor } from './inputs.ts';
import { forwardLinkSettings, forwardLiveValues, sequenceOf } from './live.ts';
import { formatSequence, parseSequence, runTiny, stepTex, stepValues, texState, type ForwardWeights } from './model.ts';
import { createTrajectoryPlane } from './plane.ts';
import { forwardText } from './strings.ts';
import './style.css';

const minus = (s: string) => s.replace('-', '−');
const SUPERSCRIPT = '⁰¹²³⁴⁵⁶⁷⁸⁹';
const superscript = (n: number) => String(n).replace(/\d/g, (d) => SUPERSCRIPT[Number(d)]);

const GROUPS: { group: ParamGroup[]; caption: 'weights' | 'outputs' }[] = [
  { group: ['W', 'U'], caption: 'weights' },
  { group: ['b', 'V', 'c'], caption: 'outputs' },
];

export const mount: MountWidget = (host, ctx) => {
  const L = new Labeller(forwardText, ctx.lang);
  const state = ctx.store.defineFields('forward', FORWARD_FIELDS);
  const live = ctx.live.channel('forward', forwardLinkSettings);
  const sequence = () => sequenceOf(state.get('x'));
  const weights = (): ForwardWeights => state.all();
  const step = () => Math.min(state.get('t'), sequence().length);
  // A URL whose sequence does not read, or whose step lies past its end, is rewritten to what is shown.
  if (!parseSequence(state.get('x'))) state.set({ x: DEFAULT_X });
  if (state.get('t') !== step()) state.set({ t: step() });

  const title = el('p', { class: 'gl-title' }, L.text('title'));
  const intro = el('p', { class: 'gl-note' }, L.text('intro'));
  const prev = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'forward-prev' }, L.text('prev'));
  const next = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'forward-next' }, L.text('next'));
  const status = el('span', { class: 'fw-status', 'aria-live': 'polite', 'data-testid': 'forward-step' });
  const inputsCaption = el('p', { class: 'fw-caption' }, L.text('inputs'));
  const inputsHost = el('div', { class: 'fw-inputs-host' });
  const eq = el('div', { class: 'fw-eq', 'data-testid': 'forward-equation' });
  const output = el('p', { class: 'fw-output', 'data-testid': 'forward-output' });
  const planeCaption = el('p', { class: 'fw-caption' }, L.text('plane'));
  const planeHost = el('div', { class: 'fw-plane-host' });
  const planeText = createTextAlternative(ctx.lang, 'forward-text');
  const reset = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'forward-reset' }, L.text('reset'));
  const sliders = new Map<keyof ForwardWeights, RangeControl>();
  for (const w of WEIGHTS) {
    const slider = rangeControl({
      min: -PARAM_LIMIT, max: PARAM_LIMIT, step: 0.05, value: state.get(w.key), format: (v) => v.toFixed(2),
      onInput: (v) => state.set({ [w.key]: v }), testId: `forward-${w.key}`, label: w.label,
    });
    sliders.set(w.key, slider);
  }
  const groups = GROUPS.map(({ group, caption }, i) =>
    el(
      'div',
      { class: 'fw-group', role: 'group' },
      el('div', { class: 'gl-row' }, el('p', { class: 'fw-caption' }, L.text(caption)), i === 0 ? reset : null),
      el('div', { class: 'gl-controls fw-weights' }, ...WEIGHTS.filter((w) => group.includes(w.group)).map((w) => sliders.get(w.key)!.root)),
    ),
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
      el('div', { class: 'fw-left' }, inputsCaption, inputsHost, eq, output),
      el('div', { class: 'fw-right' }, planeCaption, planeHost, planeText.element),
    ),
    ...groups,
  );
  host.append(root);
  GROUPS.forEach(({ caption }, i) => L.attr(groups[i], 'aria-label', caption));

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
  const planeSvg = planeHost.querySelector('svg');
  if (planeSvg) planeText.describe(planeSvg);

  function render(): void {
    const xs = sequence();
    const w = weights();
    const t = step();
    const pass = runTiny(w, xs);
    const now = stepValues(pass, t);
    editor.update(xs, t);
    plane.update(pass.h, xs.length, t);
    eq.innerHTML = katex.renderToString(stepTex(w, xs, pass, t), { throwOnError: false, displayMode: true }); // our own TeX, numbers only
    Object.assign(eq.dataset, { t: String(t), h1: String(now.h[0]), h2: String(now.h[1]), o: String(now.o) });
    output.textContent = L.t('output', { t: superscript(t), o: minus(texState(now.o)) });
    status.textContent = L.t('stepNow', { t, T: xs.length });
    plane.setAria(L.t('planeAria', { t, h1: now.h[0].toFixed(2), h2: now.h[1].toFixed(2) }));
    planeText.setCaption(L.t('planeText', { T: xs.length, t, h1: minus(texState(now.h[0])), h2: minus(texState(now.h[1])), o: minus(texState(now.o)) }));
    planeText.setTable(() => ({
      columns: ['t', 'x⁽ᵗ⁾', 'a₁', 'a₂', 'h₁', 'h₂', 'o = ŷ'],
      rows: xs.map((x, i) => {
        const v = stepValues(pass, i + 1);
        return [String(i + 1), minus(x.toFixed(2)), ...[...v.a, ...v.h, v.o].map((n) => minus(texState(n)))];
      }),
    }));
    prev.disabled = t <= 1;
    next.disabled = t >= xs.length;
    for (const wt of WEIGHTS) sliders.get(wt.key)!.setValue(w[wt.key]);
    live.publish(forwardLiveValues(w, xs, t));
  }

  L.bind((t) => {
    editor.setLabels(t('inputsAria'), (s) => t('inputPoint', { t: s }));
    planeText.setLang(L.lang);
    render();
  });

  prev.addEventListener('click', () => state.set({ t: step() - 1 }));
  next.addEventListener('click', () => state.set({ t: step() + 1 }));
  reset.addEventListener('click', () => state.set(Object.fromEntries(WEIGHTS.map((w) => [w.key, w.def]))));
  const unsubscribe = state.subscribe(render);
  live.anchor(formattedSettings(FORWARD_FIELDS, state.all()));

  return {
    setLang(nextLang) {
      L.setLang(nextLang);
    },
    applyPreset(params) {
      const entries = withDefaults(FORWARD_FIELDS, pickParams(params, Object.keys(FORWARD_FIELDS)));
      state.set(entries);
      live.anchor(formattedSettings(FORWARD_FIELDS, state.all()));
    },
    unmount() {
      unsubscribe();
      editor.destroy();
      plane.destroy();
      root.remove();
    },
  };
};
