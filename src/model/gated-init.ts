// Seeded initialisation of every cell. The gated cells follow PyTorch's
// nn.LSTM / nn.GRU default: every weight and bias U(−1/√H, 1/√H), and the
// read-out as nn.Linear(H, O) draws it, U(−1/√H, 1/√H). Each tensor draws
// from its own sub-stream of the seed (random.ts), so changing how one is
// drawn leaves the others as they were. Same seed → same numbers in Node,
// the page and a worker.
import { gateCount, type CellName, type CellParams, type GatedCell, type GatedParamName, type GatedParams } from './cells.ts';
import { initParams, randomRecurrent, type InitOptions, type RecurrentInit } from './init.ts';
import { createRng, deriveSeed, type Rng } from './random.ts';
import type { Dims, RnnParams } from './types.ts';

/**
 * The recurrent initialisations each cell offers: the simple cell all four
 * (identity is Le, Jaitly & Hinton's IRNN, meant for ReLU); the gated cells
 * PyTorch's uniform default or one Haar-orthogonal matrix per gate block of
 * weight_hh. An identity block inside a gate has no such meaning, so the
 * gated cells do not offer it.
 */
export const RECURRENT_INITS_FOR: Record<CellName, readonly RecurrentInit[]> = {
  rnn: ['uniform', 'normal', 'orthogonal', 'identity'],
  lstm: ['uniform', 'orthogonal'],
  gru: ['uniform', 'orthogonal'],
};

export interface GatedInitOptions {
  seed: number;
  /** How each gate block of weight_hh is drawn; default 'uniform' (PyTorch's default). */
  recurrent?: RecurrentInit;
  /**
   * LSTM only: added to the forget-gate block of bias_ih after drawing (the
   * fixtures' `forget_bias_added`). 1 is Jozefowicz et al.'s advice; larger
   * values hold the cell-state path open (f = σ(b) ≈ 1) at the start.
   */
  forgetBias?: number;
}

/** Any cell's options: the simple cell's InitOptions, or a gated cell's. */
export type CellInitOptions = InitOptions & GatedInitOptions;

const STREAM: Record<GatedParamName, number> = { weight_ih: 10, weight_hh: 11, bias_ih: 12, bias_hh: 13, V: 14, c: 15 };

function uniformArray(length: number, bound: number, rng: Rng): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = (2 * rng.uniform() - 1) * bound;
  return out;
}

function recurrentBlocks(cell: GatedCell, H: number, rng: Rng, kind: RecurrentInit): Float64Array {
  const G = gateCount(cell);
  if (kind === 'uniform') return uniformArray(G * H * H, 1 / Math.sqrt(H), rng);
  if (!RECURRENT_INITS_FOR[cell].includes(kind)) {
    throw new RangeError(`${cell}: recurrent initialisation '${kind}' is not offered (choose ${RECURRENT_INITS_FOR[cell].join(' or ')})`);
  }
  // One H×H block per gate, stacked as weight_hh stacks the gates.
  const out = new Float64Array(G * H * H);
  for (let g = 0; g < G; g++) out.set(randomRecurrent(H, rng, kind), g * H * H);
  return out;
}

/** Parameters of an LSTM or GRU, as PyTorch initialises them (see the options for the departures). */
export function initGatedParams(cell: GatedCell, dims: Dims, opts: GatedInitOptions): GatedParams {
  const { F, H, O } = dims;
  const G = gateCount(cell) * H;
  const bound = 1 / Math.sqrt(H);
  const rngFor = (name: GatedParamName) => createRng(deriveSeed(opts.seed, STREAM[name]));
  const forgetBias = opts.forgetBias ?? 0;
  if (!Number.isFinite(forgetBias)) throw new RangeError(`forget-gate bias must be a finite number, got ${forgetBias}`);
  if (cell !== 'lstm' && forgetBias !== 0) throw new RangeError(`a forget-gate bias is an LSTM setting (the ${cell} has no forget gate)`);
  const bias_ih = uniformArray(G, bound, rngFor('bias_ih'));
  if (cell === 'lstm') for (let j = H; j < 2 * H; j++) bias_ih[j] += forgetBias; // gates i, f, g, o: f is the second block
  return {
    cell,
    F,
    H,
    O,
    weight_ih: uniformArray(G * F, bound, rngFor('weight_ih')),
    weight_hh: recurrentBlocks(cell, H, rngFor('weight_hh'), opts.recurrent ?? 'uniform'),
    bias_ih,
    bias_hh: uniformArray(G, bound, rngFor('bias_hh')),
    V: uniformArray(O * H, bound, rngFor('V')),
    c: uniformArray(O, bound, rngFor('c')),
  };
}

/**
 * Parameters of any cell: the simple cell through init.ts (unchanged, so its
 * numbers stay those of every earlier run), a gated one through initGatedParams.
 * `spectralRadius` applies to the simple cell only, `forgetBias` to the LSTM only.
 */
export function initCellParams(cell: 'rnn', dims: Dims, opts: CellInitOptions): RnnParams;
export function initCellParams(cell: GatedCell, dims: Dims, opts: CellInitOptions): GatedParams;
export function initCellParams(cell: CellName, dims: Dims, opts: CellInitOptions): CellParams;
export function initCellParams(cell: CellName, dims: Dims, opts: CellInitOptions): CellParams {
  if (cell === 'rnn') {
    if (opts.forgetBias) throw new RangeError('a forget-gate bias is an LSTM setting (the simple cell has no gates)');
    return initParams(dims, opts);
  }
  if (opts.spectralRadius !== undefined) throw new RangeError(`spectral-radius scaling is a simple-cell setting, not offered for the ${cell}`);
  return initGatedParams(cell, dims, opts);
}
