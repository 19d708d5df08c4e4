// The Float64 reference of any cell behind one set of calls, for the checks
// and the widgets that let the reader switch cell: loss, hand-written
// backward pass, and the state Jacobian's norms. Each call goes to the cell's
// own file (rnn.ts + bptt.ts + jacobian.ts, lstm.ts, gru.ts, gated-jacobian.ts).
import { bptt, lossOf } from './bptt.ts';
import { cellOf, type CellParams, type GatedParams } from './cells.ts';
import { stateJacobianLog10Norms } from './gated-jacobian.ts';
import { gruBackward, gruLoss } from './gru.ts';
import { jacobianLog10Norms } from './jacobian.ts';
import type { JacobianNorms, JacobianOptions } from './jacobian-product.ts';
import { lstmBackward, lstmLoss } from './lstm.ts';
import { forward } from './rnn.ts';
import type { Activation, LossMode, RnnParams, Sequences } from './types.ts';

export interface CellBackward {
  loss: number;
  /** ∂L/∂θ by parameter name (W, U, b, V, c or weight_ih, weight_hh, bias_ih, bias_hh, V, c) */
  grads: Record<string, Float64Array>;
  /** length T: ‖∂L/∂h(k)‖ over the batch */
  dLdhNorm: Float64Array;
  /** LSTM only: ‖∂L/∂c(k)‖ */
  dLdcNorm?: Float64Array;
}

/** L for any cell; `act` is the simple cell's σ (the gated cells' gates are fixed). */
export function cellLoss(p: CellParams, seq: Sequences, y: Float64Array, mode: LossMode, act: Activation = 'tanh'): number {
  switch (cellOf(p)) {
    case 'rnn':
      return lossOf(p as RnnParams, seq, y, act, mode);
    case 'lstm':
      return lstmLoss(p as GatedParams, seq, y, mode);
    case 'gru':
      return gruLoss(p as GatedParams, seq, y, mode);
  }
}

/** The hand-written backward pass of p's cell; `truncate` K > 0: truncated BPTT over the last K steps (many-to-one). */
export function cellBackward(p: CellParams, seq: Sequences, y: Float64Array, mode: LossMode, act: Activation = 'tanh', truncate = 0): CellBackward {
  switch (cellOf(p)) {
    case 'rnn': {
      const r = bptt(p as RnnParams, seq, y, act, mode, truncate);
      return { loss: r.loss, grads: { ...r.grads }, dLdhNorm: r.dLdhNorm };
    }
    case 'lstm': {
      const r = lstmBackward(p as GatedParams, seq, y, mode, truncate);
      return { loss: r.loss, grads: { ...r.grads }, dLdhNorm: r.dLdhNorm, dLdcNorm: r.dLdcNorm };
    }
    case 'gru': {
      const r = gruBackward(p as GatedParams, seq, y, mode, truncate);
      return { loss: r.loss, grads: { ...r.grads }, dLdhNorm: r.dLdhNorm };
    }
  }
}

/**
 * log10 of the norms of ∂s(T)/∂s(k), k = 1..T, on one input sequence x
 * (T×F): s = h for the simple cell (with σ = act) and the GRU, (h, c) for the
 * LSTM. What the vanishing/exploding lab plots for each cell on the same inputs.
 */
export function cellJacobianLog10Norms(p: CellParams, x: Float64Array, T: number, act: Activation = 'tanh', opts?: JacobianOptions): JacobianNorms {
  if (cellOf(p) !== 'rnn') return stateJacobianLog10Norms(p as GatedParams, x, T, opts);
  const q = p as RnnParams;
  const pass = forward(q, { N: 1, T, x }, act);
  return jacobianLog10Norms(q.W, q.H, pass.a, T, act, opts);
}
