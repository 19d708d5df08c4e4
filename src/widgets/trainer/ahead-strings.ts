// The forecast past the data in words, zh and en: the panel's and the chart's
// labels, why only some steps can be forecast, the verdict beside persistence,
// and one text a screen reader can read out. AHEAD_STRINGS is part of the
// trainer's strings (strings.ts), so the Labeller relabels all of it; the
// functions below compose the longer texts for a language. Plain strings
// (callers insert them as text).
import { format, type Lang, type Text } from '../../i18n/lang.ts';
import type { AheadLimit } from '../../data/ahead-windows.ts';
import type { AheadBands, Band, StepBand } from '../../data/ahead-band.ts';
import type { Spacing } from '../../data/calendar.ts';
import type { AheadRun } from '../../train/forecast-ahead.ts';

export const AHEAD_STRINGS = {
  aheadTitle: { en: 'Past the end of the data', zh: '数据结束之后' },
  aheadIntro: {
    en: "The model's forecast for the steps after the last row. Around each, the range its own errors on the test split covered at that distance ahead; beside it, \"tomorrow = today\" (the last value) with its range.",
    zh: '模型对最后一行之后几步的预测。每一步周围是它在测试集上、往前看同样步数时的误差所覆盖的范围；旁边是“明天 = 今天”（保持最后一个值）及其范围。',
  },
  aheadStepsLabel: { en: 'Steps ahead', zh: '往后预测几步' },
  aheadBandLabel: { en: 'Band', zh: '区间' },
  aheadBandOption: { en: '{low}–{high} % of test errors', zh: '测试误差的 {low}–{high} %' },
  aheadCapped: { en: 'At most {max} steps (the window length).', zh: '最多 {max} 步（窗口长度）。' },
  aheadNone: {
    en: 'Train the model (or load weights) to see what it forecasts after the last row.',
    zh: '训练模型（或载入权重）之后，这里会给出它对最后一行之后的预测。',
  },
  aheadWaitTraining: { en: 'The forecast past the data appears when training stops.', zh: '训练停下之后，这里会给出对数据之后的预测。' },
  aheadComputing: { en: 'Forecasting…', zh: '正在预测…' },
  aheadLast: { en: 'Weights of epoch {epoch}. Last row {date}: {value}.', zh: '第 {epoch} 轮的权重。最后一行 {date}：{value}。' },
  aheadLastNoDate: { en: 'Weights of epoch {epoch}. Last row: {value}.', zh: '第 {epoch} 轮的权重。最后一行：{value}。' },
  aheadColDate: { en: 'Date', zh: '日期' },
  aheadColStep: { en: 'Step', zh: '步' },
  aheadColModel: { en: 'Model', zh: '模型' },
  aheadColPersistence: { en: 'Tomorrow = today', zh: '明天 = 今天' },
  aheadColBand: { en: '{pct} band', zh: '{pct} 区间' },
  aheadRange: { en: '{low} to {high}', zh: '{low} 至 {high}' },
  aheadNoBand: { en: 'too few test windows ({n}; {needed} needed)', zh: '测试窗口太少（{n} 个，至少需要 {needed} 个）' },
  aheadChartMark: { en: 'forecast', zh: '预测' },
  aheadChartModel: { en: 'forecast past the data ({pct} band)', zh: '数据之后的预测（{pct} 区间）' },
  aheadChartPersistence: { en: 'last value ({pct} band)', zh: '最后一个值（{pct} 区间）' },
  aheadChartReadout: {
    en: '{x}: forecast {model} ({low} to {high}) · last value {persistence} ({plow} to {phigh})',
    zh: '{x}：预测 {model}（{low} 至 {high}）· 最后一个值 {persistence}（{plow} 至 {phigh}）',
  },
  aheadZoom: { en: 'Forecast', zh: '预测段' },
  aheadLimitOne: {
    en: 'Only the next step can be forecast: the model also reads {columns}, whose values after the last row are unknown (they are not invented). Use the target alone as input to forecast further ahead.',
    zh: '只能预测下一步：模型还读取 {columns}，而它们在最后一行之后的值是未知的（这里不会凭空编造）。只用目标列作输入，才能往后预测更多步。',
  },
  aheadLimitSome: {
    en: 'Only {steps} steps can be forecast: the model also reads {columns}, whose values after the last row are unknown (they are not invented). Use the target alone as input to forecast further ahead.',
    zh: '只能预测 {steps} 步：模型还读取 {columns}，而它们在最后一行之后的值是未知的（这里不会凭空编造）。只用目标列作输入，才能往后预测更多步。',
  },
  aheadVerdictUnknown: {
    en: 'Too few test windows reach these steps for a {pct} band (it needs at least {needed}): no verdict.',
    zh: '测试集中能走到这些步的窗口太少（{pct} 区间至少需要 {needed} 个），无法下结论。',
  },
  aheadVerdictOverlap: {
    en: "At every step the model's {pct} band overlaps persistence's: on the test split's evidence, this forecast cannot be told apart from no change.",
    zh: '每一步上，模型的 {pct} 区间都与“保持最后一个值”的区间重叠：按测试集上的误差，这个预测与“不变”区分不开。',
  },
  aheadVerdictApartBelow: {
    en: "At every step the model's {pct} band lies wholly below persistence's: the test split's errors back a fall from the last value.",
    zh: '每一步上，模型的 {pct} 区间都完全低于“保持最后一个值”的区间：测试集上的误差支持“会低于最后一个值”。',
  },
  aheadVerdictApartAbove: {
    en: "At every step the model's {pct} band lies wholly above persistence's: the test split's errors back a rise from the last value.",
    zh: '每一步上，模型的 {pct} 区间都完全高于“保持最后一个值”的区间：测试集上的误差支持“会高于最后一个值”。',
  },
  aheadVerdictSomeBelow: {
    en: "The model's {pct} band lies wholly below persistence's at {where} and overlaps it at the other steps.",
    zh: '在{where}，模型的 {pct} 区间完全低于“保持最后一个值”的区间；其余各步两者重叠。',
  },
  aheadVerdictSomeAbove: {
    en: "The model's {pct} band lies wholly above persistence's at {where} and overlaps it at the other steps.",
    zh: '在{where}，模型的 {pct} 区间完全高于“保持最后一个值”的区间；其余各步两者重叠。',
  },
  aheadVerdictSomeMixed: {
    en: "The model's {pct} band and persistence's are apart at {where} (on different sides) and overlap at the other steps.",
    zh: '在{where}，模型与“保持最后一个值”的 {pct} 区间彼此分开（方向不一）；其余各步两者重叠。',
  },
  aheadVerdictApartMixed: {
    en: "At every step the model's {pct} band and persistence's are apart, the model's below at {where} and above at the others.",
    zh: '每一步上，模型与“保持最后一个值”的 {pct} 区间都彼此分开：在{where}模型的区间更低，其余各步更高。',
  },
  aheadNarrower: {
    en: "The model's band is the narrower one at {n} of {total} steps.",
    zh: '{total} 步中有 {n} 步，模型的区间比“保持最后一个值”的更窄。',
  },
  aheadBiasUnder: {
    en: "At {where}, the actual value came out above the model's forecast in more than {share} of test cases: the model has been running low, and its band is stretched down to the forecast itself.",
    zh: '在{where}，测试集上超过 {share} 的情况实际值都高于模型的预测：模型一直偏低，它的区间向下延伸到预测值本身。',
  },
  aheadBiasOver: {
    en: "At {where}, the actual value came out below the model's forecast in more than {share} of test cases: the model has been running high, and its band is stretched up to the forecast itself.",
    zh: '在{where}，测试集上超过 {share} 的情况实际值都低于模型的预测：模型一直偏高，它的区间向上延伸到预测值本身。',
  },
  aheadIrregular: {
    en: "The file's dates are irregular; these dates are spaced by its median gap.",
    zh: '文件中的日期间隔不规则；这里的日期按其间隔的中位数推算。',
  },
  aheadHeading: { en: 'Next {unit}, with {pct} bands from the test split:', zh: '接下来{unit}（区间为测试集上的 {pct} 区间）：' },
  aheadStepLabel: { en: 'step {n}', zh: '第 {n} 步' },
  aheadStepLine: {
    en: '{date}: model {model} ({low} to {high}), last value {persistence} ({plow} to {phigh})',
    zh: '{date}：模型 {model}（{low} 至 {high}），最后一个值 {persistence}（{plow} 至 {phigh}）',
  },
  aheadStepLineNoBand: {
    en: '{date}: model {model}, last value {persistence} (no band: {n} test windows reach this step, {needed} needed)',
    zh: '{date}：模型 {model}，最后一个值 {persistence}（无区间：测试集中只有 {n} 个窗口走到这一步，至少需要 {needed} 个）',
  },
} satisfies Record<string, Text>;

type Key = keyof typeof AHEAD_STRINGS;
const t = (key: Key, lang: Lang, values: Record<string, string | number> = {}) => format(AHEAD_STRINGS[key][lang], values);

/** How many steps of the file's calendar, e.g. "3 trading days" / " 3 个交易日". */
const UNITS: Record<Spacing, { en: [string, string]; zh: string }> = {
  steps: { en: ['step', 'steps'], zh: ' {n} 步' },
  daily: { en: ['day', 'days'], zh: ' {n} 天' },
  'trading-days': { en: ['trading day', 'trading days'], zh: ' {n} 个交易日' },
  weekly: { en: ['week', 'weeks'], zh: ' {n} 周' },
  days: { en: ['date', 'dates'], zh: ' {n} 个日期' },
  monthly: { en: ['month', 'months'], zh: ' {n} 个月' },
  quarterly: { en: ['quarter', 'quarters'], zh: ' {n} 个季度' },
  yearly: { en: ['year', 'years'], zh: ' {n} 年' },
  months: { en: ['date', 'dates'], zh: ' {n} 个日期' },
  intraday: { en: ['period', 'periods'], zh: ' {n} 个时段' },
  irregular: { en: ['date', 'dates'], zh: ' {n} 个日期' },
};

export function unitText(spacing: Spacing, n: number, lang: Lang): string {
  const u = UNITS[spacing];
  if (lang === 'zh') return format(u.zh, { n });
  return n === 1 ? u.en[0] : `${n} ${u.en[1]}`;
}

/** A value in the target's units: with `decimals` fixed, else six significant digits. */
export function formatValue(v: number, lang: Lang, decimals: number | null = null): string {
  if (!Number.isFinite(v)) return '–';
  const locale = lang === 'zh' ? 'zh-CN' : 'en';
  if (decimals === null) return v.toLocaleString(locale, { maximumSignificantDigits: 6 });
  return v.toLocaleString(locale, { minimumFractionDigits: decimals, maximumFractionDigits: decimals });
}

/** Decimals that show the narrowest band's width to two significant digits (null without a band). */
export function bandDecimals(bands: AheadBands): number | null {
  let narrowest = Infinity;
  for (const s of bands.steps) {
    for (const b of [s.modelBand, s.persistenceBand]) if (b && b.high > b.low) narrowest = Math.min(narrowest, b.high - b.low);
  }
  if (!Number.isFinite(narrowest)) return null;
  return Math.max(0, Math.min(8, 1 - Math.floor(Math.log10(narrowest))));
}

export function percentText(share: number): string {
  return `${Math.round(share * 1000) / 10} %`;
}

/** "step 2" / "steps 2, 3" / "第 2、3 步". */
function whereText(steps: readonly number[], lang: Lang): string {
  if (lang === 'zh') return `第 ${steps.join('、')} 步`;
  return `${steps.length === 1 ? 'step' : 'steps'} ${steps.join(', ')}`;
}

/** Why fewer steps than asked are shown. */
export function aheadLimitText(limit: AheadLimit, lang: Lang): string {
  const columns = limit.columns.join(lang === 'zh' ? '、' : ', ');
  return t(limit.steps === 1 ? 'aheadLimitOne' : 'aheadLimitSome', lang, { columns, steps: limit.steps });
}

export function aheadVerdictText(bands: AheadBands, lang: Lang): string {
  const v = bands.verdict;
  const pct = percentText(bands.coverage);
  let text: string;
  if (v.kind === 'unknown') return t('aheadVerdictUnknown', lang, { pct, needed: bands.needed });
  if (v.kind === 'overlap') text = t('aheadVerdictOverlap', lang, { pct });
  else if (v.kind === 'apart' && v.lower) text = t(v.lower === 'model' ? 'aheadVerdictApartBelow' : 'aheadVerdictApartAbove', lang, { pct });
  else if (v.kind === 'apart') {
    const below = bands.steps.filter((s) => s.apart === 'model').map((s) => s.step);
    text = t('aheadVerdictApartMixed', lang, { pct, where: whereText(below, lang) });
  } else {
    const key = v.lower === null ? 'aheadVerdictSomeMixed' : v.lower === 'model' ? 'aheadVerdictSomeBelow' : 'aheadVerdictSomeAbove';
    text = t(key, lang, { pct, where: whereText(v.apartSteps, lang) });
  }
  if (v.steps > 1) text += (lang === 'zh' ? '' : ' ') + t('aheadNarrower', lang, { n: v.narrowerSteps.length, total: v.steps });
  return text;
}

/** A note when the model's errors sat mostly on one side of its forecast; null otherwise. */
export function aheadBiasText(bands: AheadBands, lang: Lang): string | null {
  const share = percentText((1 + bands.coverage) / 2);
  const sep = lang === 'zh' ? '' : ' ';
  const notes: string[] = [];
  for (const side of ['under', 'over'] as const) {
    const steps = bands.steps.filter((s) => s.modelBand?.bias === side).map((s) => s.step);
    if (steps.length > 0) notes.push(t(side === 'under' ? 'aheadBiasUnder' : 'aheadBiasOver', lang, { where: whereText(steps, lang), share }));
  }
  return notes.length === 0 ? null : notes.join(sep);
}

function stepLine(s: StepBand, spacing: Spacing, needed: number, decimals: number | null, lang: Lang): string {
  const date = spacing === 'steps' ? t('aheadStepLabel', lang, { n: s.step }) : s.date;
  const v = (x: number) => formatValue(x, lang, decimals);
  const m: Band | null = s.modelBand;
  const p: Band | null = s.persistenceBand;
  if (!m || !p) return t('aheadStepLineNoBand', lang, { date, model: v(s.model), persistence: v(s.persistence), n: s.n, needed });
  return t('aheadStepLine', lang, { date, model: v(s.model), low: v(m.low), high: v(m.high), persistence: v(s.persistence), plow: v(p.low), phigh: v(p.high) });
}

/**
 * The whole forecast as one text: "Next 3 trading days, with 80 % bands from
 * the test split: 2020-04-20: model … (… to …), last value … (… to …); …"
 * followed by the verdict and any limit or bias note.
 */
export function aheadSummary(run: AheadRun, bands: AheadBands, lang: Lang): string {
  const spacing = run.calendar.spacing;
  const sep = lang === 'zh' ? '' : ' ';
  const decimals = bandDecimals(bands);
  const lines = bands.steps.map((s) => stepLine(s, spacing, bands.needed, decimals, lang));
  const end = lang === 'zh' ? '。' : '.';
  const parts = [`${t('aheadHeading', lang, { unit: unitText(spacing, bands.steps.length, lang), pct: percentText(bands.coverage) })}${sep}${lines.join(lang === 'zh' ? '；' : '; ')}${end}`];
  if (spacing === 'irregular') parts.push(t('aheadIrregular', lang));
  parts.push(aheadVerdictText(bands, lang));
  const bias = aheadBiasText(bands, lang);
  if (bias) parts.push(bias);
  if (run.limit) parts.push(aheadLimitText(run.limit, lang));
  return parts.join(sep);
}
