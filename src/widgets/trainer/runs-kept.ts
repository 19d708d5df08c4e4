// The runs table kept with the reader's session (state/kept-list.ts): each
// stored run is read back only if every field is what RunsList would have
// written — a run from an older page, or one damaged in storage, drops the
// list (the session notice says so) rather than a broken row being shown.
import { SAMPLES, type SampleName } from '../../data/samples.ts';
import { CONFIG_KEYS, fieldProblem, type TrainConfig } from '../../train/config.ts';
import type { Metrics } from '../../train/protocol.ts';
import type { KeptRun } from './runs.ts';

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isCount = (v: unknown): v is number => typeof v === 'number' && Number.isInteger(v) && v >= 0;
/** Losses may be NaN (epochs not evaluated) but are numbers. */
const isLosses = (v: unknown): v is number[] => Array.isArray(v) && v.every((x) => typeof x === 'number');
const METRIC_KEYS: readonly (keyof Metrics)[] = ['mse', 'rmse', 'mae', 'mape', 'direction'];

function checkMetrics(v: unknown): Metrics | null | undefined {
  if (v === null) return null;
  if (!isObj(v) || !METRIC_KEYS.every((k) => typeof v[k] === 'number')) return undefined;
  return Object.fromEntries(METRIC_KEYS.map((k) => [k, v[k]])) as unknown as Metrics;
}

function checkConfig(v: unknown): TrainConfig | null {
  if (!isObj(v) || CONFIG_KEYS.some((k) => fieldProblem(k, v[k]) !== null)) return null;
  return v as unknown as TrainConfig;
}

/** A stored run as RunsList holds it, or null when any field is not. */
export function checkKeptRun(v: unknown): KeptRun | null {
  if (!isObj(v)) return null;
  const config = checkConfig(v.config);
  const model = checkMetrics(v.model);
  const baseline = checkMetrics(v.baseline);
  const sampleOk = v.sample === null || (SAMPLES as readonly unknown[]).includes(v.sample);
  const lagOk = v.lag === null || (isCount(v.lag) && v.lag >= 1);
  if (!config || model === undefined || baseline === undefined || !sampleOk || !lagOk) return null;
  if (!isCount(v.id) || v.id < 1 || typeof v.source !== 'string' || !isCount(v.rows) || !isCount(v.epochs) || !isCount(v.metricsEpoch)) return null;
  if (!isLosses(v.train) || !isLosses(v.test) || typeof v.overlay !== 'boolean') return null;
  return {
    id: v.id,
    config,
    source: v.source,
    sample: v.sample as SampleName | null,
    rows: v.rows,
    lag: v.lag as number | null,
    epochs: v.epochs,
    train: v.train,
    test: v.test,
    model,
    baseline,
    metricsEpoch: v.metricsEpoch,
    overlay: v.overlay,
  };
}
