// Numbers as spreadsheets and brokers export them: thousands separators,
// decimal commas, currency signs, K/M/B (and 万/亿) suffixes, percentages,
// accounting negatives. Missing markers (null, NaN, -, empty …) are not numbers.

/** The character that separates the integer part from the fraction. */
export type DecimalMark = '.' | ',';

const MISSING = new Set([
  '', 'null', 'nan', 'na', 'n/a', '#n/a', 'n.a.', '-', '--', '---', '—', '–', 'none', 'nil',
  'undefined', '#value!', '#div/0!', '#ref!', '#num!', '.', '?', '/',
]);

/** True for a cell that means "no value" (the cell is already trimmed). */
export function isMissing(s: string): boolean {
  if (s.length === 0) return true;
  if (s.length > 9) return false;
  return MISSING.has(s.toLowerCase());
}

// A number in plain programming notation: the common case, parsed without further work.
const PLAIN = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
const PLAIN_INTEGER = /^[+-]?\d+$/;

// Integer part with optional grouping (3-digit groups, or the Indian 2-digit ones
// before the last 3), then an optional fraction. Group characters: the other mark,
// spaces (plain, no-break, narrow no-break, thin) and apostrophes (Swiss).
const GROUPED_POINT = /^(?:\d+|\d{1,3}(?:[,\s'’\u00a0\u202f\u2009](?:\d{2}|\d{3}))*[,\s'’\u00a0\u202f\u2009]\d{3})(?:\.\d*)?$|^\.\d+$/;
const GROUPED_COMMA = /^(?:\d+|\d{1,3}(?:[.\s'’\u00a0\u202f\u2009]\d{3})+)(?:,\d*)?$|^,\d+$/;
const GROUP_CHARS_POINT = /[,\s'’\u00a0\u202f\u2009]/g;
const GROUP_CHARS_COMMA = /[.\s'’\u00a0\u202f\u2009]/g;

const CURRENCY_SYMBOLS = '$€£¥￥₹₩₽₺₫฿₪₴₦元円';
const CURRENCY_CODE = /^(?:USD|EUR|GBP|JPY|CNY|RMB|HKD|CHF|CAD|AUD|SEK|NOK|DKK|INR|KRW|BRL|RUB|TRY|ZAR|SGD|US\$|HK\$|R\$|C\$|A\$)\s*|\s*(?:USD|EUR|GBP|JPY|CNY|RMB|HKD|CHF|CAD|AUD|SEK|NOK|DKK|INR|KRW|BRL|RUB|TRY|ZAR|SGD)$/;

const SUFFIX: Record<string, number> = {
  k: 1e3, K: 1e3, m: 1e6, M: 1e6, b: 1e9, B: 1e9, t: 1e12, T: 1e12,
  '万': 1e4, '亿': 1e8, '千': 1e3, '%': 1, '‰': 1,
};

function isSign(c: string): boolean {
  return c === '-' || c === '+' || c === '−' || c === '–';
}

/**
 * Parses one trimmed cell; NaN when it is missing or not a number.
 * Percentages keep their percent units ("0.56%" → 0.56).
 */
export function parseNumber(s: string, mark: DecimalMark): number {
  if (mark === '.' && s.length > 0) {
    // Fast path: JavaScript's own number syntax, minus what it accepts that
    // spreadsheets never mean (0x/0b/0o prefixes; Infinity is caught below).
    const fast = +s;
    if (fast === fast && (s.length < 2 || s.charCodeAt(1) < 65)) return Number.isFinite(fast) ? fast : NaN;
  }
  let v: number;
  if (mark === '.' ? PLAIN.test(s) : PLAIN_INTEGER.test(s)) v = Number(s);
  else if (isMissing(s)) return NaN;
  else v = parseDecorated(s, mark);
  return Number.isFinite(v) ? v : NaN;
}

function parseDecorated(input: string, mark: DecimalMark): number {
  let s = input;
  let negative = false;
  if (s.length > 2 && s[0] === '(' && s[s.length - 1] === ')') {
    negative = true;
    s = s.slice(1, -1).trim();
  }
  // Signs and currency may come in either order: "-$1.20", "$-1.20", "€ -3,5".
  let signed = false;
  for (let pass = 0; pass < 2; pass++) {
    if (!signed && s.length > 0 && isSign(s[0])) {
      signed = true;
      if (s[0] !== '+') negative = !negative;
      s = s.slice(1).trim();
    }
    s = stripCurrency(s);
  }
  if (!signed && s.length > 1 && isSign(s[s.length - 1])) {
    // Trailing minus, as some ledgers write it: "12.5-".
    if (s[s.length - 1] !== '+') negative = !negative;
    s = s.slice(0, -1).trim();
  }
  let scale = 1;
  if (s.length > 1) {
    if (s.endsWith('万亿')) {
      scale = 1e12;
      s = s.slice(0, -2).trim();
    } else {
      const mult = SUFFIX[s[s.length - 1]];
      if (mult !== undefined && /[\d.,\s]/.test(s[s.length - 2])) {
        scale = mult;
        s = stripCurrency(s.slice(0, -1).trim());
      }
    }
  }
  const value = parseCore(s, mark);
  if (Number.isNaN(value)) return NaN;
  const scaled = value * scale;
  return negative ? -scaled : scaled;
}

function stripCurrency(input: string): string {
  let s = input;
  while (s.length > 0 && CURRENCY_SYMBOLS.includes(s[0])) s = s.slice(1).trim();
  while (s.length > 0 && CURRENCY_SYMBOLS.includes(s[s.length - 1])) s = s.slice(0, -1).trim();
  return s.replace(CURRENCY_CODE, '');
}

function parseCore(s: string, mark: DecimalMark): number {
  if (s.length === 0) return NaN;
  if (mark === '.') {
    if (PLAIN.test(s)) return Number(s);
    if (!GROUPED_POINT.test(s)) return NaN;
    return Number(s.replace(GROUP_CHARS_POINT, ''));
  }
  if (PLAIN_INTEGER.test(s) || /^\d+[eE][+-]?\d+$/.test(s)) return Number(s);
  if (!GROUPED_COMMA.test(s)) return NaN;
  return Number(s.replace(GROUP_CHARS_COMMA, '').replace(',', '.'));
}

/**
 * Decides the decimal mark from sample cells: a cell that reads as a number
 * under only one convention is a vote for it ("1.500,45" → comma, "1,243.72"
 * → point, "12,5" → comma); "1.234" reads both ways and does not vote.
 * Ties go to the point, or to the comma when `tieGoesToComma` (';'-separated files).
 */
export function decideDecimalMark(cells: Iterable<string>, tieGoesToComma = false): { mark: DecimalMark; pointVotes: number; commaVotes: number } {
  let pointVotes = 0;
  let commaVotes = 0;
  for (const c of cells) {
    if (isMissing(c)) continue;
    if (!c.includes(',') && !c.includes('.')) continue;
    const p = !Number.isNaN(parseNumber(c, '.'));
    const q = !Number.isNaN(parseNumber(c, ','));
    if (p && !q) pointVotes++;
    else if (q && !p) commaVotes++;
  }
  const mark = commaVotes > pointVotes || (tieGoesToComma && commaVotes === pointVotes) ? ',' : '.';
  return { mark, pointVotes, commaVotes };
}
