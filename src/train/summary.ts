// What the page needs to know about a table and its windows, cut down to
// small structured-clone-friendly objects (the table itself stays in the worker).
import type { Dataset } from '../data/dataset.ts';
import type { Table } from '../data/csv.ts';
import type { SampleName } from '../data/samples.ts';
import type { SeriesInfo, TableSummary } from './protocol.ts';

const PREVIEW_ROWS = 6;

export function tableSummary(table: Table, source: string, sample: SampleName | null): TableSummary {
  const dates = table.dates;
  return {
    source,
    sample,
    headers: [...table.headers],
    dateColumn: table.dateColumn,
    columns: [...table.columns],
    textColumns: [...table.textColumns],
    target: table.target,
    rows: table.rows,
    firstDate: dates && dates.length > 0 ? dates[0] : null,
    lastDate: dates && dates.length > 0 ? dates[dates.length - 1] : null,
    dropped: table.dropped,
    dropReasons: { ...table.dropReasons },
    duplicateDates: table.duplicateDates,
    reversed: table.reversed,
    dateFormat: table.dateFormat ?? null,
    ambiguousDates: table.ambiguousDates,
    encoding: table.encoding,
    delimiter: table.delimiter,
    preview: table.preview.slice(0, PREVIEW_ROWS + 1).map((row) => row.map((cell) => String(cell))),
  };
}

/** ISO dates (with or without a time) as ms since 1970, read as UTC; null if any fails. */
export function timesOf(dates: readonly string[]): Float64Array | null {
  const out = new Float64Array(dates.length);
  for (let i = 0; i < dates.length; i++) {
    const d = dates[i];
    const ms = Date.parse(d.length > 10 && !/[zZ]|[+-]\d\d:?\d\d$/.test(d) ? `${d.replace(' ', 'T')}Z` : d);
    if (!Number.isFinite(ms)) return null;
    out[i] = ms;
  }
  return out;
}

export function seriesInfo(table: Table, d: Dataset): SeriesInfo {
  const split = (s: Dataset['train']) => ({ N: s.N, rowIndex: Int32Array.from(s.rowIndex), previous: Float64Array.from(s.previous) });
  return {
    target: d.target,
    features: [...d.features],
    T: d.T,
    horizon: d.horizon,
    time: table.dates ? timesOf(table.dates) : null,
    price: Float64Array.from(table.values[d.target]),
    train: split(d.train),
    test: split(d.test),
  };
}
