// The trainer's controls for the recurrent cell and the remedies of §7: the
// cell, the initialisation, the LSTM's forget-gate bias and truncated BPTT.
// Each reads and writes its URL field; a note says when a setting does not
// apply to the chosen cell (identity for a gated cell, the activation, the
// forget-gate bias outside the LSTM).
import { el } from '../../ui/dom.ts';
import type { FieldGroup } from '../../state/store.ts';
import { effectiveInit, offersInit } from '../../train/cell-init.ts';
import type { TRAIN_FIELDS } from './fields.ts';
import type { Labeller } from './labels.ts';
import type { StringKey } from './strings.ts';

type Fields = FieldGroup<typeof TRAIN_FIELDS>;

export interface CellControls {
  /** [id, label, control] of the cell and initialisation selects, the forget-gate bias and the truncation. */
  fields: { cell: GridField; init: GridField; forgetBias: GridField; truncate: GridField };
  /** Says which of the settings do not apply to the chosen cell. */
  note: HTMLElement;
  render(activation: HTMLSelectElement): void;
}

type GridField = [string, StringKey, HTMLElement];

export function createCellControls(L: Labeller, fields: Fields): CellControls {
  const spec = fields.fields;
  const select = (name: 'cell' | 'init') => {
    const s = el('select', { id: `trainer-${name}`, 'data-testid': name });
    for (const v of spec[name].values) {
      const o = el('option', { value: v });
      L.bind((t) => (o.textContent = t(`${name}_${v}` as StringKey)));
      s.append(o);
    }
    return s;
  };
  const cell = select('cell');
  const init = select('init');
  cell.addEventListener('change', () => fields.set({ cell: cell.value }));
  init.addEventListener('change', () => fields.set({ init: init.value }));

  const number = (name: 'forgetBias' | 'truncate', testId: string, step: string) => {
    const s = spec[name];
    const input = el('input', { type: 'number', id: `trainer-${name}`, 'data-testid': testId, step, min: s.min, max: s.max, inputmode: step === '1' ? 'numeric' : 'decimal' });
    const commit = () => {
      if (input.value.trim() === '') return;
      const v = Number(input.value);
      if (Number.isFinite(v)) fields.set({ [name]: v });
    };
    input.addEventListener('input', commit);
    input.addEventListener('change', () => {
      commit();
      input.value = String(fields.get(name));
    });
    return input;
  };
  const forgetBias = number('forgetBias', 'forget-bias', 'any');
  const truncate = number('truncate', 'truncate', '1');
  L.attr(truncate, 'title', 'truncateTitle');
  L.attr(forgetBias, 'title', 'forgetBiasTitle');
  L.attr(init, 'title', 'initTitle');

  const note = el('p', { class: 'trainer-note', 'data-testid': 'cell-note', hidden: true });
  let lastNote: (() => string) | null = null;
  L.bind(() => {
    if (lastNote) note.textContent = lastNote();
  });

  return {
    fields: {
      cell: ['trainer-cell', 'cell', cell],
      init: ['trainer-init', 'init', init],
      forgetBias: ['trainer-forgetBias', 'forgetBias', forgetBias],
      truncate: ['trainer-truncate', 'truncate', truncate],
    },
    note,
    render(activation) {
      const v = fields.all();
      cell.value = v.cell;
      init.value = effectiveInit(v.cell, v.init);
      for (const o of init.options) o.disabled = !offersInit(v.cell, o.value as typeof v.init);
      for (const [input, name] of [[forgetBias, 'forgetBias'], [truncate, 'truncate']] as const) {
        if (document.activeElement !== input) input.value = String(v[name]);
      }
      forgetBias.disabled = v.cell !== 'lstm';
      activation.disabled = v.cell !== 'rnn';
      const cellName = () => L.t(`cell_${v.cell}`);
      activation.title = v.cell === 'rnn' ? '' : L.t('activationGated', { cell: cellName() });
      lastNote = offersInit(v.cell, v.init) ? null : () => L.t('identityGated', { cell: cellName() });
      note.hidden = lastNote === null;
      if (lastNote) note.textContent = lastNote();
    },
  };
}
