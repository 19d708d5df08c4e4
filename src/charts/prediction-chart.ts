// The trainer's forecast chart: the real series in price units, the model's
// one-step forecasts on the training and test windows (test region shaded),
// persistence (tomorrow = today) dashed, a brush strip below to zoom the time
// axis, and a hover read-out. Long series are thinned per pixel column
// (first/min/max/last), so a 200k-row file draws as fast as a short one.
//
//   const chart = createPredictionChart(host, labels, { 'data-testid': 'chart-predictions' });
//   chart.setSeries({ x, isTime, actual, trainRows, testRows, persistence });
//   chart.setForecasts(train, test);
import { brushX, line, scaleLinear, scaleUtc, select, type ScaleLinear, type ScaleTime } from 'd3';
import { observeWidth, responsiveSvg, formatNumber } from './scales.ts';
import { drawAxisTitle, drawBottomAxis, drawLeftAxis, drawGridY } from './axes.ts';
import { thin } from './thin.ts';
import { chartFigure, legendItem } from './figure.ts';

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

export interface PredictionChart {
  element: HTMLElement;
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
  const gX = svg.append('g');
  const gY = svg.append('g');
  const gYTitle = svg.append('g');
  const cursor = svg.append('line').style('stroke', 'var(--muted)').style('stroke-dasharray', '2 3').style('display', 'none');
  const overlay = svg.append('rect').style('fill', 'transparent').style('cursor', 'crosshair');
  const gContext = svg.append('g');
  const contextShade = gContext.append('rect').style('fill', 'var(--accent-2)').style('opacity', 0.09);
  const contextLine = gContext.append('path').style('fill', 'none').style('stroke', 'var(--muted)').style('stroke-width', 1);
  const gContextX = gContext.append('g');
  const gBrush = gContext.append('g').attr('class', 'brush');
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
  let x: ScaleLinear<number, number> | ScaleTime<number, number> = scaleLinear();
  let y = scaleLinear();
  let xFull: ScaleLinear<number, number> | ScaleTime<number, number> = scaleLinear();
  let brushing = false;
  let allRows = new Int32Array(0);
  let contextDirty = true;

  const fmtX = (v: number) => {
    if (!series?.isTime) return String(Math.round(v) + 1);
    const iso = new Date(v).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 16).replace('T', ' ');
  };
  const makeX = (domain: [number, number], range: [number, number]) =>
    series?.isTime ? scaleUtc().domain(domain).range(range) : scaleLinear().domain(domain).range(range);
  const extent = (): [number, number] => {
    const xs = series!.x;
    return xs.length > 1 ? [xs[0], xs[xs.length - 1]] : [0, 1];
  };

  const brush = brushX<unknown>().on('end', (ev: { selection: [number, number] | null; sourceEvent?: Event }) => {
    if (!ev.sourceEvent || brushing) return;
    view = ev.selection ? [xFull.invert(ev.selection[0]).valueOf(), xFull.invert(ev.selection[1]).valueOf()] : null;
    render();
  });

  function renderLegend(): void {
    const items: [string, string, string | null][] = [
      [labels.actual, 'var(--fg)', null],
      [labels.train, 'var(--accent)', null],
      [labels.test, 'var(--accent-2)', null],
      [labels.persistence, 'var(--muted)', '5 4'],
    ];
    legend.replaceChildren(
      ...items.map(([text, color, dash]) => legendItem({ text, color, dash })),
    );
  }

  function render(): void {
    const iw = Math.max(20, width - M.left - M.right);
    const contextTop = M.top + FOCUS_H + M.bottom + GAP;
    const height = contextTop + CONTEXT_H + 22;
    resize(width, height);
    clip.attr('x', M.left).attr('y', M.top).attr('width', iw).attr('height', FOCUS_H);
    if (!series || series.x.length === 0) {
      figure.dataset.points = '0';
      return;
    }
    const s = series;
    const full = extent();
    const dom = view ?? full;
    x = makeX(dom, [M.left, M.left + iw]);
    xFull = makeX(full, [M.left, M.left + iw]);
    // Both scales are linear in x (UTC time is milliseconds); a direct formula beats d3's per-call overhead on 400k points.
    const k = iw / (dom[1] - dom[0] || 1);
    const px = (v: number) => M.left + (v - dom[0]) * k;

    // Forecasts first, the actual series last and thin, so it stays visible where they agree.
    const pieces: { key: string; rows: ArrayLike<number>; ys: ArrayLike<number>; color: string; dash: string | null; w: number }[] = [];
    if (trainPred) pieces.push({ key: 'train', rows: s.trainRows, ys: trainPred, color: 'var(--accent)', dash: null, w: 2 });
    if (testPred) pieces.push({ key: 'test', rows: s.testRows, ys: testPred, color: 'var(--accent-2)', dash: null, w: 2 });
    pieces.push({ key: 'persistence', rows: s.testRows, ys: s.persistence, color: 'var(--muted)', dash: '5 4', w: 1.2 });
    pieces.push({ key: 'actual', rows: allRows, ys: s.actual, color: 'var(--fg)', dash: null, w: 1 });
    const picked = pieces.map((p) => thin(p.rows, s.x, p.ys, dom[0], dom[1], px));
    // The y range follows the real series (and persistence); forecasts widen it only while they stay
    // within one span of it, so a model that has gone wild is clipped at the edges instead of
    // squashing the data into a line.
    const range = (keys: (k: string) => boolean, within: [number, number] | null): [number, number] => {
      let lo = Infinity;
      let hi = -Infinity;
      picked.forEach((idx, k) => {
        if (!keys(pieces[k].key)) return;
        for (const i of idx) {
          const xv = s.x[pieces[k].rows[i]];
          const v = pieces[k].ys[i];
          if (xv < dom[0] || xv > dom[1] || !Number.isFinite(v)) continue;
          if (within && (v < within[0] || v > within[1])) continue;
          if (v < lo) lo = v;
          if (v > hi) hi = v;
        }
      });
      return [lo, hi];
    };
    let [lo, hi] = range((k) => k === 'actual' || k === 'persistence', null);
    if (lo <= hi) {
      const span = hi - lo || Math.abs(hi) || 1;
      const [flo, fhi] = range((k) => k === 'train' || k === 'test', [lo - span, hi + span]);
      if (flo < lo) lo = flo;
      if (fhi > hi) hi = fhi;
    } else [lo, hi] = [0, 1];
    const pad = (hi - lo) * 0.05 || Math.abs(hi) * 0.05 || 1;
    y = scaleLinear().domain([lo - pad, hi + pad]).nice().range([M.top + FOCUS_H, M.top]);

    let points = 0;
    gLines
      .selectAll<SVGPathElement, number>('path')
      .data(pieces.map((_, i) => i))
      .join('path')
      .attr('data-key', (k) => pieces[k].key)
      .style('fill', 'none')
      .style('stroke', (k) => pieces[k].color)
      .style('stroke-width', (k) => pieces[k].w)
      .style('stroke-dasharray', (k) => pieces[k].dash)
      .style('stroke-linejoin', 'round')
      .attr('d', (k) => {
        const p = pieces[k];
        const idx = picked[k];
        for (const i of idx) if (Number.isFinite(p.ys[i])) points++;
        return (
          line<number>()
            .defined((i) => Number.isFinite(p.ys[i]))
            .x((i) => px(s.x[p.rows[i]]))
            .y((i) => y(p.ys[i]))(idx) ?? ''
        );
      });
    figure.dataset.points = String(points);

    // Test region.
    const testStart = s.testRows.length ? s.x[s.testRows[0]] : NaN;
    if (Number.isFinite(testStart)) {
      const x0 = Math.max(M.left, px(testStart));
      shade.style('display', null).attr('x', x0).attr('y', M.top).attr('width', Math.max(0, M.left + iw - x0)).attr('height', FOCUS_H);
      shadeLabel.style('display', x0 < M.left + iw - 40 ? 'inline' : 'none').attr('x', x0 + 4).attr('y', M.top + 12).text(labels.testRegion);
    } else {
      shade.style('display', 'none');
      shadeLabel.style('display', 'none');
    }

    drawGridY(gGrid, y.ticks(5).map((t) => y(t)), M.left, M.left + iw);
    drawBottomAxis(gX, x as ScaleLinear<number, number>, M.top + FOCUS_H, {
      ticks: Math.max(2, Math.floor(iw / 90)),
      format: s.isTime ? undefined : (d: unknown) => formatNumber(Number(d) + 1),
    });
    drawLeftAxis(gY, y, M.left, { ticks: 5, format: (d: unknown) => formatNumber(Number(d)) });
    drawAxisTitle(gYTitle, labels.yLabel, 12, M.top + FOCUS_H / 2, true);
    overlay.attr('x', M.left).attr('y', M.top).attr('width', iw).attr('height', FOCUS_H);
    cursor.attr('y1', M.top).attr('y2', M.top + FOCUS_H);

    // Context strip with the brush: the whole actual series, redrawn only when the series or the width changes.
    if (contextDirty) {
      contextDirty = false;
      let clo = Infinity;
      let chi = -Infinity;
      for (const v of s.actual) {
        if (v < clo) clo = v;
        if (v > chi) chi = v;
      }
      const yc = scaleLinear().domain(clo <= chi ? [clo, chi] : [0, 1]).range([contextTop + CONTEXT_H, contextTop]);
      const kf = iw / (full[1] - full[0] || 1);
      const cIdx = thin(allRows, s.x, s.actual, full[0], full[1], (v) => M.left + (v - full[0]) * kf);
      contextLine.attr('d', line<number>().defined((i) => Number.isFinite(s.actual[i])).x((i) => xFull(s.x[i]) as number).y((i) => yc(s.actual[i]))(cIdx) ?? '');
      if (Number.isFinite(testStart)) {
        const x0 = xFull(testStart) as number;
        contextShade.style('display', null).attr('x', x0).attr('y', contextTop).attr('width', Math.max(0, M.left + iw - x0)).attr('height', CONTEXT_H);
      } else contextShade.style('display', 'none');
      drawBottomAxis(gContextX, xFull as ScaleLinear<number, number>, contextTop + CONTEXT_H, {
        ticks: Math.max(2, Math.floor(iw / 90)),
        format: s.isTime ? undefined : (d: unknown) => formatNumber(Number(d) + 1),
      });
      brush.extent([
        [M.left, contextTop],
        [M.left + iw, contextTop + CONTEXT_H],
      ]);
      gBrush.call(brush);
    }
    brushing = true;
    gBrush.call(brush.move, view ? [xFull(view[0]) as number, xFull(view[1]) as number] : null);
    brushing = false;
    hint.textContent = labels.zoomHint;
  }

  function nearestRow(v: number): number {
    const xs = series!.x;
    let lo = 0;
    let hi = xs.length - 1;
    while (hi - lo > 1) {
      const mid = (lo + hi) >> 1;
      if (xs[mid] < v) lo = mid;
      else hi = mid;
    }
    return Math.abs(xs[lo] - v) <= Math.abs(xs[hi] - v) ? lo : hi;
  }

  function forecastAt(rows: Int32Array, values: Float64Array | null, row: number): number {
    if (!values) return NaN;
    let lo = 0;
    let hi = rows.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      if (rows[mid] === row) return values[mid];
      if (rows[mid] < row) lo = mid + 1;
      else hi = mid - 1;
    }
    return NaN;
  }

  overlay
    .on('pointermove', (ev: PointerEvent) => {
      if (!series || series.x.length === 0) return;
      const r = (svg.node() as SVGSVGElement).getBoundingClientRect();
      const pxv = ((ev.clientX - r.left) / r.width) * width;
      const row = nearestRow(x.invert(pxv).valueOf());
      const s = series;
      const model = Number.isFinite(forecastAt(s.testRows, testPred, row)) ? forecastAt(s.testRows, testPred, row) : forecastAt(s.trainRows, trainPred, row);
      const pers = forecastAt(s.testRows, s.persistence, row);
      cursor.style('display', null).attr('x1', x(s.x[row])).attr('x2', x(s.x[row]));
      readout.textContent = labels.readout({
        x: fmtX(s.x[row]),
        actual: formatNumber(s.actual[row], 6),
        model: Number.isFinite(model) ? formatNumber(model, 6) : '–',
        persistence: Number.isFinite(pers) ? formatNumber(pers, 6) : '–',
      });
    })
    .on('pointerleave', () => {
      cursor.style('display', 'none');
    });
  overlay.on('dblclick', () => {
    view = null;
    render();
  });

  const stop = observeWidth(figure, (w) => {
    width = w;
    contextDirty = true;
    render();
  });
  renderLegend();
  figure.setAttribute('aria-label', labels.ariaLabel);

  return {
    element: figure,
    setSeries(next) {
      series = next;
      allRows = new Int32Array(next.x.length);
      for (let i = 0; i < allRows.length; i++) allRows[i] = i;
      contextDirty = true;
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
