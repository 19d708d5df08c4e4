import { describe, expect, it } from 'vitest';
import { initCellParams } from '../model/gated-init.ts';
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

  it('carries a gated cell in its own layout, and refuses weights of another cell than the settings say', () => {
    const lstm = { ...config, cell: 'lstm' as const, forgetBias: 2, truncate: 3 };
    const params = initCellParams('lstm', { F: 3, H: 50, O: 1 }, { seed: 3, forgetBias: 2 });
    const file = toWeightsFile(params, lstm, 7, { source: 's', rows: 10 });
    expect(file.params).toMatchObject({ cell: 'lstm', F: 3, H: 50, O: 1 });
    const back = checkWeightsFile(JSON.parse(JSON.stringify(file)));
    if (!back.ok) throw new Error(back.reason);
    expect(back.file.config).toEqual(lstm);
    expect(paramsFromFile(back.file)).toEqual(params);
    const asGru = JSON.parse(JSON.stringify(file));
    asGru.config.cell = 'gru';
    expect(checkWeightsFile(asGru)).toMatchObject({ ok: false, reason: 'config does not match the weights' });
    const shortGate = JSON.parse(JSON.stringify(file));
    shortGate.params.weight_hh.pop();
    expect(checkWeightsFile(shortGate)).toMatchObject({ ok: false, reason: 'params.weight_hh' });
    const identity = JSON.parse(JSON.stringify(file));
    identity.config.init = 'identity';
    expect(checkWeightsFile(identity)).toMatchObject({ ok: false, reason: 'config.init' });
  });

  it('a file written before the gated cells loads as the simple cell with full BPTT', () => {
    const file = JSON.parse(JSON.stringify(toWeightsFile(initParams({ F: 3, H: 50, O: 1 }, { seed: 3 }), config, 5, { source: 's', rows: 10 })));
    for (const k of ['cell', 'init', 'forgetBias', 'truncate']) delete file.config[k];
    const back = checkWeightsFile(file);
    if (!back.ok) throw new Error(back.reason);
    expect(back.file.config).toMatchObject({ cell: 'rnn', init: 'default', forgetBias: 0, truncate: 0 });
    expect(back.file.params).not.toHaveProperty('cell');
  });
});
