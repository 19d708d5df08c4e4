// A line chart with linear axes and a marker at every point: the
// memory-span experiment's test RMSE / persistence RMSE against the lag,
// one series per cell, growing as runs finish, with reference lines (the
// "learnt nothing" level) drawn dashed and without markers.
//
//   const chart = createSpanChart(host, { xLabel: 'lag D', yLabel: 'RMSE / persistence' });
//   chart.update({ series, xDomain: [0, 80], yDomain: [0, 1] });
//   chart.destroy();
import { line, scaleLinear, select } from 'd3';
import { drawAxisTitle, drawBottomAxis, drawGridY, drawLeftAxis } from './axes.ts';
import { chartFigure, legendItem } from './figure.ts';
import { formatNumber, observeWidth, responsiveSvg, type Margin } from './scales.ts';

export interface SpanChartSeries {
  key: string;
  label: string;
  points: readonly { x: number; y: number }[];
  color: string;
  /** SVG dash array; a dashed series is a reference line: no markers, not counted in data-points. */
  dash?: string;
}

export interface SpanChartLabels {
  xLabel?: string;
  yLabel?: string;
  ariaLabel?: string;
}

export interface SpanChartData {
  series: SpanChartSeries[];
  xDomain: [number, number];
  yDomain: [number, number];
}

export interface SpanChart {
  /** The root `<figure>`; `data-points` = markers drawn. */
  element: HTMLElement;
  update(data: SpanChartData): void;
  setLabels(labels: SpanChartLabels): void;
  destroy(): void;
}

const MARGIN: Margin = { top: 10, right: 14, bottom: 40, left: 48 };
const HEIGHT = 260;

export function createSpanChart(host: HTMLElement, labels: SpanChartLabels = {}, attrs: Record<string, string> = {}): SpanChart {
  const text: SpanChartLabels = { ...labels };
  const figure = chartFigure(host, 'chart-span', { role: 'img', ...attrs });
  figure.dataset.points = '0';
  const { svg, resize } = responsiveSvg(figure, 'chart-svg');
  const gGrid = svg.append('g').attr('class', 'grid');
  const gX = svg.append('g').attr('class', 'x-axis');
  const gY = svg.append('g').attr('class', 'y-axis');
  const gXTitle = svg.append('g');
  const gYTitle = svg.append('g');
  const gLines = svg.append('g');
  const gMarks = svg.append('g');
  const legend = document.createElement('div');
  legend.className = 'chart-legend';
  Object.assign(legend.style, { display: 'flex', flexWrap: 'wrap', gap: '0.2rem 1rem', fontSize: '0.82rem', color: 'var(--muted)' });
  figure.append(legend);

  let width = 320;
  let data: SpanChartData = { series: [], xDomain: [0, 1], yDomain: [0, 1] };

  function render(): void {
    resize(width, HEIGHT);
    const iw = Math.max(10, width - MARGIN.left - MARGIN.right);
    const ih = HEIGHT - MARGIN.top - MARGIN.bottom;
    const x = scaleLinear().domain(data.xDomain).range([MARGIN.left, MARGIN.left + iw]);
    const y = scaleLinear().domain(data.yDomain).range([MARGIN.top + ih, MARGIN.top]);
    const yTicks = y.ticks(ih < 160 ? 4 : 6);
    drawGridY(gGrid, yTicks.map((t) => y(t)), MARGIN.left, MARGIN.left + iw);
    drawBottomAxis(gX, x, MARGIN.top + ih, { ticks: Math.max(2, Math.floor(iw / 60)), format: (d) => formatNumber(Number(d)) });
    drawLeftAxis(gY, y, MARGIN.left, { ticks: yTicks, format: (d) => formatNumber(Number(d), 2) });
    drawAxisTitle(gXTitle, text.xLabel ?? '', MARGIN.left + iw / 2, HEIGHT - 6);
    drawAxisTitle(gYTitle, text.yLabel ?? '', 11, MARGIN.top + ih / 2, true);

    const gen = line<{ x: number; y: number }>()
      .x((p) => x(p.x))
      .y((p) => y(Math.min(data.yDomain[1], p.y)));
    gLines
      .selectAll<SVGPathElement, SpanChartSeries>('path')
      .data(data.series, (s) => s.key)
      .join('path')
      .attr('data-key', (s) => s.key)
      .style('fill', 'none')
      .style('stroke', (s) => s.color)
      .style('stroke-width', (s) => (s.dash ? 1.5 : 2))
      .style('stroke-dasharray', (s) => s.dash ?? null)
      .attr('d', (s) => gen([...s.points]) ?? '');
    const marks = data.series.filter((s) => !s.dash).flatMap((s) => s.points.map((p) => ({ s, p })));
    gMarks
      .selectAll<SVGCircleElement, (typeof marks)[number]>('circle')
      .data(marks)
      .join('circle')
      .attr('r', 3.5)
      .attr('cx', (m) => x(m.p.x))
      .attr('cy', (m) => y(Math.min(data.yDomain[1], m.p.y)))
      .attr('data-key', (m) => m.s.key)
      .style('fill', (m) => m.s.color)
      .style('stroke', 'var(--bg)')
      .style('stroke-width', 1);
    figure.dataset.points = String(marks.length);
  }

  function renderLegend(): void {
    legend.replaceChildren(...data.series.map((s) => legendItem({ text: s.label, color: s.color, dash: s.dash })));
  }

  function applyAria(): void {
    figure.setAttribute('aria-label', text.ariaLabel || [text.yLabel, text.xLabel].filter(Boolean).join(' / '));
  }

  const stop = observeWidth(figure, (w) => {
    width = w;
    render();
  });
  applyAria();

  return {
    element: figure,
    update(next) {
      const sameLegend = next.series.length === data.series.length && next.series.every((s, i) => s.label === data.series[i].label && s.color === data.series[i].color);
      data = next;
      render();
      if (!sameLegend) renderLegend();
    },
    setLabels(next) {
      Object.assign(text, next);
      applyAria();
      render();
    },
    destroy() {
      stop();
      select(figure).remove();
    },
  };
}
