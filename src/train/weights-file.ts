// The weights + configuration file the trainer exports and loads back. Plain
// JSON; loading validates every field and every shape before anything is used.
// Files written before the gated cells (no cell, init, forget-gate bias or
// truncation in their settings) load as the simple cell at its defaults.
import { cellOf, cellParamsFrom, isCellName, paramArrays, paramShapes, type CellName, type CellParams } from '../model/cells.ts';
import { offersInit } from './cell-init.ts';
import { CONFIG_KEYS, fieldProblem, type TrainConfig } from './config.ts';
import type { WeightsFile } from './protocol.ts';

export const WEIGHTS_FORMAT = 'unrolled-rnn-weights';

/** What a file without them means by the fields added with the gated cells. */
const BEFORE_GATED_CELLS: Pick<TrainConfig, 'cell' | 'init' | 'forgetBias' | 'truncate'> = { cell: 'rnn', init: 'default', forgetBias: 0, truncate: 0 };

export function toWeightsFile(params: CellParams, config: TrainConfig, epoch: number, data: { source: string; rows: number }): WeightsFile {
  const arrays = Object.fromEntries(Object.entries(paramArrays(params)).map(([k, a]) => [k, Array.from(a)]));
  const cell = cellOf(params);
  const dims = { F: params.F, H: params.H, O: params.O };
  return {
    format: WEIGHTS_FORMAT,
    version: 1,
    config: { ...config, features: [...config.features] },
    epoch,
    data: { ...data },
    // The simple cell's weights are written as they always were (no `cell`), so older pages read them.
    params: (cell === 'rnn' ? { ...dims, ...arrays } : { cell, ...dims, ...arrays }) as WeightsFile['params'],
  };
}

export function paramsFromFile(file: WeightsFile): CellParams {
  const p = file.params;
  return cellParamsFrom(p.cell ?? 'rnn', p, p as unknown as Record<string, number[]>);
}

type Check = { ok: true; file: WeightsFile } | { ok: false; reason: string };

const isObj = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isInt = (v: unknown, min: number, max: number) => typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
const isNum = (v: unknown) => typeof v === 'number' && Number.isFinite(v);

/** The first field of `c` that is missing or outside what CONFIG_FIELDS allows, as `config.NAME`. */
function checkConfig(c: Record<string, unknown>): string | null {
  for (const k of CONFIG_KEYS) {
    const bad = fieldProblem(k, c[k]);
    if (bad) return bad;
  }
  if (!offersInit(c.cell as CellName, c.init as TrainConfig['init'])) return 'config.init';
  return null;
}

/** Validate parsed JSON as a weights file. */
export function checkWeightsFile(json: unknown): Check {
  if (!isObj(json) || json.format !== WEIGHTS_FORMAT) return { ok: false, reason: 'not an Unrolled weights file' };
  if (json.version !== 1) return { ok: false, reason: `unknown version ${String(json.version)}` };
  if (!isObj(json.config)) return { ok: false, reason: 'config missing' };
  const configJson: Record<string, unknown> = { ...BEFORE_GATED_CELLS, ...json.config };
  const bad = checkConfig(configJson);
  if (bad) return { ok: false, reason: bad };
  if (!isInt(json.epoch, 0, 1e9)) return { ok: false, reason: 'epoch' };
  const d = json.data;
  if (!isObj(d) || typeof d.source !== 'string' || !isInt(d.rows, 0, 1e9)) return { ok: false, reason: 'data' };
  const p = json.params;
  if (!isObj(p) || !isInt(p.F, 1, 1e4) || !isInt(p.H, 1, 1e4) || !isInt(p.O, 1, 1e4)) return { ok: false, reason: 'params dims' };
  const cell = p.cell ?? 'rnn';
  if (!isCellName(cell)) return { ok: false, reason: 'params.cell' };
  const dims = { F: p.F as number, H: p.H as number, O: p.O as number };
  for (const [k, [rows, cols]] of Object.entries(paramShapes(cell, dims))) {
    const a = p[k];
    if (!Array.isArray(a) || a.length !== rows * cols || !a.every(isNum)) return { ok: false, reason: `params.${k}` };
  }
  const config = configJson as unknown as TrainConfig;
  if (config.cell !== cell || config.hidden !== dims.H || config.features.length !== dims.F) return { ok: false, reason: 'config does not match the weights' };
  return { ok: true, file: { ...(json as unknown as WeightsFile), config } };
}
