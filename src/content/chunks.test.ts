import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { BLOCK_KINDS, chunkSection, measureBlock, topLevelBlocks } from './chunks.ts';
import { contentPartModule } from './content-parts.ts';
import { renderSection } from './render.ts';
import { loadSections } from './vite-plugin.ts';
import { blockPx, chunkPx } from '../shell/chunk-size.ts';

const contentDir = fileURLToPath(new URL('../../content', import.meta.url));
const kind = (html: string) => BLOCK_KINDS[measureBlock(html)[0]];

describe('section chunks', () => {
  it('cut every section at top-level elements and lose nothing', () => {
    for (const lang of ['en', 'zh']) {
      for (const s of loadSections(contentDir, lang)) {
        const blocks = topLevelBlocks(s.html);
        expect(blocks.join('')).toBe(s.html);
        for (const b of blocks) expect(b.startsWith('<'), `${s.slug}: ${b.slice(0, 40)}`).toBe(true);
        const chunks = chunkSection(s.html, 8000);
        expect(chunks.map((c) => c.html).join('')).toBe(s.html);
        for (const c of chunks) {
          expect(c.blocks.length).toBeGreaterThan(0);
          if (c.blocks.length > 1) expect(c.html.length).toBeLessThanOrEqual(8000);
        }
        expect(chunks.flatMap((c) => c.blocks).filter((b) => BLOCK_KINDS[b[0]] === 'widget').length).toBe(s.widgets.length);
      }
    }
  });

  it('tell the kinds of blocks apart and read a display formula’s height', () => {
    const s = renderSection('x', '# Title\n\nSome words here.\n\n## Sub\n\n$$\\sum_{t=1}^{T} x_t$$\n\n::: widget vx :::\n\n- a\n- b\n');
    const blocks = topLevelBlocks(s.html);
    expect(blocks.map(kind)).toEqual(['h1', 'p', 'h2', 'math', 'widget', 'list']);
    const math = measureBlock(blocks[3]);
    expect(math[2]).toBeGreaterThan(2); // a sum with limits is taller than two lines of text
    expect(measureBlock(blocks[1])[1]).toBe(8); // 16 Latin characters at half an em
    expect(measureBlock(blocks[5])[2]).toBe(2); // two items
  });

  it('estimate more lines in a narrower column, and reserve the widgets’ heights', () => {
    const para: [number, number, number] = [BLOCK_KINDS.indexOf('p'), 300, 0];
    const wide = blockPx(para, { columnPx: 672, fontPx: 17, lineHeight: 1.65 });
    const narrow = blockPx(para, { columnPx: 388, fontPx: 17, lineHeight: 1.65 });
    expect(narrow).toBeGreaterThan(wide * 1.5);
    const widget: [number, number, number] = [BLOCK_KINDS.indexOf('widget'), 0, 0];
    expect(chunkPx([para, widget, widget], { columnPx: 672, fontPx: 17, lineHeight: 1.65 }, (k) => (k + 1) * 100)).toBe(Math.round(wide + 300));
  });

  it('are served as a head (contents and the first section) and one module per further section', () => {
    const sections = loadSections(contentDir, 'en');
    const head = contentPartModule('en', sections, ['head'])!;
    expect(head).toContain('"02-model"');
    expect(head).toContain('import("virtual:content/en/section/6")');
    expect(head).not.toContain('id=\\"02-model\\"');
    expect(contentPartModule('en', sections, ['section', '3'])).toContain('04-bptt');
    expect(contentPartModule('en', sections, ['section', '7'])).toBeNull();
    expect(contentPartModule('en', sections, ['tail'])).toBeNull();
  });
});
