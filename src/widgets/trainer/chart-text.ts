// The trainer's three charts as text: a caption with each chart's key numbers
// and its data as a table on request (charts/text-alternative.ts). Captions
// follow the run as it trains; a table is built only while the reader has it open.
import { formatNumber } from '../../charts/scales.ts';
import { createTextAlternative, type DataTable, type TextAlternative } from '../../charts/text-alternative.ts';
import { Labeller as StringsLabeller } from '../../i18n/labeller.ts';
import type { Text } from '../../i18n/lang.ts';
import type { Labeller } from './labels.ts';
import { printPrice } from './live.ts';
import type { Part, TrainerViewModel } from './view-model.ts';

const T = {
  lossNone: { zh: '还没有训练任何一轮。', en: 'No epoch trained yet.' },
  loss: {
    zh: '已训练 {n} 轮；最后一轮的训练损失为 {train}，最近一次测试损失为 {test}（标准化单位）。',
    en: '{n} epochs trained; the last training loss is {train}, the latest test loss {test} (standardised units).',
  },
  predNone: { zh: '还没有数据窗口。', en: 'No windows yet.' },
  predData: { zh: '测试集 {n} 个窗口，实际值从 {min} 到 {max}。还没有模型预测。', en: 'Test split: {n} windows, actual values from {min} to {max}. No model forecasts yet.' },
  pred: {
    zh: '测试集 {n} 个窗口，实际值从 {min} 到 {max}；第 {epoch} 轮的模型 RMSE {model}，明天 = 今天 {baseline}。',
    en: 'Test split: {n} windows, actual values from {min} to {max}; at epoch {epoch} the model scores RMSE {model}, tomorrow = today {baseline}.',
  },
  zetaNone: { zh: '还没有梯度剖面。', en: 'No gradient profile yet.' },
  zeta: {
    zh: '当前权重下，从窗口末端往回 {n} 步：‖∂h⁽ᵀ⁾/∂h⁽¹⁾‖₂ = {jacobian}，‖∂L/∂h⁽¹⁾‖ = {dLdh}。',
    en: 'For the current weights, {n} steps back from the end of the window: ‖∂h⁽ᵀ⁾/∂h⁽¹⁾‖₂ = {jacobian}, ‖∂L/∂h⁽¹⁾‖ = {dLdh}.',
  },
  historyNone: { zh: '还没有快照。', en: 'No snapshots yet.' },
  history: {
    zh: '{n} 次快照（第 {first} 到第 {last} 轮）的 ‖∂L/∂h⁽ᵏ⁾‖，k = 1…{T}；最近一次 k = 1 处为 {v1}，k = {T} 处为 {vT}。',
    en: '‖∂L/∂h⁽ᵏ⁾‖ for k = 1…{T} at {n} snapshots (epochs {first} to {last}); at the latest, {v1} at k = 1 and {vT} at k = {T}.',
  },
  colEpoch: { zh: '轮次', en: 'epoch' },
  colTrain: { zh: '训练损失', en: 'training loss' },
  colTest: { zh: '测试损失', en: 'test loss' },
  colWhen: { zh: '日期或行号', en: 'date or row' },
  colActual: { zh: '实际值', en: 'actual' },
  colModel: { zh: '模型', en: 'model' },
  colPersistence: { zh: '明天 = 今天', en: 'tomorrow = today' },
  testOnly: { zh: '只列出测试窗口。', en: 'Test windows only.' },
} satisfies Record<string, Text>;

export interface ChartTexts {
  loss: HTMLElement;
  predictions: HTMLElement;
  zeta: HTMLElement;
  history: HTMLElement;
  /** Point each chart (the figures under `hosts`) at its caption. */
  describe(hosts: { loss: HTMLElement; predictions: HTMLElement; zeta: HTMLElement }): void;
  render(vm: TrainerViewModel, parts: { has(part: Part): boolean }): void;
}

const num = (v: number) => formatNumber(v, 4);

function lastFinite(values: readonly number[]): number {
  for (let i = values.length - 1; i >= 0; i--) if (Number.isFinite(values[i])) return values[i];
  return NaN;
}

export function createChartTexts(trainerL: Labeller): ChartTexts {
  const L = new StringsLabeller(T, trainerL.lang);
  const alt: Record<'loss' | 'predictions' | 'zeta' | 'history', TextAlternative> = {
    loss: createTextAlternative(L.lang, 'chart-loss-text'),
    predictions: createTextAlternative(L.lang, 'chart-predictions-text'),
    zeta: createTextAlternative(L.lang, 'chart-zeta-text'),
    history: createTextAlternative(L.lang, 'chart-zeta-history-text'),
  };
  let last: TrainerViewModel | null = null;
  trainerL.bind(() => {
    L.setLang(trainerL.lang);
    for (const a of Object.values(alt)) a.setLang(L.lang);
    if (last) paint(last, { has: () => true });
  });

  function paintLoss(vm: TrainerViewModel): void {
    const n = vm.trainLoss.length;
    alt.loss.setCaption(n === 0 ? L.t('lossNone') : L.t('loss', { n, train: num(vm.trainLoss[n - 1]), test: num(lastFinite(vm.testLoss)) }));
    alt.loss.setTable((): DataTable => ({
      columns: [L.t('colEpoch'), L.t('colTrain'), L.t('colTest')],
      rows: vm.trainLoss.map((v, i) => [String(i + 1), num(v), Number.isFinite(vm.testLoss[i]) ? num(vm.testLoss[i]) : '']),
    }));
  }

  function paintPredictions(vm: TrainerViewModel): void {
    const s = vm.series;
    if (!s) {
      alt.predictions.setCaption(L.t('predNone'));
      alt.predictions.setTable(null);
      return;
    }
    const lang = L.lang;
    const rows = s.test.rowIndex;
    let min = Infinity;
    let max = -Infinity;
    for (const r of rows) {
      min = Math.min(min, s.price[r]);
      max = Math.max(max, s.price[r]);
    }
    const snap = vm.snapshot && vm.snapshot.test.length === rows.length ? vm.snapshot : null;
    const base = { n: rows.length, min: printPrice(min, lang), max: printPrice(max, lang) };
    alt.predictions.setCaption(snap ? L.t('pred', { ...base, epoch: snap.epoch, model: printPrice(snap.model.rmse, lang), baseline: printPrice(snap.baseline.rmse, lang) }) : L.t('predData', base));
    const when = (r: number) => (s.time ? new Date(s.time[r]).toISOString().slice(0, 10) : String(r + 1));
    alt.predictions.setTable(() => ({
      columns: [L.t('colWhen'), L.t('colActual'), L.t('colModel'), L.t('colPersistence')],
      rows: Array.from(rows, (r, i) => [when(r), num(s.price[r]), snap ? num(snap.test[i]) : '', num(s.test.previous[i])]),
      note: L.t('testOnly'),
    }));
  }

  function paintZeta(vm: TrainerViewModel): void {
    const z = vm.snapshot?.zeta;
    if (!z) {
      alt.zeta.setCaption(L.t('zetaNone'));
      alt.zeta.setTable(null);
      return;
    }
    const Tn = z.jacobian.length;
    alt.zeta.setCaption(L.t('zeta', { n: Tn - 1, jacobian: num(z.jacobian[0]), dLdh: num(z.dLdh[0]) }));
    alt.zeta.setTable(() => ({
      columns: ['T − k', '‖∂h⁽ᵀ⁾/∂h⁽ᵏ⁾‖₂', '‖∂L/∂h⁽ᵏ⁾‖'],
      rows: Array.from({ length: Tn }, (_, j) => [String(j), num(z.jacobian[Tn - 1 - j]), num(z.dLdh[Tn - 1 - j])]),
    }));
  }

  function paintHistory(vm: TrainerViewModel): void {
    const h = vm.zetaHistory;
    if (h.length === 0) {
      alt.history.setCaption(L.t('historyNone'));
      alt.history.setTable(null);
      return;
    }
    const latest = h[h.length - 1].dLdh;
    const Tn = latest.length;
    alt.history.setCaption(L.t('history', { n: h.length, first: h[0].epoch, last: h[h.length - 1].epoch, T: Tn, v1: num(latest[0]), vT: num(latest[Tn - 1]) }));
    alt.history.setTable(() => ({
      columns: [L.t('colEpoch'), ...Array.from({ length: Tn }, (_, k) => `k = ${k + 1}`)],
      rows: h.map((r) => [String(r.epoch), ...Array.from(r.dLdh, num)]),
    }));
  }

  function paint(vm: TrainerViewModel, parts: { has(part: Part): boolean }): void {
    last = vm;
    if (parts.has('losses')) paintLoss(vm);
    if (parts.has('series') || parts.has('snapshot')) {
      paintPredictions(vm);
      paintZeta(vm);
      paintHistory(vm);
    }
  }

  return {
    loss: alt.loss.element,
    predictions: alt.predictions.element,
    zeta: alt.zeta.element,
    history: alt.history.element,
    describe(hosts) {
      for (const k of ['loss', 'predictions'] as const) alt[k].describe(hosts[k].querySelector('figure') ?? hosts[k]);
      // The gradient panel holds two charts: the profile, then the heat map of its history.
      const [profile, history] = hosts.zeta.querySelectorAll('figure');
      alt.zeta.describe(profile ?? hosts.zeta);
      if (history) alt.history.describe(history);
    },
    render: paint,
  };
}
