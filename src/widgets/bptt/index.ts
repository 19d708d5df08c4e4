// Section 4: heat map of ‖∂L^(t)/∂h(k)‖ over (t, k ≤ t) and, for the chosen
// cell, the chain of one-step Jacobians diag(σ′(a(i))) W it sums.
import katex from 'katex';
import { createHeatmap } from '../../charts/heatmap.ts';
import { formatFromLog10, formatNumber } from '../../charts/scales.ts';
import { Labeller } from '../../i18n/labeller.ts';
import { ACTIVATIONS } from '../../model/activation.ts';
import { el } from '../../ui/dom.ts';
import { rangeControl, selectControl } from '../controls.ts';
import { pickParams, withDefaults } from '../preset-params.ts';
import { BPTT_FIELDS } from './fields.ts';
import type { MountWidget } from '../types.ts';
import { buildBpttModel, cellPath, type BpttModel, type BpttSettings } from './model.ts';
import { bpttText } from './strings.ts';
import './style.css';

function chainTex(t: number, k: number): string {
  const lhs = `\\frac{\\partial L^{(${t})}}{\\partial \\mathbf{h}^{(${k})}} = \\frac{\\partial L^{(${t})}}{\\partial \\mathbf{h}^{(${t})}}`;
  if (k === t) return lhs;
  const J = (i: number) => `\\mathbf{J}^{(${i})}`;
  const n = t - k;
  const chain = n <= 4 ? Array.from({ length: n }, (_, j) => J(t - j)).join('\\,') : `${J(t)}\\,${J(t - 1)}\\cdots ${J(k + 1)}`;
  return `\\begin{gathered}${lhs}\\;${chain},\\\\ \\mathbf{J}^{(i)} = \\frac{\\partial \\mathbf{h}^{(i)}}{\\partial \\mathbf{h}^{(i-1)}} = \\operatorname{diag}\\big(\\sigma'(\\mathbf{a}^{(i)})\\big)\\,\\mathbf{W}\\end{gathered}`;
}

export const mount: MountWidget = (host, ctx) => {
  const L = new Labeller(bpttText, ctx.lang);
  const state = ctx.store.defineFields('bptt', BPTT_FIELDS);
  const settings = (): BpttSettings => ({
    steps: state.get('steps'),
    hidden: state.get('hidden'),
    rho: state.get('rho'),
    act: state.get('act'),
    seed: state.get('seed'),
  });

  const title = el('p', { class: 'gl-title' }, L.text('title'));
  const intro = el('p', { class: 'gl-note' }, L.text('intro'));
  const set = (key: 'steps' | 'hidden' | 'rho') => (v: number) => state.set({ [key]: v });
  const steps = rangeControl({ min: 2, max: 24, step: 1, value: state.get('steps'), format: String, onInput: set('steps'), testId: 'bptt-steps' });
  const hidden = rangeControl({ min: 2, max: 16, step: 1, value: state.get('hidden'), format: String, onInput: set('hidden'), testId: 'bptt-hidden' });
  const rho = rangeControl({ min: 0.1, max: 2, step: 0.01, value: state.get('rho'), format: (v) => v.toFixed(2), onInput: set('rho'), testId: 'bptt-rho' });
  const act = selectControl(ACTIVATIONS, state.get('act'), (v) => state.set({ act: v }), 'bptt-activation');
  const seedName = el('span', { class: 'ctl-name' }, L.text('seed'));
  const reroll = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'bptt-reroll' }, L.text('reroll'));
  reroll.addEventListener('click', () => state.set({ seed: (state.get('seed') + 1) >>> 0 }));
  const seedValue = el('output', { class: 'ctl-value' });
  const controls = el('div', { class: 'gl-controls' }, steps.root, rho.root, hidden.root, act.root, el('div', { class: 'gl-row' }, seedName, seedValue, reroll));
  const mapHost = el('div', { class: 'bp-map' });
  const tex = el('div', { class: 'bp-tex' });
  const startLine = el('p', { class: 'bp-start' });
  const heading = el('p', { class: 'gl-note' });
  const chain = el('ol', { class: 'bp-chain' });
  const endLine = el('p', { class: 'bp-end' });
  const path = el('div', { class: 'bp-path', 'data-testid': 'bptt-path', 'aria-live': 'polite' }, tex, startLine, heading, chain, endLine);
  const root = el('div', { class: 'bp', 'data-testid': 'bptt' }, title, intro, controls, el('div', { class: 'bp-layout' }, mapHost, path));
  host.append(root);

  let model: BpttModel = buildBpttModel(settings());
  const heat = createHeatmap(mapHost, {
    log: true,
    maxCell: 26,
    attrs: { 'data-testid': 'bptt-heatmap' },
    onSelect: (c) => {
      if (!c) return;
      const cur = selected();
      if (cur.t !== c.row + 1 || cur.k !== c.col + 1) state.set({ t: c.row + 1, k: c.col + 1 });
    },
  });

  function selected(): { t: number; k: number } {
    const T = model.settings.steps;
    let t = state.get('t');
    let k = state.get('k');
    if (t < 1 || t > T) t = T;
    if (k < 1 || k > t) k = 1;
    return { t, k };
  }

  function renderPath(): void {
    const { t, k } = selected();
    const p = cellPath(model, t, k);
    path.dataset.t = String(t);
    path.dataset.k = String(k);
    path.dataset.value = String(p.end);
    tex.innerHTML = katex.renderToString(chainTex(t, k), { throwOnError: false, displayMode: true }); // our own TeX
    startLine.textContent = L.t('start', { t, v: formatNumber(p.start, 3) });
    chain.replaceChildren();
    if (k === t) {
      heading.textContent = L.t('diagonal', { t });
      endLine.textContent = '';
      return;
    }
    heading.textContent = L.t('factorsHeading', { n: p.factors.length, t, k1: k + 1 });
    for (const f of p.factors) {
      const bar = el('span', { class: `bp-bar${f.norm > 1 ? ' is-grow' : ''}`, 'aria-hidden': 'true' });
      bar.style.width = `${Math.max(2, Math.min(f.norm, 2) * 40)}px`;
      chain.append(el('li', {}, el('span', { class: 'bp-bar-box' }, bar), L.t('factor', { i: f.i, n: formatNumber(f.norm, 3), d: formatNumber(f.meanDerivative, 3) })));
    }
    endLine.textContent = L.t('end', { t, k, v: formatNumber(p.end, 3), b: formatFromLog10(p.log10Bound, 3) });
  }

  function renderMap(): void {
    const T = model.settings.steps;
    heat.update({ rows: T, cols: T, values: model.norms });
    const { t, k } = selected();
    const cur = heat.selected();
    if (!cur || cur.row !== t - 1 || cur.col !== k - 1) heat.select(t - 1, k - 1);
  }

  L.bind((t) => {
    steps.setLabel(t('steps'));
    hidden.setLabel(t('hidden'));
    rho.setLabel(t('rho'));
    act.setLabels(t('activation'), { tanh: 'tanh', relu: 'ReLU', linear: t('linear') });
    heat.setLabels({
      xLabel: t('xLabel'),
      yLabel: t('yLabel'),
      colorLabel: t('colorLabel'),
      ariaLabel: t('aria'),
      cellLabel: (c) => t('cell', { t: c.row + 1, k: c.col + 1, v: formatNumber(c.value, 3) }),
    });
    renderPath();
  });

  let lastKey = '';
  const unsubscribe = state.subscribe(() => {
    const s = settings();
    const key = JSON.stringify(s);
    steps.setValue(s.steps);
    hidden.setValue(s.hidden);
    rho.setValue(s.rho);
    act.setValue(s.act);
    seedValue.textContent = String(s.seed);
    if (key !== lastKey) {
      lastKey = key;
      model = buildBpttModel(s);
      renderMap();
    } else {
      const { t, k } = selected();
      const cur = heat.selected();
      if (!cur || cur.row !== t - 1 || cur.col !== k - 1) heat.select(t - 1, k - 1);
    }
    renderPath();
  });
  lastKey = JSON.stringify(settings());
  seedValue.textContent = String(state.get('seed'));
  renderMap();
  renderPath();

  return {
    setLang(next) {
      L.setLang(next);
    },
    applyPreset(params) {
      state.set(withDefaults(BPTT_FIELDS, pickParams(params, Object.keys(BPTT_FIELDS))));
    },
    unmount() {
      unsubscribe();
      heat.destroy();
      root.remove();
    },
  };
};
