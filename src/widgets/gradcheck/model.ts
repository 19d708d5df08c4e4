// The gradient check's experiment: a small seeded model of the chosen cell
// and a batch, built from src/model, so the panel checks the very backward
// passes the other widgets and the trainer's checks use.
import type { CellName, CellParams } from '../../model/cells.ts';
import { initCellParams } from '../../model/gated-init.ts';
import { initParams } from '../../model/init.ts';
import { targetLength } from '../../model/loss.ts';
import { createRng, deriveSeed } from '../../model/random.ts';
import type { Activation, LossMode, RnnParams, Sequences } from '../../model/types.ts';

export interface CheckSetup {
  act: Activation;
  mode: LossMode;
  seed: number;
  /** The cell checked (absent: the simple cell). */
  cell?: CellName;
}

/** Sizes of the checked model: small enough for finite differences on every entry. */
export const CHECK_DIMS = { N: 3, T: 6, F: 2, H: 4, O: 2 } as const;

export function checkProblem(s: CheckSetup & { cell?: 'rnn' }): { p: RnnParams; seq: Sequences; y: Float64Array };
export function checkProblem(s: CheckSetup): { p: CellParams; seq: Sequences; y: Float64Array };
export function checkProblem(s: CheckSetup): { p: CellParams; seq: Sequences; y: Float64Array } {
  const { N, T, F, H, O } = CHECK_DIMS;
  const cell = s.cell ?? 'rnn';
  // The gated cells' forget-gate bias stays at PyTorch's default (0): every gate is in its sensitive range.
  const p = cell === 'rnn' ? initParams({ F, H, O }, { seed: s.seed, recurrent: 'uniform' }) : initCellParams(cell, { F, H, O }, { seed: s.seed });
  const rng = createRng(deriveSeed(s.seed, 201));
  const x = new Float64Array(N * T * F);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const y = new Float64Array(targetLength(N, T, O, s.mode));
  for (let i = 0; i < y.length; i++) y[i] = rng.normal();
  return { p, seq: { N, T, x }, y };
}
