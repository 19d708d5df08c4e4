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

/**
 * Why a file is not weights this page can load, as a category and its
 * parameters (worded in i18n/weights-errors.ts): not JSON at all, JSON cut
 * short, someone else's JSON, another version, a setting out of range, arrays
 * of the wrong shape, NaN or Infinity in the numbers, or (checked by the
 * trainer) columns the loaded data lacks.
 */
export type WeightsProblem =
  | { kind: 'not-json' }
  | { kind: 'truncated' }
  | { kind: 'not-ours' }
  | { kind: 'version'; version: string }
  | { kind: 'setting'; field: string }
  | { kind: 'shape'; part: string }
  | { kind: 'non-finite'; part: string }
  | { kind: 'columns'; columns: string };

export type WeightsProblemKind = WeightsProblem['kind'];

type Check = { ok: true; file: WeightsFile } | { ok: false; reason: string; problem: WeightsProblem };

const refuse = (reason: string, problem: WeightsProblem): Check => ({ ok: false, reason, problem });

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
  if (!isObj(json) || json.format !== WEIGHTS_FORMAT) return refuse('not an Unrolled weights file', { kind: 'not-ours' });
  if (json.version !== 1) return refuse(`unknown version ${String(json.version)}`, { kind: 'version', version: String(json.version) });
  if (!isObj(json.config)) return refuse('config missing', { kind: 'setting', field: 'config' });
  const configJson: Record<string, unknown> = { ...BEFORE_GATED_CELLS, ...json.config };
  const bad = checkConfig(configJson);
  if (bad) return refuse(bad, { kind: 'setting', field: bad.replace(/^config\.?/, '') || 'config' });
  if (!isInt(json.epoch, 0, 1e9)) return refuse('epoch', { kind: 'setting', field: 'epoch' });
  const d = json.data;
  if (!isObj(d) || typeof d.source !== 'string' || !isInt(d.rows, 0, 1e9)) return refuse('data', { kind: 'setting', field: 'data' });
  const p = json.params;
  if (!isObj(p) || !isInt(p.F, 1, 1e4) || !isInt(p.H, 1, 1e4) || !isInt(p.O, 1, 1e4)) return refuse('params dims', { kind: 'shape', part: 'F, H, O' });
  const cell = p.cell ?? 'rnn';
  if (!isCellName(cell)) return refuse('params.cell', { kind: 'setting', field: 'params.cell' });
  const dims = { F: p.F as number, H: p.H as number, O: p.O as number };
  for (const [k, [rows, cols]] of Object.entries(paramShapes(cell, dims))) {
    const a = p[k];
    if (!Array.isArray(a) || a.length !== rows * cols) return refuse(`params.${k}`, { kind: 'shape', part: k });
    if (!a.every(isNum)) return refuse(`params.${k}`, { kind: 'non-finite', part: k });
  }
  const config = configJson as unknown as TrainConfig;
  if (config.cell !== cell || config.hidden !== dims.H || config.features.length !== dims.F) return refuse('config does not match the weights', { kind: 'shape', part: 'config' });
  return { ok: true, file: { ...(json as unknown as WeightsFile), config } };
}

/**
 * The text of a file the reader picked, read as weights. JSON has no NaN or
 * Infinity, but Python's json module writes them: such a file is said to
 * hold them rather than not to be JSON.
 */
export function readWeightsText(text: string): Check {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (err) {
    const reason = err instanceof Error ? err.message : String(err);
    if (/(^|[\s,[:])-?(NaN|Infinity)\b/.test(text)) return refuse(reason, { kind: 'non-finite', part: 'JSON' });
    if (/^\s*\{/.test(text) && text.includes(WEIGHTS_FORMAT)) return refuse(reason, { kind: 'truncated' });
    return refuse(reason, { kind: 'not-json' });
  }
  return checkWeightsFile(json);
}
