// Model and training controls. Each one reads and writes its URL field; the
// preset menu shows which preset (if any) the fields match.
import { el } from '../../ui/dom.ts';
import type { FieldGroup } from '../../state/store.ts';
import { DEFECT_SWITCHES, DEFECTS, activeDefects, type DefectName, type TrainConfig } from '../../train/config.ts';
import { PRESETS, isPresetName, matchingPreset, type PresetName } from '../../train/presets.ts';
import { createCellControls } from './cell-controls.ts';
import type { TRAIN_FIELDS } from './fields.ts';
import type { Labeller } from './labels.ts';
import type { StringKey } from './strings.ts';

type Fields = FieldGroup<typeof TRAIN_FIELDS>;
type NumberField = 'window' | 'horizon' | 'hidden' | 'lr' | 'momentum' | 'batch' | 'epochs' | 'clip' | 'seed' | 'split';

export interface Controls {
  element: HTMLElement;
  render(config: TrainConfig | null, columns: readonly string[]): void;
  showDefectNotice(defect: DefectName | null, levelTarget: boolean): void;
}

const NUMBERS: { name: NumberField; step: string; label: StringKey }[] = [
  { name: 'window', step: '1', label: 'window' },
  { name: 'horizon', step: '1', label: 'horizon' },
  { name: 'hidden', step: '1', label: 'hidden' },
  { name: 'lr', step: 'any', label: 'lr' },
  { name: 'momentum', step: 'any', label: 'momentum' },
  { name: 'batch', step: '1', label: 'batch' },
  { name: 'epochs', step: '1', label: 'epochs' },
  { name: 'clip', step: 'any', label: 'clip' },
  { name: 'seed', step: '1', label: 'seed' },
  { name: 'split', step: '0.05', label: 'split' },
];

export function createControls(L: Labeller, fields: Fields, onPreset: (name: PresetName) => void): Controls {
  const grid = el('div', { class: 'trainer-grid' });
  const field = (id: string, label: StringKey, control: HTMLElement) =>
    el('label', { class: 'trainer-field', for: id }, el('span', {}, L.text(label)), control);

  const preset = el('select', { 'data-testid': 'preset', id: 'trainer-preset' });
  for (const p of [...PRESETS, 'custom'] as const) {
    const o = el('option', { value: p });
    L.bind((t) => (o.textContent = t(`preset_${p}`)));
    preset.append(o);
  }
  preset.addEventListener('change', () => {
    if (isPresetName(preset.value)) onPreset(preset.value);
  });
  grid.append(field('trainer-preset', 'presetLabel', preset));

  const spec = fields.fields;
  const numbers = new Map<NumberField, HTMLInputElement>();
  for (const n of NUMBERS) {
    const s = spec[n.name];
    const input = el('input', { type: 'number', id: `trainer-${n.name}`, 'data-testid': n.name, step: n.step, min: s.min, max: s.max, inputmode: n.step === '1' ? 'numeric' : 'decimal' });
    const commit = () => {
      if (input.value.trim() === '') return;
      const v = Number(input.value);
      if (Number.isFinite(v)) fields.set({ [n.name]: v });
    };
    input.addEventListener('input', commit);
    input.addEventListener('change', () => {
      commit();
      input.value = String(fields.get(n.name));
    });
    numbers.set(n.name, input);
  }
  const select = (name: 'transform' | 'activation' | 'optimizer', prefix: string | null) => {
    const s = el('select', { id: `trainer-${name}`, 'data-testid': name });
    for (const v of spec[name].values) {
      const o = el('option', { value: v }, v);
      if (prefix) L.bind((t) => (o.textContent = t(`${prefix}_${v}` as StringKey)));
      s.append(o);
    }
    s.addEventListener('change', () => fields.set({ [name]: s.value }));
    return s;
  };
  const transform = select('transform', 'transform');
  const activation = select('activation', null);
  const optimizer = select('optimizer', 'optimizer');
  const cells = createCellControls(L, fields);

  const order: [string, StringKey, HTMLElement][] = [
    ['trainer-window', 'window', numbers.get('window')!],
    ['trainer-horizon', 'horizon', numbers.get('horizon')!],
    ['trainer-transform', 'transform', transform],
    cells.fields.cell,
    ['trainer-hidden', 'hidden', numbers.get('hidden')!],
    ['trainer-activation', 'activation', activation],
    cells.fields.init,
    cells.fields.forgetBias,
    cells.fields.truncate,
    ['trainer-optimizer', 'optimizer', optimizer],
    ['trainer-lr', 'lr', numbers.get('lr')!],
    ['trainer-momentum', 'momentum', numbers.get('momentum')!],
    ['trainer-batch', 'batch', numbers.get('batch')!],
    ['trainer-epochs', 'epochs', numbers.get('epochs')!],
    ['trainer-clip', 'clip', numbers.get('clip')!],
    ['trainer-seed', 'seed', numbers.get('seed')!],
    ['trainer-split', 'split', numbers.get('split')!],
  ];
  for (const [id, label, control] of order) grid.append(field(id, label, control));

  const defectBoxes = new Map<DefectName, HTMLInputElement>();
  const defectList = el('div', { class: 'trainer-defects' });
  for (const d of DEFECTS) {
    const box = el('input', { type: 'checkbox', 'data-testid': `defect-${d}` });
    box.addEventListener('change', () => {
      const f = DEFECT_SWITCHES[d];
      fields.set({ [f.field]: box.checked ? f.on : f.off });
      notice.hidden = true;
    });
    defectBoxes.set(d, box);
    const text = el('span');
    L.bind((t) => (text.textContent = t(`defect_${d}`)));
    defectList.append(el('label', { class: 'trainer-check' }, box, text));
  }
  const notice = el('p', { class: 'trainer-note', 'data-testid': 'defect-notice', role: 'status', hidden: true });
  let noticeDefect: DefectName | null = null;
  let noticeLevel = false;
  const writeNotice = (t: typeof L.t) => {
    const main = noticeDefect ? t('defectOn', { name: t(`defect_${noticeDefect}`) }) : t('defectsOff');
    notice.textContent = noticeLevel ? `${main}${L.lang === 'zh' ? '' : ' '}${t('defectLevel')}` : main;
  };
  L.bind(writeNotice);
  const defects = el('fieldset', { class: 'trainer-fieldset trainer-defect-box' }, el('legend', {}, L.text('defectsHeading')), defectList, notice);

  const element = el('section', { class: 'trainer-panel trainer-controls' }, el('h3', {}, L.text('modelHeading')), grid, cells.note, defects);

  return {
    element,
    render(config, columns) {
      const v = fields.all();
      for (const [name, input] of numbers) {
        if (document.activeElement !== input) input.value = String(v[name]);
      }
      transform.value = v.transform;
      activation.value = v.activation;
      optimizer.value = v.optimizer;
      numbers.get('momentum')!.disabled = v.optimizer !== 'sgd';
      cells.render(activation);
      preset.value = config ? (matchingPreset(config, columns) ?? 'custom') : 'custom';
      const on = activeDefects(v);
      for (const [d, box] of defectBoxes) box.checked = on.includes(d);
    },
    showDefectNotice(defect, levelTarget) {
      noticeDefect = defect;
      noticeLevel = levelTarget;
      writeNotice(L.t);
      notice.hidden = false;
    },
  };
}
