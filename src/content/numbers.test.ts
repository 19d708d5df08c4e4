// The static numbers of the text, recomputed from src/model (and, for the
// claims about the widgets, from the widgets' own model code): the worked
// example of section 3 run forwards and of section 4 run backwards, the
// powers and the counterexample of section 5, and the claims the prose makes
// about what a preset link shows. Each printed number must also appear, as
// printed, in both languages, so a number edited in the text but not here (or
// the other way round) fails.
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { finiteDifferenceGrads, tensorRelError } from '../checks/gradcheck.ts';
import { derivativeAt } from '../model/activation.ts';
import { bptt } from '../model/bptt.ts';
import { eigenvalues, spectralNorm, spectralRadius } from '../model/eigen.ts';
import { initParams } from '../model/init.ts';
import { stepJacobian } from '../model/jacobian.ts';
import { forward } from '../model/rnn.ts';
import { PARAM_NAMES, type RnnParams } from '../model/types.ts';
import { buildBpttModel, cellPath, type BpttSettings } from '../widgets/bptt/model.ts';
import { checkProblem } from '../widgets/gradcheck/model.ts';
import { runTiny } from '../widgets/forward/model.ts';
import { computeVx } from '../widgets/vx/model.ts';
import { toSettings } from '../widgets/vx/fields.ts';
import { settingsAt } from './widget-presets.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const source = (lang: string, slug: string) => readFileSync(`${root}/content/${lang}/${slug}.md`, 'utf8');

/** `text` is printed in the section in both languages (`zh` where Chinese punctuation differs). */
function printed(slug: string, text: string, zh = text): void {
  expect(source('en', slug), `en/${slug} should print ${text}`).toContain(text);
  expect(source('zh', slug), `zh/${slug} should print ${zh}`).toContain(zh);
}
/** `v` rounds to `text` with that many decimals, and the text prints it. */
function fixed(slug: string, v: number, text: string): void {
  const decimals = text.includes('.') ? text.split('.')[1].length : 0;
  expect(v.toFixed(decimals), text).toBe(text);
  printed(slug, text);
}
const col = (a: string, b: string) => `\\begin{pmatrix} ${a} \\\\ ${b} \\end{pmatrix}`;
const norm2 = (v: ArrayLike<number>) => Math.hypot(...Array.from(v));
const mul2 = (A: number[], B: number[]) => [A[0] * B[0] + A[1] * B[2], A[0] * B[1] + A[1] * B[3], A[2] * B[0] + A[3] * B[2], A[2] * B[1] + A[3] * B[3]];

// The two-step network of sections 3 and 4.
const worked: RnnParams = {
  F: 1, H: 2, O: 1,
  W: Float64Array.of(0.5, -0.3, 0.2, 0.4),
  U: Float64Array.of(1, -0.5),
  b: Float64Array.of(0, 0.1),
  V: Float64Array.of(1, -1),
  c: Float64Array.of(0.2),
};
const seq = { N: 1, T: 2, x: Float64Array.of(1, 0.5) };

describe('§2', () => {
  it('the forecaster has 2751 parameters whatever T is', () => {
    const p = initParams({ F: 3, H: 50, O: 1 }, { seed: 1 });
    const count = PARAM_NAMES.reduce((s, n) => s + p[n].length, 0);
    expect(count).toBe(2751);
    printed('02-model', '2500 + 150 + 50 + 50 + 1 = 2751');
    printed('02-model', '$2751$');
  });
});

describe('§3 worked example, forwards', () => {
  const pass = forward(worked, seq, 'tanh');
  const h1 = [pass.h[0], pass.h[1]];
  const Wh1 = [0.5 * h1[0] - 0.3 * h1[1], 0.2 * h1[0] + 0.4 * h1[1]];
  it('step 1', () => {
    expect([pass.a[0], pass.a[1]]).toEqual([1, -0.4]);
    printed('03-forward', col('1', '-0.4'));
    printed('03-forward', col('0.7616', '-0.3799'));
    fixed('03-forward', h1[0], '0.7616');
    fixed('03-forward', h1[1], '-0.3799');
    fixed('03-forward', pass.o[0], '1.3415');
    printed('03-forward', '0.7616 + 0.3799 + 0.2 = 1.3415');
  });
  it('step 2: W h(1) = (0.4948, 0.00034), and the sum −0.1497 follows only from the exact value', () => {
    fixed('03-forward', Wh1[0], '0.4948');
    expect(Wh1[1].toPrecision(2)).toBe('0.00034');
    printed('03-forward', '(0.4948,\\ 0.00034)^{\\top}');
    printed('03-forward', col('0.4948', '0.00034'));
    expect(pass.a[3]).toBeCloseTo(Wh1[1] - 0.25 + 0.1, 15);
    expect(pass.a[3].toFixed(4)).toBe('-0.1497');
    expect((0.0004 - 0.25 + 0.1).toFixed(4)).toBe('-0.1496'); // the old, rounded value did not add up
    printed('03-forward', col('0.9948', '-0.1497'));
    fixed('03-forward', pass.a[2], '0.9948');
    printed('03-forward', col('0.7594', '-0.1486'));
    fixed('03-forward', pass.h[2], '0.7594');
    fixed('03-forward', pass.h[3], '-0.1486');
    fixed('03-forward', pass.o[1], '1.1079');
  });
  it('the exercise on saturation: the slope of tanh at a(4)₁ is about 0.004', () => {
    const w = { w11: 0.9, w12: -0.8, w21: 0.7, w22: 0.6, u1: 1, u2: -0.6 };
    const a1 = runTiny(w, [2, 2, 2, 2]).a[6];
    expect((1 - Math.tanh(a1) ** 2).toFixed(3)).toBe('0.004');
    printed('03-forward', '\\approx 0.004');
  });
});

describe('§4 worked example, backwards', () => {
  // src/model's loss is the fixtures' (o − y)², twice the text's ½(o − y)²: halve.
  const r = bptt(worked, seq, Float64Array.of(1), 'tanh', 'many-to-one');
  const half = (a: ArrayLike<number>) => Array.from(a, (v) => v / 2);
  const h = r.pass.h;
  const delta2 = half(r.dLdh.subarray(2, 4));
  const delta1 = half(r.dLdh.subarray(0, 2));
  const s2 = [1 - h[2] ** 2, 1 - h[3] ** 2];
  const s1 = [1 - h[0] ** 2, 1 - h[1] ** 2];
  const eps2 = [s2[0] * delta2[0], s2[1] * delta2[1]];
  const eps1 = [s1[0] * delta1[0], s1[1] * delta1[1]];
  const slug = '04-bptt';
  it('the loss, the output error and the output layer', () => {
    fixed(slug, r.loss / 2, '0.0058');
    const g2 = r.pass.o[1] - 1;
    fixed(slug, g2, '0.1079');
    fixed(slug, half(r.grads.c)[0], '0.1079');
    const dV = half(r.grads.V);
    printed(slug, `(${dV[0].toFixed(4)},\\ ${dV[1].toFixed(4)})`);
    expect(dV.map((v) => v.toFixed(4))).toEqual(['0.0820', '-0.0160']);
  });
  it('δ, σ′ and ε at both steps', () => {
    const vec = (v: number[]) => `(${v.map((x) => x.toFixed(4)).join(',\\ ')})^{\\top}`;
    expect(vec(delta2)).toBe('(0.1079,\\ -0.1079)^{\\top}');
    for (const v of [delta2, s2, eps2, delta1, s1, eps1]) printed(slug, vec(v));
    expect(vec(s2)).toBe('(0.4233,\\ 0.9779)^{\\top}');
    expect(vec(eps2)).toBe('(0.0457,\\ -0.1056)^{\\top}');
    expect(vec(delta1)).toBe('(0.0017,\\ -0.0559)^{\\top}');
    expect(vec(s1)).toBe('(0.4200,\\ 0.8556)^{\\top}');
    expect(vec(eps1)).toBe('(0.0007,\\ -0.0479)^{\\top}');
  });
  it('the parameter gradients, and finite differences agree to every digit shown', () => {
    const dW = half(r.grads.W).map((v) => v.toFixed(4));
    expect(dW).toEqual(['0.0348', '-0.0174', '-0.0804', '0.0401']);
    printed(slug, `\\begin{pmatrix} ${dW[0]} & ${dW[1]} \\\\ ${dW[2]} & ${dW[3]} \\end{pmatrix}`);
    const dU = half(r.grads.U).map((v) => v.toFixed(4));
    const db = half(r.grads.b).map((v) => v.toFixed(4));
    printed(slug, col(dU[0], dU[1]));
    printed(slug, col(db[0], db[1]));
    expect([...dU, ...db]).toEqual(['0.0236', '-0.1006', '0.0464', '-0.1534']);
    const copy = { ...worked, W: worked.W.slice(), U: worked.U.slice(), b: worked.b.slice(), V: worked.V.slice(), c: worked.c.slice() };
    const fd = finiteDifferenceGrads(copy, seq, Float64Array.of(1), 'tanh', 'many-to-one');
    for (const n of PARAM_NAMES) expect(half(fd[n]).map((v) => v.toFixed(4)), n).toEqual(half(r.grads[n]).map((v) => v.toFixed(4)));
  });
  it('δ(1)₁ is a cancellation; the norms differ by 2.7, within ‖ζ(2)‖₂ = 0.44', () => {
    const t1 = 0.5 * eps2[0];
    const t2 = 0.2 * eps2[1];
    expect(t1 + t2).toBeCloseTo(delta1[0], 14);
    printed(slug, `${t1.toFixed(4)} - ${(-t2).toFixed(4)}`);
    expect([t1.toFixed(4), t2.toFixed(4)]).toEqual(['0.0228', '-0.0211']);
    fixed(slug, norm2(delta2), '0.153');
    fixed(slug, norm2(delta1), '0.056');
    fixed(slug, norm2(delta2) / norm2(delta1), '2.7');
    const zeta2 = stepJacobian(worked.W, 2, r.pass.a.subarray(2, 4), 'tanh');
    fixed(slug, spectralNorm(zeta2, 2, 2), '0.44');
    expect(norm2(delta1)).toBeLessThanOrEqual(spectralNorm(zeta2, 2, 2) * norm2(delta2));
  });
});

describe('§4 exercises and claims about the widgets', () => {
  const bpttAt = (q: string) => {
    const s = settingsAt('bptt', q, { root });
    const act = s.act as BpttSettings['act'];
    return cellPath(buildBpttModel({ steps: Number(s.steps), hidden: Number(s.hidden), rho: Number(s.rho), act, seed: Number(s.seed) }), Number(s.t), Number(s.k));
  };
  it('linear, ρ = 0.5: the far cell is about 0.5¹¹ ≈ 5 × 10⁻⁴ of the diagonal, up to a modest factor, and far below its bound', () => {
    expect(0.5 ** 11).toBeCloseTo(4.9e-4, 5);
    printed('04-bptt', '0.5^{11} \\approx 5 \\times 10^{-4}');
    const p = bpttAt('act=linear&rho=0.5&steps=12&t=12&k=1');
    const ratio = p.end / p.start;
    expect(ratio).toBeGreaterThan(0.5 ** 11 / 3);
    expect(ratio).toBeLessThan(0.5 ** 11 * 3);
    expect(10 ** p.log10Bound).toBeGreaterThan(100 * p.end);
  });
  it('linear, ρ = 1.5: the far cell is brighter by roughly 1.5¹¹ ≈ 86', () => {
    expect((1.5 ** 11).toFixed(0)).toBe('86');
    printed('04-bptt', '1.5^{11} \\approx 86');
    const p = bpttAt('act=linear&rho=1.5&steps=12&t=12&k=1');
    expect(p.end / p.start).toBeGreaterThan(86 / 3);
    expect(p.end / p.start).toBeLessThan(86 * 3);
  });
  it('tanh, ρ = 2: the far cell does not flare up', () => {
    const p = bpttAt('act=tanh&rho=2&steps=12&t=12&k=1');
    expect(p.end).toBeLessThan(p.start);
  });
  it('the gradient check on ReLU units agrees to about 1e−10 (seed 7 of the link, and the next few)', () => {
    for (let seed = 7; seed < 12; seed++) {
      const { p, seq: s, y } = checkProblem({ act: 'relu', mode: 'many-to-many', seed });
      const hand = bptt(p, s, y, 'relu', 'many-to-many').grads;
      const fd = finiteDifferenceGrads({ ...p, W: p.W.slice(), U: p.U.slice(), b: p.b.slice(), V: p.V.slice(), c: p.c.slice() }, s, y, 'relu', 'many-to-many');
      expect(Math.max(...PARAM_NAMES.map((n) => tensorRelError(hand[n], fd[n]))), `seed ${seed}`).toBeLessThan(1e-8);
    }
  });
  it('unit roundoff: Float64 u ≈ 1.1e−16, float32 u ≈ 6e−8', () => {
    expect((2 ** -53).toPrecision(2)).toBe('1.1e-16');
    expect((2 ** -24).toPrecision(1)).toBe('6e-8');
    printed('04-bptt', 'u \\approx 1.1 \\times 10^{-16}');
    printed('04-bptt', 'u \\approx 6 \\times 10^{-8}');
  });
});

describe('§5 powers, norms and the counterexample', () => {
  const slug = '05-vanishing-exploding';
  it('the eigenvalue powers of the list', () => {
    expect((0.5 ** 49).toPrecision(2)).toBe('1.8e-15');
    expect(Math.log10(0.5 ** 49).toFixed(2)).toBe('-14.75');
    printed(slug, '0.5^{49} \\approx 1.8 \\times 10^{-15} = 10^{-14.75}');
    expect((0.9 ** 99).toExponential(0)).toBe('3e-5');
    printed(slug, '0.9^{99} \\approx 3 \\times 10^{-5}');
    expect((1.5 ** 49).toExponential(0)).toBe('4e+8');
    printed(slug, '1.5^{49} \\approx 4 \\times 10^{8}');
  });
  it('the powers of [[0.5, 10], [0, 0.5]]: 10, 10, 7.5, 5, 3.1, …, below 1 from the eighth on', () => {
    const A = [0.5, 10, 0, 0.5];
    let P = A;
    const norms: number[] = [];
    for (let p = 1; p <= 10; p++) {
      norms.push(spectralNorm(Float64Array.from(P), 2, 2));
      P = mul2(P, A);
    }
    expect(norms.slice(0, 5).map((v) => Number(v.toPrecision(2)))).toEqual([10, 10, 7.5, 5, 3.1]);
    expect(norms.findIndex((v) => v < 1) + 1).toBe(8);
    printed(slug, '10, 10, 7.5, 5, 3.1', '10、10、7.5、5、3.1');
    expect(spectralRadius(Float64Array.from(A), 2)).toBeCloseTo(0.5, 12);
  });
  it('the ReLU counterexample: ρ = 0.71 < 1, yet alternating active units give a 40-step product of norm 3.5 × 10³', () => {
    const W = Float64Array.of(1, 3, -0.5, -1);
    const ev = eigenvalues(W, 2);
    expect(Array.from(ev.re).map((v) => Math.abs(v))).toEqual([expect.closeTo(0, 12), expect.closeTo(0, 12)]);
    expect(Array.from(ev.im).map((v) => Math.abs(v).toFixed(2))).toEqual(['0.71', '0.71']);
    expect(spectralRadius(W, 2).toFixed(2)).toBe('0.71');
    printed(slug, '\\pm 0.71\\,i');
    fixed(slug, spectralNorm(W, 2, 2), '3.35');
    expect(mul2(Array.from(W), Array.from(W))).toEqual([-0.5, 0, 0, -0.5]);
    printed(slug, '\\mathbf{W}^2 = -0.5\\, \\mathbf{I}');
    expect((0.5 ** 20).toPrecision(2)).toBe('9.5e-7');
    printed(slug, '0.5^{20}\\,\\mathbf{I} \\approx 9.5 \\times 10^{-7}');
    // ζ(τ) = diag(1[a(τ) > 0]) W with unit 1 active at odd steps, unit 2 at even ones.
    const odd = Array.from(stepJacobian(W, 2, [1, -1], 'relu'));
    const even = Array.from(stepJacobian(W, 2, [-1, 1], 'relu'));
    const two = mul2(even, odd);
    expect(two.map((v) => v + 0)).toEqual([0, 0, -0.5, -1.5]);
    printed(slug, '\\begin{pmatrix} 0 & 0 \\\\ -0.5 & -1.5 \\end{pmatrix}');
    expect(Math.min(...Array.from(eigenvalues(Float64Array.from(two), 2).re))).toBeCloseTo(-1.5, 12);
    let P = [1, 0, 0, 1];
    for (let tau = 1; tau <= 40; tau++) P = mul2(tau % 2 ? odd : even, P);
    expect(spectralNorm(Float64Array.from(P), 2, 2).toPrecision(2)).toBe('3.5e+3');
    printed(slug, '3.5 \\times 10^{3}');
  });
  it('the slopes of tanh at 2 and 4', () => {
    expect(derivativeAt('tanh', 2).toFixed(3)).toBe('0.071');
    expect(derivativeAt('tanh', 4).toPrecision(2)).toBe('0.0013');
    printed(slug, "\\tanh'(2) \\approx 0.071");
    printed(slug, "\\tanh'(4) \\approx 0.0013");
  });
});

describe('§5 claims about what each lab link shows', () => {
  const vx = (q: string) => computeVx(toSettings(settingsAt('vx', q, { root })));
  const q = (act: string, rho: number, steps = 50, input = 1) => `act=${act}&rho=${rho}&steps=${steps}&input=${input}&clip=0&clipAt=1`;
  it('linear units read about three times the eigenvalue power (the constant C of a non-normal W)', () => {
    for (const s of [q('linear', 0.5), q('linear', 0.9, 100), q('linear', 1.5), q('linear', 1, 200)]) {
      const r = vx(s);
      const C = 10 ** (r.readoutLog10 - r.log10Reference[r.log10Reference.length - 1]);
      expect(C, s).toBeGreaterThan(2.5);
      expect(C, s).toBeLessThan(4);
    }
  });
  it('the spectral norm of the lab\'s W is well above ρ, nearly twice', () => {
    const r = vx(q('tanh', 1));
    expect(r.normW / r.largestModulus).toBeGreaterThan(1.6);
    expect(r.normW / r.largestModulus).toBeLessThan(2.2);
  });
  it('tanh at the defaults ends more than a decade below the (ργ) line', () => {
    const r = vx(q('tanh', 1));
    expect(r.log10Reference[49] - r.readoutLog10).toBeGreaterThan(1);
  });
  it('saturation: tanh, ρ = 1.5 shrinks at input 8 and grows, far below 1.5⁴⁹, at input 0.1', () => {
    const big = vx(q('tanh', 1.5, 50, 8));
    const small = vx(q('tanh', 1.5, 50, 0.1));
    expect(big.readoutLog10).toBeLessThan(-0.5); // the widget's "shrinks"
    expect(small.readoutLog10).toBeGreaterThan(0.5); // its "grows"
    expect(small.readoutLog10).toBeLessThan(49 * Math.log10(1.5) - 3);
    expect(big.meanDerivative).toBeLessThan(small.meanDerivative);
  });
  it('ReLU: ρ = 0.8 fades fast, ρ = 2 grows, ρ = 1.2 vanishes with about half the units off', () => {
    expect(vx(q('relu', 0.8, 60)).readoutLog10).toBeLessThan(59 * Math.log10(0.8));
    expect(vx(q('relu', 2, 60)).readoutLog10).toBeGreaterThan(0.5);
    const mid = vx(q('relu', 1.2, 60));
    expect(mid.readoutLog10).toBeLessThan(-0.5);
    expect(mid.meanDerivative).toBeGreaterThan(0.4);
    expect(mid.meanDerivative).toBeLessThan(0.6);
  });
  it('tanh, ρ = 0.9, T = 100 ends far below the linear network', () => {
    expect(vx(q('linear', 0.9, 100)).readoutLog10 - vx(q('tanh', 0.9, 100)).readoutLog10).toBeGreaterThan(2);
  });
  it('ρ = 1, T = 200, linear: neither decays nor grows geometrically', () => {
    expect(Math.abs(vx(q('linear', 1, 200)).readoutLog10)).toBeLessThan(1);
  });
});
