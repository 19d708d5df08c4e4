// Axes drawn with d3-axis and coloured through the page's CSS variables, so
// they follow dark mode. Each helper redraws in place (call it on every update).
import { axisBottom, axisLeft, type AxisDomain, type AxisScale, type Selection } from 'd3';

type G = Selection<SVGGElement, unknown, null, undefined>;

export interface AxisOptions<D extends AxisDomain> {
  ticks?: D[] | number;
  format?: (d: D) => string;
}

function style(g: G): void {
  g.style('font-size', '11px').style('font-family', 'inherit');
  g.selectAll<SVGPathElement, unknown>('.domain').style('stroke', 'var(--muted)');
  g.selectAll<SVGLineElement, unknown>('.tick line').style('stroke', 'var(--muted)');
  g.selectAll<SVGTextElement, unknown>('.tick text').style('fill', 'var(--muted)').attr('font-size', null).attr('font-family', null);
  g.attr('font-size', null).attr('font-family', null);
}

/** A bottom axis at y = `y`. */
export function drawBottomAxis<D extends AxisDomain>(g: G, scale: AxisScale<D>, y: number, opts: AxisOptions<D> = {}): void {
  const axis = axisBottom(scale);
  if (Array.isArray(opts.ticks)) axis.tickValues(opts.ticks);
  else if (typeof opts.ticks === 'number') axis.ticks(opts.ticks);
  if (opts.format) axis.tickFormat(opts.format as (d: D, i: number) => string);
  g.attr('transform', `translate(0,${y})`).call(axis);
  style(g);
}

/** A left axis at x = `x`. */
export function drawLeftAxis<D extends AxisDomain>(g: G, scale: AxisScale<D>, x: number, opts: AxisOptions<D> = {}): void {
  const axis = axisLeft(scale);
  if (Array.isArray(opts.ticks)) axis.tickValues(opts.ticks);
  else if (typeof opts.ticks === 'number') axis.ticks(opts.ticks);
  if (opts.format) axis.tickFormat(opts.format as (d: D, i: number) => string);
  g.attr('transform', `translate(${x},0)`).call(axis);
  style(g);
}

/** Light horizontal grid lines at the given y positions. */
export function drawGridY(g: G, ys: number[], x0: number, x1: number): void {
  g.selectAll<SVGLineElement, number>('line')
    .data(ys)
    .join('line')
    .attr('x1', x0)
    .attr('x2', x1)
    .attr('y1', (d) => d)
    .attr('y2', (d) => d)
    .style('stroke', 'var(--rule)')
    .style('stroke-width', 1);
}

/** An axis title; `rotate` for a vertical one. */
export function drawAxisTitle(g: G, text: string, x: number, y: number, rotate = false): void {
  g.selectAll<SVGTextElement, string>('text')
    .data([text])
    .join('text')
    .attr('x', rotate ? 0 : x)
    .attr('y', rotate ? 0 : y)
    .attr('transform', rotate ? `translate(${x},${y}) rotate(-90)` : null)
    .attr('text-anchor', 'middle')
    .style('fill', 'var(--fg)')
    .style('font-size', '12px')
    .text((d) => d);
}
