// Every way a weights file can be wrong reads back as its category, and each
// category has its own message in both languages, parameters filled in.
import { describe, expect, it } from 'vitest';
import { initParams } from '../model/init.ts';
import { presetSettings } from '../train/presets.ts';
import { readWeightsText, toWeightsFile, type WeightsProblem } from '../train/weights-file.ts';
import { weightsErrorMessage } from './weights-errors.ts';

const config = { ...presetSettings('fast', ['Close'], 'Close'), target: 'Close', seed: 1, trainFraction: 0.7, hidden: 4 };
const good = JSON.stringify(toWeightsFile(initParams({ F: 1, H: 4, O: 1 }, { seed: 1 }), config, 3, { source: 'a.csv', rows: 10 }));
const edit = (f: (j: Record<string, any>) => void) => {
  const j = JSON.parse(good);
  f(j);
  return JSON.stringify(j);
};
const problem = (text: string) => {
  const r = readWeightsText(text);
  return r.ok ? null : r.problem;
};

describe('weights file problems', () => {
  it('reads each kind of bad file as its category', () => {
    expect(readWeightsText(good).ok).toBe(true);
    expect(problem('Date,Close\n1,2')).toEqual({ kind: 'not-json' });
    expect(problem(good.slice(0, 200))).toEqual({ kind: 'truncated' });
    expect(problem('{"a":1}')).toEqual({ kind: 'not-ours' });
    expect(problem(edit((j) => (j.version = 7)))).toEqual({ kind: 'version', version: '7' });
    expect(problem(edit((j) => (j.config.hidden = 0)))).toEqual({ kind: 'setting', field: 'hidden' });
    expect(problem(edit((j) => j.params.b.push(1)))).toEqual({ kind: 'shape', part: 'b' });
    expect(problem(edit((j) => (j.config.hidden = 5)))).toEqual({ kind: 'shape', part: 'config' });
    expect(problem(good.replace('"W":[', '"W":[NaN,'))).toEqual({ kind: 'non-finite', part: 'JSON' });
    expect(problem(good.replace('"V":[', '"V":[-Infinity,'))).toEqual({ kind: 'non-finite', part: 'JSON' });
    expect(problem(edit((j) => (j.params.c[0] = null)))).toEqual({ kind: 'non-finite', part: 'c' });
    expect(problem(good.replace(/"U":\[[^,\]]+/, '"U":[1e999'))).toEqual({ kind: 'non-finite', part: 'U' });
  });

  it('words every category differently in both languages, with its parameters', () => {
    const all: WeightsProblem[] = [
      { kind: 'not-json' }, { kind: 'truncated' }, { kind: 'not-ours' }, { kind: 'version', version: '7' }, { kind: 'setting', field: 'lr' },
      { kind: 'shape', part: 'W' }, { kind: 'non-finite', part: 'W' }, { kind: 'columns', columns: 'Open, Close' },
    ];
    for (const lang of ['en', 'zh'] as const) {
      const texts = all.map((p) => weightsErrorMessage(p, lang));
      expect(new Set(texts).size).toBe(all.length);
      for (const t of texts) expect(t).not.toMatch(/\{\w+\}/);
    }
    expect(weightsErrorMessage({ kind: 'columns', columns: 'Open, Close' }, 'zh')).toContain('Open, Close');
  });
});
