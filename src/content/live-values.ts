// The live numbers the text may quote, `{{WIDGET.QUANTITY?settings}}`: each is
// computed at build time by the widget's own model code (src/widgets/NAME/
// model.ts over src/model, or src/data for the trainer's data) at the link's
// settings, the others at their defaults, and printed the way the widget
// prints it. The widget may then keep the span in step with its state.
import { formatFromLog10, formatNumber } from '../charts/scales.ts';
import { makeDataset, type Dataset } from '../data/dataset.ts';
import { persistenceMetrics } from '../data/metrics.ts';
import { datasetOptions } from '../train/config.ts';
import { buildBpttModel, cellPath, type BpttSettings } from '../widgets/bptt/model.ts';
import { runTiny, texNum, type ForwardWeights } from '../widgets/forward/model.ts';
import { configFromFields, type TrainFields } from '../widgets/trainer/fields.ts';
import { toSettings } from '../widgets/vx/fields.ts';
import { chosenReadoutLog10, computeVx, type VxResult } from '../widgets/vx/model.ts';
import { WEIGHTS, DEFAULT_X } from '../widgets/forward/fields.ts';
import { parseSequence } from '../widgets/forward/model.ts';
import type { ContentLang } from './exercises.ts';
import type { LiveRequest } from './live-syntax.ts';
import { linkProblems, settingsAt, trainerTable, type PresetContext, type Settings } from './widget-presets.ts';

export interface LiveContext extends PresetContext {
  lang: ContentLang;
}

type Quantity = (s: Settings, ctx: LiveContext, query: string) => string;

function memo<T>(f: (key: string, s: Settings, ctx: LiveContext, query: string) => T): (s: Settings, ctx: LiveContext, query: string) => T {
  const cache = new Map<string, T>();
  return (s, ctx, query) => {
    const key = JSON.stringify(s);
    if (!cache.has(key)) cache.set(key, f(key, s, ctx, query));
    return cache.get(key)!;
  };
}

// ---- vx: the lab of section 5 ----
const vxResult = memo((_k, s): VxResult => computeVx(toSettings(s)));
function vxClip(r: VxResult): NonNullable<VxResult['clip']> {
  if (!r.clip) throw new Error('this live number needs clipping on (clip=1)');
  return r.clip;
}
const last = (a: Float64Array) => a[a.length - 1];

function vxGated(r: VxResult): NonNullable<VxResult['gated']> {
  if (!r.gated) throw new Error('this live number needs a gated cell (cell=lstm or cell=gru)');
  return r.gated;
}

const VX: Record<string, Quantity> = {
  /** ‖∂s(T)/∂s(1)‖₂ of the chosen cell (s = h for the simple cell), as the read-out prints its factor. */
  readout: (s, c, q) => formatFromLog10(chosenReadoutLog10(vxResult(s, c, q)), 2),
  /** The simple cell's ‖∂h(T)/∂h(1)‖₂ on the same inputs, beside a gated cell. */
  'simple-readout': (s, c, q) => formatFromLog10(vxResult(s, c, q).readoutLog10, 2),
  /** The mean holding gate (LSTM f, GRU z), as the details line prints it. */
  'mean-gate': (s, c, q) => formatNumber(vxGated(vxResult(s, c, q)).meanHold, 3),
  /** The direct path alone, max over units of ∏ f (or ∏ z), as the details line prints it. */
  'direct-path': (s, c, q) => formatFromLog10(vxGated(vxResult(s, c, q)).log10DirectPath, 2),
  /** Mean σ′ over units and steps, as the details line prints it. */
  'mean-derivative': (s, c, q) => formatNumber(vxResult(s, c, q).meanDerivative, 3),
  /** Decades between that line's end and the measured curve's end (positive: the curve ends below). */
  'decades-below-reference': (s, c, q) => {
    const r = vxResult(s, c, q);
    return (last(r.log10Reference) - r.readoutLog10).toFixed(1);
  },
  /** ‖g‖ of the clipped quantity, as the clipping note prints it. */
  'clip-norm': (s, c, q) => formatFromLog10(vxClip(vxResult(s, c, q)).log10GradNorm, 2),
  /** The clipping factor min(1, θ/‖g‖), as the clipping note prints it. */
  'clip-factor': (s, c, q) => formatFromLog10(vxClip(vxResult(s, c, q)).log10Factor, 2),
};

// ---- bptt: the heat map of section 4 ----
const bpttModel = memo((_k, s) => buildBpttModel({ steps: s.steps, hidden: s.hidden, rho: s.rho, act: s.act, seed: s.seed } as BpttSettings));
/** The cell the widget selects for these settings (its rule: t outside 1..T → T; k outside 1..t → 1). */
function bpttCell(s: Settings): { t: number; k: number } {
  const T = s.steps as number;
  let t = s.t as number;
  let k = s.k as number;
  if (t < 1 || t > T) t = T;
  if (k < 1 || k > t) k = 1;
  return { t, k };
}
const BPTT: Record<string, Quantity> = {
  /** ‖∂L^(t)/∂h(k)‖ of the selected cell, as the path panel prints it. */
  cell: (s, c, q) => {
    const { t, k } = bpttCell(s);
    return formatNumber(cellPath(bpttModel(s, c, q), t, k).end, 3);
  },
  /** ‖∂L^(t)/∂h(t)‖, where the selected cell's chain starts. */
  start: (s, c, q) => {
    const { t, k } = bpttCell(s);
    return formatNumber(cellPath(bpttModel(s, c, q), t, k).start, 3);
  },
  /** The product of the chain's factor norms, the bound the path panel prints. */
  bound: (s, c, q) => {
    const { t, k } = bpttCell(s);
    return formatFromLog10(cellPath(bpttModel(s, c, q), t, k).log10Bound, 3);
  },
};

// ---- forward: the stepper of section 3 ----
function forwardState(s: Settings): { t: number; a: number[]; h: number[] } {
  const xs = parseSequence(String(s.x)) ?? parseSequence(DEFAULT_X)!;
  const w = Object.fromEntries(WEIGHTS.map((wt) => [wt.key, Number(s[wt.key])])) as unknown as ForwardWeights;
  const pass = runTiny(w, xs);
  const t = Math.min(Number(s.t), xs.length);
  return { t, a: [pass.a[(t - 1) * 2], pass.a[(t - 1) * 2 + 1]], h: [pass.h[(t - 1) * 2], pass.h[(t - 1) * 2 + 1]] };
}
/** Entries of a(t) and h(t) at the step shown, as the equation prints them (two decimals). */
const FORWARD: Record<string, Quantity> = {
  a1: (s) => texNum(forwardState(s).a[0]).replace('-', '−'),
  a2: (s) => texNum(forwardState(s).a[1]).replace('-', '−'),
  h1: (s) => texNum(forwardState(s).h[0]).replace('-', '−'),
  h2: (s) => texNum(forwardState(s).h[1]).replace('-', '−'),
};

// ---- trainer: numbers of the data and split the trainer builds ----
const trainerDataset = memo((_k, s, ctx, query): Dataset => {
  const table = trainerTable(new URLSearchParams(query), ctx);
  const config = configFromFields(s as unknown as TrainFields, table.columns, table.target);
  const r = makeDataset(table, datasetOptions(config));
  if (!r.ok) throw new Error(`trainer live number: the dataset fails (${r.error.kind})`);
  return r.dataset;
});
/** A price as the metrics table prints it: four significant digits, the reader's locale. */
function price(v: number, lang: ContentLang): string {
  return Number(v.toPrecision(4)).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en', { maximumSignificantDigits: 4 });
}
function extent(values: ArrayLike<number>): [number, number] {
  let lo = Infinity;
  let hi = -Infinity;
  for (let i = 0; i < values.length; i++) {
    lo = Math.min(lo, values[i]);
    hi = Math.max(hi, values[i]);
  }
  return [lo, hi];
}
const TRAINER: Record<string, Quantity> = {
  /** Test RMSE of persistence, price units (the metrics table's baseline column). */
  'persistence-rmse': (s, c, q) => price(persistenceMetrics(trainerDataset(s, c, q).test).rmse, c.lang),
  /** Lowest and highest training target, price units. */
  'train-min': (s, c, q) => price(extent(trainerDataset(s, c, q).train.actual)[0], c.lang),
  'train-max': (s, c, q) => price(extent(trainerDataset(s, c, q).train.actual)[1], c.lang),
  /** Lowest and highest test target, price units. */
  'test-min': (s, c, q) => price(extent(trainerDataset(s, c, q).test.actual)[0], c.lang),
  'test-max': (s, c, q) => price(extent(trainerDataset(s, c, q).test.actual)[1], c.lang),
  /** Share of test targets above the highest training target. */
  'test-above-train': (s, c, q) => {
    const d = trainerDataset(s, c, q);
    const top = extent(d.train.actual)[1];
    let n = 0;
    for (const v of d.test.actual) if (v > top) n++;
    return `${Math.round((100 * n) / d.test.N)} %`;
  },
  /** The mean of the training targets, price units: where a forecast of "zero" in standardised units lands. */
  'train-mean': (s, c, q) => price(trainerDataset(s, c, q).scaler.yMean, c.lang),
  /** Mean + one standard deviation of the training targets: the most a tanh output (< 1 standardised) can forecast. */
  'tanh-ceiling': (s, c, q) => {
    const sc = trainerDataset(s, c, q).scaler;
    return price(sc.yMean + sc.yStd, c.lang);
  },
};

const SOURCES: Record<string, Record<string, Quantity>> = { vx: VX, bptt: BPTT, forward: FORWARD, trainer: TRAINER };

/** Every live-number name, `WIDGET.QUANTITY`. */
export const LIVE_NAMES: readonly string[] = Object.entries(SOURCES).flatMap(([w, qs]) => Object.keys(qs).map((q) => `${w}.${q}`));

/** The text of a live number; throws on an unknown name or a query the widget would not take as written. */
export function liveText(req: LiveRequest, ctx: LiveContext): string {
  const dot = req.name.indexOf('.');
  const widget = req.name.slice(0, dot);
  const quantity = SOURCES[widget]?.[req.name.slice(dot + 1)];
  if (!quantity) throw new Error(`unknown live number "${req.name}" (known: ${LIVE_NAMES.join(', ')})`);
  const problems = linkProblems(widget, req.query, ctx);
  if (problems.length) throw new Error(`live number ${req.name}?${req.query}: ${problems.join('; ')}`);
  return quantity(settingsAt(widget, req.query, ctx), ctx, req.query);
}
