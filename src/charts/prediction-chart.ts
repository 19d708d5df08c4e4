// The trainer's forecast chart: the real series in price units, the model's
// one-step forecasts on the training and test windows (test region shaded),
// persistence (tomorrow = today) dashed, a brush strip below to zoom the time
// axis, and a hover read-out. Long series are thinned per pixel column
// (first/min/max/last), so a 200k-row file draws as fast as a short one.
//
//   const chart = createPredictionChart(host, labels, { 'data-testid': 'chart-predictions' });
//   chart.setSeries({ x, isTime, actual, trainRows, testRows, persistence });
//   chart.setForecasts(train, test);
//   chart.setFuture(steps, labels);    // the steps past the last row (future-layer.ts), or null
import { line, scaleLinear, scaleUtc, select, type ScaleLinear, type Selection } from 'd3';
import { drawAxisTitle, drawBottomAxis, drawGridY, drawLeftAxis } from './axes.ts';
import { createBrushStrip, type TimeScale } from './brush-strip.ts';
import { chartFigure, legendItem } from './figure.ts';
import { nearestRow, predictionLines, predictionYDomain, valueAtRow, type Line } from './prediction-lines.ts';
import { formatNumber, observeWidth, responsiveSvg } from './scales.ts';
import { createFutureLayer, FUTURE_STYLE } from './future-layer.ts';
import { fullDomain, futureYDomain, nearestFuture, type FutureSeries } from './future-lines.ts';
import { thin } from './thin.ts';

export interface PredictionSeries {
  /** Time of each row: ms since 1970 (UTC) when `isTime`, else the row number. */
  x: Float64Array;
  isTime: boolean;
  actual: Float64Array;
  trainRows: Int32Array;
  testRows: Int32Array;
  /** Persistence forecast of each test window. */
  persistence: Float64Array;
}

export interface PredictionLabels {
  actual: string;
  train: string;
  test: string;
  persistence: string;
  testRegion: string;
  yLabel: string;
  ariaLabel: string;
  /** Read-out line: receives the time text and the values (already formatted). */
  readout: (v: { x: string; actual: string; model: string; persistence: string }) => string;
  zoomHint: string;
}

/** The future layer's words: the zone's mark, the two legend entries, the read-out over a future step. */
export interface FutureLabels {
  mark: string;
  model: string;
  persistence: string;
  readout: (v: { x: string; model: string; low: string; high: string; persistence: string; plow: string; phigh: string }) => string;
}

export interface PredictionChart {
  element: HTMLElement;
  /** The steps past the last row, drawn after the data (null: none). */
  setFuture(f: FutureSeries | null, labels: FutureLabels | null): void;
  setSeries(s: PredictionSeries): void;
  setForecasts(train: Float64Array | null, test: Float64Array | null): void;
  /** Zoom the time axis to [x0, x1] (null: everything). */
  zoom(domain: [number, number] | null): void;
  setLabels(l: PredictionLabels): void;
  destroy(): void;
}

const M = { top: 10, right: 12, bottom: 34, left: 56 };
const FOCUS_H = 260;
const CONTEXT_H = 44;
const GAP = 26;

type G = Selection<SVGGElement, unknown, null, undefined>;

/** The lines as SVG paths (each thinned to `picked`); returns how many points were drawn. */
function drawLines(g: G, lines: Line[], picked: number[][], xs: Float64Array, px: (v: number) => number, y: (v: number) => number): number {
  let points = 0;
  g.selectAll<SVGPathElement, number>('path')
    .data(lines.map((_, i) => i))
    .join('path')
    .attr('data-key', (k) => lines[k].key)
    .style('fill', 'none')
    .style('stroke', (k) => lines[k].color)
    .style('stroke-width', (k) => lines[k].width)
    .style('stroke-dasharray', (k) => lines[k].dash)
    .style('stroke-linejoin', 'round')
    .attr('d', (k) => {
      const l = lines[k];
      for (const i of picked[k]) if (Number.isFinite(l.ys[i])) points++;
      return (
        line<number>()
          .defined((i) => Number.isFinite(l.ys[i]))
          .x((i) => px(xs[l.rows[i]]))
          .y((i) => y(l.ys[i]))(picked[k]) ?? ''
      );
    });
  return points;
}

/** Time (or row number, 1-based) as the read-out shows it. */
function formatX(v: number, isTime: boolean): string {
  if (!isTime) return String(Math.round(v) + 1);
  const iso = new Date(v).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
}

export function createPredictionChart(host: HTMLElement, initial: PredictionLabels, attrs: Record<string, string> = {}): PredictionChart {
  let labels = initial;
  const figure = chartFigure(host, 'trainer-prediction-chart', { role: 'group', ...attrs });
  figure.dataset.points = '0';
  const legend = document.createElement('div');
  legend.className = 'chart-legend trainer-legend';
  figure.append(legend);
  const { svg, resize } = responsiveSvg(figure, 'chart-svg');
  const clipId = `pclip-${Math.random().toString(36).slice(2, 10)}`;
  const clip = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const gGrid = svg.append('g');
  const shade = svg.append('rect').attr('clip-path', `url(#${clipId})`).style('fill', 'var(--accent-2)').style('opacity', 0.09);
  const shadeLabel = svg.append('text').style('font-size', '11px').style('fill', 'var(--muted)');
  const gLines = svg.append('g').attr('clip-path', `url(#${clipId})`);
  const futureLayer = createFutureLayer(svg.append('g').attr('clip-path', `url(#${clipId})`));
  const gX = svg.append('g');
  const gY = svg.append('g');
  const gYTitle = svg.append('g');
  const cursor = svg.append('line').style('stroke', 'var(--muted)').style('stroke-dasharray', '2 3').style('display', 'none');
  const overlay = svg.append('rect').style('fill', 'transparent').style('cursor', 'crosshair');
  const strip = createBrushStrip(svg.append('g'), (range) => {
    view = range;
    render();
  });
  const hint = document.createElement('div');
  hint.className = 'trainer-chart-hint';
  const readout = document.createElement('div');
  readout.className = 'trainer-readout';
  readout.setAttribute('aria-live', 'off');
  figure.append(readout, hint);

  let width = 320;
  let series: PredictionSeries | null = null;
  let trainPred: Float64Array | null = null;
  let testPred: Float64Array | null = null;
  let view: [number, number] | null = null;
  let future: FutureSeries | null = null;
  let futureLabels: FutureLabels | null = null;
  let x: TimeScale = scaleLinear();
  let allRows = new Int32Array(0);
  let stripDirty = true;

  const makeX = (domain: [number, number], range: [number, number]): TimeScale =>
    series?.isTime ? scaleUtc().domain(domain).range(range) : scaleLinear().domain(domain).range(range);

  function renderLegend(): void {
    const items: [string, string, string | null][] = [
      [labels.actual, 'var(--fg)', null],
      [labels.train, 'var(--accent)', null],
      [labels.test, 'var(--accent-2)', null],
      [labels.persistence, 'var(--muted)', '5 4'],
    ];
    if (future && futureLabels) {
      items.push([futureLabels.model, FUTURE_STYLE.model.color, FUTURE_STYLE.model.dash], [futureLabels.persistence, FUTURE_STYLE.persistence.color, FUTURE_STYLE.persistence.dash]);
    }
    legend.replaceChildren(...items.map(([text, color, dash]) => legendItem({ text, color, dash })));
  }

  function renderTestRegion(px: (v: number) => number, right: number, testStart: number): void {
    if (!Number.isFinite(testStart)) {
      shade.style('display', 'none');
      shadeLabel.style('display', 'none');
      return;
    }
    const x0 = Math.max(M.left, px(testStart));
    shade.style('display', null).attr('x', x0).attr('y', M.top).attr('width', Math.max(0, right - x0)).attr('height', FOCUS_H);
    shadeLabel.style('display', x0 < right - 40 ? 'inline' : 'none').attr('x', x0 + 4).attr('y', M.top + 12).text(labels.testRegion);
  }

  function render(): void {
    const iw = Math.max(20, width - M.left - M.right);
    const stripTop = M.top + FOCUS_H + M.bottom + GAP;
    resize(width, stripTop + CONTEXT_H + 22);
    clip.attr('x', M.left).attr('y', M.top).attr('width', iw).attr('height', FOCUS_H);
    if (!series || series.x.length === 0) {
      figure.dataset.points = '0';
      return;
    }
    const s = series;
    const lastX = s.x[s.x.length - 1];
    const full = fullDomain(s.x.length > 1 ? [s.x[0], lastX] : [0, 1], future);
    const dom = view ?? full;
    x = makeX(dom, [M.left, M.left + iw]);
    const xFull = makeX(full, [M.left, M.left + iw]);
    // Both scales are linear in x (UTC time is milliseconds); a direct formula beats d3's per-call overhead on 400k points.
    const k = iw / (dom[1] - dom[0] || 1);
    const px = (v: number) => M.left + (v - dom[0]) * k;
    const lines = predictionLines(s, allRows, trainPred, testPred);
    const picked = lines.map((l) => thin(l.rows, s.x, l.ys, dom[0], dom[1], px));
    const y = scaleLinear().domain(futureYDomain(predictionYDomain(lines, picked, s.x, dom), future, dom)).nice().range([M.top + FOCUS_H, M.top]);
    figure.dataset.points = String(drawLines(gLines, lines, picked, s.x, px, y));
    const testStart = s.testRows.length ? s.x[s.testRows[0]] : NaN;
    renderTestRegion(px, future ? Math.min(M.left + iw, px(lastX)) : M.left + iw, testStart);
    futureLayer.draw(future, px, y, { top: M.top, height: FOCUS_H, right: M.left + iw }, futureLabels?.mark ?? '');
    drawGridY(gGrid, y.ticks(5).map((t) => y(t)), M.left, M.left + iw);
    drawBottomAxis(gX, x as ScaleLinear<number, number>, M.top + FOCUS_H, {
      ticks: Math.max(2, Math.floor(iw / 90)),
      format: s.isTime ? undefined : (d: unknown) => formatNumber(Number(d) + 1),
    });
    drawLeftAxis(gY, y, M.left, { ticks: 5, format: (d: unknown) => formatNumber(Number(d)) });
    drawAxisTitle(gYTitle, labels.yLabel, 12, M.top + FOCUS_H / 2, true);
    overlay.attr('x', M.left).attr('y', M.top).attr('width', iw).attr('height', FOCUS_H);
    cursor.attr('y1', M.top).attr('y2', M.top + FOCUS_H);
    if (stripDirty) {
      stripDirty = false;
      strip.draw(s, allRows, xFull, { top: stripTop, height: CONTEXT_H, left: M.left, right: M.left + iw }, testStart);
    }
    strip.show(view, xFull);
    hint.textContent = labels.zoomHint;
  }

  overlay
    .on('pointermove', (ev: PointerEvent) => {
      if (!series || series.x.length === 0) return;
      const r = (svg.node() as SVGSVGElement).getBoundingClientRect();
      const s = series;
      const at = x.invert(((ev.clientX - r.left) / r.width) * width).valueOf();
      if (showFuture(at)) return;
      const row = nearestRow(s.x, at);
      const test = valueAtRow(s.testRows, testPred, row);
      const model = Number.isFinite(test) ? test : valueAtRow(s.trainRows, trainPred, row);
      const pers = valueAtRow(s.testRows, s.persistence, row);
      cursor.style('display', null).attr('x1', x(s.x[row])).attr('x2', x(s.x[row]));
      readout.textContent = labels.readout({
        x: formatX(s.x[row], s.isTime),
        actual: formatNumber(s.actual[row], 6),
        model: Number.isFinite(model) ? formatNumber(model, 6) : '–',
        persistence: Number.isFinite(pers) ? formatNumber(pers, 6) : '–',
      });
    })
    .on('pointerleave', () => {
      cursor.style('display', 'none');
    });
  /** The read-out over a step past the data; false when the pointer is not over one. */
  function showFuture(at: number): boolean {
    const i = future && futureLabels ? nearestFuture(future, at) : -1;
    if (i < 0 || !future || !futureLabels || !series) return false;
    const p = future.points[i];
    const f = (v: number) => (Number.isFinite(v) ? formatNumber(v, 6) : '–');
    cursor.style('display', null).attr('x1', x(p.x)).attr('x2', x(p.x));
    readout.textContent = futureLabels.readout({
      x: formatX(p.x, series.isTime),
      model: f(p.model),
      low: f(p.low),
      high: f(p.high),
      persistence: f(p.persistence),
      plow: f(p.persistenceLow),
      phigh: f(p.persistenceHigh),
    });
    return true;
  }

  overlay.on('dblclick', () => {
    view = null;
    render();
  });

  const stop = observeWidth(figure, (w) => {
    width = w;
    stripDirty = true;
    render();
  });
  renderLegend();
  figure.setAttribute('aria-label', labels.ariaLabel);

  return {
    element: figure,
    setFuture(f, l) {
      if (f === future && l === futureLabels) return;
      future = f && f.points.length ? f : null;
      futureLabels = l;
      stripDirty = true;
      renderLegend();
      render();
    },
    setSeries(next) {
      series = next;
      allRows = new Int32Array(next.x.length);
      for (let i = 0; i < allRows.length; i++) allRows[i] = i;
      stripDirty = true;
      trainPred = null;
      testPred = null;
      view = null;
      readout.textContent = '';
      render();
    },
    setForecasts(train, test) {
      if (train === trainPred && test === testPred) return;
      trainPred = train;
      testPred = test;
      render();
    },
    zoom(domain) {
      view = domain;
      render();
    },
    setLabels(next) {
      labels = next;
      renderLegend();
      figure.setAttribute('aria-label', labels.ariaLabel);
      render();
    },
    destroy() {
      stop();
      select(figure).remove();
    },
  };
}
