// Markdown + KaTeX → HTML, at build time (Node). Used by the Vite plugin and
// by the unit test that fails on any formula KaTeX cannot typeset.
import MarkdownItCtor, { type MarkdownIt, type StateBlock } from 'markdown-it';
import katexModule from '@vscode/markdown-it-katex';

type MdPlugin = (md: MarkdownIt, options: { throwOnError: boolean }) => void;
// The package is CommonJS; depending on the loader its function is the default
// export or the default export's `default`.
const katexPlugin: MdPlugin =
  (katexModule as unknown as { default?: MdPlugin }).default ?? (katexModule as unknown as MdPlugin);

export interface RenderedSection {
  /** file name without extension, e.g. `03-forward` */
  slug: string;
  /** text of the first `#` heading */
  title: string;
  html: string;
  /** number of KaTeX formulas typeset (inline and display) */
  formulas: number;
  /** widget names referenced by `::: widget NAME :::` slots, in order */
  widgets: string[];
}

const WIDGET_LINE = /^:::\s*widget\s+([a-z0-9-]+)\s*:::\s*$/;

/** Block rule: a line `::: widget NAME :::` becomes an empty mount point. */
function widgetSlots(md: MarkdownIt): void {
  md.block.ruler.before('paragraph', 'widget_slot', (state: StateBlock, startLine: number, _end: number, silent: boolean) => {
    const start = state.bMarks[startLine] + state.tShift[startLine];
    const line = state.src.slice(start, state.eMarks[startLine]);
    const match = WIDGET_LINE.exec(line);
    if (!match) return false;
    if (silent) return true;
    const token = state.push('widget_slot', 'div', 0);
    token.meta = { name: match[1] };
    token.map = [startLine, startLine + 1];
    state.line = startLine + 1;
    return true;
  });
  md.renderer.rules.widget_slot = (tokens, idx) => {
    const name = md.utils.escapeHtml(String(tokens[idx].meta?.name));
    return `<div class="widget-slot" data-widget="${name}"></div>\n`;
  };
}

/** Headings get stable ids so the table of contents can link to them. */
function headingIds(md: MarkdownIt, slug: string): void {
  md.core.ruler.push('heading_ids', (state: { tokens: { type: string; tag: string; attrSet(k: string, v: string): void }[] }) => {
    let n = 0;
    for (let i = 0; i < state.tokens.length; i++) {
      const tok = state.tokens[i];
      if (tok.type !== 'heading_open') continue;
      tok.attrSet('id', tok.tag === 'h1' ? slug : `${slug}-${++n}`);
    }
  });
}

function createRenderer(slug: string): MarkdownIt {
  const md = new MarkdownItCtor({ html: false, linkify: false, typographer: false });
  md.use(katexPlugin, { throwOnError: true });
  md.use(widgetSlots);
  md.use((m) => headingIds(m, slug));
  return md;
}

export class ContentError extends Error {}

/** Render one section. Throws ContentError (with the file name) on a KaTeX error. */
export function renderSection(slug: string, source: string): RenderedSection {
  const md = createRenderer(slug);
  let html: string;
  try {
    html = md.render(source);
  } catch (err) {
    throw new ContentError(`${slug}: ${(err as Error).message}`);
  }
  if (html.includes('katex-error')) {
    throw new ContentError(`${slug}: KaTeX could not typeset a formula`);
  }
  const formulas = (html.match(/class="katex"/g) ?? []).length;
  const titleMatch = /^#\s+(.+)$/m.exec(source);
  const widgets = [...source.matchAll(new RegExp(WIDGET_LINE.source, 'gm'))].map((m) => m[1]);
  return { slug, title: titleMatch ? titleMatch[1].trim() : slug, html, formulas, widgets };
}
