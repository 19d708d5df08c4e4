// The forward pass, written as the article writes it: a loop over t,
//   a(t) = W h(t−1) + U x(t) + b,   h(t) = σ(a(t)),   o(t) = V h(t) + c,   h(0) = 0.
import { activate } from './activation.ts';
import type { Activation, ForwardPass, RnnParams, Sequences } from './types.ts';

export function forward(p: RnnParams, seq: Sequences, act: Activation): ForwardPass {
  const { F, H, O, W, U, b, V, c } = p;
  const { N, T, x } = seq;
  if (x.length !== N * T * F) throw new RangeError(`forward: x has ${x.length} entries, expected N·T·F = ${N * T * F}`);
  const a = new Float64Array(N * T * H);
  const h = new Float64Array(N * T * H);
  const o = new Float64Array(N * T * O);
  for (let n = 0; n < N; n++) {
    for (let t = 0; t < T; t++) {
      const xt = (n * T + t) * F; // x(t) of sample n
      const ht = (n * T + t) * H; // a(t), h(t)
      const hPrev = ht - H; // h(t−1); t = 0 means h(0) = 0
      for (let i = 0; i < H; i++) {
        let s = b[i];
        if (t > 0) for (let j = 0; j < H; j++) s += W[i * H + j] * h[hPrev + j];
        for (let f = 0; f < F; f++) s += U[i * F + f] * x[xt + f];
        a[ht + i] = s;
        h[ht + i] = activate(act, s);
      }
      const ot = (n * T + t) * O;
      for (let j = 0; j < O; j++) {
        let s = c[j];
        for (let i = 0; i < H; i++) s += V[j * H + i] * h[ht + i];
        o[ot + j] = s;
      }
    }
  }
  return { N, T, a, h, o };
}
