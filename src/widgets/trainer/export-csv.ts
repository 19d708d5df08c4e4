// The forecasts as a CSV file: one line per window, in time order, with the
// actual value, the model's forecast and persistence's; then, when the page
// shows a forecast past the data, one line per step after the last row
// (split `future`, no actual value) with both bands at the chosen coverage.
// Written by papaparse (quoting as needed, spreadsheet formulas in text
// defused). Pure.
import Papa from 'papaparse';
import type { AheadBands } from '../../data/ahead-band.ts';
import { isoSeconds } from '../../data/calendar.ts';
import { coverageLevels } from '../../data/quantiles.ts';
import type { SeriesInfo, Snapshot } from '../../train/protocol.ts';

/** A number as a cell; '' for NaN and ±∞. */
const num = (v: number) => (Number.isFinite(v) ? v : null);

/** A time in ms (UTC) as the file's lines write it: the date, and the time of day when there is one. */
function dateText(ms: number): string {
  const iso = new Date(ms).toISOString();
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
}

/** The time of table row `row`: its date (and time) in UTC, or the 1-based row number without a date column. */
function when(series: SeriesInfo, row: number): string | number {
  return series.time ? dateText(series.time[row]) : row + 1;
}

/** Step s past the last row: its date on the file's calendar, or its row number (the rows go on counting). */
function futureWhen(series: SeriesInfo, date: string, step: number): string | number {
  const t = series.time ? isoSeconds(date) : null;
  return t === null ? series.price.length + step : dateText(t * 1000);
}

/** A quantile level as a header writes it: 0.1 → '10 %'. */
const level = (p: number) => `${Math.round(p * 1000) / 10} %`;

/** Band columns: '' on the windows' lines. */
function bandHeader(ahead: AheadBands): string[] {
  const [a, b] = coverageLevels(ahead.coverage).map(level);
  return [`model low (${a})`, `model high (${b})`, `persistence low (${a})`, `persistence high (${b})`];
}

function futureLines(series: SeriesInfo, ahead: AheadBands): (string | number | null)[][] {
  return ahead.steps.map((s) => [
    futureWhen(series, s.date, s.step),
    'future',
    null,
    num(s.model),
    num(s.persistence),
    s.modelBand ? num(s.modelBand.low) : null,
    s.modelBand ? num(s.modelBand.high) : null,
    s.persistenceBand ? num(s.persistenceBand.low) : null,
    s.persistenceBand ? num(s.persistenceBand.high) : null,
  ]);
}

export function forecastsCsv(series: SeriesInfo, snapshot: Snapshot, ahead: AheadBands | null = null): string {
  const rows: (string | number | null)[][] = [['date', 'split', `actual ${series.target}`, 'model', 'persistence', ...(ahead ? bandHeader(ahead) : [])]];
  const splits = [
    ['train', series.train, snapshot.train],
    ['test', series.test, snapshot.test],
  ] as const;
  for (const [name, split, pred] of splits) {
    for (let i = 0; i < split.N; i++) {
      const row = split.rowIndex[i];
      rows.push([when(series, row), name, num(series.price[row]), num(pred[i]), num(split.previous[i]), ...(ahead ? [null, null, null, null] : [])]);
    }
  }
  if (ahead) rows.push(...futureLines(series, ahead));
  return `${Papa.unparse(rows, { newline: '\n', escapeFormulae: true })}\n`;
}
