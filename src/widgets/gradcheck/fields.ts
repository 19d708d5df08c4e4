// The gradient check's URL state; a prose link (`#try/gradcheck?act=relu`)
// may set any of these fields.
import { ACTIVATIONS } from '../../model/activation.ts';
import { CELLS } from '../../model/cells.ts';
import { LOSS_MODES } from '../../model/loss.ts';

export const GRADCHECK_FIELDS = {
  act: { kind: 'enum', default: 'tanh', values: ACTIVATIONS },
  mode: { kind: 'enum', default: 'many-to-many', values: LOSS_MODES },
  seed: { kind: 'number', default: 7, min: 0, max: 4294967295, integer: true },
  cell: { kind: 'enum', default: 'rnn', values: CELLS },
} as const;
