// The weights a run starts from: the configuration's cell, drawn from the
// run's seed with the initialisation it names. The trainer, the exports'
// tests and the weights-file check read this one mapping. Pure: no tfjs.
//
//   default     each cell's own: PyTorch's U(−1/√H, 1/√H) for every weight and bias
//   orthogonal  W (the simple cell) or every gate block of weight_hh Haar-orthogonal
//   identity    the IRNN of Le, Jaitly & Hinton (2015): W = I and b = 0 (the simple cell only)
//
// The LSTM's forget-gate bias is added after drawing (gated-init.ts).
import { isGated, type CellName, type CellParams } from '../model/cells.ts';
import { initCellParams, RECURRENT_INITS_FOR, type CellInitOptions } from '../model/gated-init.ts';
import type { RecurrentInit } from '../model/init.ts';
import type { Dims } from '../model/types.ts';
import type { InitName, TrainConfig } from './config.ts';

export type CellInitFields = Pick<TrainConfig, 'cell' | 'init' | 'forgetBias' | 'seed'>;

const RECURRENT: Record<Exclude<InitName, 'default'>, RecurrentInit> = { orthogonal: 'orthogonal', identity: 'identity' };

/** Whether `cell` offers initialisation `init` (identity is the simple cell's alone). */
export function offersInit(cell: CellName, init: InitName): boolean {
  return init === 'default' || RECURRENT_INITS_FOR[cell].includes(RECURRENT[init]);
}

/** The initialisation a cell actually starts from: `init`, or its default where the cell does not offer it. */
export function effectiveInit(cell: CellName, init: InitName): InitName {
  return offersInit(cell, init) ? init : 'default';
}

/** The forget-gate bias that applies: the configured one for the LSTM, 0 for the cells without a forget gate. */
export function effectiveForgetBias(c: Pick<TrainConfig, 'cell' | 'forgetBias'>): number {
  return c.cell === 'lstm' ? c.forgetBias : 0;
}

/** The options of initCellParams for a configuration (throws for an initialisation the cell does not offer). */
export function cellInitOptions(c: CellInitFields): CellInitOptions {
  if (!offersInit(c.cell, c.init)) throw new RangeError(`the ${c.cell} does not offer the ${c.init} initialisation (it is the simple cell's)`);
  const opts: CellInitOptions = { seed: c.seed };
  if (c.init !== 'default') opts.recurrent = RECURRENT[c.init];
  if (c.cell === 'lstm' && c.forgetBias !== 0) opts.forgetBias = c.forgetBias;
  return opts;
}

/** The seeded initial weights of a run with F inputs and one output. */
export function initialParams(c: CellInitFields & Pick<TrainConfig, 'hidden'>, F: number): CellParams {
  const dims: Dims = { F, H: c.hidden, O: 1 };
  const p = initCellParams(c.cell, dims, cellInitOptions(c));
  // IRNN: every unit starts by copying its own value forward, with no bias pushing it.
  if (c.init === 'identity' && !isGated(p)) return { ...p, b: new Float64Array(c.hidden) };
  return p;
}
