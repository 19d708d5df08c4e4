// Reading a reference fixture (test-data/fixtures/README.md) into the
// reference's row-major types. Pure: used by the
// unit tests in Node and by the check page in the browser.
import { ACTIVATIONS } from '../model/activation.ts';
import { LOSS_MODES } from '../model/loss.ts';
import type { Activation, LossMode, ParamName, RnnParams, Sequences } from '../model/types.ts';

type Nested = number | Nested[];

export interface Fixture {
  name: string;
  activation: Activation;
  mode: LossMode;
  params: RnnParams;
  seq: Sequences;
  /** N×O (many-to-one) or N×T×O (many-to-many). */
  y: Float64Array;
  expected: {
    h: Float64Array;
    yhat: Float64Array;
    loss: number;
    grads: Record<ParamName, Float64Array>;
    dLdhFrobenius: Float64Array;
    jacobianSpectral: Float64Array;
    jacobianFrobenius: Float64Array;
  };
}

/** Flatten nested arrays row-major. */
export function flat(v: Nested): Float64Array {
  const out: number[] = [];
  const walk = (x: Nested): void => {
    if (Array.isArray(x)) for (const e of x) walk(e);
    else out.push(x);
  };
  walk(v);
  return Float64Array.from(out);
}

/** Parse a fixture JSON object; throws with the offending field on a malformed file. */
export function parseFixture(raw: unknown, fallbackName = 'fixture'): Fixture {
  const r = raw as Record<string, any>;
  if (!r || typeof r !== 'object') throw new Error(`${fallbackName}: not a JSON object`);
  if (!(ACTIVATIONS as readonly string[]).includes(r.activation)) throw new Error(`${fallbackName}: unknown activation ${r.activation}`);
  if (!(LOSS_MODES as readonly string[]).includes(r.mode)) throw new Error(`${fallbackName}: unknown mode ${r.mode}`);
  const d = r.dims;
  const N = d.batch, T = d.steps, F = d.features, H = d.hidden, O = d.outputs;
  const sized = (name: string, v: Nested, n: number): Float64Array => {
    const a = flat(v);
    if (a.length !== n) throw new Error(`${fallbackName}: ${name} has ${a.length} numbers, expected ${n}`);
    return a;
  };
  const outT = r.mode === 'many-to-one' ? 1 : T;
  const e = r.expected;
  return {
    name: typeof r.name === 'string' ? r.name : fallbackName,
    activation: r.activation,
    mode: r.mode,
    params: {
      F, H, O,
      W: sized('W', r.params.W, H * H),
      U: sized('U', r.params.U, H * F),
      b: sized('b', r.params.b, H),
      V: sized('V', r.params.V, O * H),
      c: sized('c', r.params.c, O),
    },
    seq: { N, T, x: sized('x', r.x, N * T * F) },
    y: sized('y', r.y, N * outT * O),
    expected: {
      h: sized('expected.h', e.h, N * T * H),
      yhat: sized('expected.yhat', e.yhat, N * outT * O),
      loss: Number(e.loss),
      grads: {
        W: sized('grads.W', e.grads.W, H * H),
        U: sized('grads.U', e.grads.U, H * F),
        b: sized('grads.b', e.grads.b, H),
        V: sized('grads.V', e.grads.V, O * H),
        c: sized('grads.c', e.grads.c, O),
      },
      dLdhFrobenius: sized('dL_dh_frobenius', e.dL_dh_frobenius, T),
      jacobianSpectral: sized('jacobian_sample0.spectral', e.jacobian_sample0.spectral, T),
      jacobianFrobenius: sized('jacobian_sample0.frobenius', e.jacobian_sample0.frobenius, T),
    },
  };
}

/** The outputs the loss sees: o(T) per sample (N×O) or all o(t) (N×T×O). */
export function lossOutputs(o: Float64Array, N: number, T: number, O: number, mode: LossMode): Float64Array {
  if (mode === 'many-to-many') return o;
  const out = new Float64Array(N * O);
  for (let n = 0; n < N; n++) for (let j = 0; j < O; j++) out[n * O + j] = o[(n * T + T - 1) * O + j];
  return out;
}
