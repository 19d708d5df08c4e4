// The runs table read back from the session: a run as RunsList keeps it
// (after a structured clone, as IndexedDB stores it) comes back equal; a run
// with any field missing or out of range is refused.
import { describe, expect, it } from 'vitest';
import { presetSettings } from '../../train/presets.ts';
import { checkKeptRun } from './runs-kept.ts';
import type { KeptRun } from './runs.ts';

const config = { ...presetSettings('fast', ['input', 'target'], 'target'), target: 'target', seed: 1, trainFraction: 0.7 };
const metrics = { mse: 0.25, rmse: 0.5, mae: 0.4, mape: NaN, direction: 0.5 };
const run: KeptRun = {
  id: 3,
  config,
  source: 'long-lag',
  sample: 'long-lag',
  rows: 1000,
  lag: 20,
  epochs: 2,
  train: [1.2, 0.8],
  test: [NaN, 0.9],
  model: metrics,
  baseline: { ...metrics, rmse: 1.4 },
  metricsEpoch: 2,
  overlay: true,
};

describe('checkKeptRun', () => {
  it('reads back a run as it was kept, NaN losses included', () => {
    expect(checkKeptRun(structuredClone(run))).toEqual(run);
    expect(checkKeptRun({ ...run, model: null, baseline: null, sample: null, lag: null })).not.toBeNull();
  });

  it('refuses a run with a field missing, of the wrong type or out of range', () => {
    const broken: unknown[] = [
      null,
      [],
      { ...run, id: 0 },
      { ...run, source: 7 },
      { ...run, sample: 'nasdaq' },
      { ...run, lag: 0 },
      { ...run, train: [1, '2'] },
      { ...run, overlay: 'yes' },
      { ...run, model: { rmse: 1 } },
      { ...run, config: { ...config, hidden: -4 } },
      { ...run, config: { ...config, cell: 'transformer' } },
    ];
    for (const v of broken) expect(checkKeptRun(v)).toBeNull();
  });
});
