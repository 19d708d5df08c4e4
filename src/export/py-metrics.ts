// Section 8 of the experiment: the page's metrics (src/data/metrics.ts) for
// the model and for persistence (tomorrow = today) on the test split, the
// report with its machine-readable last line, and the notebook's plot.
import type { Lang, Text } from '../i18n/lang.ts';
import { pick, pyStr } from './py-literals.ts';
import type { RunRecord } from './run-record.ts';
import type { Section } from './section.ts';

const TEXT = {
  title: { zh: '8. 测试集上的指标，和“明天 = 今天”比', en: '8. Test metrics, beside tomorrow = today' },
  text: {
    zh: '和页面的指标表相同：MSE 用标准化单位（损失看到的量），RMSE、MAE 用价格单位，MAPE 只算实际价格不为 0 的窗口，方向是价格变动的窗口里预测方向正确的比例。持续性预测（明天 = 今天）在同样的窗口上算同样的指标：一个诚实的预测模型总要和它比。',
    en: "As in the page's metrics table: MSE in standardised units (what the loss sees), RMSE and MAE in price units, MAPE over windows whose actual price is not 0, direction as the share of windows where the price moved and the forecast moved the same way. Persistence (tomorrow = today) gets the same metrics on the same windows: an honest forecaster always shows it.",
  },
  evaluateDoc: { zh: '模型在一组窗口上的预测：标准化单位和价格单位。', en: "The model's forecasts on a split: standardised and in price units." },
  metricsDoc: { zh: '一组预测的误差，与页面的 forecastMetrics() 相同。', en: "The errors of a set of forecasts, the page's forecastMetrics()." },
  reportDoc: {
    zh: '打印测试集指标（与页面的并排）、数据之后下一步的预测，最后一行机器可读。',
    en: "Prints the test metrics (beside the page's), the forecast for the step after the data and, last, one machine-readable line.",
  },
  nextDoc: {
    zh: '数据之后下一步的预测（价格单位），与页面“数据结束之后”第 1 步的“模型”相同：最后一个窗口、同样的变换和标准化，再把变换还原。',
    en: "The forecast for the step after the data (price units), as the page's \"Past the end of the data\" shows for step 1: the last window, the same transform and scaling, the transform undone.",
  },
  nextDate: { zh: '页面按文件的日历给这一步标的日期（没有日期时是步数）', en: "the page's label of that step on the file's calendar (the step number without dates)" },
  metric: { zh: '指标', en: 'metric' },
  model: { zh: '模型', en: 'model' },
  persistence: { zh: '明天=今天', en: 'tomorrow=today' },
  page: { zh: '页面:模型', en: 'page:model' },
  pageBase: { zh: '页面:明天=今天', en: 'page:tomorrow' },
  plotTitle: { zh: '9. 预测图', en: '9. The forecasts' },
  plotText: { zh: '测试集上的实际价格、模型的预测和“明天 = 今天”。需要 matplotlib；没有装就跳过。', en: 'Actual prices on the test split, the model\'s forecasts and tomorrow = today. Needs matplotlib; skipped when it is not installed.' },
  noPlot: { zh: '没有安装 matplotlib，不画图（pip install matplotlib）。', en: 'matplotlib is not installed: no plot (pip install matplotlib).' },
  actual: { zh: '实际', en: 'actual' },
  row: { zh: '表格行', en: 'table row' },
} satisfies Record<string, Text>;

export function metricsSection(r: RunRecord, lang: Lang = r.lang): Section {
  const t = pick(TEXT, lang);
  const withPage = r.page !== null;
  const header = withPage ? `"{:<10} {:>14} {:>14} {:>14} {:>14}".format(${[t.metric, t.model, t.persistence, t.page, t.pageBase].map(pyStr).join(', ')})` : `"{:<10} {:>14} {:>14}".format(${[t.metric, t.model, t.persistence].map(pyStr).join(', ')})`;
  const line = withPage
    ? `"{:<10} {:>14.6g} {:>14.6g} {:>14.6g} {:>14.6g}".format(name, model_m[name], base_m[name], PAGE_TEST_METRICS[name], PAGE_PERSISTENCE_METRICS[name])`
    : `"{:<10} {:>14.6g} {:>14.6g}".format(name, model_m[name], base_m[name])`;
  const code = `def evaluate(model, split):
    """${t.evaluateDoc}"""
    with torch.no_grad():
        pred_std = model(torch.from_numpy(split.x)).view(-1).numpy()
    return pred_std, to_price(pred_std, split)


def forecast_metrics(pred_price, split, pred_std):
    """${t.metricsDoc}"""
    d_std = np.asarray(pred_std, dtype=np.float64) - split.y.astype(np.float64)
    err = np.asarray(pred_price, dtype=np.float64) - split.actual
    nonzero = split.actual != 0
    called = np.sign(pred_price - split.previous)  # the forecast's move
    moved = np.sign(split.actual - split.previous)  # the price's move
    calls, moves = int(np.count_nonzero(called)), int(np.count_nonzero(moved))
    correct = int(np.count_nonzero((moved != 0) & (called == moved)))
    return {
        "mse": float(np.mean(d_std ** 2)),
        "rmse": float(np.sqrt(np.mean(err ** 2))),
        "mae": float(np.mean(np.abs(err))),
        "mape": float(100 * np.mean(np.abs(err[nonzero] / split.actual[nonzero]))) if nonzero.any() else math.nan,
        "direction": correct / moves if calls > 0 and moves > 0 else math.nan,
    }


NEXT_DATE = ${pyStr(r.nextDate)}  # ${t.nextDate}


def next_forecast(model, split):
    """${t.nextDoc}"""
    x, base, _ = split.next_window
    with torch.no_grad():
        y = float(model(torch.from_numpy(x)).view(-1)[0])
    v = y * split.scaler.y_std + split.scaler.y_mean
    if TRANSFORM == "level":
        return v
    return base + v if TRANSFORM == "diff" else base * math.exp(v)


def report(model, test_split):
    """${t.reportDoc}"""
    pred_std, pred_price = evaluate(model, test_split)
    model_m = forecast_metrics(pred_price, test_split, pred_std)
    base_m = forecast_metrics(test_split.previous, test_split, test_split.persistence_std)
    print(${header})
    for name in ("mse", "rmse", "mae", "mape", "direction"):
        print(${line})
    print("next_forecast date={} model={!r} persistence={!r}".format(NEXT_DATE, next_forecast(model, test_split), test_split.next_window[2]))
    print("test_mse={!r} test_rmse={!r} test_mae={!r} persistence_mse={!r} persistence_rmse={!r}".format(
        model_m["mse"], model_m["rmse"], model_m["mae"], base_m["mse"], base_m["rmse"]))
    return pred_price`;
  return { title: t.title, text: t.text, code };
}

export function plotSection(r: RunRecord, lang: Lang = r.lang): { title: string; text: string; code: string } {
  const t = pick(TEXT, lang);
  const code = `try:
    import matplotlib.pyplot as plt
except ImportError:
    plt = None
if plt is None:
    print(${pyStr(t.noPlot)})
else:
    fig, ax = plt.subplots(figsize=(10, 4))
    ax.plot(test_split.row_index, test_split.actual, label=${pyStr(t.actual)}, color="black", linewidth=1)
    ax.plot(test_split.row_index, pred_price, label=${pyStr(t.model)})
    ax.plot(test_split.row_index, test_split.previous, label=${pyStr(t.persistence)}, alpha=0.6)
    ax.set_xlabel(${pyStr(t.row)})
    ax.set_ylabel(TARGET)
    ax.legend()
    plt.show()`;
  return { title: t.plotTitle, text: t.plotText, code };
}
