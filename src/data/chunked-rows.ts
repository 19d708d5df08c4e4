// Rows of a large text split a chunk at a time, so that a caller can say how
// far it has got (splitting is most of the time a large file takes). Each
// chunk ends at a row end papaparse itself would see: a newline outside a
// quoted field, found with papaparse's own quoting rules (a quote opens a
// field only at the field's start; inside, "" is a quote and a quote closes
// the field only before optional spaces and a delimiter, a newline or the
// end). The rows are exactly splitRows's on the whole text; each chunk is
// split by splitRowsFast (papaparse's rows, without papaparse when no quote).
import { splitRowsFast } from './split-rows.ts';

/** About this many characters per chunk (1 Mi). */
export const CHUNK_CHARS = 1 << 20;

/** The index just past the first row end at or after `from + size`, or the text's length. */
export function chunkEnd(text: string, from: number, size: number, delimiter: string, hasQuotes: boolean): number {
  const n = text.length;
  const want = from + size;
  if (want >= n) return n;
  if (!hasQuotes) {
    const nl = text.indexOf('\n', want);
    return nl < 0 ? n : nl + 1;
  }
  let fieldStart = true;
  for (let i = from; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c === 34 /* " */ && fieldStart) {
      i = closingQuote(text, i, delimiter);
      if (i >= n) return n;
      fieldStart = false;
    } else if (c === 10 /* \n */) {
      if (i + 1 >= want) return i + 1;
      fieldStart = true;
    } else {
      fieldStart = text.startsWith(delimiter, i);
      if (fieldStart) i += delimiter.length - 1;
    }
  }
  return n;
}

/** Index of the quote that closes the quoted field opening at `open` (text.length when none does). */
function closingQuote(text: string, open: number, delimiter: string): number {
  const n = text.length;
  let q = open;
  for (;;) {
    q = text.indexOf('"', q + 1);
    if (q < 0) return n;
    if (text.charCodeAt(q + 1) === 34) {
      q++;
      continue;
    }
    let j = q + 1;
    while (j < n && text.charCodeAt(j) === 32) j++;
    if (j >= n || text.charCodeAt(j) === 10 || text.startsWith(delimiter, j)) return q;
  }
}

/**
 * splitRows over `text`, chunk by chunk, calling `onProgress` with the share
 * of the text split so far (0…1) after each chunk.
 */
export function splitRowsChunked(text: string, delimiter: string, onProgress?: (share: number) => void, size = CHUNK_CHARS): string[][] {
  if (text.length <= size || !onProgress) return splitRowsFast(text, delimiter);
  const hasQuotes = text.includes('"');
  const rows: string[][] = [];
  for (let from = 0; from < text.length; ) {
    const end = chunkEnd(text, from, size, delimiter, hasQuotes);
    const part = splitRowsFast(text.slice(from, end), delimiter);
    for (let i = 0; i < part.length; i++) rows.push(part[i]);
    from = end;
    onProgress(end / text.length);
  }
  return rows;
}
