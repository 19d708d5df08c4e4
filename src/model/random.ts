// A small seeded random generator that gives the same stream in Node, in the
// page and in a worker: sfc32 (Chris Doty-Humphrey's "small fast counting"
// generator, 32-bit state words) seeded through splitmix32, plus Marsaglia's
// polar method for normals.
//
// Bit-for-bit reproducibility across JavaScript engines rules out Math.log,
// Math.sin, Math.cos and Math.hypot: their last bit is not specified, and it
// does differ between the V8 in Node 20 and the one in current Chromium. So
// the stream uses only integer ops, + − × ÷ and Math.sqrt (all correctly
// rounded by IEEE 754) and a logarithm written out below from those.

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

const LN2_HI = 6.93147180369123816490e-1; // ln 2 split so e·LN2_HI is exact for |e| < 2^20
const LN2_LO = 1.90821492927058770002e-10;
const bits = new DataView(new ArrayBuffer(8));

/**
 * Natural logarithm of a positive finite x from + − × ÷ only, so every engine
 * rounds identically: x = m·2^e with m in [√½, √2), then
 * ln m = 2 atanh z = 2 (z + z³/3 + z⁵/5 + …), z = (m − 1)/(m + 1), |z| ≤ 0.172;
 * 13 terms leave a truncation error below 1e−20. Accurate to a few ulp.
 */
export function portableLog(x: number): number {
  if (!(x > 0) || x === Infinity) return x === 0 ? -Infinity : x === Infinity ? Infinity : NaN;
  let e = 0;
  if (x < 2.2250738585072014e-308) {
    x *= 18014398509481984; // 2^54: make a subnormal normal
    e = -54;
  }
  bits.setFloat64(0, x);
  const hi = bits.getUint32(0);
  e += ((hi >>> 20) & 0x7ff) - 1023;
  bits.setUint32(0, (hi & 0x000fffff) | 0x3ff00000); // same mantissa, exponent 0: m in [1, 2)
  let m = bits.getFloat64(0);
  if (m > Math.SQRT2) {
    m /= 2;
    e += 1;
  }
  const z = (m - 1) / (m + 1);
  const z2 = z * z;
  let term = z;
  let sum = 0;
  for (let k = 0; k < 13; k++) {
    sum += term / (2 * k + 1);
    term *= z2;
  }
  return e * LN2_HI + (2 * sum + e * LN2_LO);
}

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
    // Polar method: a uniform point in the unit disc gives two independent normals.
    let u: number, v: number, s: number;
    do {
      u = 2 * uniform() - 1;
      v = 2 * uniform() - 1;
      s = u * u + v * v;
    } while (s >= 1 || s === 0);
    const f = Math.sqrt((-2 * portableLog(s)) / s);
    spare = v * f;
    return u * f;
  };
  return { uniform, normal };
}

/** A child seed for an independent sub-stream (e.g. one per parameter tensor). */
export function deriveSeed(seed: number, stream: number): number {
  const mix = splitmix32((Math.trunc(seed) >>> 0) ^ Math.imul(stream + 1, 0x27d4eb2d));
  mix();
  return mix();
}
