// The forecasts as a CSV file: one line per window, in time order, with the
// actual value, the model's forecast and persistence's. Pure.
import type { SeriesInfo, Snapshot } from '../../train/protocol.ts';

/** Quote a field when needed, and defuse spreadsheet formulas in user text. */
export function csvField(v: string): string {
  let s = v;
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\n\r;]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

const num = (v: number) => (Number.isFinite(v) ? String(v) : '');

export function forecastsCsv(series: SeriesInfo, snapshot: Snapshot): string {
  const lines = [['date', 'split', `actual ${series.target}`, 'model', 'persistence'].map(csvField).join(',')];
  const when = (row: number) => {
    if (!series.time) return String(row + 1);
    const iso = new Date(series.time[row]).toISOString();
    return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : iso.slice(0, 19).replace('T', ' ');
  };
  const splits = [
    ['train', series.train, snapshot.train],
    ['test', series.test, snapshot.test],
  ] as const;
  for (const [name, split, pred] of splits) {
    for (let i = 0; i < split.N; i++) {
      const row = split.rowIndex[i];
      lines.push([csvField(when(row)), name, num(series.price[row]), num(pred[i]), num(split.previous[i])].join(','));
    }
  }
  return `${lines.join('\n')}\n`;
}

/** Offer text as a download. */
export function download(name: string, text: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
