import { readdirSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { ContentError, renderSection } from './render.ts';
import { liveText } from './live-values.ts';
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

  it('renders an exercise as an aside with its answer in a <details> element, numbered within the section', () => {
    const src = '# X\n\n::: exercise\nPredict [this](#try/vx?rho=0.5).\n::: answer\nIt *shrinks*.\n:::\n\n::: exercise\nAgain.\n::: answer\nYes.\n:::\n';
    const s = renderSection('05-x', src, { lang: 'en' });
    expect(s.exercises).toHaveLength(2);
    expect(s.exercises[0].promptLinks).toEqual([{ widget: 'vx', query: 'rho=0.5', text: 'this' }]);
    expect(s.exercises[1].promptLinks).toEqual([]);
    expect(s.html.match(/data-testid="exercise"/g)).toHaveLength(2);
    expect(s.html).toContain('<strong>Exercise 5.1</strong>');
    expect(s.html).toContain('<strong>Exercise 5.2</strong>');
    expect(s.html).toMatch(/<details class="exercise-answer">\n<summary>Show the answer<\/summary>\n<p>It <em>shrinks<\/em>.<\/p>\n<\/details>/);
    // The prompt stays outside the <details>, the answer inside.
    const [prompt, answer] = s.html.split('<details');
    expect(prompt).toContain('Predict');
    expect(answer).toContain('shrinks');
    const zh = renderSection('05-x', src, { lang: 'zh' });
    expect(zh.html).toContain('<strong>练习 5.1</strong>');
    expect(zh.html).toContain('<summary>查看答案</summary>');
  });

  it('fails on a malformed exercise', () => {
    expect(() => renderSection('x', '# X\n\n::: exercise\nNo answer.\n:::\n')).toThrow(/no '::: answer'/);
    expect(() => renderSection('x', '# X\n\n::: exercise\nQ\n::: answer\nA\n')).toThrow(/not closed/);
    expect(() => renderSection('x', '# X\n\n::: exercise\n::: answer\nA\n:::\n')).toThrow(/no prompt/);
    expect(() => renderSection('x', '# X\n\n::: exercise\nQ\n::: answer\nA\n::: answer\nB\n:::\n')).toThrow(/two answers/);
  });

  it('renders a live number as a span with its name, its settings and the resolver\'s text, escaped', () => {
    const seen: string[] = [];
    const s = renderSection('x', '# X\n\nThe readout says {{vx.readout?act=linear&rho=0.5}} and {{vx.mean-derivative}}.', {
      live: (req) => (seen.push(`${req.name}|${req.query}`), '<1>'),
    });
    expect(seen).toEqual(['vx.readout|act=linear&rho=0.5', 'vx.mean-derivative|']);
    expect(s.live).toEqual([{ name: 'vx.readout', query: 'act=linear&rho=0.5' }, { name: 'vx.mean-derivative', query: '' }]);
    expect(s.html).toContain('<span class="live-number" data-live="vx.readout" data-live-at="act=linear&amp;rho=0.5">&lt;1&gt;</span>');
  });

  it('leaves live-number syntax alone inside code, and fails on a malformed one or an unknown name', () => {
    const code = renderSection('x', '# X\n\n`{{not live}}`', { live: () => 'no' });
    expect(code.live).toEqual([]);
    expect(() => renderSection('x', '# X\n\n{{vx readout}}', { live: () => '1' })).toThrow(ContentError);
    const ctx = { root: fileURLToPath(new URL('../..', import.meta.url)), lang: 'en' as const };
    expect(() => renderSection('x', '# X\n\n{{vx.nonsense}}', { live: (r) => liveText(r, ctx) })).toThrow(/unknown live number/);
    expect(() => renderSection('x', '# X\n\n{{vx.readout?rho=7}}', { live: (r) => liveText(r, ctx) })).toThrow(/outside/);
    expect(() => renderSection('x', '# X\n\n{{vx.readout?speed=1}}', { live: (r) => liveText(r, ctx) })).toThrow(/unknown setting/);
  });
});
