// Build time: a section's HTML cut into chunks the page inserts one at a
// time (each a few kB, so no insert is a long task), with what the page
// needs to estimate a chunk's height before it is laid out (its
// `contain-intrinsic-size`): per top-level block, its kind, the width of its
// wrapping text in em and the em of its fixed-height parts (display math).
// The HTML is our own renderer's output (well formed); this is not a
// general HTML parser.

/** Block kinds the page's estimator knows (shell/chunk-size.ts). */
export const BLOCK_KINDS = ['p', 'h1', 'h2', 'h3', 'math', 'list', 'table', 'pre', 'quote', 'widget', 'exercise', 'other'] as const;
export type BlockKind = (typeof BLOCK_KINDS)[number];

/** [kind index, wrapping text width in em, fixed height in em or rows/items/lines by kind] */
export type BlockSize = [number, number, number];

export interface ContentChunk {
  html: string;
  blocks: BlockSize[];
}

const VOID = new Set(['area', 'base', 'br', 'col', 'embed', 'hr', 'img', 'input', 'link', 'meta', 'source', 'track', 'wbr']);

interface Tag {
  name: string;
  closing: boolean;
  selfClosing: boolean;
  /** Index just past the tag's `>`. */
  end: number;
  attrs: string;
}

function readTag(html: string, at: number): Tag {
  let i = at + 1;
  const closing = html[i] === '/';
  if (closing) i++;
  let quote = '';
  let end = i;
  for (; end < html.length; end++) {
    const c = html[end];
    if (quote) {
      if (c === quote) quote = '';
    } else if (c === '"' || c === "'") quote = c;
    else if (c === '>') break;
  }
  const inner = html.slice(i, end);
  const name = /^[A-Za-z][\w-]*/.exec(inner)?.[0].toLowerCase() ?? '';
  return { name, closing, selfClosing: inner.endsWith('/') || VOID.has(name), end: end + 1, attrs: inner.slice(name.length) };
}

/** The top-level elements of `html`, each with the whitespace after it. */
export function topLevelBlocks(html: string): string[] {
  const blocks: string[] = [];
  let depth = 0;
  let start = 0;
  let i = 0;
  while (i < html.length) {
    if (html.startsWith('<!--', i)) {
      const close = html.indexOf('-->', i);
      i = close < 0 ? html.length : close + 3;
      continue;
    }
    if (html[i] !== '<') {
      i++;
      continue;
    }
    const tag = readTag(html, i);
    i = tag.end;
    if (tag.closing) depth--;
    else if (!tag.selfClosing) depth++;
    if (depth === 0) {
      while (i < html.length && /\s/.test(html[i])) i++;
      blocks.push(html.slice(start, i));
      start = i;
    }
  }
  if (start < html.length && html.slice(start).trim() !== '') blocks.push(html.slice(start));
  return blocks;
}

function kindOf(tag: Tag): BlockKind {
  const cls = /class="([^"]*)"/.exec(tag.attrs)?.[1] ?? '';
  if (cls.includes('katex-block')) return 'math';
  if (cls.includes('widget-slot')) return 'widget';
  if (cls.includes('exercise')) return 'exercise';
  switch (tag.name) {
    case 'p':
      return 'p';
    case 'h1':
    case 'h2':
    case 'h3':
      return tag.name;
    case 'ul':
    case 'ol':
      return 'list';
    case 'table':
      return 'table';
    case 'pre':
      return 'pre';
    case 'blockquote':
      return 'quote';
    default:
      return 'other';
  }
}

/** Text width of one character in em: CJK full width, Latin about half. */
function charEm(code: number): number {
  return code >= 0x2e80 ? 1 : 0.5;
}

/** Kind, wrapping width (em) and fixed part of one block (see BlockSize). */
export function measureBlock(html: string): BlockSize {
  const first = readTag(html, html.indexOf('<'));
  const kind = kindOf(first);
  let textEm = 0;
  let tallestStrut = 0;
  let rows = 0;
  // Text inside KaTeX's MathML, or in a closed <details> (an answer) past its summary, takes no height.
  let hidden = 0;
  const stack: boolean[] = [];
  let inDetails = 0;
  let inSummary = 0;
  let i = 0;
  while (i < html.length) {
    if (html[i] === '<') {
      const tag = readTag(html, i);
      i = tag.end;
      if (tag.closing) {
        if (stack.pop()) hidden--;
        if (tag.name === 'details') inDetails--;
        if (tag.name === 'summary') inSummary--;
      } else if (!tag.selfClosing) {
        const mathml = tag.attrs.includes('katex-mathml');
        stack.push(mathml);
        if (mathml) hidden++;
        if (tag.name === 'details') inDetails++;
        if (tag.name === 'summary') inSummary++;
        if ((tag.name === 'tr' || tag.name === 'li') && inDetails === 0) rows++;
      }
      if (tag.attrs.includes('class="strut"')) {
        const h = /height:([\d.]+)em/.exec(tag.attrs);
        if (h) tallestStrut = Math.max(tallestStrut, Number(h[1]));
      }
      continue;
    }
    if (html[i] === '&') {
      const semi = html.indexOf(';', i);
      i = semi > 0 && semi - i < 10 ? semi + 1 : i + 1;
      if (hidden === 0 && (inDetails === 0 || inSummary > 0)) textEm += 0.5;
      continue;
    }
    if (hidden === 0 && (inDetails === 0 || inSummary > 0) && html[i] !== '\n') textEm += charEm(html.charCodeAt(i));
    i++;
  }
  const lines = html.split('\n').length - 1;
  const extra = kind === 'math' ? tallestStrut : kind === 'table' || kind === 'list' ? rows : kind === 'pre' ? lines : 0;
  return [BLOCK_KINDS.indexOf(kind), Math.round(kind === 'math' ? 0 : textEm), Math.round(extra * 100) / 100];
}

/** Chunks of at most ~`maxChars` characters of HTML (a larger block is a chunk of its own). */
export function chunkSection(html: string, maxChars = 8000): ContentChunk[] {
  const chunks: ContentChunk[] = [];
  let current: ContentChunk | null = null;
  for (const block of topLevelBlocks(html)) {
    if (current === null || (current.html.length > 0 && current.html.length + block.length > maxChars)) {
      current = { html: '', blocks: [] };
      chunks.push(current);
    }
    current.html += block;
    current.blocks.push(measureBlock(block));
  }
  return chunks;
}
