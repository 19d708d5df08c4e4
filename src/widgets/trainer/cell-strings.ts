// The trainer's strings for the recurrent cell and its remedies (cell,
// initialisation, forget-gate bias, truncated BPTT), the gradient panel of
// the gated cells, and the runs table, in both languages. strings.ts spreads
// them into the trainer's one table.
import type { Text } from '../../i18n/lang.ts';

export const CELL_STRINGS = {
  cell: { zh: '循环单元', en: 'Cell' },
  cell_rnn: { zh: '简单 RNN', en: 'simple RNN' },
  cell_lstm: { zh: 'LSTM', en: 'LSTM' },
  cell_gru: { zh: 'GRU', en: 'GRU' },
  init: { zh: '初始化', en: 'Initialisation' },
  init_default: { zh: '默认', en: 'default' },
  init_orthogonal: { zh: '正交', en: 'orthogonal' },
  init_identity: { zh: '单位矩阵（IRNN）', en: 'identity (IRNN)' },
  forgetBias: { zh: '遗忘门偏置 +', en: 'Forget-gate bias +' },
  truncate: { zh: '截断 BPTT 步数', en: 'Truncate BPTT' },
  truncateTitle: { zh: '梯度从窗口末尾往回只走这么多步；0 = 完整的 BPTT', en: "The gradient flows back this many steps from the window's end; 0 = full BPTT" },
  forgetBiasTitle: { zh: 'LSTM：初始化时加到遗忘门偏置上的数（0 = PyTorch 的默认）', en: "LSTM: added to the forget gate's bias at initialisation (0 = PyTorch's default)" },
  initTitle: { zh: '默认：PyTorch 的均匀初始化；正交：循环权重（每个门一块）为正交矩阵；单位矩阵：W = I、b = 0（只用于简单 RNN）', en: "default: PyTorch's uniform draw; orthogonal: orthogonal recurrent weights (one block per gate); identity: W = I, b = 0 (simple RNN only)" },
  identityGated: {
    zh: '单位矩阵初始化（IRNN）只属于简单 RNN：门控单元的每个门各有一块循环权重，单位矩阵在那里没有同样的意义，所以 {cell} 用默认初始化。',
    en: 'The identity initialisation (IRNN) belongs to the simple RNN: a gated cell has one recurrent block per gate, where the identity means nothing of the kind, so the {cell} starts from the default.',
  },
  activationGated: { zh: '激活函数只用于简单 RNN；{cell} 的门固定用 σ 和 tanh。', en: "The activation applies to the simple RNN; the {cell}'s gates are fixed (σ and tanh)." },

  zetaState: { zh: '‖∂s⁽ᵀ⁾/∂s⁽ᵏ⁾‖₂，s = (h, C)（最新的窗口）', en: '‖∂s⁽ᵀ⁾/∂s⁽ᵏ⁾‖₂, s = (h, C) (newest window)' },
  zetaDLdc: { zh: '‖∂L/∂C⁽ᵏ⁾‖（最近的训练窗口）', en: '‖∂L/∂C⁽ᵏ⁾‖ (latest training windows)' },

  runsTitle: { zh: '最近几次训练', en: 'Recent runs' },
  runsNone: {
    zh: '每次训练停下来（完成、暂停或出错）时都会记在这里，最多 {n} 次，可以把它们的测试损失叠在损失图上比较。它们只留在这个页面里。',
    en: 'Each run is listed here when it stops (done, paused or stopped), up to {n} of them, and its test loss can be drawn over the loss chart. They stay on this page.',
  },
  runsNote: { zh: '勾选的训练把测试损失叠在上面的损失图上。这张表只保存在你的浏览器里（随会话一起保存），不会离开这台机器。', en: 'Ticked runs draw their test loss over the loss chart above. The table is kept in this browser only (with your session); it never leaves this machine.' },
  runsClear: { zh: '清空', en: 'Clear' },
  runCol: { zh: '#', en: '#' },
  runShow: { zh: '叠加', en: 'Overlay' },
  runCell: { zh: '单元', en: 'Cell' },
  runSettings: { zh: '设置', en: 'Settings' },
  runData: { zh: '数据', en: 'Data' },
  runEpochs: { zh: '轮数', en: 'Epochs' },
  runRmse: { zh: '测试 RMSE', en: 'Test RMSE' },
  runBaseline: { zh: '明天 = 今天', en: 'Tomorrow = today' },
  runRatio: { zh: '比值', en: 'Ratio' },
  runRemove: { zh: '删除第 {id} 次', en: 'Remove run {id}' },
  runShowLabel: { zh: '把第 {id} 次叠加到损失图上', en: 'Draw run {id} over the loss chart' },
  runCurrent: { zh: '（当前）', en: ' (current)' },
  runOverlayLabel: { zh: '#{id} {cell}（测试）', en: '#{id} {cell} (test)' },
  runSettingsText: { zh: 'H = {H}，T = {T}，{init}{extra}，{optimizer} {lr}', en: 'H = {H}, T = {T}, {init}{extra}, {optimizer} {lr}' },
  runInit_default: { zh: '默认初始化', en: 'default init' },
  runInit_orthogonal: { zh: '正交初始化', en: 'orthogonal init' },
  runInit_identity: { zh: '单位矩阵初始化', en: 'identity init' },
  runForget: { zh: '，遗忘门 +{bias}', en: ', forget +{bias}' },
  runTruncate: { zh: '，截断 {K}', en: ', truncate {K}' },
  runLag: { zh: '，延迟 {lag}', en: ', lag {lag}' },
} satisfies Record<string, Text>;
