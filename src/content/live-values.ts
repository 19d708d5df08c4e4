// The live numbers the text may quote, `{{WIDGET.QUANTITY?settings}}`: each is
// computed at build time by the widget's own model code (src/widgets/NAME/
// model.ts over src/model, or src/data for the trainer's data) at the link's
// settings, the others at their defaults, and printed the way the widget
// prints it (each widget's live.ts, which the widget publishes from too).
import { makeDataset, type Dataset } from '../data/dataset.ts';
import { datasetOptions } from '../train/config.ts';
import { bpttLiveValues } from '../widgets/bptt/live.ts';
import { buildBpttModel, type BpttSettings } from '../widgets/bptt/model.ts';
import { WEIGHTS } from '../widgets/forward/fields.ts';
import { forwardLiveValues, sequenceOf } from '../widgets/forward/live.ts';
import type { ForwardWeights } from '../widgets/forward/model.ts';
import { configFromFields, type TrainFields } from '../widgets/trainer/fields.ts';
import { trainerLiveValues } from '../widgets/trainer/live.ts';
import { toSettings } from '../widgets/vx/fields.ts';
import { VX_LIVE_QUANTITIES, vxLiveValues } from '../widgets/vx/live.ts';
import { computeVx, type VxResult } from '../widgets/vx/model.ts';
import type { ContentLang } from './exercises.ts';
import type { LiveRequest } from './live-syntax.ts';
import { linkProblems, settingsAt, trainerTable, type PresetContext, type Settings } from './widget-presets.ts';

export interface LiveContext extends PresetContext {
  lang: ContentLang;
}

type Quantity = (s: Settings, ctx: LiveContext, query: string) => string;

function memo<T>(f: (s: Settings, ctx: LiveContext, query: string) => T): (s: Settings, ctx: LiveContext, query: string) => T {
  const cache = new Map<string, T>();
  return (s, ctx, query) => {
    const key = JSON.stringify(s);
    if (!cache.has(key)) cache.set(key, f(s, ctx, query));
    return cache.get(key)!;
  };
}

/** The quantities `names` of one widget, each read from the record of values `all` computes at the settings. */
function quantities(widget: string, names: readonly string[], all: (s: Settings, ctx: LiveContext, query: string) => Record<string, string>): Record<string, Quantity> {
  return Object.fromEntries(
    names.map((name) => [
      name,
      (s: Settings, ctx: LiveContext, query: string) => {
        const v = all(s, ctx, query)[name];
        if (v === undefined) throw new Error(`${widget}.${name} has no value at ${query || 'the defaults'}${widget === 'vx' ? ' (the clipping numbers need clip=1, the gate numbers cell=lstm or cell=gru)' : ''}`);
        return v;
      },
    ]),
  );
}

// ---- vx: the lab of section 5 ----
const vxResult = memo((s): VxResult => computeVx(toSettings(s)));
const VX = quantities('vx', VX_LIVE_QUANTITIES, (s, c, q) => vxLiveValues(vxResult(s, c, q)));

// ---- bptt: the heat map of section 4 ----
const bpttModel = memo((s) => buildBpttModel({ steps: s.steps, hidden: s.hidden, rho: s.rho, act: s.act, seed: s.seed } as BpttSettings));
const BPTT = quantities('bptt', ['cell', 'start', 'bound'], (s, c, q) => bpttLiveValues(bpttModel(s, c, q), s.t as number, s.k as number));

// ---- forward: the stepper of section 3 ----
const FORWARD = quantities('forward', ['a1', 'a2', 'h1', 'h2', 'o'], (s) => {
  const w = Object.fromEntries(WEIGHTS.map((wt) => [wt.key, Number(s[wt.key])])) as unknown as ForwardWeights;
  return forwardLiveValues(w, sequenceOf(String(s.x)), Number(s.t));
});

// ---- trainer: numbers of the data and split the trainer builds ----
const trainerDataset = memo((s, ctx, query): Dataset => {
  const table = trainerTable(new URLSearchParams(query), ctx);
  const config = configFromFields(s as unknown as TrainFields, table.columns, table.target);
  const r = makeDataset(table, datasetOptions(config));
  if (!r.ok) throw new Error(`trainer live number: the dataset fails (${r.error.kind})`);
  return r.dataset;
});
const TRAINER = quantities(
  'trainer',
  ['persistence-rmse', 'train-min', 'train-max', 'test-min', 'test-max', 'test-above-train', 'train-mean', 'tanh-ceiling'],
  (s, c, q) => {
    const d = trainerDataset(s, c, q);
    const level = d.transform === 'level' ? { mean: d.scaler.yMean, std: d.scaler.yStd } : null;
    return trainerLiveValues({ trainActual: d.train.actual, testActual: d.test.actual, testPrevious: d.test.previous, level }, c.lang);
  },
);

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
