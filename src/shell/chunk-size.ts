// How tall a chunk of a section will be before it is laid out: the
// `contain-intrinsic-size` its `content-visibility: auto` wrapper reserves, so
// the page's height, the scroll bar and every anchor below are close to right
// while the chunk is skipped. Once laid out, the browser remembers the real
// size (`auto`), so the estimate only matters until then. Pure.
import { BLOCK_KINDS, type BlockSize } from '../content/chunks.ts';

export interface TextMetrics {
  /** Width of the prose column in px. */
  columnPx: number;
  /** Body font size in px. */
  fontPx: number;
  /** Body line height as a multiple of the font size. */
  lineHeight: number;
}

const REM = 16;

function lines(textEm: number, fontPx: number, columnPx: number): number {
  return Math.max(1, Math.ceil((textEm * fontPx) / Math.max(columnPx, 100)));
}

/** Estimated height in px of one block. */
export function blockPx([kind, textEm, extra]: BlockSize, m: TextMetrics): number {
  const f = m.fontPx;
  const line = f * m.lineHeight;
  switch (BLOCK_KINDS[kind]) {
    case 'p':
      return lines(textEm, f, m.columnPx) * line + f;
    case 'h1':
      return lines(textEm, 1.85 * REM, m.columnPx) * 1.85 * REM * 1.25 + 1.75 * REM;
    case 'h2':
      return lines(textEm, 1.35 * REM, m.columnPx) * 1.35 * REM * 1.3 + 2.5 * REM;
    case 'h3':
      return lines(textEm, 1.1 * REM, m.columnPx) * 1.1 * REM * 1.4 + 2 * REM;
    case 'math':
      return extra * f * 1.05 + 1.5 * REM + f;
    case 'list':
      return Math.max(extra, lines(textEm, f, m.columnPx - 1.5 * REM)) * line + f + extra * 0.2 * f;
    case 'table':
      return extra * (0.92 * REM * 1.65 + 0.6 * REM + 1) + f;
    case 'pre':
      return extra * 0.88 * REM * 1.5 + 1.5 * REM + f;
    case 'quote':
      return lines(textEm, f, m.columnPx - 2 * REM) * line + 1.5 * REM + f;
    case 'widget':
      return 0;
    case 'exercise':
      return lines(textEm, f, m.columnPx - 2 * REM) * line + 5 * REM;
    default:
      return lines(textEm, f, m.columnPx) * line + f;
  }
}

/** Estimated height in px of a chunk (its blocks, plus `widgetPx` per widget slot). */
export function chunkPx(blocks: readonly BlockSize[], m: TextMetrics, widgetPx: (index: number) => number = () => 0): number {
  let px = 0;
  let widgets = 0;
  for (const b of blocks) {
    px += BLOCK_KINDS[b[0]] === 'widget' ? widgetPx(widgets++) : blockPx(b, m);
  }
  return Math.round(px);
}
