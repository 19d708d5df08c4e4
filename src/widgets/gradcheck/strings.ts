import type { Text } from '../../i18n/lang.ts';

export const checkText = {
  title: { zh: '验证推导：梯度检验', en: 'Check the maths: gradient check' },
  intro: {
    zh: '把手写的 BPTT（Float64）与中心有限差分（Float64）和 tfjs 自动微分（float32，{backend} 后端）逐个参数比较。表中是相对误差 ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂)。',
    en: 'The hand-written BPTT (Float64) against central finite differences (FD, Float64) and tfjs autodiff (float32, {backend} backend), parameter by parameter. Each cell is the relative error ‖a − b‖₂ / max(‖a‖₂, ‖b‖₂).',
  },
  model: { zh: '模型：N = {N} 个序列，T = {T}，m = {F} 个输入，n = {H} 个隐藏单元，{O} 个输出，平方误差损失。', en: 'Model: N = {N} sequences, T = {T}, m = {F} inputs, n = {H} hidden units, {O} outputs, squared-error loss.' },
  run: { zh: '重新检验', en: 'run the check' },
  running: { zh: '检验中…', en: 'checking…' },
  waiting: { zh: '等待计算后端…', en: 'waiting for the compute backend…' },
  param: { zh: '参数', en: 'parameter' },
  shape: { zh: '形状', en: 'shape' },
  vsFd: { zh: '对有限差分', en: 'vs FD' },
  vsTf: { zh: '对 tfjs', en: 'vs tfjs' },
  max: { zh: '最大值', en: 'largest' },
  verdictOk: {
    zh: '通过：与有限差分的最大相对误差 {fd}（< 10⁻⁶），与 tfjs 的 {tf}（< 10⁻³，float32 的精度）。',
    en: 'Passed: largest relative error {fd} against finite differences (< 10⁻⁶) and {tf} against tfjs (< 10⁻³, float32 precision).',
  },
  verdictBad: {
    zh: '未通过：与有限差分的最大相对误差 {fd}，与 tfjs 的 {tf}。',
    en: 'Failed: largest relative error {fd} against finite differences, {tf} against tfjs.',
  },
  failed: { zh: '检验出错：{message}', en: 'The check failed to run: {message}' },
  activation: { zh: '激活函数', en: 'activation' },
  mode: { zh: '损失', en: 'loss' },
  manyToOne: { zh: '多对一（只看最后一步）', en: 'many-to-one (last step)' },
  manyToMany: { zh: '多对多（每一步）', en: 'many-to-many (every step)' },
  seed: { zh: '种子', en: 'seed' },
  linear: { zh: '线性', en: 'linear' },
  cell: { zh: '循环单元', en: 'cell' },
  cellRnn: { zh: '简单 RNN', en: 'simple RNN' },
} satisfies Record<string, Text>;
