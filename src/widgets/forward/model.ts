// The forward stepper's tiny RNN (n = 2 hidden units, one input, tanh, b = 0)
// and the TeX of one step with its live numbers. The numbers come from
// forward() in src/model; this module only assembles and prints them.
import { forward } from '../../model/rnn.ts';
import type { ForwardPass, RnnParams } from '../../model/types.ts';

export interface ForwardWeights {
  w11: number;
  w12: number;
  w21: number;
  w22: number;
  u1: number;
  u2: number;
}

export const X_LIMIT = 2;

/** Parse the URL's comma-separated input sequence (clamped to ±X_LIMIT); null if unusable. */
export function parseSequence(text: string): number[] | null {
  const parts = text.split(',').map((s) => Number(s.trim()));
  if (parts.length < 2 || parts.length > 12 || parts.some((v) => !Number.isFinite(v))) return null;
  return parts.map((v) => Math.max(-X_LIMIT, Math.min(X_LIMIT, v)));
}

export function formatSequence(xs: readonly number[]): string {
  return xs.map((v) => String(Number(v.toFixed(2)))).join(',');
}

function tinyParams(w: ForwardWeights): RnnParams {
  return {
    F: 1,
    H: 2,
    O: 1,
    W: Float64Array.of(w.w11, w.w12, w.w21, w.w22),
    U: Float64Array.of(w.u1, w.u2),
    b: new Float64Array(2),
    V: Float64Array.of(1, 0),
    c: new Float64Array(1),
  };
}

export function runTiny(w: ForwardWeights, xs: readonly number[]): ForwardPass {
  return forward(tinyParams(w), { N: 1, T: xs.length, x: Float64Array.from(xs) }, 'tanh');
}

/** A number for the typeset equation: two decimals, a true minus sign. */
export function texNum(v: number): string {
  const s = v.toFixed(2);
  return s === '-0.00' ? '0.00' : s;
}

const col = (a: number, b: number) => `\\begin{pmatrix}${texNum(a)}\\\\${texNum(b)}\\end{pmatrix}`;

/** The TeX of step t (1-based): a(t) = W h(t−1) + U x(t) + b = …, h(t) = tanh(a(t)) = …. */
export function stepTex(w: ForwardWeights, xs: readonly number[], pass: ForwardPass, t: number): string {
  const hPrev = t > 1 ? [pass.h[(t - 2) * 2], pass.h[(t - 2) * 2 + 1]] : [0, 0];
  const a = [pass.a[(t - 1) * 2], pass.a[(t - 1) * 2 + 1]];
  const h = [pass.h[(t - 1) * 2], pass.h[(t - 1) * 2 + 1]];
  const W = `\\begin{pmatrix}${texNum(w.w11)} & ${texNum(w.w12)}\\\\${texNum(w.w21)} & ${texNum(w.w22)}\\end{pmatrix}`;
  const sup = `^{(${t})}`;
  return [
    '\\begin{aligned}',
    `\\mathbf{a}${sup} &= \\mathbf{W}\\mathbf{h}^{(${t - 1})} + \\mathbf{U}x${sup} + \\mathbf{b}\\\\`,
    `&= ${W}${col(hPrev[0], hPrev[1])}\\\\`,
    `&\\quad + ${col(w.u1, w.u2)}\\,(${texNum(xs[t - 1])}) + ${col(0, 0)}\\\\`,
    `&= ${col(a[0], a[1])}\\\\[4pt]`,
    `\\mathbf{h}${sup} &= \\tanh\\big(\\mathbf{a}${sup}\\big) = ${col(h[0], h[1])}`,
    '\\end{aligned}',
  ].join('\n');
}
