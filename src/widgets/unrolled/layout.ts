// Geometry of the unrolled graph (pure: no DOM). Columns are time steps
// t = 1..T after a narrow column for h(0); rows from the bottom are x(t),
// h(t), o(t), L(t). Edges carry the shared weight that labels them.

export type NodeKind = 'x' | 'h' | 'o' | 'L' | 'h0';
export type WeightName = 'W' | 'U' | 'V' | null;

export interface GraphNode {
  id: string;
  kind: NodeKind;
  t: number;
  x: number;
  y: number;
}

export interface GraphEdge {
  id: string;
  from: string;
  to: string;
  weight: WeightName;
  /** The step whose computation this edge belongs to (the step of its head). */
  t: number;
}

export interface GraphLayout {
  width: number;
  height: number;
  radius: number;
  nodes: GraphNode[];
  edges: GraphEdge[];
}

export const ROWS: readonly Exclude<NodeKind, 'h0'>[] = ['L', 'o', 'h', 'x'];

export function nodeId(kind: NodeKind, t: number): string {
  return kind === 'h0' ? 'h0' : `${kind}${t}`;
}

/** Layout for T steps in `width` px; the radius shrinks on narrow screens. */
export function layoutUnrolled(T: number, width: number): GraphLayout {
  const radius = width < 420 ? 15 : 19;
  const left = radius * 2 + 14; // column of h(0)
  const colW = (width - left - radius - 6) / T;
  const rowGap = radius * 3.4;
  const top = radius + 8;
  const rowY = (kind: Exclude<NodeKind, 'h0'>) => top + ROWS.indexOf(kind) * rowGap;
  const colX = (t: number) => left + colW * (t - 0.5) + radius / 2;
  const nodes: GraphNode[] = [{ id: 'h0', kind: 'h0', t: 0, x: radius + 4, y: rowY('h') }];
  const edges: GraphEdge[] = [];
  for (let t = 1; t <= T; t++) {
    for (const kind of ROWS) nodes.push({ id: nodeId(kind, t), kind, t, x: colX(t), y: rowY(kind) });
    edges.push({ id: `U${t}`, from: nodeId('x', t), to: nodeId('h', t), weight: 'U', t });
    edges.push({ id: `W${t}`, from: t === 1 ? 'h0' : nodeId('h', t - 1), to: nodeId('h', t), weight: 'W', t });
    edges.push({ id: `V${t}`, from: nodeId('h', t), to: nodeId('o', t), weight: 'V', t });
    edges.push({ id: `loss${t}`, from: nodeId('o', t), to: nodeId('L', t), weight: null, t });
  }
  return { width, height: rowY('x') + radius + 10, radius, nodes, edges };
}

/** Endpoints of an edge, trimmed so the arrow stops at the node circles. */
export function edgeEnds(a: GraphNode, b: GraphNode, r: number): [number, number, number, number] {
  const dx = b.x - a.x;
  const dy = b.y - a.y;
  const d = Math.hypot(dx, dy) || 1;
  const ux = dx / d;
  const uy = dy / d;
  return [a.x + ux * r, a.y + uy * r, b.x - ux * (r + 3), b.y - uy * (r + 3)];
}
