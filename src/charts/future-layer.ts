// The forecast chart's layer for the steps past the last row: a faint zone
// after the data with a dashed divider and a "forecast →" mark, the model's
// band shaded around its dashed forecast (dots at the steps), and
// persistence's band and line (the last value, dotted) beside it. Every path
// starts at the last row, so the forecast visibly leaves the data there.
// Pure geometry in future-lines.ts.
import { area, line, type Selection } from 'd3';
import { bandOutline, futureEnd, futurePath, type FutureSeries } from './future-lines.ts';

type G = Selection<SVGGElement, unknown, null, undefined>;

export interface FutureLayer {
  /** Draw `f` (null: hide) in the plot box with these scales; `mark` is the zone's label. */
  draw(f: FutureSeries | null, px: (v: number) => number, y: (v: number) => number, box: { top: number; height: number; right: number }, mark: string): void;
}

export const FUTURE_STYLE = {
  model: { color: 'var(--accent-2)', dash: '6 4' },
  persistence: { color: 'var(--muted)', dash: '2 3' },
} as const;

export function createFutureLayer(parent: G): FutureLayer {
  const g = parent.append('g').attr('data-layer', 'future');
  const zone = g.append('rect').style('fill', 'var(--fg)').style('opacity', 0.05);
  const divider = g.append('line').style('stroke', 'var(--muted)').style('stroke-dasharray', '3 3');
  const pBand = g.append('path').attr('data-key', 'future-persistence-band').style('fill', 'var(--muted)').style('opacity', 0.16);
  const mBand = g.append('path').attr('data-key', 'future-model-band').style('fill', FUTURE_STYLE.model.color).style('opacity', 0.25);
  const pLine = g.append('path').attr('data-key', 'future-persistence').style('fill', 'none').style('stroke', FUTURE_STYLE.persistence.color).style('stroke-width', 1.5).style('stroke-dasharray', FUTURE_STYLE.persistence.dash);
  const mLine = g.append('path').attr('data-key', 'future-model').style('fill', 'none').style('stroke', FUTURE_STYLE.model.color).style('stroke-width', 2).style('stroke-dasharray', FUTURE_STYLE.model.dash);
  const dots = g.append('g');
  const label = g.append('text').style('font-size', '11px').style('fill', 'var(--muted)').attr('text-anchor', 'end');

  return {
    draw(f, px, y, box, mark) {
      if (!f || f.points.length === 0) {
        g.style('display', 'none');
        return;
      }
      g.style('display', null);
      const x0 = px(f.originX);
      const x1 = Math.min(box.right, px(futureEnd(f)));
      zone.attr('x', x0).attr('y', box.top).attr('width', Math.max(0, x1 - x0)).attr('height', box.height);
      divider.attr('x1', x0).attr('x2', x0).attr('y1', box.top).attr('y2', box.top + box.height);
      const band = area<[number, number, number]>().x((d) => px(d[0])).y0((d) => y(d[1])).y1((d) => y(d[2]));
      const path = line<[number, number]>().x((d) => px(d[0])).y((d) => y(d[1]));
      pBand.attr('d', band(bandOutline(f, 'persistence')) ?? '');
      mBand.attr('d', band(bandOutline(f, 'model')) ?? '');
      pLine.attr('d', path(futurePath(f, 'persistence')) ?? '');
      mLine.attr('d', path(futurePath(f, 'model')) ?? '');
      dots
        .selectAll('circle')
        .data(f.points)
        .join('circle')
        .attr('cx', (p) => px(p.x))
        .attr('cy', (p) => y(p.model))
        .attr('r', 3)
        .style('fill', FUTURE_STYLE.model.color);
      label.attr('x', x0 - 4).attr('y', box.top + box.height - 6).text(`${mark} →`);
    },
  };
}
