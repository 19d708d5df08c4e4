// The hidden-state trajectory h(0) = 0 → h(1) → … in the (h₁, h₂) plane,
// inside the square (−1, 1)² that tanh keeps it in. Steps up to t are solid.
import { line, scaleLinear, select } from 'd3';
import { observeWidth, responsiveSvg } from '../../charts/scales.ts';

export interface TrajectoryPlane {
  update(h: Float64Array, T: number, t: number): void;
  setAria(text: string): void;
  destroy(): void;
}

export function createTrajectoryPlane(host: HTMLElement): TrajectoryPlane {
  const { svg, resize } = responsiveSvg(host, 'fw-plane');
  svg.attr('role', 'img');
  const gGrid = svg.append('g');
  const pastPath = svg.append('path').attr('class', 'fw-path');
  const futurePath = svg.append('path').attr('class', 'fw-path is-future');
  const gPts = svg.append('g');
  let width = 280;
  let data: { h: Float64Array; T: number; t: number } = { h: new Float64Array(0), T: 0, t: 1 };

  function render(): void {
    const size = Math.max(180, Math.min(300, width));
    resize(size, size);
    const pad = 22;
    const s = scaleLinear().domain([-1.05, 1.05]).range([pad, size - 8]);
    const sy = scaleLinear().domain([-1.05, 1.05]).range([size - pad, 8]);
    const grid = [-1, -0.5, 0, 0.5, 1];
    gGrid
      .selectAll<SVGLineElement, number>('line.v')
      .data(grid)
      .join('line')
      .attr('class', (d) => `v fw-grid${d === 0 ? ' is-axis' : ''}`)
      .attr('x1', (d) => s(d))
      .attr('x2', (d) => s(d))
      .attr('y1', sy(-1.05))
      .attr('y2', sy(1.05));
    gGrid
      .selectAll<SVGLineElement, number>('line.h')
      .data(grid)
      .join('line')
      .attr('class', (d) => `h fw-grid${d === 0 ? ' is-axis' : ''}`)
      .attr('y1', (d) => sy(d))
      .attr('y2', (d) => sy(d))
      .attr('x1', s(-1.05))
      .attr('x2', s(1.05));
    gGrid
      .selectAll<SVGTextElement, string>('text')
      .data(['h₁', 'h₂', '−1', '1'])
      .join('text')
      .attr('class', 'fw-axis-label')
      .attr('x', (_, i) => [size - 12, s(0) + 5, s(-1), s(1)][i])
      .attr('y', (_, i) => [sy(0) - 5, 18, size - 6, size - 6][i])
      .attr('text-anchor', (_, i) => (i === 0 ? 'end' : i === 1 ? 'start' : 'middle'))
      .text((d) => d);
    const pts: [number, number, number][] = [[0, 0, 0]];
    for (let i = 0; i < data.T; i++) pts.push([data.h[2 * i], data.h[2 * i + 1], i + 1]);
    const gen = line<[number, number, number]>()
      .x((d) => s(d[0]))
      .y((d) => sy(d[1]));
    pastPath.attr('d', gen(pts.slice(0, data.t + 1)) ?? '');
    futurePath.attr('d', gen(pts.slice(data.t)) ?? '');
    const g = gPts
      .selectAll<SVGGElement, [number, number, number]>('g')
      .data(pts)
      .join((enter) => {
        const e = enter.append('g');
        e.append('circle');
        e.append('text').attr('class', 'fw-pt-label').attr('dx', 7).attr('dy', -6);
        return e;
      })
      .attr('class', (d) => `fw-state${d[2] === data.t ? ' is-current' : ''}${d[2] > data.t ? ' is-future' : ''}`)
      .attr('data-step', (d) => d[2])
      .attr('data-h1', (d) => d[0])
      .attr('data-h2', (d) => d[1]);
    g.select('circle').attr('cx', (d) => s(d[0])).attr('cy', (d) => sy(d[1])).attr('r', (d) => (d[2] === data.t ? 6 : 4));
    g.select('text').attr('x', (d) => s(d[0])).attr('y', (d) => sy(d[1])).text((d) => String(d[2]));
  }

  const stop = observeWidth(host, (w) => {
    width = w;
    render();
  });
  return {
    update(h, T, t) {
      data = { h, T, t };
      render();
    },
    setAria(text) {
      svg.attr('aria-label', text);
    },
    destroy() {
      stop();
      select(host).selectAll('svg').remove();
    },
  };
}
