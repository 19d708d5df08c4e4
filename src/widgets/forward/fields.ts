// The forward stepper's URL state: the input sequence, the step shown and the
// eleven parameters of the tiny network (W, U, b, V, c); a prose link
// (`#try/forward?x=1,0.5&t=2&w11=0.5&…`) may set any of these fields, and the
// ones it leaves out go back to their defaults.
import type { NumberSpec, StringSpec } from '../../state/store.ts';
import type { ForwardWeights } from './model.ts';

export const DEFAULT_X = '0.8,-0.4,1.2,0.3,-1,0.6';

/** Which parameter array a slider belongs to (the widget groups them so). */
export type ParamGroup = 'W' | 'U' | 'b' | 'V' | 'c';

export interface ParamDef {
  key: keyof ForwardWeights;
  /** The symbol, the same in every language. */
  label: string;
  group: ParamGroup;
  def: number;
}

/** Every parameter, in the order the sliders show them: the one list of them. */
export const WEIGHTS: readonly ParamDef[] = [
  { key: 'w11', label: 'W₁₁', group: 'W', def: 0.9 },
  { key: 'w12', label: 'W₁₂', group: 'W', def: -0.8 },
  { key: 'w21', label: 'W₂₁', group: 'W', def: 0.7 },
  { key: 'w22', label: 'W₂₂', group: 'W', def: 0.6 },
  { key: 'u1', label: 'U₁', group: 'U', def: 1.0 },
  { key: 'u2', label: 'U₂', group: 'U', def: -0.6 },
  { key: 'b1', label: 'b₁', group: 'b', def: 0 },
  { key: 'b2', label: 'b₂', group: 'b', def: 0 },
  { key: 'v1', label: 'V₁', group: 'V', def: 1 },
  { key: 'v2', label: 'V₂', group: 'V', def: -1 },
  { key: 'c', label: 'c', group: 'c', def: 0 },
];

/** Every parameter at its default. */
export const DEFAULT_WEIGHTS = Object.fromEntries(WEIGHTS.map((w) => [w.key, w.def])) as unknown as ForwardWeights;

/** Each parameter's slider range. */
export const PARAM_LIMIT = 2;

export const FORWARD_FIELDS: { x: StringSpec; t: NumberSpec } & Record<keyof ForwardWeights, NumberSpec> = {
  x: { kind: 'string', default: DEFAULT_X },
  t: { kind: 'number', default: 1, min: 1, max: 12, integer: true },
  ...(Object.fromEntries(WEIGHTS.map((w) => [w.key, { kind: 'number', default: w.def, min: -PARAM_LIMIT, max: PARAM_LIMIT }])) as Record<keyof ForwardWeights, NumberSpec>),
};
