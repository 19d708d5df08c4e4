// Why a weights file cannot be loaded (train/weights-file.ts's problems), in
// zh and en, with what to do about it. Plain strings, inserted as text.
import type { WeightsProblem, WeightsProblemKind } from '../train/weights-file.ts';
import { format, type Lang, type Text } from './lang.ts';

const MESSAGES: Record<WeightsProblemKind, Text> = {
  'not-json': {
    en: 'This is not a weights file: it is not JSON. Choose a file saved with “Weights and settings (JSON)”.',
    zh: '这不是权重文件：它不是 JSON。请选择用“权重和设置（JSON）”保存的文件。',
  },
  truncated: {
    en: 'This weights file is cut short or damaged (its JSON does not end properly). Save the weights again and load the new file.',
    zh: '这个权重文件不完整或已损坏（JSON 没有正常结束）。请重新保存权重，再载入新文件。',
  },
  'not-ours': {
    en: 'This JSON file is not an Unrolled weights file. Choose a file saved with “Weights and settings (JSON)”.',
    zh: '这个 JSON 文件不是 Unrolled 的权重文件。请选择用“权重和设置（JSON）”保存的文件。',
  },
  version: {
    en: 'This weights file has version {version}, which this page does not read (it reads version 1).',
    zh: '这个权重文件的版本是 {version}，本页只能读取版本 1。',
  },
  setting: {
    en: 'The setting “{field}” in this weights file is missing or outside what the trainer allows.',
    zh: '这个权重文件中的设置“{field}”缺失，或超出了训练器允许的范围。',
  },
  shape: {
    en: 'The weights in this file have the wrong shape ({part} does not fit the file’s own sizes and settings).',
    zh: '这个文件里的权重形状不对（{part} 与文件自身的尺寸和设置不符）。',
  },
  'non-finite': {
    en: 'This weights file holds NaN, Infinity or a value that is not a number (in {part}): weights like these come from a run that blew up and cannot be loaded.',
    zh: '这个权重文件含有 NaN、无穷大或不是数字的值（在 {part} 中）：这样的权重来自已经发散的训练，无法载入。',
  },
  columns: {
    en: 'These weights need columns ({columns}) that the current data lacks. Load the data they were trained on first.',
    zh: '这些权重需要的列（{columns}）不在当前数据里。请先载入训练它们时用的数据。',
  },
};

export function weightsErrorMessage(problem: WeightsProblem, lang: Lang): string {
  const { kind, ...params } = problem;
  return format(MESSAGES[kind][lang], params);
}
