// Column-level decisions: names, which column holds the dates, which hold
// numbers, and which one a person would forecast by default.
import { classifyDate, DATE_HEADER, decideDateFormat, shapeKey, type DateFormat, type RawDate } from './dates.ts';
import { isMissing, parseNumber, type DecimalMark } from './numbers.ts';

/** Trimmed header names; blanks become `column N`, repeats get ` (2)`, ` (3)` … */
export function columnNames(headerRow: readonly string[] | null, width: number): string[] {
  const names: string[] = [];
  const seen = new Map<string, number>();
  for (let j = 0; j < width; j++) {
    let name = headerRow ? (headerRow[j] ?? '').replace(/^\uFEFF/, '').trim() : '';
    if (name === '') name = `column ${j + 1}`;
    const n = (seen.get(name) ?? 0) + 1;
    seen.set(name, n);
    names.push(n === 1 ? name : `${name} (${n})`);
  }
  return names;
}

export interface DateColumn {
  index: number;
  format: DateFormat;
  /** Classified cell per data row (null when missing or not a date). */
  raws: (RawDate | null)[];
  /** A separate time-of-day column merged into the dates (Date,Time,Open… exports), or null. */
  timeIndex: number | null;
}

const TIME_ONLY = /^(\d{1,2}):(\d{2})(?::(\d{2}))?$/;

/** The column right after the dates when it holds only times of day. */
function timeColumnAfter(rows: readonly string[][], start: number, j: number, width: number, ragged: Uint8Array): number | null {
  if (j + 1 >= width) return null;
  let seen = 0;
  let times = 0;
  for (let i = start; i < rows.length && seen < SAMPLE; i++) {
    if (ragged[i - start]) continue;
    const cell = rows[i][j + 1].trim();
    if (isMissing(cell)) continue;
    seen++;
    if (TIME_ONLY.test(cell)) times++;
  }
  return seen > 0 && times >= 0.9 * seen ? j + 1 : null;
}

function secondsOf(cell: string): number | null {
  const m = TIME_ONLY.exec(cell);
  if (!m) return null;
  const [hh, mm, ss] = [Number(m[1]), Number(m[2]), m[3] === undefined ? 0 : Number(m[3])];
  return hh < 24 && mm < 60 && ss < 60 ? hh * 3600 + mm * 60 + ss : null;
}

const SAMPLE = 300;

/**
 * The date column: one whose non-missing cells (a sample of the first rows)
 * are at least 90 % of one date shape. `YYYYMMDD` and Unix times look like
 * numbers, so they count only under a date-like header (YYYYMMDD also in the
 * first column). Several candidates: the one with a date-like header, else the first.
 */
export function detectDateColumn(
  rows: readonly string[][],
  start: number,
  names: readonly string[],
  ragged: Uint8Array,
  dayFirstByDefault: boolean,
): DateColumn | null {
  const candidates: { index: number; key: string; named: boolean }[] = [];
  for (let j = 0; j < names.length; j++) {
    const named = DATE_HEADER.test(names[j]);
    const counts = new Map<string, number>();
    let seen = 0;
    for (let i = start; i < rows.length && seen < SAMPLE; i++) {
      if (ragged[i - start]) continue;
      const cell = rows[i][j].trim();
      if (isMissing(cell)) continue;
      seen++;
      const r = classifyDate(cell);
      if (r !== null) counts.set(shapeKey(r), (counts.get(shapeKey(r)) ?? 0) + 1);
    }
    let key = '';
    let best = 0;
    for (const [k, c] of counts) if (c > best) [key, best] = [k, c];
    if (seen === 0 || best < 0.9 * seen) continue;
    if (key.startsWith('epoch') && !named) continue;
    if (key === 'ymd8' && !named && j !== 0) continue;
    candidates.push({ index: j, key, named });
  }
  if (candidates.length === 0) return null;
  const chosen = candidates.find((c) => c.named) ?? candidates[0];
  const raws: (RawDate | null)[] = new Array(rows.length - start);
  for (let i = start; i < rows.length; i++) {
    if (ragged[i - start]) {
      raws[i - start] = null;
      continue;
    }
    const cell = rows[i][chosen.index].trim();
    raws[i - start] = isMissing(cell) ? null : classifyDate(cell);
  }
  const timeIndex = timeColumnAfter(rows, start, chosen.index, names.length, ragged);
  if (timeIndex !== null) {
    for (let k = 0; k < raws.length; k++) {
      const r = raws[k];
      if (r === null || r.hasTime) continue;
      const secs = secondsOf(rows[start + k][timeIndex].trim());
      if (secs !== null) {
        r.secs = secs;
        r.hasTime = true;
      }
    }
  }
  return { index: chosen.index, format: decideDateFormat(raws, chosen.key, dayFirstByDefault), raws, timeIndex };
}

export interface NumericColumn {
  index: number;
  /** Value per data row; NaN when missing or unreadable. */
  values: Float64Array;
}

// Codes look numeric ("000001", "600519") but are identifiers.
const CODE_HEADER = /^(代码|股票代码|证券代码|代號|code|symbol|ticker|isin|wkn|cusip|id)$/i;

/**
 * Parses every cell of every remaining column. A column is numeric when at
 * least 80 % of its non-missing cells read as numbers (and at least one does),
 * unless its header names an identifier or its numbers carry leading zeros.
 */
export function parseNumericColumns(
  rows: readonly string[][],
  start: number,
  names: readonly string[],
  ragged: Uint8Array,
  skip: number,
  mark: DecimalMark,
): { numeric: NumericColumn[]; text: number[] } {
  const n = rows.length - start;
  const cols: number[] = [];
  const text: number[] = [];
  for (let j = 0; j < names.length; j++) {
    if (j === skip) continue;
    if (CODE_HEADER.test(names[j])) text.push(j);
    else cols.push(j);
  }
  const m = cols.length;
  const values = cols.map(() => new Float64Array(n));
  const ok = new Int32Array(m);
  const bad = new Int32Array(m);
  const leadingZero = new Int32Array(m);
  // Row by row: the rows are arrays of cells, so this walks memory in order.
  for (let k = 0; k < n; k++) {
    if (ragged[k]) {
      for (let c = 0; c < m; c++) values[c][k] = NaN;
      continue;
    }
    const row = rows[start + k];
    for (let c = 0; c < m; c++) {
      const cell = row[cols[c]].trim();
      const v = parseNumber(cell, mark);
      values[c][k] = v;
      if (v === v) {
        ok[c]++;
        if (cell.length > 1 && cell.charCodeAt(0) === 48 && cell.charCodeAt(1) >= 48 && cell.charCodeAt(1) <= 57) leadingZero[c]++;
      } else if (!isMissing(cell)) {
        bad[c]++;
      }
    }
  }
  const numeric: NumericColumn[] = [];
  for (let c = 0; c < m; c++) {
    if (ok[c] > 0 && ok[c] >= 0.8 * (ok[c] + bad[c]) && leadingZero[c] < 0.5 * ok[c]) numeric.push({ index: cols[c], values: values[c] });
    else text.push(cols[c]);
  }
  text.sort((x, y) => x - y);
  return { numeric, text };
}

/** Header text reduced for matching: no units in brackets, no spaces or punctuation, lower case. */
function normalise(name: string): string {
  return name
    .replace(/[(（[【].*?[)）\]】]/g, '')
    .toLowerCase()
    .replace(/ß/g, 'ss')
    .replace(/[\s._\-/:'’"*#%]+/g, '');
}

const CLOSE_WORDS = [
  'close', 'closing', 'closeprice', 'closingprice', 'closelast', 'last', 'lastprice', 'settle', 'settlement',
  '收盘', '收盘价', '今收', '今收盘', '收市', '收市价', '收', '終値', '종가',
  'schluss', 'schlusskurs', 'zuletzt', 'letzter', 'letzterkurs', 'clôture', 'cloture', 'dernier', 'cierre', 'último',
  'ultimo', 'chiusura', 'fechamento', 'закрытие', 'закр', 'kapanış', 'slot', 'slutkurs', 'sluitkoers',
];
const PRICE_WORDS = [
  'price', 'kurs', 'preis', 'prix', 'precio', 'prezzo', 'preço', 'цена', 'şimdi', 'value', 'target', 'rate', 'nav', 'level', 'index',
  '价格', '价', '现价', '最新价', '最新', '终值', '值', '净值', '单位净值', '收盘指数',
];
const ADJUSTED_WORDS = ['adjclose', 'adjustedclose', '复权收盘价', '后复权', '前复权'];
// Never the default target even if a keyword appears inside the name.
const EXCLUDED = /open|prev|previous|yesterday|vorher|vortag|eröff|eroeff|erster|ouverture|apertura|abertura|high|low|hoch|tief|max|min|vol|change|chg|pct|昨|前|开盘|最高|最低|涨跌|成交|换手|振幅/;

/**
 * Default target among the numeric columns: an exact close-like name, then an
 * exact price-like name, then names containing one (never "open", "prev"…),
 * then adjusted close, else the first numeric column.
 */
export function chooseTarget(columns: readonly string[]): string {
  const norm = columns.map(normalise);
  const exact = (words: readonly string[]) => columns.find((_, i) => words.includes(norm[i]));
  const within = (words: readonly string[]) =>
    columns.find((_, i) => !EXCLUDED.test(norm[i]) && words.some((w) => w.length > 1 && norm[i].includes(w)));
  return (
    exact(CLOSE_WORDS) ??
    exact(PRICE_WORDS) ??
    within(CLOSE_WORDS) ??
    within(PRICE_WORDS) ??
    exact(ADJUSTED_WORDS) ??
    within(ADJUSTED_WORDS) ??
    columns[0]
  );
}
