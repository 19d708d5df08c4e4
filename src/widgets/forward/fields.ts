// The forward stepper's URL state: the input sequence, the step shown and the
// six weights; a prose link (`#try/forward?x=1,0.5&w11=0.5&t=2`) may set any
// of these fields.
import type { NumberSpec, StringSpec } from '../../state/store.ts';
import type { ForwardWeights } from './model.ts';

export const DEFAULT_X = '0.8,-0.4,1.2,0.3,-1,0.6';
export const WEIGHTS: { key: keyof ForwardWeights; label: string; def: number }[] = [
  { key: 'w11', label: 'W₁₁', def: 0.9 },
  { key: 'w12', label: 'W₁₂', def: -0.8 },
  { key: 'w21', label: 'W₂₁', def: 0.7 },
  { key: 'w22', label: 'W₂₂', def: 0.6 },
  { key: 'u1', label: 'U₁', def: 1.0 },
  { key: 'u2', label: 'U₂', def: -0.6 },
];

export const FORWARD_FIELDS: { x: StringSpec; t: NumberSpec } & Record<keyof ForwardWeights, NumberSpec> = {
  x: { kind: 'string', default: DEFAULT_X },
  t: { kind: 'number', default: 1, min: 1, max: 12, integer: true },
  ...(Object.fromEntries(WEIGHTS.map((w) => [w.key, { kind: 'number', default: w.def, min: -2, max: 2 }])) as Record<keyof ForwardWeights, NumberSpec>),
};
