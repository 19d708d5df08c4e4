// The lab's gated cell beside the simple one, on the same inputs: an LSTM or
// GRU drawn as PyTorch initialises it (seeded; the LSTM's forget-gate bias
// added), run over the lab's input sequence, and ‖∂s(T)/∂s(k)‖₂ of its state
// (s = (h, c) for the LSTM, h for the GRU) against T − k. Beside it, the
// gate that holds the state on the direct path — the LSTM's forget gate f,
// whose path ∂c(t)/∂c(t−1) = diag(f(t)), and the GRU's update gate z, whose
// path is diag(z(t)) — so the reader sees why the gradient lives or dies.
// Pure: every piece of arithmetic is a call into src/model.
import { fastZetaKernels } from '../../engine/wasm-zeta.ts';
import type { GatedCell, GatedParams } from '../../model/cells.ts';
import { gatedForward, gatedJacobianLog10Norms } from '../../model/gated-jacobian.ts';
import { initCellParams } from '../../model/gated-init.ts';
import type { Sequences } from '../../model/types.ts';

export interface GatedSeries {
  cell: GatedCell;
  /** The forget-gate bias added at initialisation (0 for the GRU). */
  forgetBias: number;
  /** Index j = T − k: log10 ‖∂s(T)/∂s(k)‖₂. */
  log10Spectral: Float64Array;
  /** log10 ‖∂s(T)/∂s(1)‖₂, the read-out. */
  readoutLog10: number;
  /** Mean of the holding gate (LSTM f, GRU z) over units and steps 2..T. */
  meanHold: number;
  /** log10 of the direct path alone over steps 2..T: max over units j of Π_t f_j(t) (or z_j(t)). */
  log10DirectPath: number;
}

export interface GatedLabSettings {
  hidden: number;
  seed: number;
  forgetBias: number;
}

/** The lab's gated cell: VX features in (the caller's F), one output, the run's seed; the bias only for the LSTM. */
export function labGatedParams(cell: GatedCell, F: number, s: GatedLabSettings): GatedParams {
  return initCellParams(cell, { F, H: s.hidden, O: 1 }, { seed: s.seed, ...(cell === 'lstm' ? { forgetBias: s.forgetBias } : {}) });
}

/** Where the holding gate sits in a step's gate block: the LSTM's f is the second of i, f, g, o; the GRU's z the second of r, z, n. */
function holdGate(cell: GatedCell, gates: Float64Array, H: number, t: number, j: number): number {
  const G = cell === 'lstm' ? 4 : 3;
  return gates[t * G * H + H + j];
}

export function computeGated(cell: GatedCell, seq: Sequences, s: GatedLabSettings): GatedSeries {
  const F = seq.x.length / seq.T;
  const p = labGatedParams(cell, F, s);
  const pass = gatedForward(p, seq);
  const norms = gatedJacobianLog10Norms(p, pass, 0, { kernels: fastZetaKernels() });
  const T = seq.T;
  const log10Spectral = new Float64Array(T);
  for (let k = 1; k <= T; k++) log10Spectral[T - k] = norms.spectral[k - 1];
  const H = p.H;
  let sum = 0;
  let best = -Infinity;
  for (let j = 0; j < H; j++) {
    let logPath = 0;
    for (let t = 1; t < T; t++) {
      const g = holdGate(cell, pass.gates, H, t, j);
      sum += g;
      logPath += Math.log10(g);
    }
    best = Math.max(best, logPath);
  }
  return {
    cell,
    forgetBias: cell === 'lstm' ? s.forgetBias : 0,
    log10Spectral,
    readoutLog10: norms.spectral[0],
    meanHold: T > 1 ? sum / (H * (T - 1)) : NaN,
    log10DirectPath: T > 1 ? best : 0,
  };
}
