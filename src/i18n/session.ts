// The page's notice about the reader's kept session (shell/session-notice.ts),
// in zh and en: what came back, what could not be kept, and why.
import type { Text } from './lang.ts';

export const sessionText = {
  restored: { zh: '上次（{when}）的工作已恢复：{items}。', en: 'Back from your visit of {when}: {items}.' },
  held: {
    zh: '这个链接带有自己的设置，所以上次保存的工作（{items}）没有恢复；你在这里载入数据或开始训练后，它会被替换。',
    en: 'This link carries its own settings, so the session kept from your last visit ({items}) was not restored; it is replaced once you load data or train here.',
  },
  itemFile: { zh: '文件“{name}”（{rows} 行）', en: 'the file “{name}” ({rows} rows)' },
  itemWeights: { zh: '第 {epoch} 轮的权重', en: 'the weights of epoch {epoch}' },
  itemRuns: { zh: '{count} 次训练的对比', en: '{count} runs side by side' },
  itemRun: { zh: '1 次训练的记录', en: 'the run in the runs table' },
  itemSettings: { zh: '你的设置', en: 'your settings' },
  fresh: { zh: '重新开始', en: 'Start fresh' },
  restoreInstead: { zh: '改为恢复上次的工作', en: 'Restore it instead' },
  dismiss: { zh: '知道了', en: 'Dismiss' },
  problem_full: { zh: '浏览器的存储空间已满', en: 'the browser’s storage is full' },
  problem_refused: { zh: '浏览器拒绝了存储（例如某些隐私窗口）', en: 'the browser refused storage (as some private windows do)' },
  problem_unavailable: { zh: '这个浏览器没有 IndexedDB', en: 'this browser has no IndexedDB' },
  problem_failed: { zh: '浏览器的存储出错：{detail}', en: 'the browser’s storage failed: {detail}' },
  notKeeping: {
    zh: '这次的工作无法保存在这个浏览器里（{why}）：重新加载页面后会从头开始。其他功能照常可用。',
    en: 'Your work cannot be kept in this browser ({why}): a reload starts afresh. Everything else works as usual.',
  },
  dropped: {
    zh: '上次保存的部分内容（{parts}）是旧版本页面写下的，已无法读取，已删除。',
    en: 'Part of what was kept from your last visit ({parts}) was written by an older version of this page and could not be read, so it was dropped.',
  },
  part_table: { zh: '载入的数据', en: 'the loaded data' },
  part_weights: { zh: '训练好的权重', en: 'the trained weights' },
  part_runs: { zh: '训练对比', en: 'the runs' },
  part_settings: { zh: '设置', en: 'the settings' },
  tableNotKept: {
    zh: '文件“{name}”有 {mb} MB 的数字，超过了本页保存的上限 {limit} MB：重新加载后请再打开一次这个文件（设置和权重会保留）。',
    en: 'The file “{name}” holds {mb} MB of numbers, more than the {limit} MB this page keeps: after a reload, open it again (the settings and weights are kept).',
  },
} satisfies Record<string, Text>;

export type SessionTextKey = keyof typeof sessionText;
