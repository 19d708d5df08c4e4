import type { Text } from '../../i18n/lang.ts';

export const forwardText = {
  title: { zh: '一步一步的前向传播', en: 'The forward pass, step by step' },
  intro: {
    zh: '两个隐藏单元、一个输入、tanh，一个回归输出 ŷ = o。上下拖动输入点（或聚焦后用方向键）修改 x⁽ᵗ⁾，拖动滑块修改 W、U、b、V、c；公式里的数字随之重算。',
    en: 'Two hidden units, one input, tanh, one regression output ŷ = o. Drag the input points up or down (or focus one and use the arrow keys) to change x⁽ᵗ⁾, and the sliders to change W, U, b, V and c; the numbers in the equations follow.',
  },
  prev: { zh: '← 上一步', en: '← step back' },
  next: { zh: '下一步 →', en: 'step forward →' },
  stepNow: { zh: '时间步 t = {t} / {T}', en: 'step t = {t} of {T}' },
  inputs: { zh: '输入序列 x⁽¹⁾…x⁽ᵀ⁾', en: 'input sequence x⁽¹⁾…x⁽ᵀ⁾' },
  inputsAria: { zh: '输入序列，可拖动编辑', en: 'input sequence, drag to edit' },
  inputPoint: { zh: '输入 x⁽{t}⁾', en: 'input x⁽{t}⁾' },
  plane: { zh: '隐藏状态轨迹 h⁽⁰⁾ → h⁽ᵗ⁾（平面坐标 h₁, h₂）', en: 'hidden-state trajectory h⁽⁰⁾ → h⁽ᵗ⁾ (plane of h₁, h₂)' },
  planeAria: { zh: '隐藏状态在平面上的轨迹，当前是第 {t} 步：h = ({h1}, {h2})', en: 'Trajectory of the hidden state in the plane; step {t}: h = ({h1}, {h2})' },
  weights: { zh: '权重 W、U', en: 'weights W, U' },
  outputs: { zh: '偏置 b，输出层 V、c', en: 'bias b, output layer V, c' },
  output: { zh: '这一步的预测：ŷ⁽{t}⁾ = o⁽{t}⁾ = {o}', en: 'The prediction at this step: ŷ⁽{t}⁾ = o⁽{t}⁾ = {o}' },
  planeText: {
    zh: '隐藏状态从 h⁽⁰⁾ = (0, 0) 出发，经过 {T} 步；第 {t} 步 h = ({h1}, {h2})，输出 o = {o}。数据表列出每一步的 x、a、h 和 o。',
    en: 'The hidden state starts at h⁽⁰⁾ = (0, 0) and moves through {T} steps; at step {t}, h = ({h1}, {h2}) and the output o = {o}. The data table lists x, a, h and o at every step.',
  },
  reset: { zh: '恢复默认', en: 'reset' },
} satisfies Record<string, Text>;
