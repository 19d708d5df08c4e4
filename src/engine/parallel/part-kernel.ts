// What a kernel thread computes: the loss and weight gradients of a slice of
// one batch's rows, through the same fused kernel the training thread uses
// (fused-step.ts for the simple cell, fused-gated.ts for the LSTM and GRU).
// The problem travels as a few integers (PartSpec ↔ Int32 header), so a
// thread that blocks in Atomics.wait can read its next job from shared memory
// without a message. No DOM, no tfjs.
import { ACTIVATIONS } from '../../model/activation.ts';
import { CELLS, GATED_PARAM_NAMES, gateCount, type CellName } from '../../model/cells.ts';
import type { Activation } from '../../model/types.ts';
import { fusedGated, type FusedGatedWeights } from '../fused-gated.ts';
import { fusedRnn } from '../fused-step.ts';
import { LOSSES, OUTPUTS, type LossName, type OutputName } from '../head.ts';

/** The fixed part of a batch's problem: everything but the rows. */
export interface PartSpec {
  cell: CellName;
  T: number;
  F: number;
  H: number;
  O: number;
  /** The simple cell's activation (the gated cells ignore it). */
  activation: Activation;
  output: OutputName;
  loss: LossName;
  truncate: number;
}

/** A part's result: its loss (the mean over its own rows) and gradients, in the weights' order. */
export interface PartResult {
  loss: number;
  grads: Float32Array[];
}

/** Floats of each weight, in the order the kernels take them (W U b V c, or GATED_PARAM_NAMES). */
export function weightSizes(s: Pick<PartSpec, 'cell' | 'F' | 'H' | 'O'>): number[] {
  const { F, H, O } = s;
  if (s.cell === 'rnn') return [H * H, H * F, H, O * H, O];
  const G = gateCount(s.cell);
  return [G * H * F, G * H * H, G * H, G * H, O * H, O];
}

/** Int32 slots a spec takes in a job header. */
export const SPEC_INTS = 9;

export function encodeSpec(s: PartSpec, into: Int32Array, at: number): void {
  const codes = [CELLS.indexOf(s.cell), s.T, s.F, s.H, s.O, ACTIVATIONS.indexOf(s.activation), OUTPUTS.indexOf(s.output), LOSSES.indexOf(s.loss), s.truncate];
  if (codes.some((c) => c < 0)) throw new Error(`part spec not encodable: ${JSON.stringify(s)}`);
  into.set(codes, at);
}

export function decodeSpec(from: Int32Array, at: number): PartSpec {
  const [cell, T, F, H, O, activation, output, loss, truncate] = from.subarray(at, at + SPEC_INTS);
  const s = { cell: CELLS[cell], T, F, H, O, activation: ACTIVATIONS[activation], output: OUTPUTS[output], loss: LOSSES[loss], truncate };
  if (s.cell === undefined || s.activation === undefined || s.output === undefined || s.loss === undefined) throw new Error('part spec: bad codes');
  return s;
}

/** Loss and gradients of n rows (x n×T×F, y n×O) at weights w, on this thread's fused kernel. */
export function runPart(s: PartSpec, n: number, x: Float32Array, y: Float32Array, w: readonly Float32Array[]): PartResult {
  const { T, F, H, O, output, loss, truncate } = s;
  if (s.cell === 'rnn') {
    const [W, U, b, V, c] = w;
    const g = fusedRnn(H).grads({ N: n, T, F, H, O, x, y, w: { W, U, b, V, c }, activation: s.activation, output, loss, truncate });
    return { loss: g.loss, grads: [g.W, g.U, g.b, g.V, g.c] };
  }
  const weights = {} as FusedGatedWeights;
  GATED_PARAM_NAMES.forEach((k, i) => (weights[k] = w[i]));
  const g = fusedGated(s.cell, H).grads({ N: n, T, F, H, O, x, y, w: weights, output, loss, truncate });
  return { loss: g.loss, grads: GATED_PARAM_NAMES.map((k) => g[k]) };
}
