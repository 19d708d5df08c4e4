// Seeded initialisation. Same seed → same numbers in Node, the page and a
// worker (see random.ts). Each parameter tensor draws from its own sub-stream,
// so changing how W is initialised does not change U, b, V or c.
import { spectralRadius } from './eigen.ts';
import { createRng, deriveSeed, type Rng } from './random.ts';
import type { Dims, ParamName, RnnParams } from './types.ts';

export type RecurrentInit = 'uniform' | 'normal' | 'orthogonal' | 'identity';
export const RECURRENT_INITS: readonly RecurrentInit[] = ['uniform', 'normal', 'orthogonal', 'identity'];

export interface InitOptions {
  seed: number;
  /** How W is drawn; default 'uniform' (PyTorch's nn.RNN default). */
  recurrent?: RecurrentInit;
  /** If given, W is rescaled so that max |λ(W)| equals it. */
  spectralRadius?: number;
}

const STREAM: Record<ParamName, number> = { W: 0, U: 1, b: 2, V: 3, c: 4 };

function uniformArray(length: number, bound: number, rng: Rng): Float64Array {
  const out = new Float64Array(length);
  for (let i = 0; i < length; i++) out[i] = (2 * rng.uniform() - 1) * bound;
  return out;
}

/** Q of the QR factorisation of a Gaussian matrix, with R's diagonal made positive (Haar-distributed). */
function orthogonal(H: number, rng: Rng): Float64Array {
  const q = new Float64Array(H * H);
  for (let i = 0; i < q.length; i++) q[i] = rng.normal();
  // Modified Gram–Schmidt on the columns, twice ("twice is enough") for orthogonality to rounding.
  for (let j = 0; j < H; j++) {
    for (let pass = 0; pass < 2; pass++) {
      for (let k = 0; k < j; k++) {
        let dot = 0;
        for (let i = 0; i < H; i++) dot += q[i * H + k] * q[i * H + j];
        for (let i = 0; i < H; i++) q[i * H + j] -= dot * q[i * H + k];
      }
    }
    let sumSq = 0;
    for (let i = 0; i < H; i++) sumSq += q[i * H + j] * q[i * H + j];
    const norm = Math.sqrt(sumSq); // not Math.hypot: see eigen.ts modulus()
    if (norm === 0) throw new Error('orthogonal init: degenerate Gaussian draw');
    for (let i = 0; i < H; i++) q[i * H + j] /= norm;
  }
  return q;
}

/**
 * A recurrent matrix W (H×H):
 * - uniform: U(−1/√H, 1/√H), PyTorch's default for nn.RNN;
 * - normal: N(0, 1/H), spectral radius ≈ 1 for large H (circular law);
 * - orthogonal: Haar-random orthogonal, every |λ| = 1 (Saxe et al. 2014);
 * - identity: I (Le, Jaitly & Hinton 2015); draws nothing.
 */
export function randomRecurrent(H: number, rng: Rng, kind: RecurrentInit): Float64Array {
  switch (kind) {
    case 'uniform':
      return uniformArray(H * H, 1 / Math.sqrt(H), rng);
    case 'normal': {
      const out = new Float64Array(H * H);
      const sd = 1 / Math.sqrt(H);
      for (let i = 0; i < out.length; i++) out[i] = rng.normal() * sd;
      return out;
    }
    case 'orthogonal':
      return orthogonal(H, rng);
    case 'identity': {
      const out = new Float64Array(H * H);
      for (let i = 0; i < H; i++) out[i * H + i] = 1;
      return out;
    }
  }
}

/** A copy of W scaled so that its spectral radius is `rho`. Throws if ρ(W) = 0 and rho > 0. */
export function scaleToSpectralRadius(W: Float64Array, H: number, rho: number): Float64Array {
  if (!(rho >= 0) || !Number.isFinite(rho)) throw new RangeError(`scaleToSpectralRadius: rho must be finite and ≥ 0, got ${rho}`);
  const current = spectralRadius(W, H);
  if (current === 0) {
    if (rho === 0) return Float64Array.from(W);
    throw new RangeError('scaleToSpectralRadius: W has spectral radius 0 (nilpotent) and cannot be scaled to a positive radius');
  }
  const f = rho / current;
  return W.map((v) => v * f);
}

/**
 * Parameters initialised like PyTorch's nn.RNN + nn.Linear: every entry
 * U(−1/√H, 1/√H); W drawn as `recurrent` says and, if `spectralRadius` is
 * given, rescaled to it.
 */
export function initParams(dims: Dims, opts: InitOptions): RnnParams {
  const { F, H, O } = dims;
  const bound = 1 / Math.sqrt(H);
  const rngFor = (name: ParamName) => createRng(deriveSeed(opts.seed, STREAM[name]));
  let W = randomRecurrent(H, rngFor('W'), opts.recurrent ?? 'uniform');
  if (opts.spectralRadius !== undefined) W = scaleToSpectralRadius(W, H, opts.spectralRadius);
  return {
    F,
    H,
    O,
    W,
    U: uniformArray(H * F, bound, rngFor('U')),
    b: uniformArray(H, bound, rngFor('b')),
    V: uniformArray(O * H, bound, rngFor('V')),
    c: uniformArray(O, bound, rngFor('c')),
  };
}
