// The lab's strings for a gated cell beside the simple one (gated-view.ts), in
// both languages; strings.ts spreads them into the lab's table.
import type { Text } from '../../i18n/lang.ts';

export const gatedText = {
  cell: { zh: '循环单元', en: 'cell' },
  cellRnn: { zh: '简单 RNN', en: 'simple RNN' },
  cellLstm: { zh: 'LSTM', en: 'LSTM' },
  cellGru: { zh: 'GRU', en: 'GRU' },
  forgetBias: { zh: 'LSTM 遗忘门偏置 +', en: 'LSTM forget-gate bias +' },
  gatedShrinks: {
    zh: '从 s⁽{T}⁾ 回传到 s⁽¹⁾（{n} 步），{cell} 状态的梯度缩小为原来的 {factor}；同样的输入下，简单 RNN 的是 {simple}。',
    en: "Over {n} steps back, from s⁽{T}⁾ to s⁽¹⁾, the {cell}'s state gradient shrinks by a factor of {factor}; the simple RNN's, on the same inputs, by {simple}.",
  },
  gatedGrows: {
    zh: '从 s⁽{T}⁾ 回传到 s⁽¹⁾（{n} 步），{cell} 状态的梯度放大了 {factor} 倍；同样的输入下，简单 RNN 的因子是 {simple}。',
    en: "Over {n} steps back, from s⁽{T}⁾ to s⁽¹⁾, the {cell}'s state gradient grows by a factor of {factor}; the simple RNN's, on the same inputs, changes by {simple}.",
  },
  gatedSteady: {
    zh: '从 s⁽{T}⁾ 回传到 s⁽¹⁾（{n} 步），{cell} 状态的梯度基本保持大小（× {factor}）；同样的输入下，简单 RNN 的因子是 {simple}。',
    en: "Over {n} steps back, from s⁽{T}⁾ to s⁽¹⁾, the {cell}'s state gradient keeps roughly its size (× {factor}); the simple RNN's, on the same inputs, changes by {simple}.",
  },
  detailsLstm: {
    zh: '遗忘门 f 的平均值 {mean}（偏置 +{bias}）；只沿细胞状态的直通路径 ∂c⁽ᵗ⁾/∂c⁽ᵗ⁻¹⁾ = diag(f⁽ᵗ⁾)，{n} 步后最多剩下 max_j ∏ f_j = {path}。s = (h, c)。',
    en: 'mean forget gate f = {mean} (bias +{bias}); along the cell-state path alone, ∂c⁽ᵗ⁾/∂c⁽ᵗ⁻¹⁾ = diag(f⁽ᵗ⁾), at most max_j ∏ f_j = {path} is left after {n} steps. s = (h, c).',
  },
  detailsGru: {
    zh: '更新门 z 的平均值 {mean}；只沿直通路径 diag(z⁽ᵗ⁾)，{n} 步后最多剩下 max_j ∏ z_j = {path}。s = h。',
    en: 'mean update gate z = {mean}; along the direct path alone, diag(z⁽ᵗ⁾), at most max_j ∏ z_j = {path} is left after {n} steps. s = h.',
  },
  seriesGated: { zh: '{cell}：‖∂s⁽ᵀ⁾/∂s⁽ᵏ⁾‖₂', en: '{cell}: ‖∂s⁽ᵀ⁾/∂s⁽ᵏ⁾‖₂' },
  seriesSimple: { zh: '简单 RNN（同样的输入）', en: 'simple RNN (same inputs)' },
  chartYGated: { zh: '状态雅可比的谱范数', en: 'spectral norm of the state Jacobian' },
  eigenCaptionSimple: { zh: '简单 RNN 的 W 的 {n} 个特征值', en: "the {n} eigenvalues of the simple RNN's W" },
} satisfies Record<string, Text>;
