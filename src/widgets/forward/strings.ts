import type { Text } from '../../i18n/lang.ts';

export const forwardText = {
  title: { zh: '一步一步的前向传播', en: 'The forward pass, step by step' },
  intro: {
    zh: '两个隐藏单元、一个输入、tanh，b = 0。上下拖动输入点（或聚焦后用方向键）修改 x⁽ᵗ⁾，拖动滑块修改权重；公式里的数字随之重算。',
    en: 'Two hidden units, one input, tanh, b = 0. Drag the input points up or down (or focus one and use the arrow keys) to change x⁽ᵗ⁾, and the sliders to change the weights; the numbers in the equation follow.',
  },
  prev: { zh: '← 上一步', en: '← step back' },
  next: { zh: '下一步 →', en: 'step forward →' },
  stepNow: { zh: '时间步 t = {t} / {T}', en: 'step t = {t} of {T}' },
  inputs: { zh: '输入序列 x⁽¹⁾…x⁽ᵀ⁾', en: 'input sequence x⁽¹⁾…x⁽ᵀ⁾' },
  inputsAria: { zh: '输入序列，可拖动编辑', en: 'input sequence, drag to edit' },
  inputPoint: { zh: '输入 x⁽{t}⁾', en: 'input x⁽{t}⁾' },
  plane: { zh: '隐藏状态轨迹 h⁽⁰⁾ → h⁽ᵗ⁾（平面坐标 h₁, h₂）', en: 'hidden-state trajectory h⁽⁰⁾ → h⁽ᵗ⁾ (plane of h₁, h₂)' },
  planeAria: { zh: '隐藏状态在平面上的轨迹，当前是第 {t} 步：h = ({h1}, {h2})', en: 'Trajectory of the hidden state in the plane; step {t}: h = ({h1}, {h2})' },
  weights: { zh: '权重', en: 'weights' },
  reset: { zh: '恢复默认', en: 'reset' },
} satisfies Record<string, Text>;
