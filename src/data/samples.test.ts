import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { makeDataset, type Dataset } from './dataset.ts';
import { forecastMetrics, persistenceMetrics } from './metrics.ts';
import { REPO_ROOT } from '../checks/test-data.ts';
import { DEFAULT_LAG, loadSample, SP500_PATH } from './samples.ts';
import type { Table } from './csv.ts';

const sp500File = resolve(REPO_ROOT, 'public', SP500_PATH);
const sp500Bytes = new Uint8Array(readFileSync(sp500File));

/** Least-squares linear forecaster on the flattened window (with intercept), fitted on the training split. */
function linearForecast(d: Dataset): Float64Array {
  const k = d.T * d.F + 1;
  const A = Array.from({ length: k }, () => new Float64Array(k + 1));
  const row = (x: Float32Array, n: number) => [...x.slice(n * (k - 1), (n + 1) * (k - 1)), 1];
  for (let n = 0; n < d.train.N; n++) {
    const r = row(d.train.x, n);
    for (let i = 0; i < k; i++) {
      for (let j = 0; j < k; j++) A[i][j] += r[i] * r[j];
      A[i][k] += r[i] * d.train.y[n];
    }
  }
  for (let i = 0; i < k; i++) A[i][i] += 1e-6;
  for (let c = 0; c < k; c++) {
    let p = c;
    for (let r = c + 1; r < k; r++) if (Math.abs(A[r][c]) > Math.abs(A[p][c])) p = r;
    [A[c], A[p]] = [A[p], A[c]];
    for (let r = 0; r < k; r++) {
      if (r === c) continue;
      const f = A[r][c] / A[c][c];
      for (let j = c; j <= k; j++) A[r][j] -= f * A[c][j];
    }
  }
  const w = A.map((r, i) => r[k] / r[i]);
  const out = new Float64Array(d.test.N);
  for (let n = 0; n < d.test.N; n++) out[n] = row(d.test.x, n).reduce((s, v, i) => s + v * w[i], 0);
  return out;
}

function dataset(t: Table, features: string[], window: number): Dataset {
  const r = makeDataset(t, { target: t.target, features, window, horizon: 1, transform: 'level', trainFraction: 0.7, scaling: 'train-only' });
  if (!r.ok) throw new Error(r.error.kind);
  return r.dataset;
}

describe('samples', () => {
  it('sp500 is the vendored vega-datasets file in public/, parsed by parseCsv', () => {
    const t = loadSample('sp500', { sp500Bytes });
    const lines = readFileSync(sp500File, 'utf8').trim().split('\n');
    expect(t.rows).toBe(lines.length - 1);
    expect(t.dateColumn).toBe('date');
    expect(t.target).toBe('close');
    expect(t.columns).toEqual(['open', 'high', 'low', 'close', 'adjclose', 'volume']);
    const first = lines[1].split(',');
    const last = lines[lines.length - 1].split(',');
    expect(t.dates?.[0]).toBe(first[0]);
    expect(t.values.close[0]).toBe(Number(first[4]));
    expect(t.dates?.[t.rows - 1]).toBe(last[0]);
    expect(t.values.close[t.rows - 1]).toBe(Number(last[4]));
    const recent = loadSample('sp500', { length: 250, sp500Bytes });
    expect(recent.rows).toBe(250);
    expect(recent.dates?.[249]).toBe(last[0]);
  });

  it('generated series are deterministic per seed', () => {
    for (const id of ['seasonal', 'long-lag'] as const) {
      const a = loadSample(id, { seed: 7 });
      const b = loadSample(id, { seed: 7 });
      const c = loadSample(id, { seed: 8 });
      expect(Array.from(a.values[a.target])).toEqual(Array.from(b.values[b.target]));
      expect(Array.from(a.values[a.target])).not.toEqual(Array.from(c.values[c.target]));
      expect(a.rows).toBe(1000);
      expect(a.dates).toBeNull();
    }
    expect(loadSample('seasonal', { length: 300 }).rows).toBe(300);
  });

  it('seasonal: positive, and a window-based forecaster beats persistence by far', () => {
    const t = loadSample('seasonal');
    expect(t.target).toBe('value');
    expect(Math.min(...t.values.value)).toBeGreaterThan(0);
    const d = dataset(t, ['value'], 12);
    const predStd = linearForecast(d);
    const model = forecastMetrics(d.toPrice(predStd, 'test'), d.test, predStd);
    const persistence = persistenceMetrics(d.test);
    expect(model.mse).toBeLessThan(0.25 * persistence.mse);
    expect(model.mape).toBeLessThan(persistence.mape);
  });

  it('long-lag: target copies the input lag steps back; only a window reaching that far can forecast it', () => {
    const t = loadSample('long-lag', { lag: 8 });
    expect(t.columns).toEqual(['input', 'target']);
    expect(t.target).toBe('target');
    for (let i = 8; i < t.rows; i++) expect(t.values.target[i]).toBe(t.values.input[i - 8]);
    // Forecasting target[l+1] = input[l+1−8] needs the input 7 steps before the window's last step.
    const reach = dataset(t, ['input'], 8);
    const short = dataset(t, ['input'], 7);
    const fit = (d: Dataset) => {
      const p = linearForecast(d);
      return forecastMetrics(d.toPrice(p, 'test'), d.test, p).mse;
    };
    expect(fit(reach)).toBeLessThan(1e-3);
    expect(fit(short)).toBeGreaterThan(0.8);
    expect(persistenceMetrics(reach.test).mse).toBeGreaterThan(1);
    expect(loadSample('long-lag').values.target[DEFAULT_LAG]).toBe(loadSample('long-lag').values.input[0]);
  });

  it('rejects impossible options', () => {
    expect(() => loadSample('long-lag', { lag: 0 })).toThrow(RangeError);
    expect(() => loadSample('seasonal', { length: 1 })).toThrow(RangeError);
  });
});

describe('the vendored S&P 500 file', () => {
  it('is the vega-datasets 3.2.1 file, byte for byte (public/data/README.md)', () => {
    expect(sp500Bytes.length).toBe(415968);
    expect(createHash('sha1').update(sp500Bytes).digest('hex')).toBe('586271572bb4aa4c5ea2a185a656008c3a5f65c3');
  });
});
