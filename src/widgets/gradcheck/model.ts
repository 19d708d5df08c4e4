// The gradient check's experiment: a small seeded RNN and batch, built from
// src/model, so the panel checks the very BPTT code the other widgets use.
import { initParams } from '../../model/init.ts';
import { targetLength } from '../../model/loss.ts';
import { createRng, deriveSeed } from '../../model/random.ts';
import type { Activation, LossMode, RnnParams, Sequences } from '../../model/types.ts';

export interface CheckSetup {
  act: Activation;
  mode: LossMode;
  seed: number;
}

/** Sizes of the checked model: small enough for finite differences on every entry. */
export const CHECK_DIMS = { N: 3, T: 6, F: 2, H: 4, O: 2 } as const;

export function checkProblem(s: CheckSetup): { p: RnnParams; seq: Sequences; y: Float64Array } {
  const { N, T, F, H, O } = CHECK_DIMS;
  const p = initParams({ F, H, O }, { seed: s.seed, recurrent: 'uniform' });
  const rng = createRng(deriveSeed(s.seed, 201));
  const x = new Float64Array(N * T * F);
  for (let i = 0; i < x.length; i++) x[i] = rng.normal();
  const y = new Float64Array(targetLength(N, T, O, s.mode));
  for (let i = 0; i < y.length; i++) y[i] = rng.normal();
  return { p, seq: { N, T, x }, y };
}
