// Section 2 of the experiment: the rows. Embedded as text (one line per
// row, date first when there is one), or — for files above EMBED_LIMIT —
// read back from the reader's own file with the page's rules for its format
// (py-csv-reader.ts) and checked against the rows the page used.
import { format, type Lang, type Text } from '../i18n/lang.ts';
import { csvReaderCode } from './py-csv-reader.ts';
import { pick, pyList, pyNum, pyStr, pyStrList } from './py-literals.ts';
import { EMBED_LIMIT, type CsvReadSpec, type RunRecord } from './run-record.ts';
import type { Section } from './section.ts';

const TEXT = {
  title: { zh: '2. 数据行', en: '2. The rows' },
  embedded: {
    zh: '页面训练用的全部 {rows} 行（来源见 SOURCE），从最早到最新，和页面读到的数值一模一样。每行：{layout}。',
    en: 'All {rows} rows the page trained on (from SOURCE), oldest first, exactly as the page read them. Each line: {layout}.',
  },
  layoutDates: { zh: '日期，然后是 COLUMNS 里的各列', en: 'the date, then the COLUMNS in order' },
  layoutPlain: { zh: 'COLUMNS 里的各列', en: 'the COLUMNS in order' },
  fromFile: {
    zh: '页面从你的文件读了 {rows} 行；超过 {limit} 个数值的数据不嵌入脚本。请在命令行上给出同一个文件：它会按页面对这种格式的规则读取（编码、分隔符、小数点、日期、丢弃哪些行、时间顺序、缺失值填充），再与页面用过的行核对。',
    en: 'The page read {rows} rows from your file; data above {limit} numbers is not embedded in the script. Pass the same file on the command line: it is read with the page\'s rules for its format (encoding, delimiter, decimal mark, dates, which rows are dropped, time order, gaps filled) and checked against the rows the page used.',
  },
  columns: { zh: '每行的数值列，按这个顺序', en: 'the values of each row, in this order' },
  loadDoc: { zh: '这次训练用的行，从最早到最新：日期（或 None），以及每列一个 float64 数组。', en: 'The rows the run used, oldest first: their dates (or None) and one float64 array per column.' },
  csvPath: { zh: '默认：当前文件夹里同名的文件', en: "default: the file's name, in the current folder" },
  format: { zh: '页面读这个文件时做出的判断', en: 'what the page decided when it read the file' },
  expected: { zh: '页面用过的行：行数，每列的第一个值、最后一个值和总和', en: 'the rows the page used: how many, and per column the first value, the last and the sum' },
  checkDoc: { zh: '确认读到的行就是页面训练用的那些。', en: 'Make sure the rows read are the ones the page trained on.' },
  mismatchRows: {
    zh: '这个文件给出 {got} 行，而页面用 {source} 的 {want} 行训练。请传入页面读过的那个文件（不要修改）。',
    en: 'This file gives {got} rows, but the page trained on {want} rows of {source}. Pass the file the page read, unchanged.',
  },
  unreadable: {
    zh: '读不了 {path}：{reason}。请给出页面读过的那个文件：python3 unrolled_experiment.py 文件路径.csv',
    en: 'Cannot read {path}: {reason}. Pass the file the page read: python3 unrolled_experiment.py path/to/file.csv',
  },
  mismatchValues: {
    zh: '列 {column} 的数值与页面用过的不同。请传入页面读过的那个文件（不要修改）。',
    en: 'The values of column {column} differ from the ones the page used. Pass the file the page read, unchanged.',
  },
} satisfies Record<string, Text>;
const S = (lang: Lang) => pick(TEXT, lang);

/** One text line per row: `date,v1,v2…` (shortest round-trip decimals). Linear in rows × columns. */
function rowLines(values: Float64Array[], dates: string[] | null): string {
  const n = values.length ? values[0].length : 0;
  const out: string[] = new Array(n);
  for (let i = 0; i < n; i++) {
    let line = dates ? dates[i] : '';
    for (let j = 0; j < values.length; j++) line += (j > 0 || dates ? ',' : '') + String(values[j][i]);
    out[i] = line;
  }
  return out.join('\n');
}

function embeddedRows(r: RunRecord): Section {
  const t = S(r.lang);
  const values = r.data.values!;
  const dates = r.data.dates;
  const text = format(t.embedded, { rows: r.data.fingerprint.rows, layout: dates ? t.layoutDates : t.layoutPlain });
  const skip = dates ? 1 : 0;
  const code = `COLUMNS = ${pyStrList(r.data.columns)}  # ${t.columns}
ROWS = """\\
${rowLines(values, dates)}
"""


def load_rows():
    """${t.loadDoc}"""
    table = [line.split(",") for line in ROWS.splitlines()]
    dates = ${dates ? '[row[0] for row in table]' : 'None'}
    values = np.array([[float(v) for v in row[${skip}:]] for row in table], dtype=np.float64)
    return dates, {name: values[:, j] for j, name in enumerate(COLUMNS)}`;
  return { title: t.title, text, code };
}

/** The page's decisions about a file as a Python dict literal (the reader, read_price_csv, takes it). */
export function csvFormatLiteral(spec: CsvReadSpec, columns: readonly string[]): string {
  const index = (name: string): number => {
    const i = spec.columnIndex[name];
    if (i === undefined) throw new RangeError(`column ${name} is not among the file's numeric columns`);
    return i;
  };
  const date = spec.date
    ? `{"index": ${spec.date.index}, "time_index": ${spec.date.timeIndex ?? 'None'}, "shape": ${pyStr(spec.date.shape)}, "sep": ${pyStr(spec.date.sep)}, "order": ${spec.date.order ? pyStr(spec.date.order) : 'None'}}`
    : 'None';
  return `{
    "encoding": ${pyStr(spec.encoding)},
    "sep_line": ${spec.sepLine ? 'True' : 'False'},
    "delimiter": ${pyStr(spec.delimiter)},
    "start": ${spec.start},
    "width": ${spec.width},
    "decimal_mark": ${pyStr(spec.decimalMark)},
    "date": ${date},
    "required": ${index(spec.requiredColumn)},
    "columns": {${columns.map((c) => `${pyStr(c)}: ${index(c)}`).join(', ')}},
}`;
}

function fileRows(r: RunRecord): Section {
  const t = S(r.lang);
  const spec = r.data.csv!;
  const fp = r.data.fingerprint;
  const code = `COLUMNS = ${pyStrList(r.data.columns)}  # ${t.columns}
CSV_PATH = ${pyStr(r.data.source)}  # ${t.csvPath}
# ${t.format}
CSV_FORMAT = ${csvFormatLiteral(spec, r.data.columns)}
# ${t.expected}
EXPECTED_ROWS = {
    "rows": ${fp.rows},
    "first": ${pyList(fp.first.map(pyNum), '        ')},
    "last": ${pyList(fp.last.map(pyNum), '        ')},
    "sum": ${pyList(fp.sum.map(pyNum), '        ')},
}

${csvReaderCode(r.lang)}


def check_rows(columns):
    """${t.checkDoc}"""
    got = len(columns[COLUMNS[0]])
    if got != EXPECTED_ROWS["rows"]:
        sys.exit(${pyStr(t.mismatchRows)}.format(got=got, want=EXPECTED_ROWS["rows"], source=SOURCE))
    for j, name in enumerate(COLUMNS):
        v = columns[name]
        total = float(np.sum(v))
        same_sum = abs(total - EXPECTED_ROWS["sum"][j]) <= 1e-9 * max(1.0, float(np.sum(np.abs(v))))
        if v[0] != EXPECTED_ROWS["first"][j] or v[-1] != EXPECTED_ROWS["last"][j] or not same_sum:
            sys.exit(${pyStr(t.mismatchValues)}.format(column=name))


def load_rows(path=CSV_PATH):
    """${t.loadDoc}"""
    try:
        columns = read_price_csv(path, CSV_FORMAT, COLUMNS)
    except (OSError, ValueError, IndexError, KeyError) as error:
        sys.exit(${pyStr(t.unreadable)}.format(path=path, reason=error))
    check_rows(columns)
    return None, columns`;
  return { title: t.title, text: format(t.fromFile, { rows: fp.rows, limit: EMBED_LIMIT.toLocaleString('en') }), code };
}

export function rowsSection(r: RunRecord): Section {
  return r.data.values ? embeddedRows(r) : fileRows(r);
}
