import type { Text } from '../../i18n/lang.ts';
import { gatedText } from './gated-strings.ts';

export const vxText = {
  ...gatedText,
  title: { zh: '梯度消失与爆炸', en: 'Vanishing and exploding gradients' },
  rho: { zh: 'W 的谱半径 ρ', en: 'spectral radius ρ of W' },
  steps: { zh: '序列长度 T', en: 'sequence length T' },
  input: { zh: '输入尺度（饱和程度）', en: 'input scale (saturation)' },
  activation: { zh: '激活函数', en: 'activation' },
  hidden: { zh: '隐藏单元数', en: 'hidden units' },
  clip: { zh: '梯度裁剪', en: 'gradient clipping' },
  clipAt: { zh: '裁剪阈值 κ', en: 'threshold κ' },
  seed: { zh: '随机种子', en: 'seed' },
  reroll: { zh: '换一个', en: 're-roll' },
  actTanh: { zh: 'tanh', en: 'tanh' },
  actRelu: { zh: 'ReLU', en: 'ReLU' },
  actLinear: { zh: '线性', en: 'linear' },
  computing: { zh: '计算中…', en: 'computing…' },
  shrinks: {
    zh: '从 h⁽{T}⁾ 回传到 h⁽¹⁾（{n} 步），梯度缩小为原来的 {factor}。',
    en: 'Over {n} steps back, from h⁽{T}⁾ to h⁽¹⁾, the gradient shrinks by a factor of {factor}.',
  },
  grows: {
    zh: '从 h⁽{T}⁾ 回传到 h⁽¹⁾（{n} 步），梯度放大了 {factor} 倍。',
    en: 'Over {n} steps back, from h⁽{T}⁾ to h⁽¹⁾, the gradient grows by a factor of {factor}.',
  },
  steady: {
    zh: '从 h⁽{T}⁾ 回传到 h⁽¹⁾（{n} 步），梯度大小基本不变（× {factor}）。',
    en: 'Over {n} steps back, from h⁽{T}⁾ to h⁽¹⁾, the gradient keeps roughly its size (× {factor}).',
  },
  zero: {
    zh: '从 h⁽{T}⁾ 回传到 h⁽¹⁾（{n} 步），梯度恰好变成 0。',
    en: 'Over {n} steps back, from h⁽{T}⁾ to h⁽¹⁾, the gradient becomes exactly 0.',
  },
  details: {
    zh: 'ρ(W) = {rho}，‖W‖₂ = {norm}，γ = max|σ′| = {gamma}，σ′ 的平均值 = {mean}',
    en: 'ρ(W) = {rho}, ‖W‖₂ = {norm}, γ = max|σ′| = {gamma}, mean σ′ = {mean}',
  },
  clipKeeps: {
    zh: '裁剪：堆叠起来的各块范数为 {norm} {cmp} κ = {kappa}，所以每一块都乘以 {factor}。方向（各步之间的比例）保持不变，只有长度被限制；已经消失的远程项不会被放大。',
    en: 'Clipping: the stacked blocks have norm {norm} {cmp} κ = {kappa}, so every block is multiplied by {factor}. Its direction — the ratios between steps — is kept; only its length is capped. Terms that have vanished are not brought back.',
  },
  clipNote: {
    zh: '（这里裁剪的是全部 ∂h⁽ᵀ⁾/∂h⁽ᵏ⁾（k = 1…T）拼成的一个数组，按 Frobenius 范数计算。这个实验没有损失也没有参数，它代替 ‖∇θ L‖；第 7 节说明两者的关系。）',
    en: '(What is clipped here: all the blocks ∂h⁽ᵀ⁾/∂h⁽ᵏ⁾, k = 1…T, stacked into one array, by its Frobenius norm. The lab has no loss and no parameters, so this stands in for ‖∇θ L‖; section 7 explains how the two relate.)',
  },
  chartX: { zh: '距离 T − k', en: 'distance T − k' },
  chartY: { zh: '‖∂h⁽ᵀ⁾/∂h⁽ᵏ⁾‖₂', en: '‖∂h⁽ᵀ⁾/∂h⁽ᵏ⁾‖₂' },
  chartAria: {
    zh: '对数坐标：雅可比乘积的谱范数随距离 T − k 的变化',
    en: 'Log scale: spectral norm of the Jacobian product against the distance T − k',
  },
  seriesMeasured: { zh: '‖∂h⁽ᵀ⁾/∂h⁽ᵏ⁾‖₂（实测）', en: '‖∂h⁽ᵀ⁾/∂h⁽ᵏ⁾‖₂ (measured)' },
  seriesReference: { zh: '(ρ·γ)ᵀ⁻ᵏ：线性单元的长期速率，对 tanh/ReLU 只作参照', en: '(ρ·γ)ᵀ⁻ᵏ: long-run rate for linear units, a reference only for tanh/ReLU' },
  seriesBound: { zh: '上界 (‖W‖₂·γ)ᵀ⁻ᵏ', en: 'bound (‖W‖₂·γ)ᵀ⁻ᵏ' },
  seriesClipped: { zh: '裁剪后', en: 'after clipping' },
  planeAria: { zh: 'W 的特征值（复平面）与单位圆', en: 'Eigenvalues of W in the complex plane, with the unit circle' },
  unitCircle: { zh: '单位圆 |λ| = 1', en: 'unit circle |λ| = 1' },
  ring: { zh: '|λ| = ρ', en: '|λ| = ρ' },
  eigenPoint: { zh: 'λ = {re} {sign} {im}i，|λ| = {mod}', en: 'λ = {re} {sign} {im}i, |λ| = {mod}' },
  eigenCaption: { zh: 'W 的 {n} 个特征值', en: 'the {n} eigenvalues of W' },
  textLine: {
    zh: '对数坐标上的 {n} 步：实测的 ‖∂h⁽ᵀ⁾/∂h⁽¹⁾‖₂ 为 {measured}；(ρ·γ) 参照线的终点为 {reference}，上界 (‖W‖₂·γ) 的终点为 {bound}。{clipped}',
    en: 'Over {n} steps, on a log scale: the measured ‖∂h⁽ᵀ⁾/∂h⁽¹⁾‖₂ ends at {measured}; the (ρ·γ) line ends at {reference}, the bound (‖W‖₂·γ) at {bound}.{clipped}',
  },
  textGated: {
    zh: '所选的 {cell} 在同样的输入上，‖∂s⁽ᵀ⁾/∂s⁽¹⁾‖₂ 经过 {n} 步后为 {v}。',
    en: ' The chosen {cell}, on the same inputs, ends at ‖∂s⁽ᵀ⁾/∂s⁽¹⁾‖₂ = {v} after {n} steps.',
  },
  textClipped: { zh: '裁剪后终点为 {v}。', en: ' After clipping it ends at {v}.' },
  textPlane: {
    zh: 'W 的 {n} 个特征值，最大模 {rho}；单位圆外有 {outside} 个。',
    en: 'The {n} eigenvalues of W; the largest modulus is {rho}, and {outside} lie outside the unit circle.',
  },
  textRe: { zh: '实部', en: 'real part' },
  textIm: { zh: '虚部', en: 'imaginary part' },
} satisfies Record<string, Text>;
