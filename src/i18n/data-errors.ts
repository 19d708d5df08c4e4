// What went wrong with the reader's data (src/data's typed errors), and what
// to do about it, in zh and en. Returns plain strings: callers insert them as
// text, never as HTML.
import type { DataError, DataErrorKind } from '../data/dataset.ts';
import { format, type Lang, type Text } from './lang.ts';

type Templates = Text;

const MESSAGES: Record<DataErrorKind, Templates> = {
  empty: {
    en: 'The file is empty. Choose a CSV file with a header row and at least two rows of prices.',
    zh: '文件是空的。请选择一个带表头、至少有两行价格数据的 CSV 文件。',
  },
  'not-text': {
    en: 'This is not a text file (it contains binary data). Export your prices as CSV — text with one row per day, values separated by commas or semicolons — and load that file.',
    zh: '这不是文本文件（其中含有二进制数据）。请把价格导出为 CSV（每天一行、用逗号或分号分隔的文本），再加载导出的文件。',
  },
  'no-rows': {
    en: 'The file has a header but no data rows. Add at least two rows of prices below the header.',
    zh: '文件只有表头，没有数据行。请在表头下方至少添加两行价格数据。',
  },
  'no-numeric-column': {
    en: 'No column holds numbers (columns found: {columns}). The file needs at least one column of prices, such as Close.',
    zh: '没有任何一列是数字（找到的列：{columns}）。文件至少需要一列价格，例如“收盘”。',
  },
  'too-few-rows': {
    en: 'Only {rows} usable row(s): {dropped} row(s) were left out for a missing date or price or a wrong number of fields. At least {needed} rows with a date and a price are needed.',
    zh: '只有 {rows} 行可用：另有 {dropped} 行因缺少日期或价格、或字段数不对而被略去。至少需要 {needed} 行同时有日期和价格的数据。',
  },
  'too-large': {
    en: 'The file is {size} MB; the limit is {limit} MB. Cut it to a shorter period or fewer columns and load it again.',
    zh: '文件大小为 {size} MB，上限是 {limit} MB。请缩短时间范围或删去部分列后重新加载。',
  },
  'window-too-long': {
    en: 'A window of {window} steps, forecasting {horizon} step(s) ahead, leaves {trainWindows} training and {testWindows} test windows from {rows} rows; each split needs at least {needed}. Use a window of at most {maxWindow}, or a longer file.',
    zh: '窗口长度 {window}、预测 {horizon} 步之后时，{rows} 行数据只能切出 {trainWindows} 个训练窗口和 {testWindows} 个测试窗口；每部分至少需要 {needed} 个。请把窗口长度改为不超过 {maxWindow}，或使用更长的数据。',
  },
  'no-features': {
    en: 'No input column is selected. Tick at least one feature (the target itself is a good start).',
    zh: '没有选中任何输入列。请至少勾选一个特征（目标列本身就是不错的起点）。',
  },
  'unknown-column': {
    en: 'The column “{column}” is not in the loaded table. Choose one of: {columns}.',
    zh: '当前数据中没有“{column}”这一列。请从这些列中选择：{columns}。',
  },
  'nonpositive-target': {
    en: 'Log returns need prices above zero, but “{column}” has {count} value(s) at or below zero (the first on row {row}). Choose the level or difference transform instead.',
    zh: '对数收益率要求价格大于零，但“{column}”有 {count} 个值小于或等于零（第一个在第 {row} 行）。请改用原始水平或差分变换。',
  },
};

const NO_WINDOW: Templates = {
  en: 'The data has {rows} rows: too few for any window when forecasting {horizon} step(s) ahead with {needed} windows in each split. Load a longer file or shorten the horizon.',
  zh: '数据只有 {rows} 行：预测 {horizon} 步之后、且每部分至少 {needed} 个窗口时，任何窗口长度都不够。请加载更长的数据或缩短预测步数。',
};

/** A sentence that tells the reader what to fix, in their language. */
export function dataErrorMessage(error: DataError, lang: Lang): string {
  const p = error.params;
  if (error.kind === 'window-too-long' && Number(p.maxWindow) < 1) return format(NO_WINDOW[lang], p);
  const templates = MESSAGES[error.kind] ?? MESSAGES['not-text'];
  return format(templates[lang], p);
}
