// The experiment's settings as form controls, each bound to its URL field:
// seed, the biased LSTM's forget-gate bias (a range, 0 … 5), rows, epochs,
// learning rate and the lags. A value the field clamps is written back, so
// the control always shows what the next run will use.
import type { Labeller } from '../../i18n/labeller.ts';
import type { FieldGroup } from '../../state/store.ts';
import { el } from '../../ui/dom.ts';
import { rangeControl } from '../controls.ts';
import { SPAN_FIELDS } from './fields.ts';
import type { spanText } from './strings.ts';

type NumberKey = 'seed' | 'rows' | 'epochs' | 'lr';

export interface SpanControls {
  root: HTMLElement;
  /** Show the fields' current values. */
  sync(): void;
}

export function spanControls(state: FieldGroup<typeof SPAN_FIELDS>, L: Labeller<typeof spanText>): SpanControls {
  const numbers: { key: NumberKey; input: HTMLInputElement }[] = [];
  const numberRow = (key: NumberKey, step: string) => {
    const spec = SPAN_FIELDS[key];
    const input = el('input', { type: 'number', class: 'gl-number', min: spec.min, max: spec.max, step, 'data-testid': `memory-span-${key}` });
    input.value = String(state.get(key));
    input.addEventListener('change', () => {
      const v = Number(input.value);
      if (input.value.trim() !== '' && Number.isFinite(v)) state.set({ [key]: v });
      input.value = String(state.get(key));
    });
    numbers.push({ key, input });
    return el('label', { class: 'gl-row ms-field' }, el('span', { class: 'ctl-name' }, L.text(key)), input);
  };
  const bias = rangeControl({
    min: SPAN_FIELDS.forgetBias.min,
    max: SPAN_FIELDS.forgetBias.max,
    step: 0.5,
    value: state.get('forgetBias'),
    format: (v) => `+${v}`,
    onInput: (v) => state.set({ forgetBias: v }),
    testId: 'memory-span-forget-bias',
  });
  L.bind((t) => bias.setLabel(t('forgetBias')));
  const lags = el('input', { type: 'text', class: 'gl-number ms-lags', inputmode: 'numeric', spellcheck: 'false', 'data-testid': 'memory-span-lags' });
  lags.value = state.get('lags');
  lags.addEventListener('change', () => state.set({ lags: lags.value.trim() }));
  const root = el(
    'div',
    { class: 'gl-controls ms-controls' },
    numberRow('seed', '1'),
    bias.root,
    numberRow('rows', '100'),
    numberRow('epochs', '1'),
    numberRow('lr', '0.001'),
    el('label', { class: 'gl-row ms-field' }, el('span', { class: 'ctl-name' }, L.text('lags')), lags),
  );
  return {
    root,
    sync() {
      for (const { key, input } of numbers) if (Number(input.value) !== state.get(key)) input.value = String(state.get(key));
      bias.setValue(state.get('forgetBias'));
      if (lags.value !== state.get('lags')) lags.value = state.get('lags');
    },
  };
}
