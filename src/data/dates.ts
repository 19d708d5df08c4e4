// Date cells as exports write them, read into calendar parts. A column's
// format is decided from all of its values at once (M/D/YYYY vs D/M/YYYY is
// a property of the file, not of one cell).

export type DateShape = 'ymd' | 'xxy' | 'ymd8' | 'ym' | 'mon-d-y' | 'd-mon-y' | 'cjk' | 'epoch';

/** One cell, split into numbers; `a`, `b`, `c` mean different things per shape. */
export interface RawDate {
  shape: DateShape;
  sep: string;
  a: number;
  b: number;
  c: number;
  shortYear: boolean;
  /** Seconds after midnight, 0 without a time. */
  secs: number;
  hasTime: boolean;
}

export interface DateFormat {
  shape: DateShape;
  sep: string;
  /** Only for `xxy`: which of the first two numbers is the month. */
  order: 'mdy' | 'dmy' | null;
  /** Human-readable, e.g. 'D/M/YYYY', 'Mon D, YYYY', 'YYYY-MM-DD HH:MM'. */
  label: string;
  /** No value told month from day; `order` is a guess from the regularity of the dates (or the locale). */
  ambiguous: boolean;
  withTime: boolean;
  withSeconds: boolean;
}

/** Calendar parts of one cell read with a column's format; null when invalid. */
export interface DateParts {
  y: number;
  m: number;
  d: number;
  secs: number;
}

const TIME = String.raw`(?:(?:T|\s+)(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?\s*([AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-]\d{2}(?::?\d{2})?|UTC|GMT)?)?`;
const WEEKDAY = String.raw`(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?`;
const RE_YMD = new RegExp(String.raw`^(\d{4})([-/.])(\d{1,2})\2(\d{1,2})${TIME}$`);
const RE_XXY = new RegExp(String.raw`^(\d{1,2})([-/.])(\d{1,2})\2(\d{4}|\d{2})${TIME}$`);
const RE_YMD8 = /^(\d{4})(\d{2})(\d{2})$/;
const RE_YM = /^(\d{4})([-/])(\d{1,2})$/;
const RE_CJK = new RegExp(String.raw`^(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日?${TIME}$`);
const RE_MON_D_Y = new RegExp(String.raw`^${WEEKDAY}(\p{L}{3,9})\.?\s+(\d{1,2})(?:st|nd|rd|th)?,?\s+(\d{4})${TIME}$`, 'iu');
const RE_D_MON_Y = new RegExp(String.raw`^${WEEKDAY}(\d{1,2})\.?[\s-]+(\p{L}{3,9})\.?[\s,-]+(\d{4}|\d{2})${TIME}$`, 'iu');
const RE_EPOCH = /^(?:\d{10}|\d{13})$/;

const MONTHS: Record<string, number> = {};
(
  [
    [1, 'jan january januar janv janvier jän jänner ene enero gen gennaio'],
    [2, 'feb february februar févr fevr fév février fevrier febrero febbraio'],
    [3, 'mar march märz maerz mär mrz mars marzo'],
    [4, 'apr april avr avril abr abril aprile'],
    [5, 'may mai mayo mag maggio'],
    [6, 'jun june juni juin junio giu giugno'],
    [7, 'jul july juli juil juillet julio lug luglio'],
    [8, 'aug august août aout ago agosto'],
    [9, 'sep sept september septembre set septiembre settembre'],
    [10, 'oct october okt oktober octobre octubre ott ottobre'],
    [11, 'nov november novembre noviembre'],
    [12, 'dec december dez dezember déc decembre décembre dic diciembre dicembre'],
  ] as const
).forEach(([m, names]) => names.split(' ').forEach((n) => (MONTHS[n] = m)));

/** Header words that mark a date or time column. */
export const DATE_HEADER = /date|time|datum|zeit|day|period|timestamp|fecha|data|jour|дата|日期|时间|時間|交易日|日付|年月日/i;

function expandYear(y: number, digits: number): number {
  // POSIX strptime %y: 69–99 → 19xx, 00–68 → 20xx.
  if (digits > 2) return y;
  return y >= 69 ? 1900 + y : 2000 + y;
}

function timeOf(m: RegExpExecArray, i: number): { secs: number; hasTime: boolean } | null {
  if (m[i] === undefined) return { secs: 0, hasTime: false };
  let hh = Number(m[i]);
  const mm = Number(m[i + 1]);
  const ss = m[i + 2] === undefined ? 0 : Number(m[i + 2]);
  const ampm = m[i + 3];
  if (ampm !== undefined) {
    if (hh < 1 || hh > 12) return null;
    const pm = ampm[0] === 'p' || ampm[0] === 'P';
    hh = (hh % 12) + (pm ? 12 : 0);
  }
  if (hh > 23 || mm > 59 || ss > 60) return null;
  return { secs: hh * 3600 + mm * 60 + Math.min(ss, 59), hasTime: true };
}

function raw(shape: DateShape, sep: string, a: number, b: number, c: number, shortYear: boolean, t: { secs: number; hasTime: boolean }): RawDate {
  return { shape, sep, a, b, c, shortYear, secs: t.secs, hasTime: t.hasTime };
}

const NO_TIME = { secs: 0, hasTime: false };

/** The decimal number in s[from, to), or −1 when a character is not a digit. */
function digits(s: string, from: number, to: number): number {
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}

/** "3 Jan 2020" (RE_D_MON_Y, with or without a weekday in front); null for an unknown month name. */
function dayMonthYear(m: RegExpExecArray): RawDate | null {
  const month = MONTHS[m[2].toLowerCase()];
  const t = timeOf(m, 4);
  if (month === undefined || !t) return null;
  return raw('d-mon-y', ' ', Number(m[1]), month, expandYear(Number(m[3]), m[3].length), m[3].length === 2, t);
}

/**
 * Recognises the shape of one trimmed cell (no month/day order decided yet).
 * Returns null for anything that is not a date.
 */
export function classifyDate(s: string): RawDate | null {
  const len = s.length;
  if (len < 6 || len > 40) return null;
  const c0 = s.charCodeAt(0);
  const digitFirst = c0 >= 48 && c0 <= 57;
  let m: RegExpExecArray | null;
  if (digitFirst && len === 10 && s.charCodeAt(4) === 45 && s.charCodeAt(7) === 45) {
    // Plain ISO date, the common case: read the digits without a regular expression.
    const y = digits(s, 0, 4);
    const mo = digits(s, 5, 7);
    const d = digits(s, 8, 10);
    if (y >= 0 && mo >= 0 && d >= 0) return raw('ymd', '-', y, mo, d, false, NO_TIME);
  }
  if (digitFirst) {
    if ((m = RE_YMD.exec(s))) {
      const t = timeOf(m, 5);
      return t && raw('ymd', m[2], Number(m[1]), Number(m[3]), Number(m[4]), false, t);
    }
    if ((m = RE_XXY.exec(s))) {
      const t = timeOf(m, 5);
      return t && raw('xxy', m[2], Number(m[1]), Number(m[3]), expandYear(Number(m[4]), m[4].length), m[4].length === 2, t);
    }
    if ((m = RE_YMD8.exec(s))) return raw('ymd8', '', Number(m[1]), Number(m[2]), Number(m[3]), false, NO_TIME);
    if ((m = RE_YM.exec(s))) return raw('ym', m[2], Number(m[1]), Number(m[3]), 1, false, { secs: 0, hasTime: false });
    if ((m = RE_CJK.exec(s))) {
      const t = timeOf(m, 4);
      return t && raw('cjk', '', Number(m[1]), Number(m[2]), Number(m[3]), false, t);
    }
    if (RE_EPOCH.test(s)) {
      const secs = len === 13 ? Number(s) / 1000 : Number(s);
      return raw('epoch', len === 13 ? 'ms' : 's', secs, 0, 0, false, { secs: 0, hasTime: false });
    }
    if ((m = RE_D_MON_Y.exec(s))) return dayMonthYear(m);
    return null;
  }
  if ((m = RE_MON_D_Y.exec(s))) {
    const month = MONTHS[m[1].toLowerCase()];
    const t = timeOf(m, 4);
    if (month === undefined || !t) return null;
    return raw('mon-d-y', ' ', month, Number(m[2]), Number(m[3]), false, t);
  }
  if ((m = RE_D_MON_Y.exec(s))) return dayMonthYear(m);
  return null;
}

/** Groups cells that belong to one format family (shape and separator). */
export function shapeKey(r: RawDate): string {
  return r.shape + r.sep;
}

export function daysInMonth(y: number, m: number): number {
  if (m === 2) return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0 ? 29 : 28;
  return m === 4 || m === 6 || m === 9 || m === 11 ? 30 : 31;
}

/** Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's algorithm). */
export function daysFromCivil(y0: number, m: number, d: number): number {
  const y = m <= 2 ? y0 - 1 : y0;
  const era = Math.floor(y / 400);
  const yoe = y - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(days: number): [number, number, number] {
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const d = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const m = mp + (mp < 10 ? 3 : -9);
  return [yoe + era * 400 + (m <= 2 ? 1 : 0), m, d];
}

function valid(y: number, m: number, d: number): boolean {
  return y >= 1000 && y <= 9999 && m >= 1 && m <= 12 && d >= 1 && d <= daysInMonth(y, m);
}

/** Reads one classified cell with the column's format; null when it does not fit. */
export function toParts(r: RawDate, f: DateFormat): DateParts | null {
  if (r.shape !== f.shape || r.sep !== f.sep) return null;
  let y: number;
  let m: number;
  let d: number;
  switch (r.shape) {
    case 'epoch': {
      const whole = Math.floor(r.a);
      const days = Math.floor(whole / 86400);
      const [yy, mm, dd] = civilFromDays(days);
      return valid(yy, mm, dd) ? { y: yy, m: mm, d: dd, secs: whole - days * 86400 } : null;
    }
    case 'xxy':
      m = f.order === 'dmy' ? r.b : r.a;
      d = f.order === 'dmy' ? r.a : r.b;
      y = r.c;
      break;
    case 'mon-d-y':
      m = r.a;
      d = r.b;
      y = r.c;
      break;
    case 'd-mon-y':
      d = r.a;
      m = r.b;
      y = r.c;
      break;
    default:
      y = r.a;
      m = r.b;
      d = r.c;
  }
  return valid(y, m, d) ? { y, m, d, secs: r.secs } : null;
}

function labelOf(f: Omit<DateFormat, 'label'>, shortYear: boolean): string {
  const year = shortYear ? 'YY' : 'YYYY';
  let base: string;
  switch (f.shape) {
    case 'ymd':
      base = f.sep === '/' ? 'YYYY/M/D' : `YYYY${f.sep}MM${f.sep}DD`;
      break;
    case 'xxy':
      base = f.order === 'dmy' ? `D${f.sep}M${f.sep}${year}` : `M${f.sep}D${f.sep}${year}`;
      break;
    case 'ymd8':
      base = 'YYYYMMDD';
      break;
    case 'ym':
      base = `YYYY${f.sep}MM`;
      break;
    case 'mon-d-y':
      base = 'Mon D, YYYY';
      break;
    case 'd-mon-y':
      base = `D Mon ${year}`;
      break;
    case 'cjk':
      base = 'YYYY年M月D日';
      break;
    default:
      base = f.sep === 'ms' ? 'Unix time (ms)' : 'Unix time (s)';
  }
  if (f.withTime) base += f.withSeconds ? ' HH:MM:SS' : ' HH:MM';
  return base;
}

/**
 * Decides a column's format from its classified cells (all of one shape key;
 * others are ignored). For D/M vs M/D a value above 12 settles it; when none
 * does, the order under which the dates step more regularly wins, and
 * failing that `dayFirstByDefault` (European files: ';' or decimal commas, or
 * '.' separators). Times are kept only when some cell has a time that is not
 * midnight.
 */
export function decideDateFormat(raws: readonly (RawDate | null)[], key: string, dayFirstByDefault: boolean): DateFormat {
  let first: RawDate | null = null;
  let aOver = false;
  let bOver = false;
  let anyTime = false;
  let anySeconds = false;
  let shortYear = false;
  for (const r of raws) {
    if (r === null || shapeKey(r) !== key) continue;
    first ??= r;
    if (r.a > 12) aOver = true;
    if (r.b > 12) bOver = true;
    if (r.shortYear) shortYear = true;
    const secs = r.shape === 'epoch' ? Math.floor(r.a) % 86400 : r.secs;
    if (secs !== 0) {
      anyTime = true;
      if (secs % 60 !== 0) anySeconds = true;
    }
  }
  const shape = (first?.shape ?? 'ymd') as DateShape;
  const sep = first?.sep ?? '-';
  let order: 'mdy' | 'dmy' | null = null;
  let ambiguous = false;
  if (shape === 'xxy') {
    if (aOver && !bOver) order = 'dmy';
    else if (bOver && !aOver) order = 'mdy';
    else if (aOver && bOver) order = countValid(raws, key, 'dmy') > countValid(raws, key, 'mdy') ? 'dmy' : 'mdy';
    else {
      ambiguous = true;
      const dm = regularSteps(raws, key, 'dmy');
      const md = regularSteps(raws, key, 'mdy');
      order = dm > md ? 'dmy' : md > dm ? 'mdy' : dayFirstByDefault || sep === '.' ? 'dmy' : 'mdy';
    }
  }
  const partial = { shape, sep, order, ambiguous, withTime: anyTime, withSeconds: anySeconds };
  return { ...partial, label: labelOf(partial, shortYear) };
}

function countValid(raws: readonly (RawDate | null)[], key: string, order: 'mdy' | 'dmy'): number {
  let n = 0;
  for (const r of raws) {
    if (r === null || shapeKey(r) !== key) continue;
    const [m, d] = order === 'dmy' ? [r.b, r.a] : [r.a, r.b];
    if (valid(r.c, m, d)) n++;
  }
  return n;
}

/**
 * How regular the dates are when read in `order`: the number of consecutive
 * steps that go the majority way and lie within a factor of 4 of the median
 * step. The wrong reading of a monthly US file (1/1, 2/1, 3/1 …) jumps a year
 * back after eleven one-day steps; the right one steps a month at a time.
 */
function regularSteps(raws: readonly (RawDate | null)[], key: string, order: 'mdy' | 'dmy'): number {
  const steps: number[] = [];
  let prev: number | null = null;
  for (const r of raws) {
    if (r === null || shapeKey(r) !== key) continue;
    const [m, d] = order === 'dmy' ? [r.b, r.a] : [r.a, r.b];
    if (!valid(r.c, m, d)) continue;
    const day = daysFromCivil(r.c, m, d);
    if (prev !== null && day !== prev) steps.push(day - prev);
    prev = day;
  }
  if (steps.length === 0) return 0;
  const up = steps.filter((x) => x > 0).length;
  const sign = up * 2 >= steps.length ? 1 : -1;
  const sizes = steps.map(Math.abs).sort((x, y) => x - y);
  const median = sizes[sizes.length >> 1];
  return steps.filter((x) => Math.sign(x) === sign && Math.abs(x) >= median / 4 && Math.abs(x) <= median * 4).length;
}

function pad2(n: number): string {
  return n < 10 ? '0' + n : String(n);
}

/** ISO text: YYYY-MM-DD, with THH:MM(:SS) when the column's times matter. */
export function isoOf(p: DateParts, f: DateFormat): string {
  let s = `${p.y}-${pad2(p.m)}-${pad2(p.d)}`;
  if (f.withTime) {
    const hh = Math.floor(p.secs / 3600);
    const mm = Math.floor((p.secs % 3600) / 60);
    s += `T${pad2(hh)}:${pad2(mm)}`;
    if (f.withSeconds) s += ':' + pad2(p.secs % 60);
  }
  return s;
}

/** A number that sorts chronologically. */
export function sortKey(p: DateParts): number {
  return daysFromCivil(p.y, p.m, p.d) * 86400 + p.secs;
}
