import { describe, expect, it } from 'vitest';
import { aheadBands, type AheadStepErrors } from '../../data/ahead-band.ts';
import { inferCalendar } from '../../data/calendar.ts';
import type { Lang } from '../../i18n/lang.ts';
import { AHEAD_STRINGS, aheadBiasText, aheadLimitText, aheadSummary, aheadVerdictText, formatValue, unitText } from './ahead-strings.ts';
import type { AheadRun } from '../../train/forecast-ahead.ts';

const LANGS: Lang[] = ['en', 'zh'];
const placeholders = (s: string) => [...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]).sort();
const sorted = (xs: number[]) => Float64Array.from(xs).sort();
/** 20 errors spread over ±1 (times `scale`, plus `shift`). */
const spread = (scale = 1, shift = 0) => sorted(Array.from({ length: 20 }, (_, j) => shift + scale * (j / 9.5 - 1)));

function run(models: number[], opts: { modelErrors?: Float64Array; dates?: string[] | null; limit?: AheadRun['limit'] } = {}): AheadRun {
  const dates = opts.dates === undefined ? ['2020-04-13', '2020-04-14', '2020-04-15', '2020-04-16', '2020-04-17'] : opts.dates;
  const future = dates ? ['2020-04-20', '2020-04-21', '2020-04-22'] : ['1', '2', '3'];
  const steps: AheadStepErrors[] = models.map((model, i) => ({
    step: i + 1, date: future[i], model, persistence: 2874.56,
    modelErrors: opts.modelErrors ?? spread(5), persistenceErrors: spread(40),
  }));
  return { requested: models.length, limit: opts.limit ?? null, calendar: inferCalendar(dates), lastDate: dates ? dates.at(-1)! : null, lastValue: 2874.56, origins: 20, steps };
}

describe('forecast-ahead strings', () => {
  it('every template exists in both languages with the same placeholders', () => {
    for (const [key, text] of Object.entries(AHEAD_STRINGS)) {
      expect(text.en.length, key).toBeGreaterThan(0);
      expect(text.zh.length, key).toBeGreaterThan(0);
      expect(placeholders(text.zh), key).toEqual(placeholders(text.en));
    }
  });

  it('the screen-reader summary: the calendar’s unit, each date, the forecast and both bands, the verdict', () => {
    const r = run([2880.1, 2885.2, 2890.3]);
    const b = aheadBands(r.steps, 0.8);
    const en = aheadSummary(r, b, 'en');
    expect(en).toMatch(/^Next 3 trading days, with 80 % bands from the test split: 2020-04-20: model 2,880\.1 \(2,876\.1 to 2,884\.1\), last value 2,874\.6 \(2,842\.6 to 2,906\.6\); 2020-04-21: model 2,885\.2 /);
    expect(en).toContain(aheadVerdictText(b, 'en'));
    const zh = aheadSummary(r, b, 'zh');
    expect(zh).toMatch(/^接下来 3 个交易日（区间为测试集上的 80 % 区间）：2020-04-20：模型 2,880\.1（2,876\.1 至 2,884\.1），最后一个值 2,874\.6（2,842\.6 至 2,906\.6）；/);
    for (const text of [en, zh]) expect(text).not.toMatch(/[{}]/);
    // Without dates: the steps are counted.
    const steps = run([1, 2, 3], { dates: null });
    expect(aheadSummary(steps, aheadBands(steps.steps, 0.8), 'en')).toMatch(/^Next 3 steps, .*: step 1: model 1\.0 \(-3\.0 to 5\.0\)/);
    expect(aheadSummary(steps, aheadBands(steps.steps, 0.8), 'zh')).toMatch(/^接下来 3 步（.*）：第 1 步：模型 1\.0（-3\.0 至 5\.0）/);
  });

  it('a step without enough test windows says so instead of a band', () => {
    const r = run([2880], { modelErrors: sorted([1, 2, 3]) });
    const b = aheadBands(r.steps, 0.8);
    expect(aheadSummary(r, b, 'en')).toContain('no band: 3 test windows reach this step, 9 needed');
    expect(aheadSummary(r, b, 'zh')).toContain('只有 3 个窗口');
    expect(aheadVerdictText(b, 'en')).toMatch(/^Too few test windows .* at least 9/);
  });

  it('verdicts: overlap, apart (below / above), some apart, and the narrower count', () => {
    const overlap = aheadBands(run([2880, 2881, 2882]).steps, 0.8);
    expect(aheadVerdictText(overlap, 'en')).toBe(
      "At every step the model's 80 % band overlaps persistence's: on the test split's evidence, this forecast cannot be told apart from no change. The model's band is the narrower one at 3 of 3 steps.",
    );
    expect(aheadVerdictText(overlap, 'zh')).toContain('区分不开');
    const below = aheadBands(run([2700, 2700]).steps, 0.8);
    expect(aheadVerdictText(below, 'en')).toMatch(/wholly below persistence's: .* a fall/);
    expect(aheadVerdictText(below, 'zh')).toContain('完全低于');
    const above = aheadBands(run([3000]).steps, 0.8);
    expect(aheadVerdictText(above, 'en')).toMatch(/wholly above persistence's: .* a rise from the last value\.$/);
    const some = aheadBands(run([2880, 3000, 3000]).steps, 0.8);
    expect(aheadVerdictText(some, 'en')).toMatch(/wholly above persistence's at steps 2, 3 and overlaps it at the other steps/);
    expect(aheadVerdictText(some, 'zh')).toContain('在第 2、3 步');
  });

  it('a biased model and a one-step limit are explained', () => {
    const r = run([2880], { modelErrors: spread(1, 10), limit: { kind: 'other-inputs', columns: ['volume', 'open'], steps: 1 } });
    const b = aheadBands(r.steps, 0.8);
    expect(aheadBiasText(b, 'en')).toMatch(/^At step 1, the actual value came out above the model's forecast in more than 90 % of test cases/);
    expect(aheadBiasText(aheadBands(run([2880]).steps, 0.8), 'en')).toBeNull();
    const en = aheadSummary(r, b, 'en');
    expect(en).toContain('Only the next step can be forecast: the model also reads volume, open,');
    expect(aheadLimitText({ kind: 'other-inputs', columns: ['temp'], steps: 3 }, 'en')).toMatch(/^Only 3 steps can be forecast/);
    expect(aheadLimitText({ kind: 'other-inputs', columns: ['温度', '气压'], steps: 1 }, 'zh')).toMatch(/^只能预测下一步：模型还读取 温度、气压/);
  });

  it('units and numbers in both languages', () => {
    expect(unitText('trading-days', 1, 'en')).toBe('trading day');
    expect(unitText('monthly', 2, 'en')).toBe('2 months');
    expect(unitText('monthly', 2, 'zh')).toBe(' 2 个月');
    for (const lang of LANGS) expect(formatValue(NaN, lang)).toBe('–');
    expect(formatValue(1234.56789, 'en')).toBe('1,234.57');
    expect(formatValue(0.000123456789, 'zh')).toBe('0.000123457');
    expect(formatValue(2874.56, 'en', 0)).toBe('2,875');
    expect(formatValue(-3, 'en', 2)).toBe('-3.00');
  });
});
