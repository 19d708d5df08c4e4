import { describe, expect, it } from 'vitest';
import { layoutUnrolled } from './layout.ts';
import { nodeLabel, nodeTex } from './strings.ts';

describe('unrolled graph layout', () => {
  for (const [T, width] of [[5, 343], [8, 343], [2, 900]] as const) {
    it(`fits T = ${T} into ${width} px with every edge between existing nodes`, () => {
      const l = layoutUnrolled(T, width);
      expect(l.nodes).toHaveLength(1 + 4 * T);
      expect(l.edges).toHaveLength(4 * T);
      const ids = new Set(l.nodes.map((n) => n.id));
      for (const e of l.edges) {
        expect(ids.has(e.from)).toBe(true);
        expect(ids.has(e.to)).toBe(true);
      }
      for (const n of l.nodes) {
        expect(n.x - l.radius).toBeGreaterThanOrEqual(0);
        expect(n.x + l.radius).toBeLessThanOrEqual(width);
        expect(n.y + l.radius).toBeLessThanOrEqual(l.height);
      }
      // Neighbouring columns never overlap.
      const hs = l.nodes.filter((n) => n.kind === 'h').map((n) => n.x);
      for (let i = 1; i < hs.length; i++) expect(hs[i] - hs[i - 1]).toBeGreaterThan(2 * l.radius);
      expect(l.edges.filter((e) => e.weight === 'W')).toHaveLength(T);
    });
  }
  it('labels and equations carry the step', () => {
    expect(nodeLabel('h', 12)).toBe('h⁽¹²⁾');
    expect(nodeLabel('h0', 0)).toBe('h⁽⁰⁾');
    expect(nodeTex('h', 3)).toContain('\\mathbf{h}^{(2)}');
  });
});
