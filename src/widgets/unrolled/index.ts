// Section 2: the RNN folded and unrolled over T steps. Step through time with
// the buttons or the arrow keys; the nodes and connections of step t are
// highlighted, the shared W, U, V label every step; hovering or focusing a
// node shows its equation (KaTeX).
import { select } from 'd3';
import katex from 'katex';
import { observeWidth, responsiveSvg } from '../../charts/scales.ts';
import { Labeller } from '../../i18n/labeller.ts';
import { el } from '../../ui/dom.ts';
import { rangeControl } from '../controls.ts';
import { pickParams, withDefaults } from '../preset-params.ts';
import { UNROLLED_FIELDS } from './fields.ts';
import type { MountWidget } from '../types.ts';
import { addMarkers, drawFolded, drawUnrolled } from './draw.ts';
import { layoutUnrolled, nodeId, ROWS, type GraphLayout, type NodeKind } from './layout.ts';
import { nodeTex, unrolledText, weightTex } from './strings.ts';
import './style.css';

type Focus = { kind: NodeKind; t: number } | { weight: 'W' | 'U' | 'V' };

export const mount: MountWidget = (host, ctx) => {
  const L = new Labeller(unrolledText, ctx.lang);
  const state = ctx.store.defineFields('unrolled', UNROLLED_FIELDS);
  const steps = () => state.get('T');
  const now = () => Math.min(state.get('t'), steps());

  const title = el('p', { class: 'gl-title' }, L.text('title'));
  const prev = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'unrolled-prev' }, L.text('prev'));
  const next = el('button', { type: 'button', class: 'gl-button', 'data-testid': 'unrolled-next' }, L.text('next'));
  const status = el('span', { class: 'ur-status', 'aria-live': 'polite', 'data-testid': 'unrolled-step' });
  const T = rangeControl({ min: 2, max: 8, step: 1, value: steps(), format: String, onInput: (v) => state.set({ T: v, t: Math.min(now(), v) }), testId: 'unrolled-steps' });
  const controls = el('div', { class: 'gl-row ur-controls' }, prev, next, status, el('div', { class: 'ur-steps' }, T.root));
  const foldedCaption = el('p', { class: 'ur-caption' }, L.text('folded'));
  const unrolledCaption = el('p', { class: 'ur-caption' }, L.text('unrolled'));
  const foldedBox = el('div', { class: 'ur-folded' }, foldedCaption);
  const unrolledBox = el('div', { class: 'ur-unrolled' }, unrolledCaption);
  const shared = el('p', { class: 'gl-note' });
  const eqText = el('p', { class: 'ur-eq-text' });
  const eqMath = el('div', { class: 'ur-eq-math' });
  const eqPanel = el('div', { class: 'ur-eq', 'data-testid': 'unrolled-equation' }, eqText, eqMath);
  const root = el('div', { class: 'ur', 'data-testid': 'unrolled' }, title, controls, el('div', { class: 'ur-graphs' }, foldedBox, unrolledBox), shared, eqPanel);
  host.append(root);

  const foldedSvg = select(foldedBox).append('svg').attr('class', 'ur-svg').attr('role', 'img');
  drawFolded(foldedSvg, addMarkers(foldedSvg));
  const { svg, resize } = responsiveSvg(unrolledBox, 'ur-svg');
  svg.attr('role', 'group');
  const markers = addMarkers(svg);
  const g = svg.append('g');
  let layout: GraphLayout = layoutUnrolled(steps(), 320);
  let width = 320;
  let focus: Focus = { kind: 'h', t: now() };

  function showEquation(f: Focus): void {
    focus = f;
    const tex = 'weight' in f ? weightTex(f.weight) : nodeTex(f.kind, f.t);
    const text = 'weight' in f ? L.t(f.weight) : L.t(f.kind, { t: f.t });
    eqText.textContent = text;
    eqMath.innerHTML = katex.renderToString(tex, { throwOnError: false, displayMode: true }); // our own TeX, no user text
    eqPanel.dataset.node = 'weight' in f ? f.weight : nodeId(f.kind, f.t);
    svg.selectAll<SVGGElement, unknown>('g.ur-edge').classed('is-shared', function () {
      return 'weight' in f && this.dataset.weight === f.weight;
    });
  }

  function highlight(): void {
    const t = now();
    svg.selectAll<SVGGElement, unknown>('g.ur-node').each(function () {
      const nt = Number(this.dataset.t);
      const kind = this.dataset.kind as NodeKind;
      select(this)
        .classed('is-active', kind !== 'h0' && nt === t)
        .classed('is-future', nt > t)
        .attr('aria-label', `${this.textContent}: ${L.t(kind, { t: nt })}`);
    });
    svg.selectAll<SVGGElement, unknown>('g.ur-edge').each(function () {
      const active = Number(this.dataset.t) === t;
      const line = select(this).classed('is-active', active).classed('is-future', Number(this.dataset.t) > t).select('line');
      line.attr('marker-end', line.attr(active ? 'data-marker-active' : 'data-marker-plain'));
    });
    status.textContent = L.t('stepNow', { t, T: steps() });
    root.dataset.t = String(t);
    prev.disabled = t <= 1;
    next.disabled = t >= steps();
    // Roving tab stop: the focused node (or h(t)) is the one tab stop into the graph.
    const target = 'weight' in focus ? nodeId('h', t) : focus.kind === 'h0' ? 'h0' : nodeId(focus.kind, Math.min(focus.t, steps()));
    svg.selectAll<SVGGElement, unknown>('g.ur-node').attr('tabindex', function () {
      return this.dataset.id === target ? 0 : -1;
    });
  }

  function render(): void {
    layout = layoutUnrolled(steps(), width);
    resize(width, layout.height);
    drawUnrolled(g, layout, markers);
    highlight();
  }

  function setStep(t: number): void {
    state.set({ t: Math.max(1, Math.min(steps(), t)) });
  }

  prev.addEventListener('click', () => setStep(now() - 1));
  next.addEventListener('click', () => setStep(now() + 1));

  const nodeOf = (ev: Event) => (ev.target as Element).closest<SVGGElement>('g.ur-node');
  const weightOf = (ev: Event) => (ev.target as Element).closest<SVGGElement>('g.ur-edge');
  const focusOfNode = (n: SVGGElement): Focus => ({ kind: n.dataset.kind as NodeKind, t: Number(n.dataset.t) });
  svg.on('pointerover', (ev: PointerEvent) => {
    const n = nodeOf(ev);
    if (n) return showEquation(focusOfNode(n));
    const e = weightOf(ev);
    if (e?.dataset.weight) showEquation({ weight: e.dataset.weight as 'W' | 'U' | 'V' });
  });
  svg.on('focusin', (ev: FocusEvent) => {
    const n = nodeOf(ev);
    if (n) showEquation(focusOfNode(n));
  });
  svg.on('click', (ev: MouseEvent) => {
    const n = nodeOf(ev);
    if (!n) return;
    const f = focusOfNode(n);
    showEquation(f);
    if ('t' in f && f.t >= 1) setStep(f.t);
  });
  svg.on('keydown', (ev: KeyboardEvent) => {
    const n = nodeOf(ev);
    if (!n) return;
    const f = focusOfNode(n) as { kind: NodeKind; t: number };
    let kind = f.kind === 'h0' ? 'h' : f.kind;
    let t = f.t;
    if (ev.key === 'ArrowRight') t = Math.min(steps(), t + 1);
    else if (ev.key === 'ArrowLeft') t = f.kind === 'h' && t === 1 ? 0 : Math.max(1, t - 1);
    else if (ev.key === 'ArrowUp') kind = ROWS[Math.max(0, ROWS.indexOf(kind as (typeof ROWS)[number]) - 1)];
    else if (ev.key === 'ArrowDown') kind = ROWS[Math.min(ROWS.length - 1, ROWS.indexOf(kind as (typeof ROWS)[number]) + 1)];
    else if (ev.key === 'Home') t = 1;
    else if (ev.key === 'End') t = steps();
    else return;
    ev.preventDefault();
    const nextKind: NodeKind = t === 0 ? 'h0' : kind;
    if (t >= 1) setStep(t);
    focus = { kind: nextKind, t };
    highlight();
    const target = svg.select<SVGGElement>(`g.ur-node[data-id="${nodeId(nextKind, t)}"]`).node();
    target?.focus();
    showEquation(focus);
  });

  const sharedText = () => (shared.textContent = `${L.t('shared', { t: now() })} ${L.t('hint')}`);

  L.bind((t) => {
    T.setLabel(t('steps'));
    foldedSvg.attr('aria-label', t('foldedAria'));
    svg.attr('aria-label', t('graphAria'));
    sharedText();
    highlight();
    showEquation(focus);
  });

  const unsubscribe = state.subscribe(() => {
    T.setValue(steps());
    // The focused node follows the current step (the kind of node stays).
    if (!('weight' in focus) && focus.kind !== 'h0') focus = { kind: focus.kind, t: now() };
    if (layout.nodes.length !== 1 + 4 * steps()) render();
    else highlight();
    sharedText();
    showEquation(focus);
  });
  const stopObserving = observeWidth(unrolledBox, (w) => {
    width = w;
    render();
  });

  return {
    setLang(nextLang) {
      L.setLang(nextLang);
    },
    applyPreset(params) {
      state.set(withDefaults(UNROLLED_FIELDS, pickParams(params, Object.keys(UNROLLED_FIELDS))));
    },
    unmount() {
      unsubscribe();
      stopObserving();
      root.remove();
    },
  };
};
