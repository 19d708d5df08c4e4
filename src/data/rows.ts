// Row-level work once the columns are known: which rows are usable, in what
// order they go, and how gaps in feature columns are filled.
import { isoOf, sortKey, toParts, type DateParts } from './dates.ts';
import type { DateColumn, NumericColumn } from './columns.ts';
import { isMissing } from './numbers.ts';

export interface DropCounts {
  missingDate: number;
  missingTarget: number;
  ragged: number;
  unparsableDate: number;
}

export interface OrderedRows {
  /** Data-row offsets of the usable rows, chronological. */
  order: Int32Array;
  dates: string[] | null;
  drops: DropCounts;
  reversed: boolean;
  /** Rows whose date equals the previous row's once sorted (all kept, in file order within a date). */
  duplicateDates: number;
  /** Places where a row is dated before the row above it (after a newest-first file is turned round); the rows were then sorted. */
  unsortedDates: number;
  /**
   * At least half the rows repeat the date before them, so the dates cannot
   * be what orders the rows (intraday rows without a time, one date filled
   * down the column): the date column was set aside and every row is kept
   * in file order, with no dates.
   */
  datesSetAside: boolean;
}

/** A row is ragged when it has fewer cells than the header, or extra cells that are not empty. */
export function raggedMask(rows: readonly string[][], start: number, width: number): Uint8Array {
  const mask = new Uint8Array(rows.length - start);
  for (let i = start; i < rows.length; i++) {
    const row = rows[i];
    if (row.length < width) mask[i - start] = 1;
    else {
      for (let j = width; j < row.length; j++) {
        if (row[j].trim() !== '') {
          mask[i - start] = 1;
          break;
        }
      }
    }
  }
  return mask;
}

/**
 * Keeps rows that are not ragged, have a readable date (when there is a date
 * column) and a target value, counting each reason for leaving one out; then
 * puts them in chronological order: a file that runs mostly newest-first is
 * reversed, and any remaining disorder (rows dated before the row above them)
 * is fixed by a stable sort, so rows that share a date stay in file order.
 * When at least half the rows repeat the date before them, the dates do not
 * order the rows: the date column is set aside (see OrderedRows.datesSetAside).
 */
export function orderRows(
  rows: readonly string[][],
  start: number,
  ragged: Uint8Array,
  date: DateColumn | null,
  target: NumericColumn,
): OrderedRows {
  const n = rows.length - start;
  const drops: DropCounts = { missingDate: 0, missingTarget: 0, ragged: 0, unparsableDate: 0 };
  const kept: number[] = [];
  const parts: DateParts[] = [];
  for (let k = 0; k < n; k++) {
    if (ragged[k]) {
      drops.ragged++;
      continue;
    }
    let p: DateParts | null = null;
    if (date !== null) {
      const r = date.raws[k];
      p = r === null ? null : toParts(r, date.format);
      if (p === null) {
        if (isMissing(rows[start + k][date.index].trim())) drops.missingDate++;
        else drops.unparsableDate++;
        continue;
      }
    }
    if (Number.isNaN(target.values[k])) {
      drops.missingTarget++;
      continue;
    }
    kept.push(k);
    if (p !== null) parts.push(p);
  }
  if (date === null) {
    return { order: Int32Array.from(kept), dates: null, drops, reversed: false, duplicateDates: 0, unsortedDates: 0, datesSetAside: false };
  }
  let idx = kept.map((_, i) => i);
  const keys = parts.map(sortKey);
  let up = 0;
  let down = 0;
  for (let i = 1; i < keys.length; i++) {
    if (keys[i] > keys[i - 1]) up++;
    else if (keys[i] < keys[i - 1]) down++;
  }
  const reversed = down > up;
  if (reversed) idx.reverse();
  let unsortedDates = 0;
  for (let i = 1; i < idx.length; i++) if (keys[idx[i]] < keys[idx[i - 1]]) unsortedDates++;
  if (unsortedDates > 0) idx = idx.slice().sort((a, b) => keys[a] - keys[b]);
  let duplicateDates = 0;
  for (let i = 1; i < idx.length; i++) if (keys[idx[i]] === keys[idx[i - 1]]) duplicateDates++;
  if (idx.length > 0 && duplicateDates * 2 >= idx.length) {
    return { ...orderRows(rows, start, ragged, null, target), duplicateDates, datesSetAside: true };
  }
  const order = new Int32Array(idx.length);
  const dates: string[] = new Array(idx.length);
  for (let i = 0; i < idx.length; i++) {
    order[i] = kept[idx[i]];
    dates[i] = isoOf(parts[idx[i]], date.format);
  }
  return { order, dates, drops, reversed, duplicateDates, unsortedDates, datesSetAside: false };
}

/**
 * One numeric column in row order, gaps filled from the previous row;
 * a leading gap takes the first value that follows. Null when the column has
 * no value at all among the usable rows.
 */
export function filledColumn(values: Float64Array, order: Int32Array): Float64Array | null {
  const out = new Float64Array(order.length);
  let last = NaN;
  let firstSeen = -1;
  for (let i = 0; i < order.length; i++) {
    const v = values[order[i]];
    if (!Number.isNaN(v)) {
      last = v;
      if (firstSeen < 0) firstSeen = i;
    }
    out[i] = last;
  }
  if (firstSeen < 0) return null;
  for (let i = 0; i < firstSeen; i++) out[i] = out[firstSeen];
  return out;
}
