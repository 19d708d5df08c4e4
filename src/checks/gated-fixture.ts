// Reading a gated-cell fixture (test-data/fixtures/gated/README.md) into the
// reference's row-major types. Pure: used by the unit tests in Node and by
// the check page in the browser.
import { GATED_PARAM_NAMES, gateCount, type GatedCell, type GatedGrads, type GatedParams } from '../model/cells.ts';
import type { LossMode, Sequences } from '../model/types.ts';
import { flat } from './fixture.ts';

export interface GatedFixture {
  name: string;
  cell: GatedCell;
  mode: LossMode;
  forgetBiasAdded: number;
  params: GatedParams;
  seq: Sequences;
  /** N×O (many-to-one) or N×T×O (many-to-many). */
  y: Float64Array;
  expected: {
    h: Float64Array;
    /** LSTM only: cell states N×T×H. */
    c: Float64Array | null;
    yhat: Float64Array;
    loss: number;
    grads: GatedGrads;
    dLdhFrobenius: Float64Array;
    /** LSTM only. */
    dLdcFrobenius: Float64Array | null;
    jacobianSpectral: Float64Array;
    jacobianFrobenius: Float64Array;
  };
}

const CELL_NAMES = ['lstm', 'gru'];
const MODES = ['many-to-one', 'many-to-many'];

type Nested = Parameters<typeof flat>[0];

/** Every leaf a finite number (JSON's null, strings and the like are not). */
function allFinite(v: unknown): boolean {
  return Array.isArray(v) ? v.every(allFinite) : typeof v === 'number' && Number.isFinite(v);
}

/** Parse a gated fixture JSON object; throws naming the file and the offending field. */
export function parseGatedFixture(raw: unknown, fallbackName = 'fixture'): GatedFixture {
  const r = raw as Record<string, any>;
  const where = typeof r?.name === 'string' ? r.name : fallbackName;
  if (!r || typeof r !== 'object') throw new Error(`${fallbackName}: not a JSON object`);
  if (!CELL_NAMES.includes(r.cell)) throw new Error(`${where}: unknown cell ${r.cell} (expected lstm or gru)`);
  if (!MODES.includes(r.mode)) throw new Error(`${where}: unknown mode ${r.mode}`);
  const d = r.dims ?? {};
  const N = d.batch, T = d.steps, F = d.features, H = d.hidden, O = d.outputs;
  for (const [k, v] of Object.entries({ batch: N, steps: T, features: F, hidden: H, outputs: O })) {
    if (!Number.isInteger(v) || v <= 0) throw new Error(`${where}: dims.${k} must be a positive integer, got ${v}`);
  }
  const cell = r.cell as GatedCell;
  const G = gateCount(cell) * H;
  const sized = (name: string, v: Nested | undefined, n: number): Float64Array => {
    if (v === undefined) throw new Error(`${where}: ${name} is missing`);
    if (!allFinite(v)) throw new Error(`${where}: ${name} holds a number that is not finite`);
    const a = flat(v);
    if (a.length !== n) throw new Error(`${where}: ${name} has ${a.length} numbers, expected ${n}`);
    return a;
  };
  const lengths: Record<string, number> = { weight_ih: G * F, weight_hh: G * H, bias_ih: G, bias_hh: G, V: O * H, c: O };
  const tensors = (prefix: string, src: Record<string, Nested> | undefined): GatedGrads => {
    if (!src) throw new Error(`${where}: ${prefix} is missing`);
    const out = {} as GatedGrads;
    for (const k of GATED_PARAM_NAMES) out[k] = sized(`${prefix}.${k}`, src[k], lengths[k]);
    return out;
  };
  const outT = r.mode === 'many-to-one' ? 1 : T;
  const e = r.expected ?? {};
  const lstm = cell === 'lstm';
  const jac = e.state_jacobian_sample0 ?? {};
  const loss = Number(e.loss);
  if (!Number.isFinite(loss)) throw new Error(`${where}: expected.loss is not a finite number`);
  return {
    name: where,
    cell,
    mode: r.mode,
    forgetBiasAdded: Number(r.forget_bias_added ?? 0),
    params: { cell, F, H, O, ...tensors('params', r.params) },
    seq: { N, T, x: sized('x', r.x, N * T * F) },
    y: sized('y', r.y, N * outT * O),
    expected: {
      h: sized('expected.h', e.h, N * T * H),
      c: lstm ? sized('expected.c', e.c, N * T * H) : null,
      yhat: sized('expected.yhat', e.yhat, N * outT * O),
      loss,
      grads: tensors('expected.grads', e.grads),
      dLdhFrobenius: sized('expected.dL_dh_frobenius', e.dL_dh_frobenius, T),
      dLdcFrobenius: lstm ? sized('expected.dL_dc_frobenius', e.dL_dc_frobenius, T) : null,
      jacobianSpectral: sized('expected.state_jacobian_sample0.spectral', jac.spectral, T),
      jacobianFrobenius: sized('expected.state_jacobian_sample0.frobenius', jac.frobenius, T),
    },
  };
}
