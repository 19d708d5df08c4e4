// A Table built from arrays already in memory (generated samples, tests),
// with the same shape parseCsv gives.
import type { Table } from './csv.ts';
import { chooseTarget } from './columns.ts';

export interface ColumnsInput {
  /** Numeric columns in order; all the same length. */
  columns: Record<string, ArrayLike<number>>;
  /** ISO dates, one per row, chronological; null for none. */
  dates?: string[] | null;
  /** Header of the date column (default 'date' when dates are given). */
  dateColumn?: string;
  /** Default target (default: chosen like parseCsv does). */
  target?: string;
}

const PREVIEW_ROWS = 5;

export function tableFromColumns(input: ColumnsInput): Table {
  const columns = Object.keys(input.columns);
  if (columns.length === 0) throw new RangeError('a table needs at least one column');
  const rows = input.columns[columns[0]].length;
  const values: Record<string, Float64Array> = {};
  for (const c of columns) {
    if (input.columns[c].length !== rows) throw new RangeError(`column ${c} has ${input.columns[c].length} rows, expected ${rows}`);
    values[c] = Float64Array.from(input.columns[c]);
  }
  const dates = input.dates ?? null;
  if (dates !== null && dates.length !== rows) throw new RangeError(`${dates.length} dates for ${rows} rows`);
  const dateColumn = dates === null ? null : (input.dateColumn ?? 'date');
  const headers = dateColumn === null ? [...columns] : [dateColumn, ...columns];
  const preview: string[][] = [];
  for (let i = 0; i < Math.min(rows, PREVIEW_ROWS); i++) {
    const cells = columns.map((c) => String(values[c][i]));
    preview.push(dates === null ? cells : [dates[i], ...cells]);
  }
  return {
    headers,
    dateColumn,
    dates,
    columns,
    values,
    target: input.target ?? chooseTarget(columns),
    rows,
    dropped: 0,
    dropReasons: { missingDate: 0, missingTarget: 0, ragged: 0, unparsableDate: 0 },
    duplicateDates: 0,
    unsortedDates: 0,
    datesSetAside: null,
    reversed: false,
    dateFormat: dates === null ? null : 'YYYY-MM-DD',
    ambiguousDates: false,
    encoding: 'utf-8',
    delimiter: ',',
    textColumns: [],
    preview,
  };
}

/** Rows [from, to) of a table, as a table of its own (same columns and decisions). */
export function sliceTable(table: Table, from: number, to: number): Table {
  const a = Math.max(0, Math.min(table.rows, Math.floor(from)));
  const b = Math.max(a, Math.min(table.rows, Math.floor(to)));
  const values: Record<string, Float64Array> = {};
  for (const c of table.columns) values[c] = table.values[c].slice(a, b);
  return { ...table, values, dates: table.dates === null ? null : table.dates.slice(a, b), rows: b - a };
}
