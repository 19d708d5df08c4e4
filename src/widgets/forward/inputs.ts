// The editable input sequence: one point per step on a stem from 0; drag a
// point (mouse or touch) or focus it and use the arrow keys. Each point is an
// ARIA slider.
import { drag, scaleLinear, select } from 'd3';
import { drawLeftAxis } from '../../charts/axes.ts';
import { observeWidth, responsiveSvg } from '../../charts/scales.ts';
import { X_LIMIT } from './model.ts';

export interface InputEditor {
  update(xs: readonly number[], current: number): void;
  setLabels(aria: string, pointLabel: (t: number) => string): void;
  destroy(): void;
}

const HEIGHT = 150;
const M = { top: 10, bottom: 24, left: 34, right: 10 };

export function createInputEditor(host: HTMLElement, onChange: (index: number, value: number) => void, onPick: (index: number) => void): InputEditor {
  const { svg, resize } = responsiveSvg(host, 'fw-inputs');
  const gAxis = svg.append('g');
  const zero = svg.append('line').attr('class', 'fw-zero');
  const gPts = svg.append('g');
  let width = 320;
  let xs: readonly number[] = [];
  let current = 1;
  let pointLabel = (t: number) => `x(${t})`;
  const y = scaleLinear().domain([-X_LIMIT, X_LIMIT]).range([HEIGHT - M.bottom, M.top]);
  const xPos = (i: number) => M.left + ((width - M.left - M.right) * (i + 0.5)) / Math.max(1, xs.length);
  const snap = (v: number) => Math.max(-X_LIMIT, Math.min(X_LIMIT, Math.round(v * 20) / 20));

  function render(): void {
    resize(width, HEIGHT);
    drawLeftAxis<number>(gAxis, y, M.left, { ticks: [-2, -1, 0, 1, 2], format: (d) => String(d).replace('-', '−') });
    zero.attr('x1', M.left).attr('x2', width - M.right).attr('y1', y(0)).attr('y2', y(0));
    const pts = gPts
      .selectAll<SVGGElement, number>('g.fw-pt')
      .data(xs.map((_, i) => i))
      .join((enter) => {
        const g = enter.append('g').attr('class', 'fw-pt').attr('tabindex', 0).attr('role', 'slider');
        g.append('line').attr('class', 'fw-stem');
        g.append('circle').attr('class', 'fw-hit').attr('r', 18);
        g.append('circle').attr('class', 'fw-dot').attr('r', 8);
        g.append('text').attr('class', 'fw-tick').attr('text-anchor', 'middle');
        return g;
      })
      .classed('is-current', (i) => i + 1 === current)
      .attr('aria-valuemin', -X_LIMIT)
      .attr('aria-valuemax', X_LIMIT)
      .attr('aria-valuenow', (i) => xs[i])
      .attr('aria-valuetext', (i) => xs[i].toFixed(2))
      .attr('aria-label', (i) => pointLabel(i + 1))
      .attr('data-index', (i) => i);
    pts.select('.fw-stem').attr('x1', (i) => xPos(i)).attr('x2', (i) => xPos(i)).attr('y1', y(0)).attr('y2', (i) => y(xs[i]));
    pts.selectAll<SVGCircleElement, number>('circle').attr('cx', (i) => xPos(i)).attr('cy', (i) => y(xs[i]));
    pts.select('.fw-tick').attr('x', (i) => xPos(i)).attr('y', HEIGHT - 6).text((i) => String(i + 1));
  }

  gPts.call(
    drag<SVGGElement, unknown>()
      .container(() => svg.node()!)
      .subject((ev) => {
        const g = (ev.sourceEvent.target as Element).closest<SVGGElement>('g.fw-pt');
        return g ? { index: Number(g.dataset.index) } : null;
      })
      .on('start', (ev) => onPick(ev.subject.index))
      .on('drag', (ev) => {
        // The SVG is drawn at its CSS pixel size, so event y is in viewBox units.
        onChange(ev.subject.index, snap(y.invert(ev.y)));
      }),
  );
  gPts.on('keydown', (ev: KeyboardEvent) => {
    const g = (ev.target as Element).closest<SVGGElement>('g.fw-pt');
    if (!g) return;
    const i = Number(g.dataset.index);
    const steps: Record<string, number> = { ArrowUp: 0.1, ArrowRight: 0.1, ArrowDown: -0.1, ArrowLeft: -0.1, PageUp: 0.5, PageDown: -0.5 };
    if (ev.key in steps) {
      ev.preventDefault();
      onChange(i, snap(xs[i] + steps[ev.key]));
    } else if (ev.key === 'Home' || ev.key === 'End') {
      ev.preventDefault();
      onChange(i, ev.key === 'Home' ? -X_LIMIT : X_LIMIT);
    }
  });
  gPts.on('focusin', (ev: FocusEvent) => {
    const g = (ev.target as Element).closest<SVGGElement>('g.fw-pt');
    if (g) onPick(Number(g.dataset.index));
  });

  const stop = observeWidth(host, (w) => {
    width = w;
    render();
  });

  return {
    update(next, t) {
      xs = next;
      current = t;
      render();
    },
    setLabels(aria, label) {
      svg.attr('aria-label', aria);
      pointLabel = label;
      render();
    },
    destroy() {
      stop();
      select(host).selectAll('svg').remove();
    },
  };
}
