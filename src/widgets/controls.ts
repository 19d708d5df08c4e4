// Small form controls shared by the gradient-lab widgets (vx, forward, bptt, unrolled, gradcheck):
// a labelled range with a live read-out, a labelled select, a checkbox. Real
// <input>/<select> elements, so keyboard and touch work as the browser does.
import { el } from '../ui/dom.ts';
import './controls.css';

export interface RangeControl {
  root: HTMLLabelElement;
  input: HTMLInputElement;
  setLabel(text: string): void;
  setValue(v: number): void;
}

export interface RangeOptions {
  min: number;
  max: number;
  step: number;
  value: number;
  format: (v: number) => string;
  onInput: (v: number) => void;
  testId?: string;
  label?: string;
}

export function rangeControl(o: RangeOptions): RangeControl {
  const name = el('span', { class: 'ctl-name' }, o.label ?? '');
  const input = el('input', { type: 'range', min: o.min, max: o.max, step: o.step, 'data-testid': o.testId });
  input.value = String(o.value);
  const out = el('output', { class: 'ctl-value' }, o.format(o.value));
  const root = el('label', { class: 'ctl ctl-range' }, name, input, out);
  input.addEventListener('input', () => {
    const v = Number(input.value);
    out.textContent = o.format(v);
    o.onInput(v);
  });
  return {
    root,
    input,
    setLabel(text) {
      name.textContent = text;
    },
    setValue(v) {
      if (Number(input.value) !== v) input.value = String(v);
      out.textContent = o.format(v);
    },
  };
}

export interface SelectControl<V extends string = string> {
  root: HTMLLabelElement;
  select: HTMLSelectElement;
  setLabels(label: string, optionLabels: Record<V, string>): void;
  setValue(v: V): void;
}

/** A labelled select of `values` (one of the domain's lists); the option labels come with setLabels. */
export function selectControl<V extends string>(values: readonly V[], value: V, onChange: (v: V) => void, testId?: string): SelectControl<V> {
  const name = el('span', { class: 'ctl-name' });
  const select = el('select', { 'data-testid': testId });
  for (const v of values) select.append(el('option', { value: v }, v));
  select.value = value;
  select.addEventListener('change', () => onChange(select.value as V));
  const root = el('label', { class: 'ctl ctl-select' }, name, select);
  return {
    root,
    select,
    setLabels(label, optionLabels) {
      name.textContent = label;
      for (const opt of select.options) opt.textContent = optionLabels[opt.value as V] ?? opt.value;
    },
    setValue(v) {
      select.value = v;
    },
  };
}

export interface CheckControl {
  root: HTMLLabelElement;
  input: HTMLInputElement;
  setLabel(text: string): void;
  setValue(v: boolean): void;
}

export function checkControl(value: boolean, onChange: (v: boolean) => void, testId?: string): CheckControl {
  const input = el('input', { type: 'checkbox', 'data-testid': testId });
  input.checked = value;
  input.addEventListener('change', () => onChange(input.checked));
  const name = el('span', { class: 'ctl-name' });
  const root = el('label', { class: 'ctl ctl-check' }, input, name);
  return {
    root,
    input,
    setLabel(text) {
      name.textContent = text;
    },
    setValue(v) {
      input.checked = v;
    },
  };
}
