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
    zh: '从 s⁽{T}⁾ 回传到 s⁽¹⁾（{n} 步），{cell} 状态的梯度缩小为原来的 {factor}；同样的输入下，简单 RNN 的梯度乘上 {simple}。',
    en: "Over {n} steps back, from s⁽{T}⁾ to s⁽¹⁾, the {cell}'s state gradient shrinks by a factor of {factor}; on the same inputs the simple RNN's is multiplied by {simple}.",
  },
  gatedGrows: {
    zh: '从 s⁽{T}⁾ 回传到 s⁽¹⁾（{n} 步），{cell} 状态的梯度放大了 {factor} 倍；同样的输入下，简单 RNN 的梯度乘上 {simple}。',
    en: "Over {n} steps back, from s⁽{T}⁾ to s⁽¹⁾, the {cell}'s state gradient grows by a factor of {factor}; on the same inputs the simple RNN's is multiplied by {simple}.",
  },
  gatedSteady: {
    zh: '从 s⁽{T}⁾ 回传到 s⁽¹⁾（{n} 步），{cell} 状态的梯度基本保持大小（× {factor}）；同样的输入下，简单 RNN 的梯度乘上 {simple}。',
    en: "Over {n} steps back, from s⁽{T}⁾ to s⁽¹⁾, the {cell}'s state gradient keeps roughly its size (× {factor}); on the same inputs the simple RNN's is multiplied by {simple}.",
  },
  detailsLstm: {
    zh: '遗忘门 f 的平均值 {mean}（偏置 +{bias}）。单看细胞状态的直通路径 ∂C⁽ᵗ⁾/∂C⁽ᵗ⁻¹⁾ = diag(f⁽ᵗ⁾)，{n} 步最多传过 max_j ∏ f_j = {path}；其余经过 h 和各个门。s = (h, C)。',
    en: 'Mean forget gate f = {mean} (bias +{bias}). The cell-state path alone, ∂C⁽ᵗ⁾/∂C⁽ᵗ⁻¹⁾ = diag(f⁽ᵗ⁾), carries at most max_j ∏ f_j = {path} over {n} steps; the rest goes through h and the gates. s = (h, C).',
  },
  detailsGru: {
    zh: '更新门 z 的平均值 {mean}。单看直通路径 diag(z⁽ᵗ⁾)，{n} 步最多传过 max_j ∏ z_j = {path}；其余经过候选状态和各个门。s = h。',
    en: 'Mean update gate z = {mean}. The direct path alone, diag(z⁽ᵗ⁾), carries at most max_j ∏ z_j = {path} over {n} steps; the rest goes through the candidate and the gates. s = h.',
  },
  seriesGated: { zh: '{cell}：‖∂s⁽ᵀ⁾/∂s⁽ᵏ⁾‖₂', en: '{cell}: ‖∂s⁽ᵀ⁾/∂s⁽ᵏ⁾‖₂' },
  seriesSimple: { zh: '简单 RNN（同样的输入）', en: 'simple RNN (same inputs)' },
  chartYGated: { zh: '状态雅可比的谱范数', en: 'spectral norm of the state Jacobian' },
  eigenCaptionSimple: { zh: '简单 RNN 的 W 的 {n} 个特征值', en: "the {n} eigenvalues of the simple RNN's W" },
} satisfies Record<string, Text>;
