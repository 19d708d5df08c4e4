// One small inline file per family the parser must handle.
import { describe, expect, it } from 'vitest';
import { MAX_CSV_BYTES, parseCsv, type Table } from './csv.ts';

const utf8 = (s: string) => new TextEncoder().encode(s);

function table(input: string | Uint8Array): Table {
  const r = parseCsv(typeof input === 'string' ? utf8(input) : input);
  if (!r.ok) throw new Error(`expected a table, got ${JSON.stringify(r.error)}`);
  return r.table;
}

function error(input: string | Uint8Array): string {
  const r = parseCsv(typeof input === 'string' ? utf8(input) : input);
  return r.ok ? 'ok' : r.error.kind;
}

const col = (t: Table, name: string) => Array.from(t.values[name]);

describe('dates', () => {
  it('ISO, with times kept only when they matter', () => {
    const t = table('Date,Close\n2024-01-02 09:30,10\n2024-01-02 09:31:00,11\n2024-01-02T09:32Z,12\n');
    expect(t.dates).toEqual(['2024-01-02T09:30', '2024-01-02T09:31', '2024-01-02T09:32']);
    expect(t.dateFormat).toBe('YYYY-MM-DD HH:MM');
    const midnight = table('Date,Close\n2024-01-02 00:00:00,10\n2024-01-03 00:00:00,11\n');
    expect(midnight.dates).toEqual(['2024-01-02', '2024-01-03']);
    const seconds = table('time,price\n2024-01-02 09:30:15,1\n2024-01-02 09:30:16,2\n');
    expect(seconds.dates?.[1]).toBe('2024-01-02T09:30:16');
  });

  it('YYYY/M/D, YYYYMMDD, YYYY年M月D日', () => {
    expect(table('date,close\n2023/1/3,1\n2023/1/14,2\n').dates).toEqual(['2023-01-03', '2023-01-14']);
    const compact = table('trade_date,close,vol\n20230103,1,20230105\n20230104,2,20230106\n');
    expect(compact.dateFormat).toBe('YYYYMMDD');
    expect(compact.dates).toEqual(['2023-01-03', '2023-01-04']);
    expect(compact.columns).toEqual(['close', 'vol']);
    expect(table('日期,收盘价\n2023年1月3日,1\n2023年1月4日,2\n').dates).toEqual(['2023-01-03', '2023-01-04']);
  });

  it('M/D/YYYY vs D/M/YYYY decided by a value above 12', () => {
    const us = table('date,close\n6/1/2021,1\n6/14/2021,2\n');
    expect([us.dateFormat, us.ambiguousDates, us.dates?.[1]]).toEqual(['M/D/YYYY', false, '2021-06-14']);
    const eu = table('date,close\n01/06/2021,1\n14/06/2021,2\n');
    expect([eu.dateFormat, eu.ambiguousDates, eu.dates?.[1]]).toEqual(['D/M/YYYY', false, '2021-06-14']);
  });

  it('ambiguous D/M vs M/D: flagged, and read the way the dates step regularly', () => {
    // Monthly, first of the month: read D/M it would be 1–12 January then a year's jump.
    const monthly = Array.from({ length: 24 }, (_, i) => `${(i % 12) + 1}/1/${2020 + Math.floor(i / 12)},${i + 1}`).join('\n');
    const t = table(`date,close\n${monthly}\n`);
    expect([t.dateFormat, t.ambiguousDates]).toEqual(['M/D/YYYY', true]);
    expect(t.dates?.slice(0, 2)).toEqual(['2020-01-01', '2020-02-01']);
    // Nothing to go by: the locale decides (';' files are European).
    const few = table('date;close\n01/02/2021;1\n02/02/2021;2\n');
    expect([few.dateFormat, few.ambiguousDates, few.dates?.[0]]).toEqual(['D/M/YYYY', true, '2021-02-01']);
    const fewUs = table('date,close\n01/02/2021,1\n02/02/2021,2\n');
    expect([fewUs.dateFormat, fewUs.ambiguousDates, fewUs.dates?.[0]]).toEqual(['M/D/YYYY', true, '2021-01-02']);
  });

  it('D.M.YYYY, two-digit years, Mon DD, YYYY, DD-Mon-YYYY', () => {
    expect(table('Datum;Kurs\n31.12.2021;1\n3.1.2022;2\n').dates).toEqual(['2021-12-31', '2022-01-03']);
    expect(table('date,close\n12/30/99,1\n1/3/00,2\n').dates).toEqual(['1999-12-30', '2000-01-03']);
    const mon = table('Date,Price\n"Dec 30, 2021",1\n"Jan 3, 2022",2\n"Sept 5, 2022",3\n');
    expect([mon.dateFormat, mon.dates]).toEqual(['Mon D, YYYY', ['2021-12-30', '2022-01-03', '2022-09-05']]);
    expect(table('Date,Close\n03-Jan-2023,1\n04-Jan-2023,2\n').dates).toEqual(['2023-01-03', '2023-01-04']);
    expect(table('Date,Close\n3 März 2023,1\n4 Mär 2023,2\n').dates).toEqual(['2023-03-03', '2023-03-04']);
  });

  it('Unix timestamps under a date-like header', () => {
    const t = table('timestamp,close\n1704067200,1\n1704153600,2\n');
    expect(t.dates).toEqual(['2024-01-01', '2024-01-02']);
    const ms = table('open_time,close\n1704067200000,1\n1704067260000,2\n');
    expect(ms.dates).toEqual(['2024-01-01T00:00', '2024-01-01T00:01']);
    // Without such a header, 10-digit numbers are numbers.
    expect(table('id,close\n1704067200,1\n1704153600,2\n').dateColumn).toBeNull();
  });

  it('newest-first files are reversed, shuffled ones sorted, duplicates counted', () => {
    const t = table('Date,Close\n2020-01-03,3\n2020-01-02,2\n2020-01-01,1\n');
    expect([t.reversed, t.dates, col(t, 'Close')]).toEqual([true, ['2020-01-01', '2020-01-02', '2020-01-03'], [1, 2, 3]]);
    const shuffled = table('Date,Close\n2020-01-02,2\n2020-01-01,1\n2020-01-04,4\n2020-01-03,3\n2020-01-05,5\n');
    expect(col(shuffled, 'Close')).toEqual([1, 2, 3, 4, 5]);
    const dup = table('Date,Close\n2020-01-01,1\n2020-01-02,2\n2020-01-02,2.5\n2020-01-03,3\n');
    expect([dup.duplicateDates, dup.rows, col(dup, 'Close')]).toEqual([1, 4, [1, 2, 2.5, 3]]);
  });

  it('rows with a missing or unreadable date are dropped and counted', () => {
    const good = Array.from({ length: 10 }, (_, i) => `2020-01-${String(i + 1).padStart(2, '0')},${i}`).join('\n');
    const t = table(`Date,Close\n${good}\n,2\nnull,3\n2020-13-45,4\nyesterday,5\n`);
    expect(t.rows).toBe(10);
    expect(t.dropReasons).toEqual({ missingDate: 2, missingTarget: 0, ragged: 0, unparsableDate: 2 });
    expect(t.dropped).toBe(4);
  });
});

describe('numbers', () => {
  it('thousands separators, currency signs, K/M/B, percentages, accounting negatives', () => {
    const t = table(
      'Date,Close/Last,Volume,Change %,PnL\n' +
        '2020-01-01,"$1,234.50",1.5K,0.56%,(12.5)\n' +
        '2020-01-02,"$1,240.00",2.00M,-1.2%,-$3\n' +
        '2020-01-03,"1,250",3.1B,+0.1 %,USD 4\n',
    );
    expect(t.target).toBe('Close/Last');
    expect(col(t, 'Close/Last')).toEqual([1234.5, 1240, 1250]);
    expect(col(t, 'Volume')).toEqual([1500, 2_000_000, 3_100_000_000]);
    expect(col(t, 'Change %')).toEqual([0.56, -1.2, 0.1]);
    expect(col(t, 'PnL')).toEqual([-12.5, -3, 4]);
  });

  it('decimal commas with dot or space thousands, 万 and 亿', () => {
    const eu = table('Datum;Schluss;Umsatz\n01.03.2022;1.507,99;1 234,5\n02.03.2022;1.515,14;€ 2.000\n');
    expect(col(eu, 'Schluss')).toEqual([1507.99, 1515.14]);
    expect(col(eu, 'Umsatz')).toEqual([1234.5, 2000]);
    const zh = table('日期,收盘,成交量\n2023-01-03,12.5,1.2万\n2023-01-04,12.6,3亿\n');
    expect(col(zh, '成交量')).toEqual([12000, 300_000_000]);
  });

  it('null, NaN, -, n/a and empty are missing: feature gaps filled forward, leading gaps back-filled', () => {
    const t = table('Date,Close,Volume,Open\n2020-01-01,1,,-\n2020-01-02,2,n/a,5\n2020-01-03,NaN,9,null\n2020-01-04,4,null,7\n2020-01-05,5,11,\n');
    expect(t.rows).toBe(4);
    expect(t.dropReasons.missingTarget).toBe(1);
    expect(col(t, 'Close')).toEqual([1, 2, 4, 5]);
    // Row 2020-01-03 (no Close) is dropped; Volume's only value among the kept rows is 11.
    expect(col(t, 'Volume')).toEqual([11, 11, 11, 11]);
    expect(col(t, 'Open')).toEqual([5, 5, 7, 7]);
  });

  it('codes with leading zeros or an identifier header are text', () => {
    const t = table('日期,代码,收盘\n2023-01-03,000001,12.5\n2023-01-04,000001,12.6\n');
    expect([t.columns, t.textColumns]).toEqual([['收盘'], ['代码']]);
  });
});

describe('structure', () => {
  it('sniffs comma, semicolon, tab and pipe', () => {
    for (const d of [',', ';', '\t', '|']) {
      const t = table(['Date', 'Open', 'Close'].join(d) + '\n' + ['2020-01-01', '1.5', '2'].join(d) + '\n' + ['2020-01-02', '2', '3'].join(d) + '\n');
      expect([t.delimiter, t.columns, t.target]).toEqual([d, ['Open', 'Close'], 'Close']);
    }
    // A single column of decimal-comma numbers is not comma-separated.
    const single = table('Preis\n50,07\n51,20\n');
    expect([single.delimiter === ',', col(single, 'Preis')]).toEqual([false, [50.07, 51.2]]);
  });

  it('quoted fields with delimiters, escaped quotes and line breaks', () => {
    const t = table('Date,Close,Note\n2020-01-01,"1,5","said ""hi"", left"\n2020-01-02,2,"two\nlines"\n');
    expect([t.rows, col(t, 'Close'), t.textColumns]).toEqual([2, [1.5, 2], ['Note']]);
    expect(t.preview[0]).toEqual(['2020-01-01', '1,5', 'said "hi", left']);
  });

  it('CRLF, blank lines and a trailing delimiter', () => {
    const t = table('Date,Close,\r\n\r\n2020-01-01,1,\r\n  \r\n2020-01-02,2,\r\n\r\n\r\n');
    expect([t.rows, t.dropped, t.headers]).toEqual([2, 0, ['Date', 'Close']]);
  });

  it('old-Mac CR and mixed line endings', () => {
    expect(table('Date,Close\r2020-01-01,1\r2020-01-02,2\r').rows).toBe(2);
    const mixed = table('Date,Close\r\n2020-01-01,1\n2020-01-02,2\r\n2020-01-03,3\n');
    expect([mixed.rows, col(mixed, 'Close')]).toEqual([3, [1, 2, 3]]);
  });

  it('ragged rows are dropped and counted', () => {
    const t = table('Date,Close,Volume\n2020-01-01,1,10\n2020-01-02,2\n2020-01-03,3,30,extra\n2020-01-04,4,40\n');
    expect([t.rows, t.dropReasons.ragged, t.dropped]).toEqual([2, 2, 2]);
  });

  it('text columns are listed and excluded from the numeric ones', () => {
    const t = table('symbol\tdate\tclose\tnote\nXYZ\t2020-01-01\t1\tok\nXYZ\t2020-01-02\t2\t\n');
    expect([t.columns, t.textColumns, t.dateColumn]).toEqual([['close'], ['symbol', 'note'], 'date']);
  });

  it('a title line above the header; an Excel sep= line; no header at all', () => {
    const titled = table('Historical prices for XYZ\n\nDate,Close\n2020-01-01,1\n2020-01-02,2\n');
    expect([titled.headers, titled.rows]).toEqual([['Date', 'Close'], 2]);
    const sep = table('sep=;\nDate;Close\n2020-01-01;1,5\n2020-01-02;2\n');
    expect([sep.delimiter, col(sep, 'Close')]).toEqual([';', [1.5, 2]]);
    const bare = table('2020-01-01,10\n2020-01-02,11\n');
    expect([bare.headers, bare.dateColumn, bare.target, bare.rows]).toEqual([['column 1', 'column 2'], 'column 1', 'column 2', 2]);
    const bareText = table('2020-01-01,XYZ,10\n2020-01-02,XYZ,11\n2020-01-03,XYZ,12\n');
    expect([bareText.rows, bareText.textColumns, bareText.target]).toEqual([3, ['column 2'], 'column 3']);
    // A header above rows that share its empty cells is still a header.
    const sparse = table('Date,Close,Note\n2020-01-01,1,\n2020-01-02,2,x\n');
    expect([sparse.headers, sparse.rows]).toEqual([['Date', 'Close', 'Note'], 2]);
  });

  it('default target: close-like, then price-like, never open or previous close, else the first numeric', () => {
    const pick = (h: string) => table(`${h}\n${h.split(',').map((_, i) => i + 1).join(',')}\n${h.split(',').map((_, i) => i + 2).join(',')}\n`).target;
    expect(pick('Open,Adj Close,Close')).toBe('Close');
    expect(pick('Open,Adj Close,Volume')).toBe('Adj Close');
    expect(pick('Eröffnungskurs,Schlusskurs')).toBe('Schlusskurs');
    expect(pick('Prev Close,Last Price')).toBe('Last Price');
    expect(pick('开盘价,昨收盘,收盘价(元)')).toBe('收盘价(元)');
    expect(pick('Open,High,Value')).toBe('Value');
    expect(pick('foo,bar')).toBe('foo');
  });

  it('duplicate and blank header names become distinct', () => {
    const t = table('Date,Close,Close,\n2020-01-01,1,2,3\n2020-01-02,2,3,4\n');
    expect(t.headers).toEqual(['Date', 'Close', 'Close (2)', 'column 4']);
  });
});

describe('encodings', () => {
  it('UTF-8 with a BOM', () => {
    const t = table(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('Datum,Schluss\n2020-01-01,1\n2020-01-02,2\n')]));
    expect([t.encoding, t.headers[0]]).toEqual(['utf-8', 'Datum']);
  });

  it('GBK bytes are read as GB18030', () => {
    // 日期,收盘 in GBK.
    const header = [0xc8, 0xd5, 0xc6, 0xda, 0x2c, 0xca, 0xd5, 0xc5, 0xcc, 0x0a];
    const t = table(new Uint8Array([...header, ...utf8('2023/1/3,12.46\n2023/1/4,12.54\n')]));
    expect([t.encoding, t.dateColumn, t.target]).toEqual(['gb18030', '日期', '收盘']);
  });

  it('single-byte European files are read as Windows-1252', () => {
    // "Eröffnung;Schluß" with ö = 0xF6 and ß = 0xDF.
    const bytes = [...utf8('Datum;Er'), 0xf6, ...utf8('ffnung;Schlu'), 0xdf, ...utf8('\n01.02.2021;1,5;2,5\n02.02.2021;1,6;2,6\n')];
    const t = table(new Uint8Array(bytes));
    expect([t.encoding, t.columns]).toEqual(['windows-1252', ['Eröffnung', 'Schluß']]);
  });

  it('UTF-16 with a BOM (Excel "Unicode text")', () => {
    const s = 'Date\tClose\n2020-01-01\t1\n2020-01-02\t2\n';
    const bytes = new Uint8Array(2 + 2 * s.length);
    bytes[0] = 0xff;
    bytes[1] = 0xfe;
    for (let i = 0; i < s.length; i++) bytes[2 + 2 * i] = s.charCodeAt(i);
    const t = table(bytes);
    expect([t.encoding, t.delimiter, t.rows]).toEqual(['utf-16le', '\t', 2]);
  });
});

describe('errors', () => {
  it('each category', () => {
    expect(error('')).toBe('empty');
    expect(error(' \r\n\n\t\n')).toBe('empty');
    expect(error(new Uint8Array([0xef, 0xbb, 0xbf]))).toBe('empty');
    expect(error(new Uint8Array([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13]))).toBe('not-text');
    const noise = new Uint8Array(4096);
    for (let i = 0; i < noise.length; i++) noise[i] = ((i * 2654435761) >>> 24) | 1;
    expect(error(noise)).toBe('not-text');
    expect(error('Date,Close\n')).toBe('no-rows');
    expect(error('name,city\nalice,paris\nbob,rome\n')).toBe('no-numeric-column');
    expect(error('Date,Close\n2020-01-01,1\n')).toBe('too-few-rows');
    expect(error('Date,Close\n2020-01-01,null\n2020-01-02,null\n2020-01-03,1\n')).toBe('too-few-rows');
    expect(error('Date,Close\n1,2,3\n4,5,6\n')).toBe('too-few-rows');
  });

  it('too-large states the limit; at least 50 MB is allowed', () => {
    expect(MAX_CSV_BYTES).toBeGreaterThanOrEqual(50 * 1024 * 1024);
    const r = parseCsv(utf8('Date,Close\n2020-01-01,1\n2020-01-02,2\n'), { maxBytes: 20 });
    expect(r.ok ? 'ok' : r.error).toMatchObject({ kind: 'too-large', params: { limitBytes: 20 } });
    const over = new Uint8Array(MAX_CSV_BYTES + 1);
    const big = parseCsv(over);
    expect(big.ok ? 'ok' : big.error.kind).toBe('too-large');
    expect(big.ok ? 0 : big.error.params.limit).toBe(MAX_CSV_BYTES / 1024 / 1024);
  });

  it('a 50 MB file loads', () => {
    const line = '2000-01-03,1469.250000,1478.000000,1438.359985,1455.219971,1455.219971,931800000\n';
    const n = Math.ceil((50 * 1024 * 1024) / line.length);
    const bytes = new Uint8Array(n * line.length + 64);
    let off = new TextEncoder().encodeInto('Date,Open,High,Low,Close,Adj Close,Volume\n', bytes).written;
    const row = utf8(line);
    for (let i = 0; i < n; i++, off += row.length) bytes.set(row, off);
    const r = parseCsv(bytes.subarray(0, off));
    expect(r.ok).toBe(true);
    if (r.ok) expect([r.table.rows, r.table.duplicateDates]).toEqual([n, n - 1]);
  });
});

describe('export layouts', () => {
  it('a Tongdaxin-style file: title line, padded tab header, trailer line', () => {
    const t = table('600519 贵州茅台 日线 前复权\n      日期\t    开盘\t    最高\t    最低\t    收盘\t    成交量\n2023/01/03\t1731.00\t1738.43\t1706.01\t1730.01\t2654851\n2023/01/04\t1730.00\t1738.70\t1713.00\t1725.01\t2014441\n数据来源:通达信\n');
    expect([t.headers[0], t.dateColumn, t.target, t.rows, t.dropReasons.ragged]).toEqual(['日期', '日期', '收盘', 2, 1]);
  });

  it('separate Date and Time columns are merged into timestamps', () => {
    const t = table('Date,Time,Open,Close\n2020.01.02,09:00,1.1,1.2\n2020.01.02,09:05,1.2,1.3\n2020.01.03,00:00,1.3,1.4\n');
    expect(t.dates).toEqual(['2020-01-02T09:00', '2020-01-02T09:05', '2020-01-03T00:00']);
    expect([t.duplicateDates, t.columns, t.textColumns]).toEqual([0, ['Open', 'Close'], ['Time']]);
  });

  it('investing.com in German: comma-separated, quoted decimal commas, Zuletzt', () => {
    const t = table('"Datum","Zuletzt","Eröffn.","Hoch","Tief","Vol.","+/- %"\n"29.07.2005","1.243,72","1.236,79","1.245,15","1.235,81","2,00B","0,56%"\n"28.07.2005","1.236,79","1.231,16","1.237,64","1.230,15","1,95B","-0,46%"\n');
    expect([t.target, t.reversed, t.dates?.[0]]).toEqual(['Zuletzt', true, '2005-07-28']);
    expect(col(t, 'Zuletzt')).toEqual([1236.79, 1243.72]);
    expect(col(t, 'Vol.')).toEqual([1.95e9, 2e9]);
    expect(col(t, '+/- %')).toEqual([-0.46, 0.56]);
  });

  it("';' files without other evidence read 1.234 as a thousand and more", () => {
    expect(col(table('Datum;Kurs\n01.03.2022;1.234\n02.03.2022;1.250\n'), 'Kurs')).toEqual([1234, 1250]);
    expect(col(table('Date,Price\n2022-03-01,1.234\n2022-03-02,1.250\n'), 'Price')).toEqual([1.234, 1.25]);
  });
});
