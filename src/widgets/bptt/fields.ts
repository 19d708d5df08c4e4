// The BPTT heat map's URL state (`?bptt.rho=1.5&bptt.act=linear…`); a prose
// link (`#try/bptt?rho=1.5&act=linear`) may set any of these fields.
import { ACTIVATIONS } from '../../model/activation.ts';

export const BPTT_FIELDS = {
  steps: { kind: 'number', default: 12, min: 2, max: 24, integer: true },
  hidden: { kind: 'number', default: 8, min: 2, max: 16, integer: true },
  rho: { kind: 'number', default: 1, min: 0.1, max: 2 },
  act: { kind: 'enum', default: 'tanh', values: ACTIVATIONS },
  seed: { kind: 'number', default: 3, min: 0, max: 4294967295, integer: true },
  t: { kind: 'number', default: 0, min: 0, max: 24, integer: true },
  k: { kind: 'number', default: 0, min: 0, max: 24, integer: true },
} as const;
