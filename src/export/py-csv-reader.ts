// The page's CSV rules (src/data: decode.ts, sniff.ts, numbers.ts, dates.ts,
// rows.ts) in Python, for a file whose format the page has already decided
// (encoding, delimiter, header position, decimal mark, date column and
// shape). Only the decisions are taken from the page; every cell is read
// again here. csv-reader.test.ts reads the whole CSV corpus with it and
// compares with parseCsv.
import type { Lang, Text } from '../i18n/lang.ts';
import { pick } from './py-literals.ts';

const TEXT = {
  trim: { zh: 'JavaScript 的 trim() 去掉的空白字符', en: "the whitespace JavaScript's trim() removes" },
  numbers: { zh: '数字：千位分隔符、小数逗号、货币符号、K/M/B 和 万/亿 后缀、会计负数（numbers.ts）', en: 'Numbers: thousands separators, decimal commas, currency signs, K/M/B and 万/亿 suffixes, accounting negatives (numbers.ts)' },
  dates: { zh: '日期：先识别单元格的形状，再按页面为这一列决定的格式读出年月日（dates.ts）', en: "Dates: a cell's shape first, then year, month and day read with the format the page decided for the column (dates.ts)" },
  decode: { zh: '字节 → 文本，用页面识别出的编码（decode.ts）', en: 'Bytes → text, in the encoding the page detected (decode.ts)' },
  readDoc: {
    zh: '按页面的规则读文件：丢掉字段数不对、没有日期或没有目标值的行，按时间排序，缺失值用上一行的值填（开头的用后面第一个值）。',
    en: "Reads the file by the page's rules: drops rows with the wrong number of fields, without a date or without a target value, puts the rows in time order, and fills a gap with the previous row's value (a leading gap with the first value after it).",
  },
} satisfies Record<string, Text>;

const CODE = String.raw`JS_SPACE = " \t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000\ufeff"  # {trim}


def trim(s):
    return s.strip(JS_SPACE)


# {numbers}
MISSING = {"", "null", "nan", "na", "n/a", "#n/a", "n.a.", "-", "--", "---", "—", "–", "none", "nil",
           "undefined", "#value!", "#div/0!", "#ref!", "#num!", ".", "?", "/"}
PLAIN = re.compile(r"[+-]?(?:[0-9]+\.?[0-9]*|\.[0-9]+)(?:[eE][+-]?[0-9]+)?\Z")
PLAIN_INTEGER = re.compile(r"[+-]?[0-9]+\Z")
INTEGER_EXPONENT = re.compile(r"[0-9]+[eE][+-]?[0-9]+\Z")
GROUPED_POINT = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:[,\s'’\u00a0\u202f\u2009](?:[0-9]{2}|[0-9]{3}))*[,\s'’\u00a0\u202f\u2009][0-9]{3})(?:\.[0-9]*)?\Z|\.[0-9]+\Z")
GROUPED_COMMA = re.compile(r"(?:[0-9]+|[0-9]{1,3}(?:[.\s'’\u00a0\u202f\u2009][0-9]{3})+)(?:,[0-9]*)?\Z|,[0-9]+\Z")
GROUP_CHARS_POINT = re.compile(r"[,\s'’\u00a0\u202f\u2009]")
GROUP_CHARS_COMMA = re.compile(r"[.\s'’\u00a0\u202f\u2009]")
CURRENCY_SYMBOLS = "$€£¥￥₹₩₽₺₫฿₪₴₦元円"
CODES = "USD|EUR|GBP|JPY|CNY|RMB|HKD|CHF|CAD|AUD|SEK|NOK|DKK|INR|KRW|BRL|RUB|TRY|ZAR|SGD"
CURRENCY_CODE = re.compile(r"^(?:" + CODES + r"|US\$|HK\$|R\$|C\$|A\$)\s*|\s*(?:" + CODES + r")$")
SUFFIX = {"k": 1e3, "K": 1e3, "m": 1e6, "M": 1e6, "b": 1e9, "B": 1e9, "t": 1e12, "T": 1e12,
          "万": 1e4, "亿": 1e8, "千": 1e3, "%": 1, "‰": 1}


def is_missing(s):
    return len(s) == 0 or (len(s) <= 9 and s.lower() in MISSING)


def strip_currency(s):
    while s and s[0] in CURRENCY_SYMBOLS:
        s = trim(s[1:])
    while s and s[-1] in CURRENCY_SYMBOLS:
        s = trim(s[:-1])
    return CURRENCY_CODE.sub("", s, count=1)


def parse_core(s, mark):
    if not s:
        return math.nan
    if mark == ".":
        if PLAIN.match(s):
            return float(s)
        return float(GROUP_CHARS_POINT.sub("", s)) if GROUPED_POINT.match(s) else math.nan
    if PLAIN_INTEGER.match(s) or INTEGER_EXPONENT.match(s):
        return float(s)
    return float(GROUP_CHARS_COMMA.sub("", s).replace(",", ".", 1)) if GROUPED_COMMA.match(s) else math.nan


def parse_decorated(s, mark):
    negative = False
    if len(s) > 2 and s[0] == "(" and s[-1] == ")":
        negative, s = True, trim(s[1:-1])
    signed = False
    for _ in range(2):
        if not signed and s and s[0] in "-+−–":
            signed = True
            negative = negative != (s[0] != "+")
            s = trim(s[1:])
        s = strip_currency(s)
    if not signed and len(s) > 1 and s[-1] in "-+−–":
        negative = negative != (s[-1] != "+")
        s = trim(s[:-1])
    scale = 1
    if len(s) > 1:
        if s.endswith("万亿"):
            scale, s = 1e12, trim(s[:-2])
        elif s[-1] in SUFFIX and re.match(r"[0-9.,\s]", s[-2]):
            scale, s = SUFFIX[s[-1]], strip_currency(trim(s[:-1]))
    value = parse_core(s, mark) * scale
    return -value if negative else value


def parse_number(s, mark):
    if PLAIN.match(s) if mark == "." else PLAIN_INTEGER.match(s):
        v = float(s)
    elif is_missing(s):
        return math.nan
    else:
        v = parse_decorated(s, mark)
    return v if math.isfinite(v) else math.nan


# {dates}
TIME = r"(?:(?:T|\s+)([0-9]{1,2}):([0-9]{2})(?::([0-9]{2})(?:[.,][0-9]+)?)?\s*([AaPp]\.?[Mm]\.?)?\s*(?:Z|[+-][0-9]{2}(?::?[0-9]{2})?|UTC|GMT)?)?"
WEEKDAY = r"(?:(?:mon|tue|wed|thu|fri|sat|sun)[a-z]*\.?,?\s+)?"
RE_YMD = re.compile(r"([0-9]{4})([-/.])([0-9]{1,2})\2([0-9]{1,2})" + TIME + r"\Z")
RE_XXY = re.compile(r"([0-9]{1,2})([-/.])([0-9]{1,2})\2([0-9]{4}|[0-9]{2})" + TIME + r"\Z")
RE_YMD8 = re.compile(r"([0-9]{4})([0-9]{2})([0-9]{2})\Z")
RE_YM = re.compile(r"([0-9]{4})([-/])([0-9]{1,2})\Z")
RE_CJK = re.compile(r"([0-9]{4})\s*年\s*([0-9]{1,2})\s*月\s*([0-9]{1,2})\s*日?" + TIME + r"\Z")
RE_MON_D_Y = re.compile(WEEKDAY + r"([^\W\d_]{3,9})\.?\s+([0-9]{1,2})(?:st|nd|rd|th)?,?\s+([0-9]{4})" + TIME + r"\Z", re.I)
RE_D_MON_Y = re.compile(WEEKDAY + r"([0-9]{1,2})\.?[\s-]+([^\W\d_]{3,9})\.?[\s,-]+([0-9]{4}|[0-9]{2})" + TIME + r"\Z", re.I)
RE_EPOCH = re.compile(r"(?:[0-9]{10}|[0-9]{13})\Z")
TIME_ONLY = re.compile(r"([0-9]{1,2}):([0-9]{2})(?::([0-9]{2}))?\Z")
MONTHS = {}
for number, names in enumerate([
    "jan january januar janv janvier jän jänner ene enero gen gennaio",
    "feb february februar févr fevr fév février fevrier febrero febbraio",
    "mar march märz maerz mär mrz mars marzo", "apr april avr avril abr abril aprile",
    "may mai mayo mag maggio", "jun june juni juin junio giu giugno", "jul july juli juil juillet julio lug luglio",
    "aug august août aout ago agosto", "sep sept september septembre set septiembre settembre",
    "oct october okt oktober octobre octubre ott ottobre", "nov november novembre noviembre",
    "dec december dez dezember déc decembre décembre dic diciembre dicembre"], start=1):
    for name in names.split():
        MONTHS[name] = number


def expand_year(y, digits):
    return y if digits > 2 else (1900 + y if y >= 69 else 2000 + y)


def time_of(m, i):
    if m.group(i) is None:
        return 0, False
    hh, mm, ss = int(m.group(i)), int(m.group(i + 1)), int(m.group(i + 2) or 0)
    ampm = m.group(i + 3)
    if ampm is not None:
        if hh < 1 or hh > 12:
            return None
        hh = hh % 12 + (12 if ampm[0] in "pP" else 0)
    if hh > 23 or mm > 59 or ss > 60:
        return None
    return hh * 3600 + mm * 60 + min(ss, 59), True


def raw_date(shape, sep, a, b, c, t):
    return None if t is None else {"shape": shape, "sep": sep, "a": a, "b": b, "c": c, "secs": t[0], "has_time": t[1]}


def classify_date(s):
    if len(s) < 6 or len(s) > 40:
        return None
    if s[0] in "0123456789":
        m = RE_YMD.match(s)
        if m:
            return raw_date("ymd", m.group(2), int(m.group(1)), int(m.group(3)), int(m.group(4)), time_of(m, 5))
        m = RE_XXY.match(s)
        if m:
            year = expand_year(int(m.group(4)), len(m.group(4)))
            return raw_date("xxy", m.group(2), int(m.group(1)), int(m.group(3)), year, time_of(m, 5))
        m = RE_YMD8.match(s)
        if m:
            return raw_date("ymd8", "", int(m.group(1)), int(m.group(2)), int(m.group(3)), (0, False))
        m = RE_YM.match(s)
        if m:
            return raw_date("ym", m.group(2), int(m.group(1)), int(m.group(3)), 1, (0, False))
        m = RE_CJK.match(s)
        if m:
            return raw_date("cjk", "", int(m.group(1)), int(m.group(2)), int(m.group(3)), time_of(m, 4))
        if RE_EPOCH.match(s):
            return raw_date("epoch", "ms" if len(s) == 13 else "s", int(s) / 1000 if len(s) == 13 else int(s), 0, 0, (0, False))
    else:
        m = RE_MON_D_Y.match(s)
        if m:
            month = MONTHS.get(m.group(1).lower())
            return None if month is None else raw_date("mon-d-y", " ", month, int(m.group(2)), int(m.group(3)), time_of(m, 4))
    m = RE_D_MON_Y.match(s)
    if m:
        month = MONTHS.get(m.group(2).lower())
        year = expand_year(int(m.group(3)), len(m.group(3)))
        return None if month is None else raw_date("d-mon-y", " ", int(m.group(1)), month, year, time_of(m, 4))
    return None


def days_from_civil(y, m, d):
    y = y - 1 if m <= 2 else y
    era = y // 400
    yoe = y - era * 400
    doy = (153 * (m + (-3 if m > 2 else 9)) + 2) // 5 + d - 1
    return era * 146097 + yoe * 365 + yoe // 4 - yoe // 100 + doy - 719468


def civil_from_days(days):
    z = days + 719468
    era = z // 146097
    doe = z - era * 146097
    yoe = (doe - doe // 1460 + doe // 36524 - doe // 146096) // 365
    doy = doe - (365 * yoe + yoe // 4 - yoe // 100)
    mp = (5 * doy + 2) // 153
    d = doy - (153 * mp + 2) // 5 + 1
    m = mp + (3 if mp < 10 else -9)
    return yoe + era * 400 + (1 if m <= 2 else 0), m, d


def valid_date(y, m, d):
    if not (1000 <= y <= 9999 and 1 <= m <= 12 and d >= 1):
        return False
    leap = (y % 4 == 0 and y % 100 != 0) or y % 400 == 0
    return d <= (29 if leap else 28) if m == 2 else d <= (30 if m in (4, 6, 9, 11) else 31)


def date_key(r, fmt):
    """Seconds since 1970 of a classified cell read with the column's format; None when it does not fit."""
    if r is None or r["shape"] != fmt["shape"] or r["sep"] != fmt["sep"]:
        return None
    a, b, c = r["a"], r["b"], r["c"]
    if r["shape"] == "epoch":
        whole = math.floor(a)
        days = whole // 86400
        if not valid_date(*civil_from_days(days)):
            return None
        return whole
    if r["shape"] == "xxy":
        y, m, d = (c, b, a) if fmt["order"] == "dmy" else (c, a, b)
    elif r["shape"] == "mon-d-y":
        y, m, d = c, a, b
    elif r["shape"] == "d-mon-y":
        y, m, d = c, b, a
    else:
        y, m, d = a, b, c
    return days_from_civil(y, m, d) * 86400 + r["secs"] if valid_date(y, m, d) else None


def decode_text(data, encoding):
    """{decode}"""
    if encoding == "windows-1252":
        # As browsers decode it: the five bytes cp1252 leaves undefined become U+0081, U+008D, U+008F, U+0090, U+009D.
        codecs.register_error("browser-c1", lambda e: (chr(e.object[e.start]), e.start + 1))
        return data.decode("cp1252", errors="browser-c1")
    codec = {"utf-8": "utf-8-sig", "gb18030": "gb18030", "utf-16le": "utf-16-le", "utf-16be": "utf-16-be"}[encoding]
    text = data.decode(codec, errors="replace")
    return text[1:] if text.startswith("\ufeff") and encoding.startswith("utf-16") else text


def read_price_csv(path, fmt, names):
    """{readDoc}"""
    with open(path, "rb") as f:
        text = decode_text(f.read(), fmt["encoding"])
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if fmt["sep_line"]:
        text = re.sub(r"^\ufeff?sep=.\n", "", text, count=1, flags=re.I)
    rows = [row for row in csv.reader(io.StringIO(text, newline=""), delimiter=fmt["delimiter"], quotechar='"')
            if trim("".join(row)) != ""]
    width, mark, date = fmt["width"], fmt["decimal_mark"], fmt["date"]
    kept, keys = [], []
    for row in rows[fmt["start"]:]:
        if len(row) < width or any(trim(cell) != "" for cell in row[width:]):
            continue
        if date is not None:
            cell = trim(row[date["index"]])
            raw = None if is_missing(cell) else classify_date(cell)
            if raw is not None and not raw["has_time"] and date["time_index"] is not None:
                t = TIME_ONLY.match(trim(row[date["time_index"]]))
                if t and int(t.group(1)) < 24 and int(t.group(2)) < 60 and int(t.group(3) or 0) < 60:
                    raw["secs"] = int(t.group(1)) * 3600 + int(t.group(2)) * 60 + int(t.group(3) or 0)
            key = date_key(raw, date)
            if key is None:
                continue
            keys.append(key)
        if math.isnan(parse_number(trim(row[fmt["required"]]), mark)):
            if date is not None:
                keys.pop()
            continue
        kept.append(row)
    order = list(range(len(kept)))
    if date is not None:
        up = sum(1 for i in range(1, len(keys)) if keys[i] > keys[i - 1])
        down = sum(1 for i in range(1, len(keys)) if keys[i] < keys[i - 1])
        if down > up:
            order.reverse()
        if any(keys[order[i]] < keys[order[i - 1]] for i in range(1, len(order))):
            order = sorted(order, key=lambda i: keys[i])
    columns = {}
    for name in names:
        j = fmt["columns"][name]
        values = np.array([parse_number(trim(kept[i][j]), mark) for i in order], dtype=np.float64)
        seen = np.flatnonzero(~np.isnan(values))
        if len(seen) == 0:
            raise ValueError("column {} has no numbers".format(name))
        for i in range(len(values)):
            if math.isnan(values[i]):
                values[i] = values[i - 1] if i > seen[0] else values[seen[0]]
        columns[name] = values
    return columns`;

/** The reader, with its comments in the reader's language. */
export function csvReaderCode(lang: Lang): string {
  const t = pick(TEXT, lang);
  return CODE.replace(/\{(trim|numbers|dates|decode|readDoc)\}/g, (_, k: keyof typeof t) => t[k]);
}
