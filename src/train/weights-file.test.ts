import { describe, expect, it } from 'vitest';
import { initParams } from '../model/init.ts';
import { presetSettings } from './presets.ts';
import { checkWeightsFile, paramsFromFile, toWeightsFile } from './weights-file.ts';

const config = { ...presetSettings('seed', ['price', 'pressure', 'temp'], 'price'), target: 'price', seed: 3, trainFraction: 0.7 };

describe('weights file', () => {
  it('round-trips the weights and the settings through JSON', () => {
    const params = initParams({ F: 3, H: 50, O: 1 }, { seed: 3 });
    const file = toWeightsFile(params, config, 120, { source: 'cabbage.csv', rows: 2800 });
    const back = checkWeightsFile(JSON.parse(JSON.stringify(file)));
    expect(back.ok).toBe(true);
    if (!back.ok) return;
    expect(back.file.config).toEqual(config);
    expect(back.file.epoch).toBe(120);
    expect(paramsFromFile(back.file)).toEqual(params);
  });

  it('rejects other JSON, wrong shapes and settings that do not fit the weights', () => {
    const file = JSON.parse(JSON.stringify(toWeightsFile(initParams({ F: 3, H: 50, O: 1 }, { seed: 3 }), config, 1, { source: 's', rows: 10 })));
    expect(checkWeightsFile({ hello: 1 }).ok).toBe(false);
    expect(checkWeightsFile(null).ok).toBe(false);
    const bad = (mutate: (f: typeof file) => void) => {
      const f = JSON.parse(JSON.stringify(file));
      mutate(f);
      return checkWeightsFile(f);
    };
    expect(bad((f) => f.params.W.pop())).toMatchObject({ ok: false, reason: 'params.W' });
    expect(bad((f) => (f.params.U[0] = 'x'))).toMatchObject({ ok: false, reason: 'params.U' });
    expect(bad((f) => (f.config.hidden = 8))).toMatchObject({ ok: false });
    expect(bad((f) => (f.config.optimizer = 'rmsprop'))).toMatchObject({ ok: false, reason: 'config.optimizer' });
    expect(bad((f) => (f.version = 2))).toMatchObject({ ok: false });
  });
});
