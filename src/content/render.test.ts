import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContentError, renderSection } from './render.ts';
import { loadSections } from './vite-plugin.ts';

const contentDir = fileURLToPath(new URL('../../content', import.meta.url));

describe('content', () => {
  for (const lang of ['zh', 'en']) {
    it(`renders every ${lang} section without a KaTeX error`, () => {
      const sections = loadSections(contentDir, lang);
      expect(sections.length).toBe(7);
      for (const s of sections) {
        expect(s.html).not.toContain('katex-error');
        expect(s.title.length).toBeGreaterThan(0);
      }
      const total = sections.reduce((n, s) => n + s.formulas, 0);
      expect(total).toBeGreaterThanOrEqual(25);
    });
  }

  it('has the same sections, in the same order and with the same widget slots, in both languages', () => {
    const zh = readdirSync(`${contentDir}/zh`).sort();
    const en = readdirSync(`${contentDir}/en`).sort();
    expect(zh).toEqual(en);
    const zs = loadSections(contentDir, 'zh');
    const es = loadSections(contentDir, 'en');
    expect(zs.map((s) => s.widgets)).toEqual(es.map((s) => s.widgets));
  });

  it('fails on a formula KaTeX cannot typeset', () => {
    expect(() => renderSection('bad', '# Bad\n\n$\\frac{1}{$ and $$\\begin{matrix}$$')).toThrow(ContentError);
  });

  it('turns a widget directive into an empty mount point and escapes nothing into HTML from it', () => {
    const s = renderSection('x', '# X\n\n::: widget vx :::\n\ntext');
    expect(s.html).toContain('<div class="widget-slot" data-widget="vx"></div>');
    expect(s.widgets).toEqual(['vx']);
  });

  it('does not pass raw HTML through', () => {
    const s = renderSection('x', '# X\n\n<img src=x onerror=alert(1)>');
    expect(s.html).not.toContain('<img');
  });

  it('typesets inline and display math and counts them', () => {
    const s = renderSection('x', '# X\n\nInline $a^{(t)}$.\n\n$$h^{(t)} = \\tanh(a^{(t)})$$\n');
    expect(s.formulas).toBe(2);
    expect(s.html).toContain('katex-display');
  });
});
