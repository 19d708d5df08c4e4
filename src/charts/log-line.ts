// A line chart with a log10 y axis. Values may be given as positive numbers
// (`y`) or directly as their log10 (`log10y`), which lets a series run far
// past the range of doubles (10⁻⁴⁰⁰ is fine). Non-finite points are gaps.
//
//   const chart = createLogLineChart(host, { xLabel: 'epoch', yLabel: 'loss' });
//   chart.update([{ key: 'train', label: 'train', x, y }]);
//   chart.setLabels({ xLabel: '轮次' });
//   chart.destroy();
import { line, scaleLinear, select } from 'd3';
import { drawAxisTitle, drawBottomAxis, drawGridY, drawLeftAxis } from './axes.ts';
import { decadeDomain, decadeTicks, formatFromLog10, formatNumber, observeWidth, pow10Label, responsiveSvg, type Margin } from './scales.ts';
import { chartFigure, legendItem } from './figure.ts';

export interface LogLineSeries {
  key: string;
  label: string;
  x: ArrayLike<number>;
  /** Positive values, plotted on a log scale (≤ 0 and non-finite are gaps). */
  y?: ArrayLike<number>;
  /** Or the log10 of the values (−Infinity and NaN are gaps). */
  log10y?: ArrayLike<number>;
  /** CSS colour, e.g. 'var(--accent)'. */
  color?: string;
  /** SVG dash array, e.g. '6 4'. */
  dash?: string;
  width?: number;
  /** Leave this series out when fitting the y domain (a reference line, say). */
  fit?: boolean;
}

export interface LogLineLabels {
  xLabel?: string;
  yLabel?: string;
  /** Accessible name of the figure. */
  ariaLabel?: string;
}

export interface LogLineOptions extends LogLineLabels {
  /** Plot height in px (default 240). */
  height?: number;
  /** Fixed x domain; from the data when absent. */
  xDomain?: [number, number];
  /** Fixed y domain in decades, e.g. [-12, 2]; from the data when absent. */
  yDomainLog10?: [number, number];
  /** Smallest y span in decades when fitting (default 2). */
  minDecades?: number;
  /** Tick labels on the x axis. */
  xFormat?: (x: number) => string;
  /** Extra attributes on the root element (e.g. { 'data-testid': 'chart-loss' }). */
  attrs?: Record<string, string>;
}

export interface LogLineChart {
  /** The root `<figure>`; carries `data-points` = finite points drawn. */
  element: HTMLElement;
  update(series: LogLineSeries[]): void;
  setLabels(labels: LogLineLabels): void;
  destroy(): void;
}

const MARGIN: Margin = { top: 10, right: 14, bottom: 40, left: 60 };

/** log10 of each point of a series (gaps as NaN). */
export function seriesLog10(s: LogLineSeries): Float64Array {
  const n = s.x.length;
  const out = new Float64Array(n);
  for (let i = 0; i < n; i++) {
    if (s.log10y) out[i] = s.log10y[i];
    else {
      const v = s.y ? s.y[i] : NaN;
      out[i] = v > 0 ? Math.log10(v) : NaN;
    }
    if (!Number.isFinite(out[i])) out[i] = NaN;
  }
  return out;
}

export function createLogLineChart(host: HTMLElement, opts: LogLineOptions = {}): LogLineChart {
  const labels: LogLineLabels = { xLabel: opts.xLabel ?? '', yLabel: opts.yLabel ?? '', ariaLabel: opts.ariaLabel ?? '' };
  const height = opts.height ?? 240;
  const figure = chartFigure(host, 'chart-log-line', { role: 'img', ...opts.attrs });
  figure.dataset.points = '0';

  const { svg, resize } = responsiveSvg(figure, 'chart-svg');
  const clipId = `clip-${Math.random().toString(36).slice(2, 10)}`;
  const clipRect = svg.append('defs').append('clipPath').attr('id', clipId).append('rect');
  const gGrid = svg.append('g').attr('class', 'grid');
  const gX = svg.append('g').attr('class', 'x-axis');
  const gY = svg.append('g').attr('class', 'y-axis');
  const gXTitle = svg.append('g');
  const gYTitle = svg.append('g');
  const gLines = svg.append('g').attr('clip-path', `url(#${clipId})`);
  const cursor = svg.append('line').style('stroke', 'var(--muted)').style('stroke-dasharray', '2 3').style('display', 'none');
  const overlay = svg.append('rect').style('fill', 'transparent').style('cursor', 'crosshair');

  const legend = document.createElement('div');
  legend.className = 'chart-legend';
  Object.assign(legend.style, { display: 'flex', flexWrap: 'wrap', gap: '0.2rem 1rem', fontSize: '0.82rem', color: 'var(--muted)' });
  const hover = document.createElement('div');
  Object.assign(hover.style, { minHeight: '1.3em', fontSize: '0.82rem', color: 'var(--muted)', fontVariantNumeric: 'tabular-nums' });
  figure.append(legend, hover);

  let width = 320;
  let current: LogLineSeries[] = [];
  let logs: Float64Array[] = [];
  let x = scaleLinear();
  let y = scaleLinear();

  function render(): void {
    resize(width, height);
    const iw = Math.max(10, width - MARGIN.left - MARGIN.right);
    const ih = height - MARGIN.top - MARGIN.bottom;
    let xLo = Infinity;
    let xHi = -Infinity;
    for (const s of current) for (let i = 0; i < s.x.length; i++) {
      if (s.x[i] < xLo) xLo = s.x[i];
      if (s.x[i] > xHi) xHi = s.x[i];
    }
    const xd = opts.xDomain ?? (xLo <= xHi ? [xLo, xHi === xLo ? xLo + 1 : xHi] : [0, 1]);
    const fitted = logs.filter((_, i) => current[i].fit !== false);
    const yd = opts.yDomainLog10 ?? decadeDomain((function* () { for (const l of fitted) yield* l; })(), opts.minDecades ?? 2);
    x = scaleLinear().domain(xd).range([MARGIN.left, MARGIN.left + iw]);
    y = scaleLinear().domain(yd).range([MARGIN.top + ih, MARGIN.top]);
    const yTicks = decadeTicks(yd[0], yd[1], ih < 160 ? 5 : 8);
    clipRect.attr('x', MARGIN.left).attr('y', MARGIN.top - 2).attr('width', iw).attr('height', ih + 4);
    drawGridY(gGrid, yTicks.map((t) => y(t)), MARGIN.left, MARGIN.left + iw);
    drawBottomAxis(gX, x, MARGIN.top + ih, { ticks: Math.max(2, Math.floor(iw / 70)), format: (d) => (opts.xFormat ?? formatNumber)(Number(d)) });
    drawLeftAxis(gY, y, MARGIN.left, { ticks: yTicks, format: (d) => pow10Label(Number(d)) });
    drawAxisTitle(gXTitle, labels.xLabel ?? '', MARGIN.left + iw / 2, height - 6);
    drawAxisTitle(gYTitle, labels.yLabel ?? '', 11, MARGIN.top + ih / 2, true);
    overlay.attr('x', MARGIN.left).attr('y', MARGIN.top).attr('width', iw).attr('height', ih);
    cursor.attr('y1', MARGIN.top).attr('y2', MARGIN.top + ih);

    let points = 0;
    const gen = line<number>().defined((i) => Number.isFinite(i));
    gLines
      .selectAll<SVGPathElement, number>('path')
      .data(current.map((_, i) => i))
      .join('path')
      .style('fill', 'none')
      .style('stroke', (i) => current[i].color ?? 'var(--accent)')
      .style('stroke-width', (i) => current[i].width ?? 2)
      .style('stroke-dasharray', (i) => current[i].dash ?? null)
      .style('stroke-linejoin', 'round')
      .attr('data-key', (i) => current[i].key)
      .attr('d', (si) => {
        const s = current[si];
        const l = logs[si];
        const idx: number[] = [];
        for (let i = 0; i < s.x.length; i++) {
          if (Number.isFinite(l[i]) && Number.isFinite(s.x[i])) points++;
          idx.push(Number.isFinite(l[i]) && Number.isFinite(s.x[i]) ? i : NaN);
        }
        return gen.x((i) => x(s.x[i])).y((i) => y(Math.max(yd[0] - 1, Math.min(yd[1] + 1, l[i]))))(idx) ?? '';
      });
    figure.dataset.points = String(points);
    figure.dataset.yMinLog10 = String(yd[0]);
    figure.dataset.yMaxLog10 = String(yd[1]);
  }

  function renderLegend(): void {
    legend.replaceChildren();
    for (const s of current) legend.append(legendItem({ text: s.label, color: s.color ?? 'var(--accent)', dash: s.dash, width: s.width }));
  }

  function showHover(px: number): void {
    if (!current.length) return;
    const xv = x.invert(px);
    const parts: string[] = [];
    let shownX = NaN;
    for (let si = 0; si < current.length; si++) {
      const s = current[si];
      let best = -1;
      let bestD = Infinity;
      for (let i = 0; i < s.x.length; i++) {
        const d = Math.abs(s.x[i] - xv);
        if (d < bestD) {
          bestD = d;
          best = i;
        }
      }
      if (best < 0) continue;
      if (Number.isNaN(shownX)) shownX = s.x[best];
      parts.push(`${s.label}: ${formatFromLog10(logs[si][best], 3)}`);
    }
    cursor.style('display', null).attr('x1', x(shownX)).attr('x2', x(shownX));
    hover.textContent = `${labels.xLabel ? `${labels.xLabel} ` : ''}${opts.xFormat ? opts.xFormat(shownX) : formatNumber(shownX)} · ${parts.join(' · ')}`;
  }

  overlay
    .on('pointermove', (ev: PointerEvent) => {
      const r = (svg.node() as SVGSVGElement).getBoundingClientRect();
      showHover(((ev.clientX - r.left) / r.width) * width);
    })
    .on('pointerleave', () => {
      cursor.style('display', 'none');
      hover.textContent = '';
    });

  function applyAria(): void {
    figure.setAttribute('aria-label', labels.ariaLabel || [labels.yLabel, labels.xLabel].filter(Boolean).join(' / '));
  }

  const stop = observeWidth(figure, (w) => {
    width = w;
    render();
  });
  applyAria();

  return {
    element: figure,
    update(series) {
      const sameLegend = series.length === current.length && series.every((s, i) => s.label === current[i].label && s.color === current[i].color && s.dash === current[i].dash);
      current = series;
      logs = series.map(seriesLog10);
      render();
      if (!sameLegend) renderLegend();
    },
    setLabels(next) {
      Object.assign(labels, next);
      applyAria();
      render();
    },
    destroy() {
      stop();
      select(figure).remove();
    },
  };
}
