// The opening of the experiment: what it is, the imports, and every setting
// of the run as a named constant (the rest of the code reads only these).
import { format, type Lang, type Text } from '../i18n/lang.ts';
import { pick, pyNum, pyStr, pyStrList } from './py-literals.ts';
import type { RunRecord } from './run-record.ts';
import { embedsRows, wrap, type Section } from './section.ts';

const TEXT = {
  title: { zh: 'Unrolled：页面上那次训练的 PyTorch 版', en: 'Unrolled: the run from the page, in PyTorch' },
  intro: {
    zh: '这份代码重做你在 Unrolled 页面上训练的那次实验：同样的数据行、窗口、划分和标准化，同样的初始权重、优化器和小批量顺序。页面用 float32 训练，这里也一样，所以每个 epoch 的损失和最后的测试指标应当与页面一致（差别只来自浮点运算的顺序）。',
    en: 'This code reruns the experiment you trained on the Unrolled page: the same rows, windows, split and scaling, the same initial weights, optimiser and mini-batch order. The page trains in float32 and so does this, so the loss of every epoch and the final test metrics should match the page (up to the order of floating-point operations).',
  },
  needs: { zh: '需要 Python 3、numpy 和 PyTorch ≥ 1.13（不需要 pandas，不联网）。', en: 'Needs Python 3, numpy and PyTorch ≥ 1.13 (no pandas, no network).' },
  runEmbedded: { zh: '运行：python3 unrolled_experiment.py', en: 'Run: python3 unrolled_experiment.py' },
  runCsv: { zh: '运行：python3 unrolled_experiment.py 你的文件.csv', en: 'Run: python3 unrolled_experiment.py your-file.csv' },
  lastLine: {
    zh: '最后一行是机器可读的：test_mse=… test_rmse=… test_mae=… persistence_mse=… persistence_rmse=…（测试集，与页面的指标表相同的量）。',
    en: "Its last line is machine-readable: test_mse=… test_rmse=… test_mae=… persistence_mse=… persistence_rmse=… (test split, the same quantities as the page's metrics table).",
  },
  settingsTitle: { zh: '1. 设置', en: '1. Settings' },
  settingsText: {
    zh: '这次训练的每一个设置。后面的代码只读这些常量。',
    en: 'Every setting of the run. The code below reads nothing else.',
  },
  source: { zh: '数据从哪里来', en: 'where the rows came from' },
  target: { zh: '要预测的列', en: 'the column forecast' },
  features: { zh: '输入列，按这个顺序', en: 'the input columns, in this order' },
  window: { zh: 'T：每个窗口的行数', en: 'T: rows per window' },
  horizon: { zh: '预测窗口最后一行之后第几行', en: "forecast this many rows after the window's last row" },
  transform: { zh: 'level：价格本身；diff：变化量；logret：对数收益', en: 'level: the price itself; diff: its change; logret: its log return' },
  trainFraction: { zh: '前这么多比例的行用于训练，其余用于测试', en: 'this share of the rows (the oldest) trains, the rest tests' },
  cell: { zh: '循环单元：rnn、lstm 或 gru', en: 'recurrent cell: rnn, lstm or gru' },
  init: { zh: '页面怎样抽取初始权重：default、orthogonal 或 identity（权重已在下面，这里只作说明）', en: 'how the page drew the initial weights: default, orthogonal or identity (the weights are below; this is a note)' },
  forgetBias: { zh: 'LSTM：初始时加到遗忘门偏置上的数（已含在下面的权重里）', en: "LSTM: added to the forget gate's bias at initialisation (already in the weights below)" },
  truncate: { zh: '截断 BPTT：梯度从窗口末尾往回走的步数；0 表示完整的 BPTT', en: "truncated BPTT: steps the gradient flows back from the window's end; 0 = full BPTT" },
  hidden: { zh: '隐藏单元数 H', en: 'hidden units H' },
  activation: { zh: '简单 RNN 的激活函数 σ', en: "the simple cell's activation σ" },
  optimizer: { zh: 'sgd 或 adam', en: 'sgd or adam' },
  lr: { zh: '学习率', en: 'learning rate' },
  momentum: { zh: 'SGD 的动量（Adam 不用）', en: 'SGD momentum (Adam ignores it)' },
  clip: { zh: '按全局范数裁剪梯度的阈值；0 表示不裁剪', en: 'gradient clipping threshold (global norm); 0 = off' },
  batch: { zh: '小批量大小；0 表示整个训练集一步', en: 'mini-batch size; 0 = the whole training split in one step' },
  seed: { zh: '页面的随机种子：它抽取了初始权重，也决定每个 epoch 的打乱顺序', en: "the page's run seed: it drew the initial weights and seeds each epoch's shuffle" },
  startEpoch: { zh: '从这个 epoch 之后开始（下面的权重属于它）', en: 'training starts after this many epochs (the weights below belong here)' },
  epochs: { zh: '页面训练到这里（计划 {planned} 个）', en: 'the page had trained this many (of {planned} planned)' },
  adam: { zh: 'Adam 的 β₁、β₂ 和 ε，与页面（tfjs）相同', en: "Adam's β₁, β₂ and ε, as the page (tfjs) uses them" },
  defects: { zh: '打开的原文缺陷：broadcast（损失广播）、tanh（输出层 tanh）、scaling（测试集自己标准化）', en: "the seed article's defects switched on: broadcast (the loss), tanh (the output), scaling (test split scaled on itself)" },
  windows: { zh: '页面构造的训练 / 测试窗口数（下面会核对）', en: 'training / test windows the page built (checked below)' },
  printEvery: { zh: '每隔多少个 epoch 打印一次损失', en: 'print the losses every this many epochs' },
  pageMetrics: { zh: '页面显示的测试集指标（模型、明天 = 今天）', en: 'the test metrics the page showed (model, tomorrow = today)' },
} satisfies Record<string, Text>;
const S = (lang: Lang) => pick(TEXT, lang);

export function header(r: RunRecord): string {
  const t = S(r.lang);
  const lines = [t.title, '', wrap(t.intro), '', t.needs, embedsRows(r) ? t.runEmbedded : t.runCsv, '', wrap(t.lastLine)];
  return `#!/usr/bin/env python3\n# -*- coding: utf-8 -*-\n"""${lines.join('\n')}\n"""`;
}

export function notebookIntro(r: RunRecord): { title: string; text: string } {
  const t = S(r.lang);
  return { title: t.title, text: `${t.intro}\n\n${t.needs}\n\n${t.lastLine}` };
}

export function imports(r: RunRecord): string {
  const std = embedsRows(r) ? ['argparse', 'math', 'sys'] : ['argparse', 'codecs', 'csv', 'io', 'math', 're', 'sys'];
  return [...std.map((m) => `import ${m}`), 'from dataclasses import dataclass', '', 'import numpy as np', 'import torch', 'import torch.nn as nn'].join('\n');
}

/** `NAME = value  # comment`, aligned. */
function table(rows: [string, string, string][]): string {
  const w = Math.max(...rows.map(([n, v]) => n.length + v.length)) + 3;
  return rows.map(([n, v, c]) => (c ? `${`${n} = ${v}`.padEnd(w)} # ${c}` : `${n} = ${v}`)).join('\n');
}

/** Epochs between two printed losses: about twenty lines for the run, like the article's loop. */
export function printEvery(r: RunRecord): number {
  return Math.max(1, Math.floor((r.epochs - r.start.epoch) / 20));
}

const metricsDict = (m: Record<string, number>): string =>
  `{${(['mse', 'rmse', 'mae', 'mape', 'direction'] as const).map((k) => `${pyStr(k)}: ${pyNum(m[k])}`).join(', ')}}`;

export function settingsSection(r: RunRecord): Section {
  const t = S(r.lang);
  const first = r.schedule[0];
  const d = r.dataset;
  const rows: [string, string, string][] = [
    ['SOURCE', pyStr(r.data.source), t.source],
    ['TARGET', pyStr(d.target), t.target],
    ['FEATURES', pyStrList(d.features), t.features],
    ['WINDOW', String(d.window), t.window],
    ['HORIZON', String(d.horizon), t.horizon],
    ['TRANSFORM', pyStr(d.transform), t.transform],
    ['TRAIN_FRACTION', pyNum(d.trainFraction), t.trainFraction],
    ['CELL', pyStr(r.model.cell), t.cell],
    ['INIT', pyStr(r.init.scheme), t.init],
    ['FORGET_BIAS', pyNum(r.init.forgetBias), t.forgetBias],
    ['TRUNCATE', String(r.truncate), t.truncate],
    ['HIDDEN', String(r.model.hidden), t.hidden],
    ['ACTIVATION', pyStr(r.model.activation), t.activation],
    ['OPTIMIZER', pyStr(first.optimizer), t.optimizer],
    ['LR', pyNum(first.lr), t.lr],
    ['MOMENTUM', pyNum(first.momentum), t.momentum],
    ['CLIP', pyNum(first.clip), t.clip],
    ['BATCH', String(r.batch), t.batch],
    ['SEED', String(r.seed), t.seed],
    ['START_EPOCH', String(r.start.epoch), t.startEpoch],
    ['EPOCHS', String(r.epochs), format(t.epochs, { planned: r.plannedEpochs })],
    ['ADAM_BETAS', `(${pyNum(r.adam.beta1)}, ${pyNum(r.adam.beta2)})`, ''],
    ['ADAM_EPS', pyNum(r.adam.epsilon), t.adam],
    ['DEFECTS', pyStrList(r.defects), t.defects],
    ['TRAIN_WINDOWS', String(r.windows.train), ''],
    ['TEST_WINDOWS', String(r.windows.test), t.windows],
    ['PRINT_EVERY', String(printEvery(r)), t.printEvery],
  ];
  let code = table(rows);
  if (r.page) {
    code += `\n# ${t.pageMetrics}\nPAGE_TEST_METRICS = ${metricsDict(r.page.model as unknown as Record<string, number>)}`;
    code += `\nPAGE_PERSISTENCE_METRICS = ${metricsDict(r.page.baseline as unknown as Record<string, number>)}`;
  }
  return { title: t.settingsTitle, text: t.settingsText, code };
}
