// The trainer's strings about keeping the reader's work: how the rows of a
// file were ordered, the progress of a large file, a crashed worker and a
// rejected weights file. Spread into S (strings.ts); same `{name}` templates.
import type { Text } from '../../i18n/lang.ts';

export const CARE_STRINGS = {
  unsortedDates: { zh: '文件中的日期有 {n} 处倒退：已按日期排序', en: 'the dates go backwards {n} time(s) in the file: rows sorted by date' },
  repeatedDates: {
    zh: '有 {n} 行与上一行日期相同：都保留，同一天内按文件顺序',
    en: '{n} rows repeat the date of the row before them: all kept, in file order within a date',
  },
  datesSetAside: {
    zh: '“{column}”列中 {n} / {rows} 行的日期与上一行相同，日期无法给这些行排序：这一列被搁置，所有行按文件顺序使用',
    en: 'in “{column}”, {n} of {rows} rows repeat the date before them, so the dates cannot order the rows: the column is set aside and every row is used in file order',
  },
  parsing: { zh: '正在读取 {name}：{percent}%（已用 {seconds} 秒）。当前数据在读完之前照常可用。', en: 'Reading {name}: {percent}% ({seconds} s so far). The current data stays in use until it is in.' },

  crashed: {
    zh: '训练进程停止了（{why}），已经重新启动，数据和设置都已恢复。',
    en: 'The training worker stopped ({why}). It has been restarted with your data and settings.',
  },
  crashedWeights: { zh: '第 {epoch} 轮的权重也回来了。', en: 'The weights of epoch {epoch} are back.' },
  crashedNoWeights: { zh: '还没有训练过的权重可以恢复。', en: 'There were no trained weights to bring back.' },
  crashWhy_memory: { zh: '内存不够了', en: 'it ran out of memory' },
  crashWhy_error: { zh: '出错：{message}', en: 'an error: {message}' },
  crashGaveUp: {
    zh: '训练进程在一分钟内停止了 {n} 次，不再自动重启：{message}。重新加载页面可以从上次保存的状态继续。',
    en: 'The training worker stopped {n} times within a minute and is not restarted again: {message}. Reload the page to carry on from what was last kept.',
  },
  crashResume: { zh: '从第 {epoch} 轮继续训练', en: 'Resume training from epoch {epoch}' },
  crashDismiss: { zh: '知道了', en: 'Dismiss' },
} satisfies Record<string, Text>;
