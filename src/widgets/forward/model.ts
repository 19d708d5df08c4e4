// The forward stepper's tiny RNN (n = 2 hidden units, one input, tanh, one
// regression output ŷ = o) and the TeX of one step with its live numbers. The
// numbers come from forward() in src/model; this module only assembles and
// prints them.
import { forward } from '../../model/rnn.ts';
import type { ForwardPass, RnnParams } from '../../model/types.ts';

/** W (2×2, row by row), U (2×1), b (2), V (1×2) and c of the tiny network. */
export interface ForwardWeights {
  w11: number;
  w12: number;
  w21: number;
  w22: number;
  u1: number;
  u2: number;
  b1: number;
  b2: number;
  v1: number;
  v2: number;
  c: number;
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

/** The widget's network as the reference maths' parameters. */
export function tinyParams(w: ForwardWeights): RnnParams {
  return {
    F: 1,
    H: 2,
    O: 1,
    W: Float64Array.of(w.w11, w.w12, w.w21, w.w22),
    U: Float64Array.of(w.u1, w.u2),
    b: Float64Array.of(w.b1, w.b2),
    V: Float64Array.of(w.v1, w.v2),
    c: Float64Array.of(w.c),
  };
}

export function runTiny(w: ForwardWeights, xs: readonly number[]): ForwardPass {
  return forward(tinyParams(w), { N: 1, T: xs.length, x: Float64Array.from(xs) }, 'tanh');
}

/** The numbers of step t (1-based) of a pass: a(t), h(t) and the output o(t) (= ŷ(t), a regression). */
export function stepValues(pass: ForwardPass, t: number): { a: [number, number]; h: [number, number]; o: number } {
  const i = (t - 1) * 2;
  return { a: [pass.a[i], pass.a[i + 1]], h: [pass.h[i], pass.h[i + 1]], o: pass.o[t - 1] };
}

/** A parameter or an input for the typeset equation: two decimals (the sliders' precision), a true minus sign. */
export function texNum(v: number): string {
  return fixed(v, 2);
}

/** A computed value (a, h, o) for the typeset equation: four decimals, the worked example's precision. */
export function texState(v: number): string {
  return fixed(v, 4);
}

function fixed(v: number, digits: number): string {
  const s = v.toFixed(digits);
  return /^-0\.0*$/.test(s) ? s.slice(1) : s;
}

const col = (a: string, b: string) => `\\begin{pmatrix}${a}\\\\${b}\\end{pmatrix}`;
const params = (a: number, b: number) => col(texNum(a), texNum(b));
const state = (v: readonly number[]) => col(texState(v[0]), texState(v[1]));

/**
 * The TeX of step t (1-based): a(t) = W h(t−1) + U x(t) + b = …,
 * h(t) = tanh(a(t)) = …, o(t) = V h(t) + c = …, ŷ(t) = o(t).
 */
export function stepTex(w: ForwardWeights, xs: readonly number[], pass: ForwardPass, t: number): string {
  const hPrev = t > 1 ? stepValues(pass, t - 1).h : [0, 0];
  const { a, h, o } = stepValues(pass, t);
  const W = `\\begin{pmatrix}${texNum(w.w11)} & ${texNum(w.w12)}\\\\${texNum(w.w21)} & ${texNum(w.w22)}\\end{pmatrix}`;
  const V = `\\begin{pmatrix}${texNum(w.v1)} & ${texNum(w.v2)}\\end{pmatrix}`;
  const sup = `^{(${t})}`;
  return [
    '\\begin{aligned}',
    `\\mathbf{a}${sup} &= \\mathbf{W}\\mathbf{h}^{(${t - 1})} + \\mathbf{U}x${sup} + \\mathbf{b}\\\\`,
    `&= ${W}${state(hPrev)}\\\\`,
    `&\\quad + ${params(w.u1, w.u2)}\\,(${texNum(xs[t - 1])}) + ${params(w.b1, w.b2)}\\\\`,
    `&= ${state(a)}\\\\[4pt]`,
    `\\mathbf{h}${sup} &= \\tanh\\big(\\mathbf{a}${sup}\\big) = ${state(h)}\\\\[4pt]`,
    `o${sup} &= \\mathbf{V}\\mathbf{h}${sup} + c\\\\`,
    `&= ${V}${state(h)} + (${texNum(w.c)})\\\\`,
    `&= ${texState(o)}\\\\[4pt]`,
    `\\hat{y}${sup} &= o${sup} = ${texState(o)}`,
    '\\end{aligned}',
  ].join('\n');
}
