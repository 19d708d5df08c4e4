import type { Text } from '../../i18n/lang.ts';

export const bpttText = {
  title: { zh: '梯度如何沿时间回传', en: 'How the gradient flows back in time' },
  intro: {
    zh: '一条随机输入序列，目标 y⁽ᵗ⁾ = x⁽ᵗ⁻²⁾，每一步都有平方误差损失。格子 (t, k) 的颜色是 ‖∂L⁽ᵗ⁾/∂h⁽ᵏ⁾‖：第 t 步的损失对第 k 步状态的梯度。点击一个格子（或聚焦热力图后用方向键移动），查看它经过的雅可比连乘。',
    en: 'One random input sequence, targets y⁽ᵗ⁾ = x⁽ᵗ⁻²⁾, a squared-error loss at every step. Cell (t, k) is coloured by ‖∂L⁽ᵗ⁾/∂h⁽ᵏ⁾‖, the gradient of the loss at step t with respect to the state at step k. Click a cell (or focus the map and move with the arrow keys) to see the chain of Jacobians it passes through.',
  },
  steps: { zh: '序列长度 T', en: 'sequence length T' },
  hidden: { zh: '隐藏单元数', en: 'hidden units' },
  rho: { zh: 'W 的谱半径 ρ', en: 'spectral radius ρ of W' },
  activation: { zh: '激活函数', en: 'activation' },
  linear: { zh: '线性', en: 'linear' },
  seed: { zh: '种子', en: 'seed' },
  reroll: { zh: '换一个', en: 're-roll' },
  xLabel: { zh: '状态的时间步 k', en: 'state step k' },
  yLabel: { zh: '损失的时间步 t', en: 'loss step t' },
  colorLabel: { zh: '‖∂L⁽ᵗ⁾/∂h⁽ᵏ⁾‖', en: '‖∂L⁽ᵗ⁾/∂h⁽ᵏ⁾‖' },
  aria: { zh: '‖∂L⁽ᵗ⁾/∂h⁽ᵏ⁾‖ 热力图，行是 t，列是 k', en: 'Heat map of ‖∂L⁽ᵗ⁾/∂h⁽ᵏ⁾‖, rows t, columns k' },
  cell: { zh: 't = {t}，k = {k}：‖∂L⁽ᵗ⁾/∂h⁽ᵏ⁾‖ = {v}', en: 't = {t}, k = {k}: ‖∂L⁽ᵗ⁾/∂h⁽ᵏ⁾‖ = {v}' },
  start: { zh: '起点 ‖∂L⁽{t}⁾/∂h⁽{t}⁾‖ = ‖Vᵀ ∂L⁽{t}⁾/∂o⁽{t}⁾‖ = {v}', en: 'start: ‖∂L⁽{t}⁾/∂h⁽{t}⁾‖ = ‖Vᵀ ∂L⁽{t}⁾/∂o⁽{t}⁾‖ = {v}' },
  factor: { zh: 'ζ⁽{tau}⁾：‖·‖₂ = {n}，σ′ 平均 {d}', en: 'ζ⁽{tau}⁾: ‖·‖₂ = {n}, mean σ′ {d}' },
  end: {
    zh: '结果 ‖∂L⁽{t}⁾/∂h⁽{k}⁾‖ = {v}；各因子范数之积给出上界 {b}。',
    en: 'result: ‖∂L⁽{t}⁾/∂h⁽{k}⁾‖ = {v}; the product of the factor norms bounds it by {b}.',
  },
  diagonal: { zh: 'k = t：没有雅可比因子，梯度就是 Vᵀ ∂L⁽{t}⁾/∂o⁽{t}⁾。', en: 'k = t: no Jacobian factor; the gradient is Vᵀ ∂L⁽{t}⁾/∂o⁽{t}⁾ itself.' },
  factorsHeading: { zh: '{n} 个因子，从 τ = {t} 到 τ = {k1}：', en: '{n} factors, from τ = {t} down to τ = {k1}:' },
  textHeat: {
    zh: '{T} × {T} 的下三角热力图（k ≤ t）。最大值 {max} 在 t = {tMax}、k = {kMax}；最小值 {min} 在 t = {tMin}、k = {kMin}。',
    en: 'A {T} × {T} lower-triangular heat map (k ≤ t). The largest value, {max}, is at t = {tMax}, k = {kMax}; the smallest, {min}, at t = {tMin}, k = {kMin}.',
  },
  textCorner: { zh: '损失步 t ╲ 状态步 k', en: 'loss step t ╲ state step k' },
} satisfies Record<string, Text>;
