// Section 3 of the experiment: rows → windows, the chronological split, the
// scaler fitted on training rows, the target transform and its inverse —
// src/data/dataset.ts in numpy, with the seed's per-split scaling written the
// way the article wrote it when that defect is on.
import type { Lang, Text } from '../i18n/lang.ts';
import { comment, pick } from './py-literals.ts';
import type { RunRecord } from './run-record.ts';
import type { Section } from './section.ts';

const TEXT = {
  title: { zh: '3. 窗口、划分和标准化', en: '3. Windows, split and scaling' },
  text: {
    zh: '一个窗口是连续 WINDOW 行的输入，它的目标是最后一行之后第 HORIZON 行。按时间切分：前 TRAIN_FRACTION 的行是训练行，目标落在训练行里的窗口是训练窗口，其余是测试窗口（测试窗口的输入可以伸进训练行：那是上下文，不是泄漏）。每个输入和目标都用训练行的均值和总体标准差标准化。用 diff 或 logret 时，目标是变化量，目标列作为输入时也用它的一步变化。',
    en: "A window is WINDOW consecutive rows of inputs; its target is the row HORIZON after its last one. The split is chronological: the first TRAIN_FRACTION of the rows are training rows, a window whose target is a training row is a training window and the rest are test windows (a test window's inputs may reach back into training rows: that is context, not leakage). Every input and the target are standardised with the mean and population standard deviation of the training rows. With diff or logret the target is the change, and the target column, as an input, enters as its one-step change too.",
  },
  splitDoc: { zh: '一组窗口：输入 x[N, T, F]、标准化的目标 y[N]，以及换回价格所需的一切。', en: 'One set of windows: inputs x[N, T, F], standardised targets y[N], and what it takes to turn forecasts back into prices.' },
  stepDoc: { zh: '目标列作为输入：水平值，或一步变化（第 0 行没有）。', en: 'The target column as an input: its level, or its one-step change (undefined at row 0).' },
  targetDoc: { zh: '每一行作为目标时的值：level 是 p[r]，diff 是 p[r] − p[r−h]，logret 是 ln(p[r]/p[r−h])。', en: 'The target of every row: level p[r], diff p[r] − p[r−h], logret ln(p[r]/p[r−h]).' },
  meanStdDoc: { zh: '均值和总体标准差；常数序列的标准差记为 1（与页面相同）。', en: 'Mean and population standard deviation; a constant series gets std 1 (as on the page).' },
  fitDoc: { zh: '输入统计量来自行 [row_from, row_to)，目标统计量来自目标行 [y_from, y_to)。', en: 'Input statistics over rows [row_from, row_to), target statistics over target rows [y_from, y_to).' },
  buildDoc: { zh: '从最后一个输入行 first_last 开始的 n 个窗口。', en: 'n windows, the first ending at input row first_last.' },
  makeDoc: { zh: '训练窗口和测试窗口，与页面构造的相同（数目会核对）。', en: 'Training and test windows, built as the page built them (their numbers are checked).' },
  priceDoc: { zh: '把标准化的预测换回价格：反标准化，diff 加上前一个价格，logret 乘以 exp。', en: 'Standardised forecasts back to prices: undo the scaling, then add the previous price (diff) or multiply by its exp (logret).' },
  fixed: { zh: '测试集用训练行拟合的标准化（页面的修正）。', en: 'The test split uses the scaler fitted on training rows (the page\'s fix).' },
  defect: {
    zh: '缺陷 3（已打开，照原文的写法）：测试集用它自己的均值和标准差标准化。\n这是泄漏——测试集的统计量在预测之前就用上了——而且测试集上的数值和训练时不是同一个尺度。',
    en: "DEFECT 3 (switched on, as the article wrote it): the test split is standardised with its own mean and\nstandard deviation. That is leakage — the test split's statistics are used before forecasting it — and\nthe test numbers are no longer on the scale the model was trained on.",
  },
  mismatch: { zh: '窗口数与页面不同：', en: 'window counts differ from the page: ' },
  nextDoc: {
    zh: '最后一行之后那一行的窗口（它的预测落在第 R 行，即数据之外的第一行），用这组窗口的标准化；以及它所依据的价格和最后一个价格。',
    en: 'The window whose forecast is the row after the last (row R, the first past the data), scaled as this split is; the price it builds on and the last price.',
  },
  nextField: {
    zh: '测试集才有：(x[1, T, F], 它所依据的价格, 最后一个价格)，数据之后第一行的窗口（见 next_window()）',
    en: 'test split only: (x[1, T, F], the price it builds on, the last price) for the first row past the data (see next_window())',
  },
} satisfies Record<string, Text>;

export function windowsSection(r: RunRecord, lang: Lang = r.lang): Section {
  const t = pick(TEXT, lang);
  const scaling = r.defects.includes('scaling')
    ? `${comment(t.defect, '    ')}\n    test_scaler = fit_scaler(inputs, y_all, cut, R, max(cut, y_first), R)`
    : `${comment(t.fixed, '    ')}\n    test_scaler = scaler`;
  const code = `@dataclass
class Scaler:
    mean: np.ndarray  # per input
    std: np.ndarray
    y_mean: float
    y_std: float


@dataclass
class Split:
    """${t.splitDoc}"""
    x: np.ndarray  # float32 [N, T, F]
    y: np.ndarray  # float32 [N]
    row_index: np.ndarray  # table row of each target
    actual: np.ndarray  # the target, price units
    previous: np.ndarray  # the price at the window's last row (what persistence forecasts)
    persistence_std: np.ndarray  # float32: persistence in y's standardised units
    scaler: Scaler
    next_window: object = None  # ${t.nextField}


def step_series(p):
    """${t.stepDoc}"""
    if TRANSFORM == "level":
        return p
    out = np.full_like(p, np.nan)
    out[1:] = p[1:] - p[:-1] if TRANSFORM == "diff" else np.log(p[1:] / p[:-1])
    return out


def target_values(p):
    """${t.targetDoc}"""
    if TRANSFORM == "level":
        return p.copy()
    h = HORIZON
    y = np.full_like(p, np.nan)
    y[h:] = p[h:] - p[:-h] if TRANSFORM == "diff" else np.log(p[h:] / p[:-h])
    return y


def mean_std(values):
    """${t.meanStdDoc}"""
    if len(values) == 0:
        return 0.0, 1.0
    mean = float(np.mean(values))
    std = float(np.sqrt(np.mean((values - mean) ** 2)))
    return mean, (std if std > 1e-12 * max(1.0, abs(mean)) else 1.0)


def fit_scaler(inputs, y_all, row_from, row_to, y_from, y_to):
    """${t.fitDoc}"""
    stats = [mean_std(v[row_from:row_to]) for v in inputs]
    y_mean, y_std = mean_std(y_all[y_from:y_to])
    return Scaler(np.array([m for m, _ in stats]), np.array([s for _, s in stats]), y_mean, y_std)


def build_split(inputs, p, y_all, scaler, first_last, n):
    """${t.buildDoc}"""
    last = first_last + np.arange(n)  # l: each window's last input row
    target_row = last + HORIZON  # r = l + h
    rows = last[:, None] - WINDOW + 1 + np.arange(WINDOW)  # [N, T] table rows of each window
    standard = np.stack([(v - m) / s for v, m, s in zip(inputs, scaler.mean, scaler.std)], axis=1)
    x = standard[rows].astype(np.float32)  # [N, T, F]
    y = ((y_all[target_row] - scaler.y_mean) / scaler.y_std).astype(np.float32)
    persistence = p[last] if TRANSFORM == "level" else np.zeros(n)  # tomorrow = today: no change
    persistence_std = ((persistence - scaler.y_mean) / scaler.y_std).astype(np.float32)
    return Split(x, y, target_row, p[target_row], p[last], persistence_std, scaler)


def next_window(inputs, p, scaler):
    """${t.nextDoc}"""
    last = len(p) - HORIZON  # l: the window ending here forecasts row l + HORIZON = R
    rows = last - WINDOW + 1 + np.arange(WINDOW)
    x = np.stack([(v[rows] - m) / s for v, m, s in zip(inputs, scaler.mean, scaler.std)], axis=1)
    return x[None].astype(np.float32), float(p[last]), float(p[-1])


def make_windows(columns):
    """${t.makeDoc}"""
    p = columns[TARGET]
    R = len(p)
    s0 = 0 if TRANSFORM == "level" else 1  # with changes, row 0 has none
    cut = math.floor(TRAIN_FRACTION * R)  # rows before cut are training rows
    inputs = [step_series(p) if f == TARGET else columns[f] for f in FEATURES]
    y_all = target_values(p)
    y_first = 0 if TRANSFORM == "level" else HORIZON
    scaler = fit_scaler(inputs, y_all, s0, cut, y_first, cut)
${scaling}
    first_train = s0 + WINDOW - 1
    n_train = max(0, cut - HORIZON - s0 - WINDOW + 1)
    first_test = max(cut - HORIZON, first_train)
    n_test = max(0, R - HORIZON - first_test)
    if (n_train, n_test) != (TRAIN_WINDOWS, TEST_WINDOWS):
        sys.exit(${JSON.stringify(t.mismatch)} + "{} / {}, {} / {}".format(n_train, n_test, TRAIN_WINDOWS, TEST_WINDOWS))
    train = build_split(inputs, p, y_all, scaler, first_train, n_train)
    test = build_split(inputs, p, y_all, test_scaler, first_test, n_test)
    test.next_window = next_window(inputs, p, test_scaler)
    return train, test


def to_price(y_std, split):
    """${t.priceDoc}"""
    v = np.asarray(y_std, dtype=np.float64) * split.scaler.y_std + split.scaler.y_mean
    if TRANSFORM == "level":
        return v
    return split.previous + v if TRANSFORM == "diff" else split.previous * np.exp(v)`;
  return { title: t.title, text: t.text, code };
}
