// A parsed table as typed arrays and a little metadata: what travels from
// the parse worker to the training worker (transferred, never copied into
// strings on the page) and what the page keeps in IndexedDB. Dates go as
// their sort keys (seconds since 1970, UTC) and come back as the same ISO
// strings. `checkPackedTable` reads back anything stored by any version and
// says why it is not a table of this version. Pure: no DOM.
import type { CsvFormat, Table } from './csv.ts';
import { civilFromDays, daysFromCivil } from './dates.ts';

export const PACKED_TABLE_FORMAT = 'unrolled-table';
/** Bump when the packed shape changes: older stored tables are then dropped, with a notice. */
export const PACKED_TABLE_VERSION = 1;

/** How each date is written: a day, a day and a minute, or a day and a second. */
export type DateStyle = 'day' | 'minute' | 'second';

/** Everything of a Table but its arrays. */
export type TableMeta = Omit<Table, 'values' | 'dates'>;

export interface PackedTable {
  format: typeof PACKED_TABLE_FORMAT;
  version: typeof PACKED_TABLE_VERSION;
  meta: TableMeta;
  /** One per numeric column, in `meta.columns` order, `meta.rows` long. */
  values: Float64Array[];
  /** Seconds since 1970 (UTC) of each row's date; null without dates. */
  dateKeys: Float64Array | null;
  dateStyle: DateStyle | null;
}

const ISO = /^(-?\d+)-(\d\d)-(\d\d)(?:T(\d\d):(\d\d)(?::(\d\d))?)?$/;

/** The table packed, or null when a date is not one of the ISO forms parseCsv writes. */
export function packTable(table: Table): PackedTable | null {
  const { values: _values, dates, ...meta } = table;
  let dateKeys: Float64Array | null = null;
  let dateStyle: DateStyle | null = null;
  if (dates !== null) {
    dateKeys = new Float64Array(dates.length);
    for (let i = 0; i < dates.length; i++) {
      const m = ISO.exec(dates[i]);
      if (!m) return null;
      const style: DateStyle = m[6] !== undefined ? 'second' : m[4] !== undefined ? 'minute' : 'day';
      if (dateStyle === null) dateStyle = style;
      else if (style !== dateStyle) return null;
      dateKeys[i] = daysFromCivil(Number(m[1]), Number(m[2]), Number(m[3])) * 86400 + Number(m[4] ?? 0) * 3600 + Number(m[5] ?? 0) * 60 + Number(m[6] ?? 0);
    }
  }
  return {
    format: PACKED_TABLE_FORMAT,
    version: PACKED_TABLE_VERSION,
    meta: structuredClone(meta),
    values: table.columns.map((c) => table.values[c]),
    dateKeys,
    dateStyle,
  };
}

const pad2 = (n: number) => (n < 10 ? '0' + n : String(n));

/** The ISO string parseCsv writes for a sort key (see dates.ts isoOf). */
export function isoFromKey(key: number, style: DateStyle): string {
  const days = Math.floor(key / 86400);
  const secs = key - days * 86400;
  const [y, m, d] = civilFromDays(days);
  let s = `${y}-${pad2(m)}-${pad2(d)}`;
  if (style !== 'day') {
    s += `T${pad2(Math.floor(secs / 3600))}:${pad2(Math.floor((secs % 3600) / 60))}`;
    if (style === 'second') s += ':' + pad2(secs % 60);
  }
  return s;
}

export function unpackTable(p: PackedTable): Table {
  const values: Record<string, Float64Array> = {};
  p.meta.columns.forEach((c, i) => (values[c] = p.values[i]));
  let dates: string[] | null = null;
  if (p.dateKeys !== null) {
    const style = p.dateStyle ?? 'day';
    dates = new Array<string>(p.dateKeys.length);
    for (let i = 0; i < dates.length; i++) dates[i] = isoFromKey(p.dateKeys[i], style);
  }
  return { ...structuredClone(p.meta), values, dates };
}

/** Bytes of the arrays (what storage limits count). */
export function packedBytes(p: PackedTable): number {
  return p.values.reduce((n, v) => n + v.byteLength, 0) + (p.dateKeys?.byteLength ?? 0);
}

/** Every transferable buffer of a packed table. */
export function packedBuffers(p: PackedTable): ArrayBuffer[] {
  const out = p.values.map((v) => v.buffer as ArrayBuffer);
  if (p.dateKeys) out.push(p.dateKeys.buffer as ArrayBuffer);
  return out;
}

type Check = { ok: true; table: PackedTable } | { ok: false; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isStrings = (v: unknown): v is string[] => Array.isArray(v) && v.every((s) => typeof s === 'string');
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;

function formatProblem(f: unknown): string | null {
  if (f === undefined) return null;
  if (!isObj(f)) return 'meta.format';
  const cf = f as Partial<CsvFormat>;
  if (typeof cf.sepLine !== 'boolean' || !isCount(cf.start) || !isCount(cf.width) || (cf.decimalMark !== '.' && cf.decimalMark !== ',')) return 'meta.format';
  if (!isObj(cf.columnIndex) || !Object.values(cf.columnIndex).every(isCount)) return 'meta.format.columnIndex';
  const d = cf.date;
  if (d !== null && (!isObj(d) || !isCount(d.index) || typeof d.shape !== 'string' || typeof d.sep !== 'string')) return 'meta.format.date';
  return null;
}

function metaProblem(m: unknown): string | null {
  if (!isObj(m)) return 'meta';
  if (!isStrings(m.headers) || !isStrings(m.columns) || !isStrings(m.textColumns) || m.columns.length === 0) return 'meta.columns';
  if (typeof m.target !== 'string' || !m.columns.includes(m.target)) return 'meta.target';
  if (!isCount(m.rows) || m.rows < 2 || !isCount(m.dropped) || !isCount(m.duplicateDates) || !isCount(m.unsortedDates)) return 'meta.rows';
  if (m.dateColumn !== null && typeof m.dateColumn !== 'string') return 'meta.dateColumn';
  if (m.datesSetAside !== null && typeof m.datesSetAside !== 'string') return 'meta.datesSetAside';
  if (!isObj(m.dropReasons) || !Object.values(m.dropReasons).every(isCount)) return 'meta.dropReasons';
  if (typeof m.reversed !== 'boolean' || typeof m.ambiguousDates !== 'boolean') return 'meta.flags';
  if (typeof m.encoding !== 'string' || typeof m.delimiter !== 'string') return 'meta.encoding';
  if (!Array.isArray(m.preview) || !m.preview.every(isStrings)) return 'meta.preview';
  return formatProblem(m.format);
}

/** Is `v` (read back from storage) a packed table of this version, whole and consistent? */
export function checkPackedTable(v: unknown): Check {
  if (!isObj(v) || v.format !== PACKED_TABLE_FORMAT) return { ok: false, reason: 'not a packed table' };
  if (v.version !== PACKED_TABLE_VERSION) return { ok: false, reason: `version ${String(v.version)}` };
  const bad = metaProblem(v.meta);
  if (bad) return { ok: false, reason: bad };
  const meta = v.meta as TableMeta;
  const values = v.values;
  if (!Array.isArray(values) || values.length !== meta.columns.length) return { ok: false, reason: 'values' };
  if (!values.every((a) => a instanceof Float64Array && a.length === meta.rows)) return { ok: false, reason: 'values length' };
  const keys = v.dateKeys;
  if (keys !== null && !(keys instanceof Float64Array && keys.length === meta.rows)) return { ok: false, reason: 'dateKeys' };
  if ((keys === null) !== (meta.dateColumn === null)) return { ok: false, reason: 'dateColumn' };
  if (keys !== null && v.dateStyle !== 'day' && v.dateStyle !== 'minute' && v.dateStyle !== 'second') return { ok: false, reason: 'dateStyle' };
  return { ok: true, table: v as unknown as PackedTable };
}
