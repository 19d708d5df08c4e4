// URL fields of the trainer: presets, prose links (`preset=…`, `defect=…`),
// and the configuration they describe for a table.
import { describe, expect, it } from 'vitest';
import { UrlStore } from '../../state/store.ts';
import { matchingPreset } from '../../train/presets.ts';
import { TRAIN_FIELDS, columnFieldsFor, configFromFields, decodeFeatures, encodeFeatures, fieldsFromConfig, presetFields, readPresetParams, sampleFields } from './fields.ts';

const COLUMNS = ['open', 'high', 'low', 'close', 'adjclose', 'volume'];

function store(query = '') {
  let params = new URLSearchParams(query);
  const s = new UrlStore(
    () => new URLSearchParams(params),
    (p) => (params = p),
  );
  return { fields: s.defineFields('train', TRAIN_FIELDS), url: () => params.toString() };
}

describe('prose links', () => {
  it('preset=seed writes the article settings with the price and two more columns as inputs', () => {
    const req = readPresetParams(new URLSearchParams('preset=seed'), COLUMNS, 'close');
    expect(req.values).toMatchObject({ window: 7, hidden: 50, optimizer: 'sgd', lr: 0.1, momentum: 0.9, batch: 0, epochs: 2000, loss: 'mse', output: 'linear', scaling: 'train-only' });
    expect(decodeFeatures(req.values.features!)).toEqual(['close', 'open', 'high']);
    expect(req.defect).toBeNull();
  });

  it('defect=NAME switches that defect on and the other two off', () => {
    const cases = {
      broadcast: { loss: 'broadcast-mse', output: 'linear', scaling: 'train-only' },
      tanh: { loss: 'mse', output: 'tanh', scaling: 'train-only' },
      scaling: { loss: 'mse', output: 'linear', scaling: 'per-split' },
    } as const;
    for (const [defect, expected] of Object.entries(cases)) {
      const { fields } = store('train.loss=broadcast-mse&train.output=tanh&train.scaling=per-split');
      const req = readPresetParams(new URLSearchParams(`defect=${defect}`), COLUMNS, 'close');
      expect(req.defect).toBe(defect);
      fields.set(req.values as Record<string, string>);
      expect({ loss: fields.get('loss'), output: fields.get('output'), scaling: fields.get('scaling') }).toEqual(expected);
      // The rest of the settings are left alone.
      expect(fields.get('epochs')).toBe(TRAIN_FIELDS.epochs.default);
    }
    // On its own, a defect link also forecasts the price level, as the seed code did.
    expect(readPresetParams(new URLSearchParams('defect=tanh'), COLUMNS, 'close')).toMatchObject({ levelTarget: true, values: { transform: 'level' } });
    expect(readPresetParams(new URLSearchParams('defect=tanh&transform=diff'), COLUMNS, 'close')).toMatchObject({ levelTarget: false, values: { transform: 'diff' } });
    expect(readPresetParams(new URLSearchParams('preset=fast&defect=tanh'), COLUMNS, 'close')).toMatchObject({ levelTarget: false, values: { transform: 'diff' } });
    const none = readPresetParams(new URLSearchParams('defect=none'), COLUMNS, 'close');
    expect(none).toMatchObject({ defect: null, defectsOff: true, levelTarget: false, values: { loss: 'mse', output: 'linear', scaling: 'train-only' } });
  });

  it('a preset and a defect together, plus plain fields, in that order', () => {
    const { fields, url } = store();
    const req = readPresetParams(new URLSearchParams('preset=seed&defect=broadcast&epochs=300&bogus=1'), COLUMNS, 'close');
    fields.set(req.values as Record<string, string>);
    expect(fields.get('optimizer')).toBe('sgd');
    expect(fields.get('loss')).toBe('broadcast-mse');
    expect(fields.get('epochs')).toBe(300);
    expect(url()).toContain('train.loss=broadcast-mse');
    expect(url()).not.toContain('bogus');
  });

  it('the fields written by a preset describe a configuration that matches it', () => {
    for (const name of ['seed', 'fast'] as const) {
      const { fields } = store();
      fields.set(presetFields(name, COLUMNS, 'close'));
      expect(matchingPreset(configFromFields(fields.all(), COLUMNS, 'close'), COLUMNS)).toBe(name);
    }
    const { fields } = store();
    fields.set({ ...presetFields('fast', COLUMNS, 'close'), lr: 0.5 });
    expect(matchingPreset(configFromFields(fields.all(), COLUMNS, 'close'), COLUMNS)).toBeNull();
  });

  it('the default fields are the fast preset', () => {
    const { fields, url } = store();
    expect(matchingPreset(configFromFields(fields.all(), COLUMNS, 'close'), COLUMNS)).toBe('fast');
    fields.set(presetFields('fast', COLUMNS, 'close'));
    expect(url()).toBe('');
  });
});

describe('configuration from the fields', () => {
  it('falls back to the table default target and drops columns the table does not have', () => {
    const { fields } = store('train.target=Close&train.features=Close,open,nope');
    const c = configFromFields(fields.all(), COLUMNS, 'close');
    expect(c.target).toBe('close');
    expect(c.features).toEqual(['open']);
    const empty = configFromFields(store('train.features=nope').fields.all(), COLUMNS, 'close');
    expect(empty.features).toEqual(['close']);
  });

  it('feature lists survive commas, percent signs and markup in column names', () => {
    const names = ['a,b', 'Change %', '<img src=x onerror=alert(1)>', '收盘'];
    const raw = encodeFeatures(names, 'x');
    expect(decodeFeatures(raw)).toEqual(names);
    const { fields } = store();
    fields.set({ features: raw });
    expect(configFromFields(fields.all(), names, names[0]).features).toEqual(names);
    expect(encodeFeatures(['close'], 'close')).toBe('');
  });
});

describe('bundled series', () => {
  it('the long-lag task gets its input column, a window exactly as long as the lag, and a level target', () => {
    const f = sampleFields('long-lag', { lag: 20 });
    expect(f).toMatchObject({ target: 'target', transform: 'level', window: 20 });
    expect(configFromFields({ ...store().fields.all(), ...f }, ['input', 'target'], 'target').features).toEqual(['input', 'target']);
    expect(sampleFields('long-lag', { lag: 5 }).window).toBe(5);
    expect(sampleFields('sp500', { lag: 20 })).toEqual({});
  });
});

describe('fields derived from the configuration fields', () => {
  it('every configuration field has a URL field (trainFraction as split), and a configuration survives the round trip', () => {
    const { fields } = store();
    fields.set(presetFields('seed', COLUMNS, 'close'));
    const c = configFromFields(fields.all(), COLUMNS, 'close');
    const again = store();
    again.fields.set(fieldsFromConfig({ ...c, trainFraction: 0.8, seed: 5 }));
    expect(configFromFields(again.fields.all(), COLUMNS, 'close')).toEqual({ ...c, trainFraction: 0.8, seed: 5 });
    expect(again.url()).toContain('train.split=0.8');
  });

  it('the URL fields clamp to the ranges of the configuration fields', () => {
    const { fields } = store('train.window=9999&train.activation=sigmoid&train.lr=0');
    expect(fields.get('window')).toBe(256);
    expect(fields.get('activation')).toBe('tanh');
    expect(fields.get('lr')).toBe(1e-6);
  });

  it('a new table keeps the remembered columns it has and drops the others', () => {
    expect(columnFieldsFor({ target: 'close', features: encodeFeatures(['close', 'nope', 'open'], 'close') }, COLUMNS, 'close')).toEqual({
      target: 'close',
      features: 'close,open',
    });
    expect(columnFieldsFor({ target: 'Price', features: 'Price' }, COLUMNS, 'close')).toEqual({ target: '', features: '' });
  });
});
