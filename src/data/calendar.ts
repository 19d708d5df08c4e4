// The calendar a dated file follows, inferred from its own dates, and the
// dates of the steps after its last row. Pure: ISO strings in, ISO strings out.
//
// How the spacing is chosen (distinct consecutive dates; duplicates are skipped):
// - the step is the lower median gap. Under a day (the file has times) the
//   step is that many seconds, landing only on times of day the file uses;
// - a step of about a month or more whose calendar-month difference is
//   (by median) m ≥ 1 steps m months, anchored the way the file's days are:
//   the month's last day, its last or first weekday (Mon–Fri), or a fixed day
//   (clamped to the month's length);
// - otherwise the step is a whole number of days;
// - days and intraday steps land only on weekdays the file uses: a weekday
//   is open when it holds at least a fifth as many rows as the busiest one, so
//   a daily file without weekend rows gets no weekend dates (holidays it
//   skipped cannot be known ahead and are not guessed);
// - `fit` is the share of the file's own steps the rule reproduces exactly;
//   below one half the file counts as irregular (the rule still gives dates).
// A file without dates, or with fewer than two distinct ones, counts steps: 1, 2, ….
import { civilFromDays, daysFromCivil, daysInMonth } from './dates.ts';

export type MonthAnchor = { kind: 'end' } | { kind: 'last-weekday' } | { kind: 'first-weekday' } | { kind: 'day'; day: number };

/** `open[w]`: the file has rows on weekday w (0 = Sunday … 6 = Saturday). */
export type CalendarRule =
  | { kind: 'steps' }
  | { kind: 'days'; days: number; open: readonly boolean[] }
  | { kind: 'months'; months: number; anchor: MonthAnchor }
  | { kind: 'seconds'; seconds: number; open: readonly boolean[]; times: readonly number[] };

export type Spacing =
  | 'steps' | 'daily' | 'trading-days' | 'weekly' | 'days' | 'monthly' | 'quarterly' | 'yearly' | 'months' | 'intraday' | 'irregular';

export interface Calendar {
  rule: CalendarRule;
  spacing: Spacing;
  /** Share of the file's steps (consecutive distinct dates) the rule reproduces; 1 without dates. */
  fit: number;
  /** Dates are written with a time (and seconds). */
  withTime: boolean;
  withSeconds: boolean;
}

export const DAY = 86400;
const OPEN_SHARE = 1 / 5;
const REGULAR_FIT = 0.5;
const STEPS: Calendar = { rule: { kind: 'steps' }, spacing: 'steps', fit: 1, withTime: false, withSeconds: false };

/** Seconds since 1970-01-01 (UTC) of an ISO date, with an optional THH:MM[:SS]; null when it is not one. */
export function isoSeconds(s: string): number | null {
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?)?$/.exec(s);
  if (!m) return null;
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  if (mo < 1 || mo > 12 || d < 1 || d > daysInMonth(y, mo)) return null;
  const tod = m[4] === undefined ? 0 : Number(m[4]) * 3600 + Number(m[5]) * 60 + (m[6] === undefined ? 0 : Number(m[6]));
  return daysFromCivil(y, mo, d) * DAY + tod;
}

function pad2(n: number): string {
  return n < 10 ? `0${n}` : String(n);
}

/** ISO text of a time in seconds, with as much of the time of day as the file writes. */
export function isoOfSeconds(t: number, withTime: boolean, withSeconds: boolean): string {
  const day = Math.floor(t / DAY);
  const tod = t - day * DAY;
  const [y, m, d] = civilFromDays(day);
  let s = `${y}-${pad2(m)}-${pad2(d)}`;
  if (withTime) {
    s += `T${pad2(Math.floor(tod / 3600))}:${pad2(Math.floor((tod % 3600) / 60))}`;
    if (withSeconds) s += `:${pad2(tod % 60)}`;
  }
  return s;
}

/** 0 = Sunday … 6 = Saturday (1970-01-01 was a Thursday). */
export function weekday(day: number): number {
  return (((day + 4) % 7) + 7) % 7;
}

const isWeekday = (day: number) => weekday(day) >= 1 && weekday(day) <= 5;

function lowerMedian(sorted: ArrayLike<number>): number {
  return sorted[(sorted.length - 1) >> 1];
}

/** The last (or first) Monday–Friday of a month, as a day of the month. */
function edgeWeekday(y: number, m: number, last: boolean): number {
  let d = last ? daysInMonth(y, m) : 1;
  while (!isWeekday(daysFromCivil(y, m, d))) d += last ? -1 : 1;
  return d;
}

function anchorDay(a: MonthAnchor, y: number, m: number): number {
  switch (a.kind) {
    case 'end':
      return daysInMonth(y, m);
    case 'last-weekday':
      return edgeWeekday(y, m, true);
    case 'first-weekday':
      return edgeWeekday(y, m, false);
    default:
      return Math.min(a.day, daysInMonth(y, m));
  }
}

/** The anchor most of the file's days follow (four in five), else the last row's day of the month. */
function monthAnchor(days: readonly number[]): MonthAnchor {
  let end = 0;
  let lastWd = 0;
  let firstWd = 0;
  const dayCount = new Map<number, number>();
  for (const day of days) {
    const [y, m, d] = civilFromDays(day);
    if (d === daysInMonth(y, m)) end++;
    if (d === edgeWeekday(y, m, true)) lastWd++;
    if (d === edgeWeekday(y, m, false)) firstWd++;
    dayCount.set(d, (dayCount.get(d) ?? 0) + 1);
  }
  let mode = 1;
  let modeCount = 0;
  for (const [d, c] of dayCount) if (c > modeCount || (c === modeCount && d < mode)) [mode, modeCount] = [d, c];
  const n = days.length;
  const enough = (c: number) => c >= 0.8 * n;
  if (enough(end) && end >= lastWd) return { kind: 'end' };
  if (enough(lastWd)) return { kind: 'last-weekday' };
  if (enough(modeCount)) return { kind: 'day', day: mode };
  if (enough(firstWd)) return { kind: 'first-weekday' };
  return { kind: 'day', day: civilFromDays(days[n - 1])[2] };
}

/** First index in a sorted array whose value is ≥ v (length when none). */
function lowerBound(sorted: readonly number[], v: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    if (sorted[mid] < v) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How far ahead a rule looks for an open weekday before giving up on the weekday pattern. */
const SEARCH_DAYS = 14;

/** The time one step after `t` (seconds since 1970) under a rule; `steps` has no time and throws. */
export function nextTime(rule: CalendarRule, t: number): number {
  const day = Math.floor(t / DAY);
  const tod = t - day * DAY;
  switch (rule.kind) {
    case 'days': {
      for (let k = 0; k < SEARCH_DAYS; k++) if (rule.open[weekday(day + rule.days + k)]) return (day + rule.days + k) * DAY + tod;
      return (day + rule.days) * DAY + tod;
    }
    case 'months': {
      const [y, m] = civilFromDays(day);
      const index = y * 12 + (m - 1) + rule.months;
      const ny = Math.floor(index / 12);
      const nm = (index % 12) + 1;
      return daysFromCivil(ny, nm, anchorDay(rule.anchor, ny, nm)) * DAY + tod;
    }
    case 'seconds': {
      const c = t + rule.seconds;
      const cDay = Math.floor(c / DAY);
      for (let k = 0; k < SEARCH_DAYS; k++) {
        if (!rule.open[weekday(cDay + k)]) continue;
        const i = lowerBound(rule.times, k === 0 ? c - cDay * DAY : 0);
        if (i < rule.times.length) return (cDay + k) * DAY + rule.times[i];
      }
      return c;
    }
    default:
      throw new RangeError('a file without dates has no next date');
  }
}

function openWeekdays(days: readonly number[]): boolean[] {
  const count = new Array<number>(7).fill(0);
  for (const d of days) count[weekday(d)]++;
  const most = Math.max(...count);
  return count.map((c) => c > 0 && c >= OPEN_SHARE * most);
}

function ruleOf(times: readonly number[], gaps: Float64Array): CalendarRule {
  const step = lowerMedian(gaps);
  const days = times.map((t) => Math.floor(t / DAY));
  if (step < DAY) {
    const tods = [...new Set(times.map((t, i) => t - days[i] * DAY))].sort((a, b) => a - b);
    return { kind: 'seconds', seconds: step, open: openWeekdays(days), times: tods };
  }
  const stepDays = Math.round(step / DAY);
  if (stepDays >= 27) {
    const monthSteps = new Float64Array(times.length - 1);
    for (let i = 1; i < times.length; i++) {
      const [y0, m0] = civilFromDays(days[i - 1]);
      const [y1, m1] = civilFromDays(days[i]);
      monthSteps[i - 1] = y1 * 12 + m1 - (y0 * 12 + m0);
    }
    const months = lowerMedian(monthSteps.sort());
    if (months >= 1 && stepDays >= 28 * months - 3 && stepDays <= 31 * months + 3) return { kind: 'months', months, anchor: monthAnchor(days) };
  }
  return { kind: 'days', days: stepDays, open: openWeekdays(days) };
}

function spacingOf(rule: CalendarRule, fit: number): Spacing {
  if (rule.kind === 'steps') return 'steps';
  if (fit < REGULAR_FIT) return 'irregular';
  if (rule.kind === 'seconds') return 'intraday';
  if (rule.kind === 'months') return rule.months === 1 ? 'monthly' : rule.months === 3 ? 'quarterly' : rule.months === 12 ? 'yearly' : 'months';
  if (rule.days === 1) return rule.open.every(Boolean) ? 'daily' : 'trading-days';
  return rule.days === 7 ? 'weekly' : 'days';
}

/** The calendar of a table's dates (ISO, chronological; `Table.dates`), or step counting without them. */
export function inferCalendar(dates: readonly string[] | null): Calendar {
  if (dates === null || dates.length < 2) return STEPS;
  const all: number[] = [];
  let withTime = false;
  let withSeconds = false;
  for (const d of dates) {
    const t = isoSeconds(d);
    if (t === null) return STEPS;
    if (all.length === 0 || t > all[all.length - 1]) all.push(t);
    if (d.length > 10) withTime = true;
    if (d.length > 16) withSeconds = true;
  }
  if (all.length < 2) return STEPS;
  const gaps = new Float64Array(all.length - 1);
  for (let i = 1; i < all.length; i++) gaps[i - 1] = all[i] - all[i - 1];
  const rule = ruleOf(all, gaps.sort());
  let hits = 0;
  for (let i = 1; i < all.length; i++) if (nextTime(rule, all[i - 1]) === all[i]) hits++;
  const fit = hits / (all.length - 1);
  return { rule, spacing: spacingOf(rule, fit), fit, withTime, withSeconds };
}

/**
 * Labels of the K steps after the last row: ISO dates on the calendar after
 * `last` (the table's last date), or '1' … 'K' when the calendar counts steps.
 */
export function nextDates(calendar: Calendar, last: string | null, K: number): string[] {
  if (!Number.isInteger(K) || K < 0) throw new RangeError(`K must be an integer ≥ 0, got ${K}`);
  const t0 = last === null ? null : isoSeconds(last);
  if (calendar.rule.kind === 'steps' || t0 === null) return Array.from({ length: K }, (_, i) => String(i + 1));
  const out: string[] = [];
  let t = t0;
  for (let k = 0; k < K; k++) {
    t = nextTime(calendar.rule, t);
    out.push(isoOfSeconds(t, calendar.withTime, calendar.withSeconds));
  }
  return out;
}

/** The K step labels after a table's last row, on the calendar of its dates. */
export function futureDates(dates: readonly string[] | null, K: number): string[] {
  const calendar = inferCalendar(dates);
  return nextDates(calendar, dates && dates.length > 0 ? dates[dates.length - 1] : null, K);
}
