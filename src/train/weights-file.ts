// The weights + configuration file the trainer exports and loads back. Plain
// JSON; loading validates every field and every shape before anything is used.
import type { RnnParams } from '../model/types.ts';
import { CONFIG_KEYS, fieldProblem, type TrainConfig } from './config.ts';
import type { WeightsFile } from './protocol.ts';

export const WEIGHTS_FORMAT = 'unrolled-rnn-weights';

export function toWeightsFile(params: RnnParams, config: TrainConfig, epoch: number, data: { source: string; rows: number }): WeightsFile {
  return {
    format: WEIGHTS_FORMAT,
    version: 1,
    config: { ...config, features: [...config.features] },
    epoch,
    data: { ...data },
    params: {
      F: params.F,
      H: params.H,
      O: params.O,
      W: Array.from(params.W),
      U: Array.from(params.U),
      b: Array.from(params.b),
      V: Array.from(params.V),
      c: Array.from(params.c),
    },
  };
}

export function paramsFromFile(file: WeightsFile): RnnParams {
  const p = file.params;
  return {
    F: p.F,
    H: p.H,
    O: p.O,
    W: Float64Array.from(p.W),
    U: Float64Array.from(p.U),
    b: Float64Array.from(p.b),
    V: Float64Array.from(p.V),
    c: Float64Array.from(p.c),
  };
}

type Check = { ok: true; file: WeightsFile } | { ok: false; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** The first field of `c` that is missing or outside what CONFIG_FIELDS allows, as `config.NAME`. */
function checkConfig(c: unknown): string | null {
  if (!isObj(c)) return 'config missing';
  for (const k of CONFIG_KEYS) {
    const bad = fieldProblem(k, c[k]);
    if (bad) return bad;
  }
  return null;
}

/** Validate parsed JSON as a weights file. */
export function checkWeightsFile(json: unknown): Check {
  if (!isObj(json) || json.format !== WEIGHTS_FORMAT) return { ok: false, reason: 'not an Unrolled weights file' };
  if (json.version !== 1) return { ok: false, reason: `unknown version ${String(json.version)}` };
  const bad = checkConfig(json.config);
  if (bad) return { ok: false, reason: bad };
  if (!isInt(json.epoch, 0, 1e9)) return { ok: false, reason: 'epoch' };
  const d = json.data;
  if (!isObj(d) || typeof d.source !== 'string' || !isInt(d.rows, 0, 1e9)) return { ok: false, reason: 'data' };
  const p = json.params;
  if (!isObj(p) || !isInt(p.F, 1, 1e4) || !isInt(p.H, 1, 1e4) || !isInt(p.O, 1, 1e4)) return { ok: false, reason: 'params dims' };
  const F = p.F as number;
  const H = p.H as number;
  const O = p.O as number;
  const sizes: Record<string, number> = { W: H * H, U: H * F, b: H, V: O * H, c: O };
  for (const [k, n] of Object.entries(sizes)) {
    const a = p[k];
    if (!Array.isArray(a) || a.length !== n || !a.every(isNum)) return { ok: false, reason: `params.${k}` };
  }
  const config = json.config as unknown as TrainConfig;
  if (config.hidden !== H || config.features.length !== F) return { ok: false, reason: 'config does not match the weights' };
  return { ok: true, file: json as unknown as WeightsFile };
}
