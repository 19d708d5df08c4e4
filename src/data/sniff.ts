// Which delimiter, and where the header is. The file is parsed by papaparse
// with each candidate delimiter; the one under which the rows agree on a width,
// the header fits that width and the cells read as numbers or dates wins.
import Papa from 'papaparse';
import { classifyDate } from './dates.ts';
import { isMissing, parseNumber } from './numbers.ts';

export const DELIMITERS = [',', ';', '\t', '|'] as const;

/** Rows of a text with LF line ends, split by papaparse (quotes and blank lines handled there). */
export function splitRows(text: string, delimiter: string, preview = 0): string[][] {
  const result = Papa.parse<string[]>(text, {
    delimiter,
    newline: '\n',
    quoteChar: '"',
    skipEmptyLines: 'greedy',
    preview,
  });
  return result.data;
}

/** Number of cells once trailing empty cells (a trailing delimiter) are ignored. */
export function effectiveLength(row: readonly string[]): number {
  let n = row.length;
  while (n > 0 && row[n - 1].trim() === '') n--;
  return n;
}

/** A cell that reads as a number (either decimal mark), a date, or a missing marker. */
export function looksLikeData(cell: string): boolean {
  const s = cell.trim();
  if (isMissing(s)) return true;
  return !Number.isNaN(parseNumber(s, '.')) || !Number.isNaN(parseNumber(s, ',')) || classifyDate(s) !== null;
}

/** A row whose non-empty cells all read as data: not a header. */
export function rowLooksLikeData(row: readonly string[]): boolean {
  let seen = 0;
  for (const c of row) {
    if (c.trim() === '') continue;
    seen++;
    if (!looksLikeData(c)) return false;
  }
  return seen > 0;
}

/**
 * Whether `row` names the columns. It does unless all its cells read as data,
 * or it has the same pattern of data and text cells as the row after it
 * (a headerless file with a text column: "2020-01-01,XYZ,10").
 */
export function isHeaderRow(row: readonly string[], next: readonly string[] | undefined): boolean {
  if (rowLooksLikeData(row)) return false;
  if (next === undefined) return true;
  let dataCells = 0;
  const n = Math.max(row.length, next.length);
  for (let j = 0; j < n; j++) {
    const a = (row[j] ?? '').trim();
    const b = (next[j] ?? '').trim();
    const da = a !== '' && looksLikeData(a);
    if (da) dataCells++;
    if ((a === '') !== (b === '') || da !== (b !== '' && looksLikeData(b))) return true;
  }
  return dataCells === 0;
}

export interface HeaderLocation {
  /** Index of the header row (rows before it are a preamble, e.g. a title line). */
  index: number;
  /** The width most rows have. */
  width: number;
}

/**
 * The usual width is the most common effective row length among the first
 * rows (ties → the wider); the header is the first row at least that wide.
 */
export function locateHeader(rows: readonly string[][], sample = 200): HeaderLocation {
  const counts = new Map<number, number>();
  const n = Math.min(rows.length, sample);
  for (let i = 0; i < n; i++) {
    const w = effectiveLength(rows[i]);
    if (w > 0) counts.set(w, (counts.get(w) ?? 0) + 1);
  }
  let width = 0;
  let best = 0;
  for (const [w, c] of counts) {
    if (c > best || (c === best && w > width)) {
      width = w;
      best = c;
    }
  }
  let index = 0;
  while (index < n && effectiveLength(rows[index]) < width) index++;
  return { index: index < rows.length ? index : 0, width: Math.max(width, 1) };
}

interface Score {
  delimiter: string;
  score: number;
  width: number;
}

function scoreDelimiter(sample: string, delimiter: string): Score {
  const rows = splitRows(sample, delimiter, 80);
  if (rows.length === 0) return { delimiter, score: 0, width: 0 };
  const { index, width } = locateHeader(rows);
  let consistent = 0;
  let dataRows = 0;
  let cells = 0;
  let clean = 0;
  for (let i = index + 1; i < rows.length; i++) {
    dataRows++;
    if (effectiveLength(rows[i]) === width) consistent++;
    const m = Math.min(width, rows[i].length);
    for (let j = 0; j < m; j++) {
      cells++;
      if (looksLikeData(rows[i][j])) clean++;
    }
  }
  const consistency = dataRows === 0 ? 1 : consistent / dataRows;
  const headerFits = effectiveLength(rows[index]) === width ? 1 : 0;
  const cleanShare = cells === 0 ? 0 : clean / cells;
  // A "preamble" followed by a data-like header means the real header was cut up.
  const penalty = index > 0 && rowLooksLikeData(rows[index]) ? 1 : 0;
  return { delimiter, score: consistency + headerFits + cleanShare - penalty, width };
}

/**
 * Picks among `,` `;` tab `|`. An Excel `sep=X` first line wins outright.
 * Ties go to the candidate giving more columns, then to the order above.
 */
export function sniffDelimiter(text: string): string {
  const sample = text.length > 65536 ? text.slice(0, text.lastIndexOf('\n', 65536) + 1 || 65536) : text;
  let best: Score | null = null;
  for (const d of DELIMITERS) {
    const s = scoreDelimiter(sample, d);
    if (best === null || s.score > best.score + 1e-9 || (Math.abs(s.score - best.score) <= 1e-9 && s.width > best.width)) {
      best = s;
    }
  }
  return best === null ? ',' : best.delimiter;
}

/** Excel's delimiter hint line, `sep=;`. Returns the delimiter and the text after the line. */
export function excelSepHint(text: string): { delimiter: string; rest: string } | null {
  const m = /^\uFEFF?sep=(.)\r?\n/i.exec(text);
  if (!m) return null;
  return { delimiter: m[1], rest: text.slice(m[0].length) };
}
