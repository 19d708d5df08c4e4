// Splitting one batch's rows across threads and putting the parts back
// together. The fused kernels' loss is a mean over the rows they are given
// (lossHead: mse divides by rows × outputs), so a part of r rows out of n
// returns loss_p = (1/r) Σ_rows and ∂loss_p = (1/r) Σ_rows ∂: the whole
// batch's loss and gradients are Σ_p (r_p / n) · part_p — exact in real
// arithmetic, equal up to float32 summation order in the kernels'. The seed's
// broadcast MSE compares each prediction with the mean of all targets, which
// no part sees alone, so it is never split. Pure: no threads here.
import type { PartResult, PartSpec } from './part-kernel.ts';

/** Multiply-adds of one part's forward pass below which a split does not pay for the threads' handshake (~0.5 ms of work). */
export const MIN_PART_WORK = 2_000_000;

/** Row ranges [start, end) of `parts` near-equal slices of n rows, in order. */
export function partRows(n: number, parts: number): [number, number][] {
  const out: [number, number][] = [];
  for (let p = 0; p < parts; p++) out.push([Math.floor((p * n) / parts), Math.floor(((p + 1) * n) / parts)]);
  return out;
}

/** Multiply-adds of the forward pass over `rows` rows (the backward pass costs about twice as much). */
export function forwardWork(s: PartSpec, rows: number): number {
  const hp = (s.H + 3) & ~3;
  const gates = s.cell === 'rnn' ? 1 : s.cell === 'lstm' ? 4 : 3;
  return rows * s.T * gates * hp * (hp + s.F);
}

/** How many parts to split n rows into with `threads` threads: 1 (no split) unless each part has enough work and the loss splits. */
export function partsFor(s: PartSpec, n: number, threads: number): number {
  if (s.loss !== 'mse' || threads < 2) return 1;
  let parts = Math.min(threads, n);
  while (parts > 1 && forwardWork(s, Math.floor(n / parts)) < MIN_PART_WORK) parts--;
  return parts;
}

/** The whole batch's loss and gradients from its parts (`rows` each, n = Σ rows), into the first part's arrays. */
export function combineParts(parts: readonly { rows: number; result: PartResult }[]): PartResult {
  const n = parts.reduce((s, p) => s + p.rows, 0);
  const [first, ...rest] = parts;
  const grads = first.result.grads;
  const a0 = first.rows / n;
  let loss = a0 * first.result.loss;
  for (const g of grads) for (let i = 0; i < g.length; i++) g[i] *= a0;
  for (const p of rest) {
    const a = p.rows / n;
    loss += a * p.result.loss;
    p.result.grads.forEach((g, k) => {
      const out = grads[k];
      for (let i = 0; i < g.length; i++) out[i] += a * g[i];
    });
  }
  return { loss, grads };
}
