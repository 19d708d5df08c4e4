// Markdown + KaTeX → HTML, at build time (Node). Used by the Vite plugin and
// by the unit tests that fail on any formula KaTeX cannot typeset, any preset
// link to an unknown widget or setting, and any live number that cannot be
// computed. Beyond CommonMark the sources use four things:
//   $…$, $$…$$                 math (KaTeX)
//   ::: widget NAME :::        a widget's mount point
//   ::: exercise / ::: answer / :::   a "predict, then check" exercise (exercises.ts)
//   {{WIDGET.QUANTITY?k=v}}    a live number (live-syntax.ts, live-values.ts)
import MarkdownItCtor, { type MarkdownIt, type StateBlock } from 'markdown-it';
import katexModule from '@vscode/markdown-it-katex';
import { exercises, type ContentLang } from './exercises.ts';
import { liveNumbers, type LiveRequest, type LiveResolver } from './live-syntax.ts';

type MdPlugin = (md: MarkdownIt, options: { throwOnError: boolean }) => void;
// The package is CommonJS; depending on the loader its function is the default
// export or the default export's `default`.
const katexPlugin: MdPlugin =
  (katexModule as unknown as { default?: MdPlugin }).default ?? (katexModule as unknown as MdPlugin);

/** A prose link `#try/NAME?query`. */
export interface PresetLink {
  widget: string;
  query: string;
  /** The link's text as written. */
  text: string;
}

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
  /** every `#try/…` link, in order */
  links: PresetLink[];
  /** every live number, in order */
  live: LiveRequest[];
  /** every exercise, in order, with the preset links of its prompt */
  exercises: { promptLinks: PresetLink[] }[];
}

export interface RenderOptions {
  /** Labels of the exercises (default en). */
  lang?: ContentLang;
  /** Text of each live number; the default refuses every live number. */
  live?: LiveResolver;
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

const refuseLive: LiveResolver = (req) => {
  throw new Error(`no live numbers here ({{${req.name}}})`);
};

function createRenderer(slug: string, options: RenderOptions): MarkdownIt {
  const md = new MarkdownItCtor({ html: false, linkify: false, typographer: false });
  md.use(katexPlugin, { throwOnError: true });
  md.use(widgetSlots);
  md.use((m) => exercises(m, slug, options.lang ?? 'en'));
  md.use((m) => liveNumbers(m, options.live ?? refuseLive));
  md.use((m) => headingIds(m, slug));
  return md;
}

interface Tok {
  type: string;
  content: string;
  meta: unknown;
  attrGet(name: string): string | null;
  children: Tok[] | null;
}

/** Preset links, live numbers and exercises, read off the parsed tokens. */
function collect(tokens: Tok[]): Pick<RenderedSection, 'links' | 'live' | 'exercises'> {
  const links: PresetLink[] = [];
  const live: LiveRequest[] = [];
  const exercises: RenderedSection['exercises'] = [];
  let inPrompt = false;
  for (const tok of tokens) {
    if (tok.type === 'exercise_open') {
      exercises.push({ promptLinks: [] });
      inPrompt = true;
    }
    if (tok.type === 'exercise_answer_open') inPrompt = false;
    const children = tok.children ?? [];
    for (let i = 0; i < children.length; i++) {
      const c = children[i];
      if (c.type === 'live_number') live.push(c.meta as LiveRequest);
      if (c.type !== 'link_open') continue;
      const href = c.attrGet('href') ?? '';
      if (!href.startsWith('#try/')) continue;
      const [widget, query = ''] = href.slice('#try/'.length).split('?');
      let text = '';
      for (let j = i + 1; j < children.length && children[j].type !== 'link_close'; j++) text += children[j].content;
      links.push({ widget, query, text });
      if (inPrompt) exercises[exercises.length - 1].promptLinks.push(links[links.length - 1]);
    }
  }
  return { links, live, exercises };
}

export class ContentError extends Error {}

/** Render one section. Throws ContentError (with the file name) on any error in the source. */
export function renderSection(slug: string, source: string, options: RenderOptions = {}): RenderedSection {
  const md = createRenderer(slug, options);
  let html: string;
  let found: ReturnType<typeof collect>;
  try {
    const env = {};
    const tokens = md.parse(source, env);
    found = collect(tokens as unknown as Tok[]);
    html = md.renderer.render(tokens, md.options, env);
  } catch (err) {
    throw new ContentError(`${slug}: ${(err as Error).message}`);
  }
  if (html.includes('katex-error')) {
    throw new ContentError(`${slug}: KaTeX could not typeset a formula`);
  }
  const formulas = (html.match(/class="katex"/g) ?? []).length;
  const titleMatch = /^#\s+(.+)$/m.exec(source);
  const widgets = [...source.matchAll(new RegExp(WIDGET_LINE.source, 'gm'))].map((m) => m[1]);
  return { slug, title: titleMatch ? titleMatch[1].trim() : slug, html, formulas, widgets, ...found };
}
