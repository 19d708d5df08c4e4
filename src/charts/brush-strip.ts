// The strip under the forecast chart: the whole actual series, small, the
// test region shaded, and a d3 brush that zooms the chart's time axis.
// Redrawn only when the series or the width changes (`draw`); the brush
// follows the chart's zoom (`show`).
import { brushX, line, scaleLinear, type ScaleLinear, type ScaleTime, type Selection } from 'd3';
import { drawBottomAxis } from './axes.ts';
import { formatNumber } from './scales.ts';
import { thin } from './thin.ts';

type G = Selection<SVGGElement, unknown, null, undefined>;
export type TimeScale = ScaleLinear<number, number> | ScaleTime<number, number>;

export interface StripSeries {
  x: Float64Array;
  isTime: boolean;
  actual: Float64Array;
}

export interface BrushStrip {
  /** Redraw the strip for `s` over the full time scale `xFull`, `height` px tall at `top`, `left`…`right` wide. */
  draw(s: StripSeries, rows: ArrayLike<number>, xFull: TimeScale, box: { top: number; height: number; left: number; right: number }, testStart: number): void;
  /** Put the brush on `view` (null: none), without reporting it back. */
  show(view: [number, number] | null, xFull: TimeScale): void;
}

/** `onBrush` receives the brushed range in x units (null when cleared) after the reader brushes. */
export function createBrushStrip(parent: G, onBrush: (range: [number, number] | null) => void): BrushStrip {
  const shade = parent.append('rect').style('fill', 'var(--accent-2)').style('opacity', 0.09);
  const path = parent.append('path').style('fill', 'none').style('stroke', 'var(--muted)').style('stroke-width', 1);
  const gX = parent.append('g');
  const gBrush = parent.append('g').attr('class', 'brush');
  let scale: TimeScale = scaleLinear();
  let moving = false;
  const brush = brushX<unknown>().on('end', (ev: { selection: [number, number] | null; sourceEvent?: Event }) => {
    if (!ev.sourceEvent || moving) return;
    onBrush(ev.selection ? [scale.invert(ev.selection[0]).valueOf(), scale.invert(ev.selection[1]).valueOf()] : null);
  });

  return {
    draw(s, rows, xFull, box, testStart) {
      scale = xFull;
      let lo = Infinity;
      let hi = -Infinity;
      for (const v of s.actual) {
        if (v < lo) lo = v;
        if (v > hi) hi = v;
      }
      const y = scaleLinear().domain(lo <= hi ? [lo, hi] : [0, 1]).range([box.top + box.height, box.top]);
      const [x0, x1] = xFull.domain().map(Number);
      const k = (box.right - box.left) / (x1 - x0 || 1);
      const idx = thin(rows, s.x, s.actual, x0, x1, (v) => box.left + (v - x0) * k);
      path.attr('d', line<number>().defined((i) => Number.isFinite(s.actual[i])).x((i) => xFull(s.x[i]) as number).y((i) => y(s.actual[i]))(idx) ?? '');
      if (Number.isFinite(testStart)) {
        const from = xFull(testStart) as number;
        shade.style('display', null).attr('x', from).attr('y', box.top).attr('width', Math.max(0, box.right - from)).attr('height', box.height);
      } else shade.style('display', 'none');
      drawBottomAxis(gX, xFull as ScaleLinear<number, number>, box.top + box.height, {
        ticks: Math.max(2, Math.floor((box.right - box.left) / 90)),
        format: s.isTime ? undefined : (d: unknown) => formatNumber(Number(d) + 1),
      });
      brush.extent([
        [box.left, box.top],
        [box.right, box.top + box.height],
      ]);
      gBrush.call(brush);
    },
    show(view, xFull) {
      moving = true;
      gBrush.call(brush.move, view ? [xFull(view[0]) as number, xFull(view[1]) as number] : null);
      moving = false;
    },
  };
}
