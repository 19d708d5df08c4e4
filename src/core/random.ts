// A small seeded random generator that gives the same stream in Node, in the
// page and in a worker: sfc32 (Chris Doty-Humphrey's "small fast counting"
// generator, 32-bit state words) seeded through splitmix32, plus Box–Muller
// for normals. Only integer ops, Math.log, Math.sqrt, Math.cos and Math.sin
// are used; V8 computes these identically everywhere it runs.

export interface Rng {
  /** Uniform on [0, 1), 32 bits of resolution. */
  uniform(): number;
  /** Standard normal N(0, 1). */
  normal(): number;
}

/** splitmix32: spreads a seed over 32-bit words so nearby seeds give unrelated streams. */
function splitmix32(state: number): () => number {
  let s = state >>> 0;
  return () => {
    s = (s + 0x9e3779b9) >>> 0;
    let z = s;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
}

const TWO_POW_MINUS_32 = 1 / 4294967296;

/**
 * Seeded generator. `seed` is taken modulo 2^32 (non-integers are truncated),
 * so every integer seed a URL can carry is accepted.
 */
export function createRng(seed: number): Rng {
  const mix = splitmix32(Math.trunc(seed) >>> 0);
  let a = mix();
  let b = mix();
  let c = mix();
  let d = mix();
  const next32 = (): number => {
    const t = (((a + b) >>> 0) + d) >>> 0;
    d = (d + 1) >>> 0;
    a = b ^ (b >>> 9);
    b = (c + (c << 3)) >>> 0;
    c = ((c << 21) | (c >>> 11)) >>> 0;
    c = (c + t) >>> 0;
    return t;
  };
  // Warm up: the first outputs of sfc32 are still correlated with the seed words.
  for (let i = 0; i < 12; i++) next32();

  let spare: number | null = null;
  const uniform = (): number => next32() * TWO_POW_MINUS_32;
  const normal = (): number => {
    if (spare !== null) {
      const z = spare;
      spare = null;
      return z;
    }
    // 1 − u lies in (0, 1], so the logarithm is finite.
    const u1 = 1 - uniform();
    const u2 = uniform();
    const r = Math.sqrt(-2 * Math.log(u1));
    const theta = 2 * Math.PI * u2;
    spare = r * Math.sin(theta);
    return r * Math.cos(theta);
  };
  return { uniform, normal };
}

/** A child seed for an independent sub-stream (e.g. one per parameter tensor). */
export function deriveSeed(seed: number, stream: number): number {
  const mix = splitmix32((Math.trunc(seed) >>> 0) ^ Math.imul(stream + 1, 0x27d4eb2d));
  mix();
  return mix();
}
