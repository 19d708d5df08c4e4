// The three recurrent cells of the notebook, and the parameters of the two
// gated ones in PyTorch's own layout (test-data/fixtures/gated/README.md):
//
//   rnn   h(t) = σ(W h(t−1) + U x(t) + b)                       (types.ts, rnn.ts)
//   lstm  gates i, f, g, o stacked in weight_ih (4H×F), weight_hh (4H×H),
//         bias_ih, bias_hh (4H); c(t) = f ⊙ c(t−1) + i ⊙ g,  h(t) = o ⊙ tanh(c(t))   (lstm.ts)
//   gru   gates r, z, n stacked in weight_ih (3H×F), weight_hh (3H×H),
//         bias_ih, bias_hh (3H); h(t) = (1 − z) ⊙ n + z ⊙ h(t−1)                      (gru.ts)
//
// every one followed by the linear output o(t) = V h(t) + c. This file owns
// the list of cells: the URL store, the trainer's selector and the engine
// derive theirs from CELLS.
import type { Dims, ParamName, RnnParams } from './types.ts';

export const CELLS = ['rnn', 'lstm', 'gru'] as const;
export type CellName = (typeof CELLS)[number];
export type GatedCell = Exclude<CellName, 'rnn'>;

/** Gate blocks stacked in weight_ih, weight_hh, bias_ih and bias_hh. */
export const GATE_NAMES: Record<GatedCell, readonly string[]> = { lstm: ['i', 'f', 'g', 'o'], gru: ['r', 'z', 'n'] };

export function gateCount(cell: GatedCell): number {
  return GATE_NAMES[cell].length;
}

export function isCellName(v: unknown): v is CellName {
  return typeof v === 'string' && (CELLS as readonly string[]).includes(v);
}

export type GatedParamName = 'weight_ih' | 'weight_hh' | 'bias_ih' | 'bias_hh' | 'V' | 'c';
export const GATED_PARAM_NAMES: readonly GatedParamName[] = ['weight_ih', 'weight_hh', 'bias_ih', 'bias_hh', 'V', 'c'];

/** Parameters of a gated cell, row-major, G = gateCount(cell): weight_ih G·H×F, weight_hh G·H×H, bias_ih and bias_hh G·H, V O×H, c O. */
export interface GatedParams extends Dims {
  cell: GatedCell;
  weight_ih: Float64Array;
  weight_hh: Float64Array;
  bias_ih: Float64Array;
  bias_hh: Float64Array;
  V: Float64Array;
  c: Float64Array;
}

export type GatedGrads = Record<GatedParamName, Float64Array>;

/** Any cell's parameters: the simple cell's carry no `cell` field (weights files and URLs stay as they were). */
export type CellParams = RnnParams | GatedParams;

export function cellOf(p: CellParams): CellName {
  return 'cell' in p ? p.cell : 'rnn';
}

export function isGated(p: CellParams): p is GatedParams {
  return cellOf(p) !== 'rnn';
}

/** The names of a cell's parameter tensors, in the order the engine, exports and checks list them. */
export function paramNames(cell: CellName): readonly (ParamName | GatedParamName)[] {
  return cell === 'rnn' ? (['W', 'U', 'b', 'V', 'c'] as const) : GATED_PARAM_NAMES;
}

/** Row and column counts of every parameter tensor (a vector has one column). */
export function paramShapes(cell: CellName, d: Dims): Record<string, [number, number]> {
  const { F, H, O } = d;
  if (cell === 'rnn') return { W: [H, H], U: [H, F], b: [H, 1], V: [O, H], c: [O, 1] };
  const G = gateCount(cell) * H;
  return { weight_ih: [G, F], weight_hh: [G, H], bias_ih: [G, 1], bias_hh: [G, 1], V: [O, H], c: [O, 1] };
}

/** The parameter tensors of p by name (the arrays themselves, not copies). */
export function paramArrays(p: CellParams): Record<string, Float64Array> {
  const out: Record<string, Float64Array> = {};
  const named = p as unknown as Record<string, Float64Array>;
  for (const k of paramNames(cellOf(p))) out[k] = named[k];
  return out;
}

/** Parameters of `cell` from arrays by name, every length checked against the dimensions. */
export function cellParamsFrom(cell: CellName, d: Dims, arrays: Record<string, ArrayLike<number>>): CellParams {
  const shapes = paramShapes(cell, d);
  const out: Record<string, Float64Array> = {};
  for (const [k, [r, c]] of Object.entries(shapes)) {
    const a = arrays[k];
    if (!a || a.length !== r * c) throw new RangeError(`${cell} parameter ${k}: expected ${r * c} numbers, got ${a ? a.length : 'none'}`);
    out[k] = Float64Array.from(a);
  }
  const dims = { F: d.F, H: d.H, O: d.O };
  return cell === 'rnn' ? ({ ...dims, ...out } as unknown as RnnParams) : ({ cell, ...dims, ...out } as unknown as GatedParams);
}

/** A deep copy (every tensor copied). */
export function copyParams<P extends CellParams>(p: P): P {
  const arrays = paramArrays(p);
  const out = { ...p } as Record<string, unknown>;
  for (const [k, a] of Object.entries(arrays)) out[k] = a.slice();
  return out as P;
}

export const sigmoid = (v: number): number => 1 / (1 + Math.exp(-v));
