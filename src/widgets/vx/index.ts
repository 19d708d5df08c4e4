// Section 5: vanishing and exploding gradients. Sliders for ρ(W), T, input
// scale, activation, hidden size, clipping and seed; a log-scale plot of
// ‖∂h(T)/∂h(k)‖₂ against T − k beside (ρ·γ)^(T−k); the eigenvalues of W on
// the complex plane; a one-line read-out. Numbers come from model.ts (in a
// worker); this file only lays them out.
import { createComplexPlane } from '../../charts/complex-plane.ts';
import { createLogLineChart, type LogLineSeries } from '../../charts/log-line.ts';
import { formatFromLog10, formatNumber } from '../../charts/scales.ts';
import { Labeller } from '../../i18n/labeller.ts';
import { el } from '../../ui/dom.ts';
import { checkControl, rangeControl, selectControl } from '../controls.ts';
import type { MountWidget } from '../types.ts';
import { createVxComputer } from './compute.ts';
import { presetEntries, VX_FIELDS } from './fields.ts';
import { withDefaults } from '../preset-params.ts';
import { chosenReadoutLog10, type VxResult, type VxSettings } from './model.ts';
import { createGatedControls, gatedSeries, paintGatedReadout } from './gated-view.ts';
import { vxText } from './strings.ts';
import './style.css';

export const mount: MountWidget = (host, ctx) => {
  const L = new Labeller(vxText, ctx.lang);
  const t = L.t;
  const state = ctx.store.defineFields('vx', VX_FIELDS);
  const values = (): VxSettings => state.all();
  let pendingSince: number | null = null;

  const onSlider = (key: 'rho' | 'steps' | 'input' | 'hidden' | 'clipAt' | 'forgetBias') => (v: number) => {
    pendingSince ??= performance.now();
    state.set({ [key]: v });
  };
  const v0 = values();
  const rho = rangeControl({ min: 0, max: 2, step: 0.01, value: v0.rho, format: (v) => v.toFixed(2), onInput: onSlider('rho'), testId: 'vx-rho' });
  const steps = rangeControl({ min: 2, max: 200, step: 1, value: v0.steps, format: (v) => String(v), onInput: onSlider('steps'), testId: 'vx-steps' });
  const input = rangeControl({ min: 0, max: 10, step: 0.1, value: v0.input, format: (v) => v.toFixed(1), onInput: onSlider('input'), testId: 'vx-input' });
  const hidden = rangeControl({ min: 2, max: 64, step: 1, value: v0.hidden, format: (v) => String(v), onInput: onSlider('hidden'), testId: 'vx-hidden' });
  const act = selectControl(VX_FIELDS.act.values, v0.act, (v) => state.set({ act: v }), 'vx-activation');
  const clip = checkControl(v0.clip, (v) => state.set({ clip: v }), 'vx-clip');
  const clipAt = rangeControl({ min: 0.1, max: 10, step: 0.1, value: v0.clipAt, format: (v) => v.toFixed(1), onInput: onSlider('clipAt'), testId: 'vx-clip-at' });
  const seedName = el('span', { class: 'ctl-name' }, L.text('seed'));
  const seedInput = el('input', { type: 'number', class: 'gl-number', min: 0, step: 1, 'data-testid': 'vx-seed' });
  seedInput.value = String(v0.seed);
  seedInput.addEventListener('change', () => state.set({ seed: Number(seedInput.value) }));
  const reroll = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'vx-reroll' }, L.text('reroll'));
  reroll.addEventListener('click', () => state.set({ seed: (values().seed + 1) >>> 0 }));
  const seedRow = el('div', { class: 'vx-seed' }, el('label', { class: 'vx-seed' }, seedName, seedInput), reroll);
  const clipRow = el('div', { class: 'vx-clip' }, clip.root, clipAt.root);
  const gated = createGatedControls(L, (v) => state.set(v), onSlider('forgetBias'), v0);

  const title = el('p', { class: 'gl-title' }, L.text('title'));
  const controls = el('div', { class: 'gl-controls' }, ...gated.roots, rho.root, steps.root, input.root, hidden.root, act.root, seedRow, clipRow);
  const readout = el('p', { class: 'vx-readout', 'data-testid': 'vx-readout', 'aria-live': 'polite', 'data-state': 'computing' });
  const details = el('p', { class: 'vx-details' });
  const clipNote = el('p', { class: 'vx-clip-note', hidden: true });
  const lineHost = el('div', { class: 'vx-line' });
  const planeCaption = el('p', { class: 'vx-plane-caption' });
  const planeHost = el('div', { class: 'vx-plane' }, planeCaption);
  const root = el('div', { class: 'vx', 'data-testid': 'vx' }, title, controls, readout, details, clipNote, el('div', { class: 'vx-charts' }, lineHost, planeHost));
  host.append(root);

  const line = createLogLineChart(lineHost, { height: 260, attrs: { 'data-testid': 'vx-chart' }, minDecades: 2 });
  const plane = createComplexPlane(planeHost, { maxSize: 300, attrs: { 'data-testid': 'vx-eigen' } });
  const computer = createVxComputer();
  let last: VxResult | null = null;

  function paintReadout(r: VxResult): void {
    const s = r.settings;
    const n = s.steps - 1;
    const l = r.readoutLog10;
    const key = l === -Infinity ? 'zero' : l < -0.5 ? 'shrinks' : l > 0.5 ? 'grows' : 'steady';
    readout.textContent = t(key, { T: s.steps, n, factor: formatFromLog10(l, 2) });
    details.textContent = t('details', {
      rho: formatNumber(r.largestModulus, 4),
      norm: formatNumber(r.normW, 4),
      gamma: formatNumber(r.gamma, 3),
      mean: formatNumber(r.meanDerivative, 3),
    });
    if (r.clip) {
      clipNote.hidden = false;
      const over = r.clip.log10Factor < 0;
      clipNote.textContent = `${t('clipKeeps', {
        norm: formatFromLog10(r.clip.log10GradNorm, 2),
        cmp: over ? '>' : '≤',
        theta: formatNumber(s.clipAt, 3),
        factor: formatFromLog10(r.clip.log10Factor, 2),
      })} ${t('clipNote')}`;
    } else clipNote.hidden = true;
    paintGatedReadout(L, r, readout, details);
  }

  function paintCharts(r: VxResult): void {
    const xs = Float64Array.from({ length: r.settings.steps }, (_, j) => j);
    const series: LogLineSeries[] = [
      { key: 'bound', label: t('seriesBound'), x: xs, log10y: r.log10Bound, color: 'var(--muted)', dash: '2 4', width: 1.5, fit: false },
      { key: 'reference', label: t('seriesReference'), x: xs, log10y: r.log10Reference, color: 'var(--accent-2)', dash: '7 5', width: 2 },
      { key: 'measured', label: t('seriesMeasured'), x: xs, log10y: r.log10Spectral, color: 'var(--accent)', width: 2.5 },
    ];
    if (r.clip) series.push({ key: 'clipped', label: t('seriesClipped'), x: xs, log10y: r.clip.log10Clipped, color: 'var(--good)', width: 2 });
    line.setLabels({ yLabel: t(r.gated ? 'chartYGated' : 'chartY') });
    line.update(gatedSeries(L, r, xs, series));
    plane.update({ re: r.eigen.re, im: r.eigen.im, ring: r.settings.rho });
    planeCaption.textContent = t(r.gated ? 'eigenCaptionSimple' : 'eigenCaption', { n: r.settings.hidden });
  }

  function paint(r: VxResult, ms: number, since: number | null): void {
    const paintStart = performance.now();
    last = r;
    paintReadout(r);
    paintCharts(r);
    const s = r.settings;
    Object.assign(readout.dataset, {
      log10Norm: String(chosenReadoutLog10(r)),
      simpleLog10Norm: String(r.readoutLog10),
      cell: s.cell ?? 'rnn',
      forgetBias: String(s.forgetBias ?? 0),
      rho: String(s.rho),
      steps: String(s.steps),
      input: String(s.input),
      act: s.act,
      hidden: String(s.hidden),
      seed: String(s.seed),
      clip: s.clip ? String(s.clipAt) : '0',
      computeMs: ms.toFixed(1),
      state: computer.busy() ? 'computing' : 'ready',
    });
    const domDone = performance.now();
    performance.measure('vx:update-dom', { start: paintStart, end: domDone });
    if (since !== null) {
      requestAnimationFrame(() => {
        const end = performance.now();
        performance.measure('vx:wait-frame', { start: domDone, end });
        performance.measure('vx:slider-to-paint', { start: since, end, detail: { computeMs: ms } });
      });
    }
  }

  function recompute(): void {
    const since = pendingSince;
    pendingSince = null;
    readout.dataset.state = 'computing';
    computer.request(
      values(),
      (r, ms) => paint(r, ms, since),
      (message) => {
        readout.dataset.state = 'error';
        readout.textContent = message;
      },
    );
  }

  function syncControls(): void {
    const v = values();
    rho.setValue(v.rho);
    steps.setValue(v.steps);
    input.setValue(v.input);
    hidden.setValue(v.hidden);
    clipAt.setValue(v.clipAt);
    act.setValue(v.act);
    clip.setValue(v.clip);
    clipAt.input.disabled = !v.clip;
    gated.sync(v);
    if (Number(seedInput.value) !== v.seed) seedInput.value = String(v.seed);
  }

  L.bind((t) => {
    rho.setLabel(t('rho'));
    steps.setLabel(t('steps'));
    input.setLabel(t('input'));
    hidden.setLabel(t('hidden'));
    clipAt.setLabel(t('clipAt'));
    act.setLabels(t('activation'), { tanh: t('actTanh'), relu: t('actRelu'), linear: t('actLinear') });
    clip.setLabel(t('clip'));
    line.setLabels({ xLabel: t('chartX'), yLabel: t('chartY'), ariaLabel: t('chartAria') });
    plane.setLabels({
      ariaLabel: t('planeAria'),
      unitLabel: t('unitCircle'),
      ringLabel: t('ring'),
      pointLabel: (re, im, mod) => t('eigenPoint', { re: formatNumber(re, 3), sign: im < 0 ? '−' : '+', im: formatNumber(Math.abs(im), 3), mod: formatNumber(mod, 4) }),
    });
    if (last) {
      paintReadout(last);
      paintCharts(last);
    } else readout.textContent = t('computing');
  });

  const unsubscribe = state.subscribe(() => {
    syncControls();
    recompute();
  });
  syncControls();
  recompute();

  return {
    setLang(next) {
      L.setLang(next);
    },
    applyPreset(params) {
      state.set(withDefaults(VX_FIELDS, presetEntries(params)));
    },
    unmount() {
      unsubscribe();
      computer.destroy();
      line.destroy();
      plane.destroy();
      root.remove();
    },
  };
};
