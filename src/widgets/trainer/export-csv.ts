// The forecasts as a CSV file: one line per window, in time order, with the
// actual value, the model's forecast and persistence's. Written by
// papaparse (quoting as needed, spreadsheet formulas in text defused). Pure.
import Papa from 'papaparse';
import type { SeriesInfo, Snapshot } from '../../train/protocol.ts';

/** A number as a cell; '' for NaN and ±∞. */
const num = (v: number) => (Number.isFinite(v) ? v : null);

/** The time of table row `row`: its date (and time) in UTC, or the 1-based row number without a date column. */
function when(series: SeriesInfo, row: number): string | number {
  if (!series.time) return row + 1;
  const iso = new Date(series.time[row]).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

export function forecastsCsv(series: SeriesInfo, snapshot: Snapshot): string {
  const rows: (string | number | null)[][] = [['date', 'split', `actual ${series.target}`, 'model', 'persistence']];
  const splits = [
    ['train', series.train, snapshot.train],
    ['test', series.test, snapshot.test],
  ] as const;
  for (const [name, split, pred] of splits) {
    for (let i = 0; i < split.N; i++) {
      const row = split.rowIndex[i];
      rows.push([when(series, row), name, num(series.price[row]), num(pred[i]), num(split.previous[i])]);
    }
  }
  return `${Papa.unparse(rows, { newline: '\n', escapeFormulae: true })}\n`;
}
