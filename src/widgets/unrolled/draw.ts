// SVG drawing of the folded and the unrolled graph (d3). Styling lives in
// style.css (classes), so dark mode follows the page's CSS variables.
import { select, type Selection } from 'd3';
import { edgeEnds, type GraphLayout, type GraphNode } from './layout.ts';
import { nodeLabel } from './strings.ts';

type G = Selection<SVGGElement, unknown, null, undefined>;
type Svg = Selection<SVGSVGElement, unknown, null, undefined>;

let markerSeq = 0;

/** Arrow-head markers (one per colour class); returns their ids. */
export function addMarkers(svg: Svg): { plain: string; active: string } {
  const n = ++markerSeq;
  const defs = svg.append('defs');
  const make = (id: string, cls: string) =>
    defs
      .append('marker')
      .attr('id', id)
      .attr('viewBox', '0 0 10 10')
      .attr('refX', 8)
      .attr('refY', 5)
      .attr('markerUnits', 'userSpaceOnUse')
      .attr('markerWidth', 9)
      .attr('markerHeight', 9)
      .attr('orient', 'auto-start-reverse')
      .append('path')
      .attr('d', 'M0,0 L10,5 L0,10 z')
      .attr('class', cls);
  make(`ur-arrow-${n}`, 'ur-arrowhead');
  make(`ur-arrow-active-${n}`, 'ur-arrowhead is-active');
  return { plain: `ur-arrow-${n}`, active: `ur-arrow-active-${n}` };
}

/** Draw (or redraw) the unrolled graph into `g`. */
export function drawUnrolled(g: G, layout: GraphLayout, markers: { plain: string; active: string }): void {
  const byId = new Map(layout.nodes.map((n) => [n.id, n] as const));
  const r = layout.radius;
  const edges = g
    .selectAll<SVGGElement, (typeof layout.edges)[number]>('g.ur-edge')
    .data(layout.edges, (e) => e.id)
    .join((enter) => {
      const e = enter.append('g').attr('class', 'ur-edge');
      e.append('line');
      e.append('text').attr('class', 'ur-weight');
      return e;
    })
    .attr('data-t', (e) => e.t)
    .attr('data-weight', (e) => e.weight ?? '');
  edges
    .select('line')
    .each(function (e) {
      const [x1, y1, x2, y2] = edgeEnds(byId.get(e.from)!, byId.get(e.to)!, r);
      select(this).attr('x1', x1).attr('y1', y1).attr('x2', x2).attr('y2', y2);
    })
    .attr('data-marker-plain', `url(#${markers.plain})`)
    .attr('data-marker-active', `url(#${markers.active})`)
    .attr('marker-end', `url(#${markers.plain})`);
  edges
    .select<SVGTextElement>('text')
    .text((e) => e.weight ?? '')
    .attr('x', (e) => {
      const a = byId.get(e.from)!;
      const b = byId.get(e.to)!;
      return (a.x + b.x) / 2 + (e.weight === 'W' ? 0 : 9);
    })
    .attr('y', (e) => {
      const a = byId.get(e.from)!;
      const b = byId.get(e.to)!;
      return (a.y + b.y) / 2 + (e.weight === 'W' ? -6 : 4);
    })
    .attr('text-anchor', (e) => (e.weight === 'W' ? 'middle' : 'start'));

  g.selectAll<SVGGElement, GraphNode>('g.ur-node')
    .data(layout.nodes, (n) => n.id)
    .join((enter) => {
      const n = enter.append('g').attr('class', 'ur-node').attr('tabindex', -1).attr('role', 'button');
      n.append('circle');
      n.append('text').attr('class', 'ur-label').attr('text-anchor', 'middle').attr('dy', '0.35em');
      return n;
    })
    .attr('data-id', (n) => n.id)
    .attr('data-kind', (n) => n.kind)
    .attr('data-t', (n) => n.t)
    .attr('transform', (n) => `translate(${n.x},${n.y})`)
    .call((sel) => sel.select('circle').attr('r', r))
    .call((sel) => sel.select('text').text((n) => nodeLabel(n.kind, n.t)).style('font-size', `${r < 17 ? 11 : 13}px`));
}

/** The folded graph: x → h ⟲ W → o → L, drawn once at a fixed size. */
export function drawFolded(svg: Svg, markers: { plain: string; active: string }): void {
  const r = 17;
  const x = 52;
  const ys = { L: 26, o: 84, h: 142, x: 200 };
  svg.attr('viewBox', '0 0 120 226').attr('width', 120).attr('height', 226);
  const g = svg.append('g');
  const line = (y1: number, y2: number, label: string) => {
    g.append('line').attr('x1', x).attr('x2', x).attr('y1', y1 - r).attr('y2', y2 + r + 3).attr('marker-end', `url(#${markers.plain})`);
    if (label) g.append('text').attr('class', 'ur-weight').attr('x', x + 8).attr('y', (y1 + y2) / 2 + 4).text(label);
  };
  line(ys.x, ys.h, 'U');
  line(ys.h, ys.o, 'V');
  line(ys.o, ys.L, '');
  // Self-loop on h: out of the right side, round, and back in.
  g.append('path')
    .attr('d', `M${x + r * 0.7},${ys.h - r * 0.7} C${x + r * 3.4},${ys.h - r * 2.6} ${x + r * 3.4},${ys.h + r * 2.6} ${x + r * 0.75},${ys.h + r * 0.75}`)
    .attr('fill', 'none')
    .attr('marker-end', `url(#${markers.plain})`);
  g.append('text').attr('class', 'ur-weight').attr('x', x + r * 2.85).attr('y', ys.h + 4).text('W');
  for (const [kind, y] of Object.entries(ys)) {
    const n = g.append('g').attr('class', 'ur-node ur-folded-node').attr('data-kind', kind).attr('transform', `translate(${x},${y})`);
    n.append('circle').attr('r', r);
    n.append('text').attr('class', 'ur-label').attr('text-anchor', 'middle').attr('dy', '0.35em').style('font-size', '13px').text(`${kind}⁽ᵗ⁾`);
  }
}
