// Section 4 of the experiment: the model the page trained — nn.RNN (or the
// same recurrence written out for a linear σ, which nn.RNN lacks), nn.LSTM or
// nn.GRU in PyTorch's own layout, then a linear read-out of h(T) — with the
// page's initial weights embedded, and the seed's tanh output written the
// way the article wrote it when that defect is on.
import { format, type Lang, type Text } from '../i18n/lang.ts';
import { comment, f32Str, pick, pyList } from './py-literals.ts';
import type { ModelWeights, RunRecord } from './run-record.ts';
import type { Section } from './section.ts';

const TEXT = {
  title: { zh: '4. 模型和它的初始权重', en: '4. The model and its initial weights' },
  rnnText: {
    zh: '简单 RNN：a(t) = W h(t−1) + U x(t) + b，h(t) = σ(a(t))，h(0) = 0；只读最后一步：ŷ = V h(T) + c。',
    en: 'The simple RNN: a(t) = W h(t−1) + U x(t) + b, h(t) = σ(a(t)), h(0) = 0; only the last step is read out: ŷ = V h(T) + c.',
  },
  gatedText: {
    zh: '{cell}，用 PyTorch 自己的约定（门按 {gates} 堆叠，两个偏置）；只读最后一步：ŷ = V h(T) + c。',
    en: "{cell} in PyTorch's own conventions (gates stacked {gates}, two biases); only the last step is read out: ŷ = V h(T) + c.",
  },
  weightsText: {
    zh: '初始权重是页面用它的种子抽出来的那些（float32），所以这里的第一步就是页面的第一步。',
    en: "The initial weights are the ones the page drew from its seed (float32), so the first step here is the page's first step.",
  },
  sigma: { zh: '这里 σ = {activation}。', en: 'Here σ = {activation}.' },
  weightsLoaded: {
    zh: '这些是页面在第 {epoch} 个 epoch 之后放上的权重（载入的权重文件，或换计算后端时带过去的），优化器从零开始；训练从那里接着进行。',
    en: 'These are the weights the page put in place after epoch {epoch} (a loaded weights file, or the weights carried over to another compute backend), with a fresh optimiser; training carries on from there.',
  },
  weightsRestored: {
    zh: '这些是损失爆掉之后页面恢复的第 {epoch} 个 epoch 的权重，优化器从零开始；训练从那里接着进行。',
    en: 'These are the weights of epoch {epoch} that the page restored after the loss blew up, with a fresh optimiser; training carries on from there.',
  },
  classDoc: { zh: '循环层，然后对最后一个隐藏状态做线性读出。', en: 'The recurrent layer, then a linear read-out of the last hidden state.' },
  linearDoc: { zh: 'nn.RNN 没有线性激活：这里把同一个递推写出来，a(t) = W h(t−1) + U x(t) + b，h(t) = a(t)。', en: 'nn.RNN has no linear activation: the same recurrence written out, a(t) = W h(t−1) + U x(t) + b, h(t) = a(t).' },
  outputFixed: { zh: '线性输出（页面的修正）：预测可以取任何值。', en: "Linear output (the page's fix): a forecast can take any value." },
  outputDefect: {
    zh: '缺陷 2（已打开，照原文的写法）：输出层再套一个 tanh，把每个标准化的预测压进 (−1, 1)；\n比训练均值高（或低）一个标准差以上的价格永远预测不到。',
    en: 'DEFECT 2 (switched on, as the article wrote it): a tanh on the output squashes every standardised\nforecast into (−1, 1); prices more than one standard deviation from the training mean can never be forecast.',
  },
  buildDoc: { zh: '模型，放好页面的初始权重。', en: 'The model with the page\'s initial weights in place.' },
  oneBias: {
    zh: '页面的单元只有一个偏置 b；nn.RNN 有两个（b_ih + b_hh），所以 b_hh 固定为 0、不训练。',
    en: "The page's cell has one bias b; nn.RNN has two (b_ih + b_hh), so b_hh is held at 0 and not trained.",
  },
  shapes: { zh: '按行存储', en: 'row-major' },
  initOrthogonal: {
    zh: '循环权重按正交矩阵抽取（简单单元的 W，或 weight_hh 里每个门的一块：Haar 随机正交矩阵）。',
    en: 'The recurrent weights were drawn orthogonal (the simple cell\'s W, or each gate block of weight_hh: a Haar-random orthogonal matrix).',
  },
  initIdentity: {
    zh: '循环权重从单位矩阵开始，W = I，b = 0（Le、Jaitly 和 Hinton 的 IRNN）。',
    en: 'The recurrent weights start as the identity, W = I, with b = 0 (the IRNN of Le, Jaitly and Hinton).',
  },
  forgetBias: {
    zh: '遗忘门那一块 bias_ih 在抽取之后加了 {bias}（FORGET_BIAS），让细胞一开始就倾向于记住。',
    en: "FORGET_BIAS = {bias} was added to the forget gate's block of bias_ih after drawing, so that the cells start out remembering.",
  },
  truncText: {
    zh: '截断 BPTT，和页面一样：梯度从窗口最后一步往回只走 TRUNCATE = {K} 步；进入这 {K} 步的状态当作常数（detach），更早的步得不到梯度。前向计算不受影响。',
    en: "Truncated BPTT, as on the page: the gradient flows back TRUNCATE = {K} steps from the window's last step; the state entering those steps is held constant (detached), so the earlier steps get no gradient. The forward pass is unchanged.",
  },
  truncDoc: {
    zh: '截断 BPTT：先跑前 T − TRUNCATE 步，把得到的状态 detach，再跑最后 TRUNCATE 步。',
    en: 'Truncated BPTT: run the first T − TRUNCATE steps, detach the state they end in, then run the last TRUNCATE steps from it.',
  },
} satisfies Record<string, Text>;

const GATES = { lstm: 4, gru: 3 } as const;

function weightLists(w: ModelWeights, H: number, F: number, rowMajor: string): string {
  const list = (a: Float64Array) => pyList(Array.from(a, f32Str), '        ');
  const entries: [string, Float64Array, string][] =
    w.cell === 'rnn'
      ? [['W', w.W, `${H}×${H}`], ['U', w.U, `${H}×${F}`], ['b', w.b, `${H}`], ['V', w.V, `1×${H}`], ['c', w.c, '1']]
      : [
          ['weight_ih', w.weightIh, `${GATES[w.cell] * H}×${F}`],
          ['weight_hh', w.weightHh, `${GATES[w.cell] * H}×${H}`],
          ['bias_ih', w.biasIh, `${GATES[w.cell] * H}`],
          ['bias_hh', w.biasHh, `${GATES[w.cell] * H}`],
          ['V', w.V, `1×${H}`],
          ['c', w.c, '1'],
        ];
  return `INITIAL_WEIGHTS = {\n${entries.map(([k, a, shape]) => `    # ${k}: ${shape}, ${rowMajor}\n    "${k}": ${list(a)},`).join('\n')}\n}`;
}

function recurrentLayer(r: RunRecord): string {
  const { cell, activation } = r.model;
  if (cell === 'lstm') return 'nn.LSTM(len(FEATURES), HIDDEN, batch_first=True)';
  if (cell === 'gru') return 'nn.GRU(len(FEATURES), HIDDEN, batch_first=True)';
  if (activation === 'linear') return 'LinearRNN(len(FEATURES), HIDDEN)';
  return `nn.RNN(len(FEATURES), HIDDEN, nonlinearity=${JSON.stringify(activation)}, batch_first=True)`;
}

function linearRnnClass(doc: string): string {
  return `class LinearRNN(nn.Module):
    """${doc}"""

    def __init__(self, inputs, hidden):
        super().__init__()
        self.W = nn.Parameter(torch.zeros(hidden, hidden))
        self.U = nn.Parameter(torch.zeros(hidden, inputs))
        self.b = nn.Parameter(torch.zeros(hidden))

    def forward(self, x, h=None):
        h = torch.zeros(x.shape[0], self.W.shape[0]) if h is None else h[0]
        states = []
        for t in range(x.shape[1]):
            h = h @ self.W.T + x[:, t, :] @ self.U.T + self.b
            states.append(h)
        return torch.stack(states, dim=1), h.unsqueeze(0)


`;
}

function loadWeights(r: RunRecord, oneBias: string): string {
  const c = r.model.cell;
  if (c === 'lstm' || c === 'gru') {
    return `        for name in ("weight_ih", "weight_hh", "bias_ih", "bias_hh"):
            getattr(model.rnn, name + "_l0").copy_(w[name].view_as(getattr(model.rnn, name + "_l0")))`;
  }
  if (r.model.activation === 'linear') {
    return `        model.rnn.W.copy_(w["W"].view(HIDDEN, HIDDEN))
        model.rnn.U.copy_(w["U"].view(HIDDEN, len(FEATURES)))
        model.rnn.b.copy_(w["b"])`;
  }
  return `        model.rnn.weight_hh_l0.copy_(w["W"].view(HIDDEN, HIDDEN))
        model.rnn.weight_ih_l0.copy_(w["U"].view(HIDDEN, len(FEATURES)))
        model.rnn.bias_ih_l0.copy_(w["b"])
${comment(oneBias, '        ')}
        model.rnn.bias_hh_l0.zero_()
    model.rnn.bias_hh_l0.requires_grad_(False)`;
}

/** The recurrent layer's pass over the window: all of it, or (truncated BPTT) its last TRUNCATE steps from a detached state. */
function recurrence(r: RunRecord, doc: string): string {
  if (r.truncate <= 0) return '        states, _ = self.rnn(x)  # states: [N, T, H]';
  return `        if 0 < TRUNCATE < x.shape[1]:
${comment(doc, '            ')}
            _, state = self.rnn(x[:, : x.shape[1] - TRUNCATE, :])
            state = tuple(s.detach() for s in state) if isinstance(state, tuple) else state.detach()
            states, _ = self.rnn(x[:, x.shape[1] - TRUNCATE :, :], state)
        else:
            states, _ = self.rnn(x)  # states: [N, T, H]`;
}

/** What the text says about how the weights were drawn and how the gradient is cut, beyond each cell's defaults. */
function initAndTruncation(r: RunRecord, t: Record<keyof typeof TEXT, string>): string[] {
  const out: string[] = [];
  if (r.init.scheme === 'orthogonal') out.push(t.initOrthogonal);
  if (r.init.scheme === 'identity') out.push(t.initIdentity);
  if (r.model.cell === 'lstm' && r.init.forgetBias !== 0) out.push(format(t.forgetBias, { bias: r.init.forgetBias }));
  if (r.truncate > 0) out.push(format(t.truncText, { K: r.truncate }));
  return out;
}

export function modelSection(r: RunRecord, lang: Lang = r.lang): Section {
  const t = pick(TEXT, lang);
  const { cell, hidden: H, inputs: F } = r.model;
  const output = r.defects.includes('tanh')
    ? `${comment(t.outputDefect, '        ')}\n        return torch.tanh(o)`
    : `${comment(t.outputFixed, '        ')}\n        return o`;
  const linear = cell === 'rnn' && r.model.activation === 'linear';
  const code = `${linear ? linearRnnClass(t.linearDoc) : ''}class Forecaster(nn.Module):
    """${t.classDoc}"""

    def __init__(self):
        super().__init__()
        self.rnn = ${recurrentLayer(r)}
        self.linear = nn.Linear(HIDDEN, 1)

    def forward(self, x):
${recurrence(r, t.truncDoc)}
        o = self.linear(states[:, -1, :])  # o = V h(T) + c: [N, 1]
${output}


${weightLists(r.weights, H, F, t.shapes)}


def build_model():
    """${t.buildDoc}"""
    model = Forecaster()
    w = {name: torch.tensor(values, dtype=torch.float32) for name, values in INITIAL_WEIGHTS.items()}
    with torch.no_grad():
${loadWeights(r, t.oneBias)}
    with torch.no_grad():
        model.linear.weight.copy_(w["V"].view(1, HIDDEN))
        model.linear.bias.copy_(w["c"])
    return model`;
  const gates = cell === 'lstm' ? 'i, f, g, o' : 'r, z, n';
  const origin = format({ init: t.weightsText, loaded: t.weightsLoaded, restored: t.weightsRestored }[r.start.cause], { epoch: r.start.epoch });
  const sep = lang === 'zh' ? '' : ' ';
  const parts = cell === 'rnn' ? [t.rnnText, format(t.sigma, { activation: r.model.activation })] : [format(t.gatedText, { cell: cell.toUpperCase(), gates })];
  const text = [...parts, ...initAndTruncation(r, t), origin].join(sep);
  return { title: t.title, text, code };
}
