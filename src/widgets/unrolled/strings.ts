import type { Text } from '../../i18n/lang.ts';
import type { NodeKind } from './layout.ts';

export const unrolledText = {
  title: { zh: '展开的循环网络', en: 'The network, folded and unrolled' },
  folded: { zh: '折叠', en: 'folded' },
  unrolled: { zh: '沿时间展开', en: 'unrolled in time' },
  prev: { zh: '← 上一步', en: '← step back' },
  next: { zh: '下一步 →', en: 'step forward →' },
  steps: { zh: '步数 T', en: 'steps T' },
  stepNow: { zh: '当前时间步 t = {t} / {T}', en: 'current step t = {t} of {T}' },
  graphAria: {
    zh: '展开的 RNN 计算图。左右方向键切换时间步，上下方向键在 x、h、o、L 之间移动。',
    en: 'The unrolled RNN graph. Left and right arrow keys change the time step; up and down move between x, h, o and L.',
  },
  foldedAria: { zh: '折叠的 RNN：h 通过 W 连回自身', en: 'The folded RNN: h feeds back into itself through W' },
  shared: {
    zh: '同一组 W、U、V、b、c 在每一步重复使用（高亮的是第 {t} 步用到的连接）。',
    en: 'The same W, U, V, b, c are used at every step (highlighted: the connections step {t} uses).',
  },
  hint: { zh: '把鼠标移到节点上（或用键盘聚焦）查看它的公式。', en: 'Hover over a node (or focus it with the keyboard) to see its equation.' },
  x: { zh: '第 {t} 步的输入 x⁽ᵗ⁾ ∈ ℝᵐ', en: 'the input at step {t}, x⁽ᵗ⁾ ∈ ℝᵐ' },
  h: { zh: '第 {t} 步的隐藏状态：由上一步的状态和本步输入算出', en: 'the hidden state at step {t}, computed from the previous state and this input' },
  h0: { zh: '初始隐藏状态，取为 0', en: 'the initial hidden state, zero' },
  o: { zh: '第 {t} 步的输出，只依赖 h⁽ᵗ⁾', en: 'the output at step {t}; it depends on h⁽ᵗ⁾ alone' },
  L: { zh: '第 {t} 步的损失，比较 o⁽ᵗ⁾（或 ŷ⁽ᵗ⁾）与目标 y⁽ᵗ⁾；总损失 L = Σₜ L⁽ᵗ⁾', en: 'the loss at step {t}, comparing o⁽ᵗ⁾ (or ŷ⁽ᵗ⁾) with the target y⁽ᵗ⁾; the total is L = Σₜ L⁽ᵗ⁾' },
  W: { zh: 'W：隐藏到隐藏的权重，每一步都是同一个矩阵', en: 'W: hidden-to-hidden weights, the same matrix at every step' },
  U: { zh: 'U：输入到隐藏的权重，每一步都是同一个矩阵', en: 'U: input-to-hidden weights, the same matrix at every step' },
  V: { zh: 'V：隐藏到输出的权重，每一步都是同一个矩阵', en: 'V: hidden-to-output weights, the same matrix at every step' },
} satisfies Record<string, Text>;

/** The equation of a node (TeX, typeset with KaTeX in the panel). */
export function nodeTex(kind: NodeKind, t: number): string {
  const s = `^{(${t})}`;
  const p = `^{(${t - 1})}`;
  switch (kind) {
    case 'x':
      return `\\mathbf{x}${s} \\in \\mathbb{R}^{m}`;
    case 'h0':
      return `\\mathbf{h}^{(0)} = \\mathbf{0}`;
    case 'h':
      return `\\begin{gathered}\\mathbf{a}${s} = \\mathbf{W}\\mathbf{h}${p} + \\mathbf{U}\\mathbf{x}${s} + \\mathbf{b}\\\\ \\mathbf{h}${s} = \\tanh\\big(\\mathbf{a}${s}\\big)\\end{gathered}`;
    case 'o':
      return `\\mathbf{o}${s} = \\mathbf{V}\\mathbf{h}${s} + \\mathbf{c}`;
    case 'L':
      return `\\begin{gathered}L${s} = \\ell\\big(\\mathbf{o}${s}, \\mathbf{y}${s}\\big)\\\\ L = \\textstyle\\sum_{t} L^{(t)}\\end{gathered}`;
  }
}

export function weightTex(w: 'W' | 'U' | 'V'): string {
  return w === 'W' ? `\\mathbf{W} \\in \\mathbb{R}^{n\\times n}` : w === 'U' ? `\\mathbf{U} \\in \\mathbb{R}^{n\\times m}` : `\\mathbf{V} \\in \\mathbb{R}^{q\\times n}`;
}

const SUP: Record<string, string> = { '0': '⁰', '1': '¹', '2': '²', '3': '³', '4': '⁴', '5': '⁵', '6': '⁶', '7': '⁷', '8': '⁸', '9': '⁹' };

/** A node's short label, e.g. h⁽³⁾. */
export function nodeLabel(kind: NodeKind, t: number): string {
  const sup = `⁽${String(kind === 'h0' ? 0 : t).split('').map((c) => SUP[c]).join('')}⁾`;
  return `${kind === 'h0' ? 'h' : kind}${sup}`;
}
