// Sections 5 and 6 of the experiment: the loss and the optimiser (with the
// seed's broadcast loss written the way the article wrote it when that
// defect is on), the page's seeded mini-batch order, and the training loop
// written out as the article's is.
import type { Lang, Text } from '../i18n/lang.ts';
import { comment, pick, pyNum, pyStr } from './py-literals.ts';
import type { RunRecord } from './run-record.ts';
import type { Section } from './section.ts';

const TEXT = {
  lossTitle: { zh: '5. 损失和优化器', en: '5. Loss and optimiser' },
  lossText: {
    zh: '均方误差；SGD（可带动量）或 Adam，超参数与页面相同。页面（tfjs）的 SGD 动量是 v ← μv + g，θ ← θ − ηv，和 torch.optim.SGD 一样；Adam 的 ε 是 1e-7（tfjs 的 float32 默认值），这里照样传给 torch.optim.Adam。梯度裁剪按全局范数。',
    en: "Mean squared error; SGD (with or without momentum) or Adam with the page's hyper-parameters. The page's (tfjs) SGD momentum is v ← μv + g, θ ← θ − ηv, as in torch.optim.SGD; Adam's ε is 1e-7 (tfjs's float32 default) and is passed to torch.optim.Adam as such. Gradients are clipped by their global norm.",
  },
  lossDoc: { zh: '预测 output[N, 1] 和目标 y[N, 1] 的均方误差。', en: 'Mean squared error of the forecasts output[N, 1] against the targets y[N, 1].' },
  broadcast: {
    zh: '缺陷 1（已打开，照原文的写法）：目标被压平成 y[N]，而输出是 [N, 1]，MSELoss 于是把它们广播成 N×N 矩阵，\n对所有 (i, j) 平均 (o_i − y_j)²（PyTorch 会对尺寸不一致发出警告）。这个损失在每个预测都等于 y 的均值时最小：\n模型学到的是一条平线。',
    en: 'DEFECT 1 (switched on, as the article wrote it): the targets are flattened to y[N] while the output is [N, 1],\nso MSELoss broadcasts them to an N×N matrix and averages (o_i − y_j)² over every pair (i, j) (PyTorch warns\nabout the size mismatch). That loss is smallest when every forecast is the mean of y: the model learns a flat line.',
  },
  broadcastLimit: { zh: 'N 超过这个数时，N×N 个浮点数太占内存', en: 'above this N, N×N floats take too much memory' },
  broadcastBig: {
    zh: 'N×N 太大放不进内存时，同一个数不用矩阵也能算：mean_ij (o_i − y_j)² = mean_i (o_i − ȳ)² + mean_j (y_j − ȳ)²。',
    en: 'When N×N is too large for memory, the same number without the matrix: mean_ij (o_i − y_j)² = mean_i (o_i − ȳ)² + mean_j (y_j − ȳ)².',
  },
  optimizerDoc: { zh: '与页面相同的优化器（只作用于要训练的参数）。', en: 'The optimiser the page used (over the parameters that train).' },
  changes: {
    zh: '页面在训练中途改过优化器的设置：从这些 epoch 之后起用新的（True：页面在那里新建了优化器，动量 / Adam 的矩从零开始）。',
    en: "The page changed the optimiser's knobs during the run; they apply after these many epochs (True: the page made a new optimiser there, its momentum / Adam moments start from zero).",
  },
  changeDoc: { zh: '在这个 epoch 换上新的设置，和页面一样保留或重建优化器。', en: "Put a change of knobs in place, keeping or remaking the optimiser as the page did." },
  orderTitle: { zh: '6. 小批量的顺序', en: '6. The mini-batch order' },
  orderText: {
    zh: '页面每个 epoch 用种子 derive_seed(SEED, 1 + epoch) 打乱训练窗口（Fisher–Yates，随机数来自 sfc32，见 model/random.ts），再按 BATCH 切块。这里是同一个生成器的 Python 版：只用整数运算，所以顺序逐位相同。BATCH = 0 时整个训练集一步。',
    en: "Each epoch the page shuffles the training windows with the seed derive_seed(SEED, 1 + epoch) (Fisher–Yates, random numbers from sfc32, see model/random.ts) and cuts the order into BATCH-sized pieces. This is the same generator in Python: integer arithmetic only, so the order is the same bit for bit. With BATCH = 0 the whole training split is one step.",
  },
  rngDoc: { zh: '页面的 sfc32 生成器（经 splitmix32 播种，预热 12 步）：返回 [0, 1) 上的均匀数。', en: "The page's sfc32 generator (seeded through splitmix32, 12 warm-up draws): returns uniforms on [0, 1)." },
  permDoc: { zh: '0..n−1 的一个带种子的排列（Fisher–Yates），与页面的 permutation() 相同。', en: "A seeded permutation of 0..n−1 (Fisher–Yates), the page's permutation()." },
  batchesDoc: { zh: '一个 epoch 的每一步用到的窗口。', en: 'The windows of each step of one epoch.' },
  trainTitle: { zh: '7. 训练', en: '7. Training' },
  trainText: {
    zh: '和原文的循环一样：前向、损失、清零梯度、反向、（裁剪、）更新。每个 epoch 的训练损失是各步（更新前）损失按批大小加权的平均，与页面的损失曲线是同一个量。',
    en: "The loop as the article wrote it: forward, loss, zero the gradients, backward, (clip,) step. An epoch's training loss is the mean of its steps' losses (before each step) weighted by batch size: the same quantity as the page's loss curve.",
  },
  trainDoc: { zh: '从 START_EPOCH 训练到 EPOCHS，返回每个 epoch 的训练损失。', en: 'Trains from START_EPOCH to EPOCHS; returns the training loss of every epoch.' },
  clip: { zh: '按全局范数裁剪（与页面相同：范数超过 clip 时把所有梯度乘以 clip / 范数）', en: 'clip by global norm (as the page: above clip, every gradient is scaled by clip / norm)' },
} satisfies Record<string, Text>;

function lossCode(r: RunRecord, t: Record<keyof typeof TEXT, string>): string {
  if (!r.defects.includes('broadcast')) {
    return `criterion = nn.MSELoss()


def loss_fn(output, y):
    """${t.lossDoc}"""
    return criterion(output, y)`;
  }
  return `criterion = nn.MSELoss()
BROADCAST_LIMIT = 4096  # ${t.broadcastLimit}


def loss_fn(output, y):
${comment(t.broadcast, '    ')}
    if y.numel() <= BROADCAST_LIMIT:
        return criterion(output, y.view(-1))
${comment(t.broadcastBig, '    ')}
    y_mean = y.mean()
    return ((output - y_mean) ** 2).mean() + ((y - y_mean) ** 2).mean()`;
}

export function lossSection(r: RunRecord, lang: Lang = r.lang): Section {
  const t = pick(TEXT, lang);
  const changes = r.schedule.slice(1).filter((s) => s.from < r.epochs);
  let code = `${lossCode(r, t)}


def make_optimizer(model, kind, lr, momentum):
    """${t.optimizerDoc}"""
    params = [p for p in model.parameters() if p.requires_grad]
    if kind == "adam":
        return torch.optim.Adam(params, lr=lr, betas=ADAM_BETAS, eps=ADAM_EPS)
    return torch.optim.SGD(params, lr=lr, momentum=momentum)`;
  if (changes.length > 0) {
    const rows = changes.map((s) => `    ${s.from}: (${pyStr(s.optimizer)}, ${pyNum(s.lr)}, ${pyNum(s.momentum)}, ${pyNum(s.clip)}, ${s.fresh ? 'True' : 'False'}),`);
    code += `


${comment(t.changes)}
CHANGES = {  # epoch: (optimizer, lr, momentum, clip, new optimiser?)
${rows.join('\n')}
}


def apply_change(model, optimizer, change):
    """${t.changeDoc}"""
    kind, lr, momentum, clip, fresh = change
    if fresh:
        return make_optimizer(model, kind, lr, momentum), clip
    for group in optimizer.param_groups:
        group["lr"] = lr
        if kind == "sgd":
            group["momentum"] = momentum
    return optimizer, clip`;
  }
  return { title: t.lossTitle, text: t.lossText, code };
}

export function orderSection(r: RunRecord, lang: Lang = r.lang): Section {
  const t = pick(TEXT, lang);
  const code = `MASK32 = 0xFFFFFFFF


def splitmix32(state):
    s = state & MASK32

    def next_word():
        nonlocal s
        s = (s + 0x9E3779B9) & MASK32
        z = ((s ^ (s >> 16)) * 0x85EBCA6B) & MASK32
        z = ((z ^ (z >> 13)) * 0xC2B2AE35) & MASK32
        return z ^ (z >> 16)

    return next_word


def derive_seed(seed, stream):
    mix = splitmix32((int(seed) & MASK32) ^ (((stream + 1) * 0x27D4EB2D) & MASK32))
    mix()
    return mix()


def uniform_stream(seed):
    """${t.rngDoc}"""
    mix = splitmix32(int(seed))
    a, b, c, d = mix(), mix(), mix(), mix()

    def next32():
        nonlocal a, b, c, d
        t = (a + b + d) & MASK32
        d = (d + 1) & MASK32
        a = b ^ (b >> 9)
        b = (c + (c << 3)) & MASK32
        c = (((c << 21) | (c >> 11)) + t) & MASK32
        return t

    for _ in range(12):
        next32()
    return lambda: next32() * 2.0 ** -32


def permutation(n, seed):
    """${t.permDoc}"""
    uniform = uniform_stream(seed)
    order = list(range(n))
    for i in range(n - 1, 0, -1):
        j = math.floor(uniform() * (i + 1))
        order[i], order[j] = order[j], order[i]
    return order


def batches(x, y, epoch):
    """${t.batchesDoc}"""
    n = len(y)
    if BATCH <= 0 or BATCH >= n:
        yield x, y
        return
    order = torch.tensor(permutation(n, derive_seed(SEED, 1 + epoch)))
    for start in range(0, n, BATCH):
        idx = order[start:start + BATCH]
        yield x[idx], y[idx]`;
  return { title: t.orderTitle, text: t.orderText, code };
}

export function trainSection(r: RunRecord, lang: Lang = r.lang): Section {
  const t = pick(TEXT, lang);
  const changing = r.schedule.slice(1).some((s) => s.from < r.epochs);
  const change = changing
    ? `
        if epoch in CHANGES:
            optimizer, clip = apply_change(model, optimizer, CHANGES[epoch])`
    : '';
  const code = `def train(model, train_split, test_split, print_every=PRINT_EVERY):
    """${t.trainDoc}"""
    x = torch.from_numpy(train_split.x)
    y = torch.from_numpy(train_split.y).view(-1, 1)
    x_test = torch.from_numpy(test_split.x)
    y_test = torch.from_numpy(test_split.y).view(-1, 1)
    n = len(y)
    optimizer = make_optimizer(model, OPTIMIZER, LR, MOMENTUM)
    clip = CLIP
    losses = []
    for epoch in range(START_EPOCH, EPOCHS):${change}
        epoch_loss = 0.0
        for xb, yb in batches(x, y, epoch):
            output = model(xb)
            loss = loss_fn(output, yb)
            optimizer.zero_grad()
            loss.backward()
            if clip > 0:
                torch.nn.utils.clip_grad_norm_(model.parameters(), clip)  # ${t.clip}
            optimizer.step()
            epoch_loss += loss.item() * len(yb) / n
        losses.append(epoch_loss)
        if (epoch + 1) % print_every == 0 or epoch + 1 == EPOCHS:
            with torch.no_grad():
                test_loss = loss_fn(model(x_test), y_test).item()
            print("epoch {:>6}/{}  train_loss={:.8g}  test_loss={:.8g}".format(epoch + 1, EPOCHS, epoch_loss, test_loss))
    return losses`;
  return { title: t.trainTitle, text: t.trainText, code };
}
