// Bytes of a price CSV → a clean chronological table, or a typed error.
// Pure (no DOM): runs in the page, in a worker and in Node.
import { chooseTarget, columnNames, detectDateColumn, parseNumericColumns } from './columns.ts';
import { decodeBytes, type TextEncodingName } from './decode.ts';
import type { DateShape } from './dates.ts';
import { decideDecimalMark, type DecimalMark } from './numbers.ts';
import { filledColumn, orderRows, raggedMask, type DropCounts } from './rows.ts';
import { effectiveLength, excelSepHint, isHeaderRow, locateHeader, rowLooksLikeData, sniffDelimiter, splitRows } from './sniff.ts';

export type CsvErrorKind = 'empty' | 'not-text' | 'no-rows' | 'no-numeric-column' | 'too-few-rows' | 'too-large';
/** `params` fill the message templates in i18n/data-errors.ts. */
export interface CsvError {
  kind: CsvErrorKind;
  params: Record<string, string | number>;
}
export type DropReasons = DropCounts;

/**
 * How a file was read, so that it can be read again the same way (the
 * exported PyTorch script does, for files too large to embed).
 */
export interface CsvFormat {
  /** An Excel `sep=X` first line was skipped. */
  sepLine: boolean;
  /** Index of the first data row among the file's non-blank rows. */
  start: number;
  /** Cells per row; a row with fewer, or with extra non-empty cells, is dropped. */
  width: number;
  decimalMark: DecimalMark;
  /** Cell index of each numeric column (by its name in `columns`). */
  columnIndex: Record<string, number>;
  date: { index: number; timeIndex: number | null; shape: DateShape; sep: string; order: 'mdy' | 'dmy' | null } | null;
}

export interface Table {
  /** Every header as in the file, trimmed (blank ones named `column N`, repeats suffixed ` (2)`). */
  headers: string[];
  dateColumn: string | null;
  /** ISO YYYY-MM-DD (YYYY-MM-DDTHH:MM[:SS] when the file has times other than midnight), chronological. */
  dates: string[] | null;
  /** Every numeric column in file order (date and text columns excluded). */
  columns: string[];
  /**
   * Per numeric column, chronological. A missing value takes the previous
   * row's; a gap at the start takes the first value after it (back-fill), so
   * no usable row is lost to a sparse feature column.
   */
  values: Record<string, Float64Array>;
  /** Default target: close / price / 收盘 / Schluss / … else the first numeric column. */
  target: string;
  rows: number;
  dropped: number;
  dropReasons: DropReasons;
  /** Rows whose date equals the previous row's (kept, reported). */
  duplicateDates: number;
  /** The file ran newest-first and was reversed. */
  reversed: boolean;
  /** e.g. 'YYYY-MM-DD', 'M/D/YYYY', 'D.M.YYYY', 'Mon D, YYYY'. */
  dateFormat: string | null;
  /** No value showed which of D/M or M/D the file uses; the order was inferred from how regularly the dates step (else the locale). */
  ambiguousDates: boolean;
  /** 'utf-8' or 'gb18030' in the usual cases; also 'utf-16le'/'utf-16be' (BOM or zero bytes) and 'windows-1252' (European single-byte files). */
  encoding: TextEncodingName;
  delimiter: string;
  textColumns: string[];
  /** First few data rows as written (file order), for a preview shown as text. */
  preview: string[][];
  /** How the file was read; absent for tables built in memory. */
  format?: CsvFormat;
}

export type ParseResult = { ok: true; table: Table } | { ok: false; error: CsvError };

/** 100 MiB: anything up to this loads (about 1.5 million rows of a 7-column daily export). */
export const MAX_CSV_BYTES = 100 * 1024 * 1024;
export const PREVIEW_ROWS = 5;
/** Fewer usable rows than this and there is nothing to forecast. */
export const MIN_ROWS = 2;

export interface ParseOptions {
  /** Size limit in bytes (default MAX_CSV_BYTES); for tests and embedding. */
  maxBytes?: number;
}

function fail(kind: CsvErrorKind, params: Record<string, string | number> = {}): ParseResult {
  return { ok: false, error: { kind, params } };
}

function megabytes(n: number): number {
  return Math.round((n / (1024 * 1024)) * 10) / 10;
}

/** Never throws: any input gives a table or a typed error. */
export function parseCsv(bytes: Uint8Array, options: ParseOptions = {}): ParseResult {
  try {
    return parseChecked(bytes, options.maxBytes ?? MAX_CSV_BYTES);
  } catch (e) {
    // Not expected; the fuzz test checks this path is never taken.
    return fail('not-text', { internal: 1, detail: e instanceof Error ? e.message : String(e) });
  }
}

function parseChecked(bytes: Uint8Array, maxBytes: number): ParseResult {
  if (!(bytes instanceof Uint8Array)) return fail('not-text');
  if (bytes.length > maxBytes) {
    return fail('too-large', { size: megabytes(bytes.length), limit: megabytes(maxBytes), bytes: bytes.length, limitBytes: maxBytes });
  }
  const decoded = decodeBytes(bytes);
  if (!decoded.ok) return fail(decoded.kind);
  // One line ending for papaparse: CRLF, old-Mac CR and mixed files all become LF.
  let text = decoded.text.includes('\r') ? decoded.text.replace(/\r\n?/g, '\n') : decoded.text;
  let delimiter: string;
  const hint = excelSepHint(text);
  if (hint !== null) {
    delimiter = hint.delimiter;
    text = hint.rest;
  } else {
    delimiter = sniffDelimiter(text);
  }
  const rows = splitRows(text, delimiter);
  if (rows.length === 0) return fail('empty');

  const loc = locateHeader(rows);
  // Rows above a data-like row are not a preamble but a header narrower than the data.
  const headerIndex = loc.index > 0 && rowLooksLikeData(rows[loc.index]) ? 0 : loc.index;
  const headerRow = rows[headerIndex];
  const hasHeader = isHeaderRow(headerRow, rows[headerIndex + 1]);
  // The header's cells, trailing blank ones included when the data fills them.
  const width = Math.max(1, effectiveLength(headerRow), Math.min(headerRow.length, loc.width));
  const start = hasHeader ? headerIndex + 1 : headerIndex;
  const headers = columnNames(hasHeader ? headerRow : null, width);
  if (start >= rows.length) return fail('no-rows', { columns: headers.length });

  const dataRows = rows.length - start;
  const ragged = raggedMask(rows, start, width);
  let regular = 0;
  for (let k = 0; k < dataRows; k++) if (!ragged[k]) regular++;
  if (regular === 0) return fail('too-few-rows', { rows: 0, needed: MIN_ROWS, dropped: dataRows });

  const { mark } = decideDecimalMark(sampleCells(rows, start, width, ragged), delimiter === ';');
  const date = detectDateColumn(rows, start, headers, ragged, delimiter === ';' || mark === ',');
  const { numeric, text: textIdx } = parseNumericColumns(rows, start, headers, ragged, date?.index ?? -1, mark);
  if (numeric.length === 0) return fail('no-numeric-column', { columns: headers.join(', ') });

  const numericNames = numeric.map((c) => headers[c.index]);
  const target = chooseTarget(numericNames);
  const targetColumn = numeric[numericNames.indexOf(target)];
  const ordered = orderRows(rows, start, ragged, date, targetColumn);
  const d = ordered.drops;
  const dropped = d.missingDate + d.missingTarget + d.ragged + d.unparsableDate;
  if (ordered.order.length < MIN_ROWS) {
    return fail('too-few-rows', { rows: ordered.order.length, needed: MIN_ROWS, dropped });
  }

  const columns: string[] = [];
  const values: Record<string, Float64Array> = {};
  const textColumns = textIdx.map((j) => headers[j]);
  for (const c of numeric) {
    const filled = filledColumn(c.values, ordered.order);
    if (filled === null) textColumns.push(headers[c.index]);
    else {
      columns.push(headers[c.index]);
      values[headers[c.index]] = filled;
    }
  }
  textColumns.sort((a, b) => headers.indexOf(a) - headers.indexOf(b));

  const preview: string[][] = [];
  for (let i = start; i < rows.length && preview.length < PREVIEW_ROWS; i++) {
    preview.push(rows[i].map((c) => c.trim().slice(0, 200)));
  }

  return {
    ok: true,
    table: {
      headers,
      dateColumn: date === null ? null : headers[date.index],
      dates: ordered.dates,
      columns,
      values,
      target,
      rows: ordered.order.length,
      dropped,
      dropReasons: { ...d },
      duplicateDates: ordered.duplicateDates,
      reversed: ordered.reversed,
      dateFormat: date === null ? null : date.format.label,
      ambiguousDates: date === null ? false : date.format.ambiguous,
      encoding: decoded.encoding,
      delimiter,
      textColumns,
      preview,
      format: {
        sepLine: hint !== null,
        start,
        width,
        decimalMark: mark,
        columnIndex: Object.fromEntries(numeric.map((c) => [headers[c.index], c.index])),
        date: date === null ? null : { index: date.index, timeIndex: date.timeIndex, shape: date.format.shape, sep: date.format.sep, order: date.format.order },
      },
    },
  };
}

/** Cells of the first regular rows, to decide the decimal mark from. */
function* sampleCells(rows: readonly string[][], start: number, width: number, ragged: Uint8Array): Generator<string> {
  let taken = 0;
  for (let i = start; i < rows.length && taken < 2000; i++) {
    if (ragged[i - start]) continue;
    taken++;
    for (let j = 0; j < width; j++) yield rows[i][j].trim();
  }
}
