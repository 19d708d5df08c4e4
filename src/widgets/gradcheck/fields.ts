// The gradient check's URL state; a prose link (`#try/gradcheck?act=relu`)
// may set any of these fields.
import type { FieldSpec } from '../../state/store.ts';

export const GRADCHECK_FIELDS = {
  act: { kind: 'enum', default: 'tanh', values: ['tanh', 'relu', 'linear'] },
  mode: { kind: 'enum', default: 'many-to-many', values: ['many-to-many', 'many-to-one'] },
  seed: { kind: 'number', default: 7, min: 0, max: 4294967295, integer: true },
} satisfies Record<string, FieldSpec>;
