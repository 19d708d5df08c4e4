import { describe, expect, it } from 'vitest';
import { makeDataset, type Split } from './dataset.ts';
import { forecastMetrics, persistenceMetrics } from './metrics.ts';
import { tableFromColumns } from './table.ts';

function split(actual: number[], previous: number[], y: number[], persistenceStd: number[]): Split {
  const N = actual.length;
  return {
    N, x: new Float32Array(0), y: Float32Array.from(y), rowIndex: new Int32Array(N), lastIndex: new Int32Array(N),
    actual: Float64Array.from(actual), previous: Float64Array.from(previous), persistenceStd: Float32Array.from(persistenceStd),
  };
}

describe('forecastMetrics', () => {
  it('matches hand-computed values', () => {
    // actual 10, 20, 40; previous 12, 18, 40; forecasts 11, 22, 38.
    const s = split([10, 20, 40], [12, 18, 40], [0, 1, 2], [0.5, 0.5, 0.5]);
    const m = forecastMetrics([11, 22, 38], s, [0, 2, 4]);
    expect(m.mse).toBeCloseTo((0 + 1 + 4) / 3, 12);
    expect(m.rmse).toBeCloseTo(Math.sqrt((1 + 4 + 4) / 3), 12);
    expect(m.mae).toBeCloseTo(5 / 3, 12);
    expect(m.mape).toBeCloseTo((100 * (0.1 + 0.1 + 0.05)) / 3, 10);
    // Moves: window 0 down (12→10, forecast 11: down ✓), window 1 up (18→20, forecast 22 ✓); window 2 flat (ignored).
    expect(m.direction).toBe(1);
    const wrong = forecastMetrics([13, 17, 38], s, [0, 1, 2]);
    expect(wrong.direction).toBe(0);
    expect(wrong.mse).toBe(0);
  });

  it('persistence: zero price error only when nothing moves; no direction calls', () => {
    const t = tableFromColumns({ columns: { close: Array.from({ length: 30 }, (_, i) => 100 + 3 * Math.sin(i / 2)) } });
    const r = makeDataset(t, { target: 'close', features: ['close'], window: 4, horizon: 1, transform: 'level', trainFraction: 0.7, scaling: 'train-only' });
    if (!r.ok) throw new Error(r.error.kind);
    const s = r.dataset.test;
    const m = persistenceMetrics(s);
    let se = 0;
    for (let i = 0; i < s.N; i++) se += (s.actual[i] - s.previous[i]) ** 2;
    expect(m.rmse).toBeCloseTo(Math.sqrt(se / s.N), 10);
    expect(Number.isNaN(m.direction)).toBe(true);
    // In standardised units the persistence mse equals the price mse over yStd².
    expect(m.mse).toBeCloseTo(se / s.N / r.dataset.scaler.yStd ** 2, 4);
  });

  it('rejects forecasts of the wrong length', () => {
    const s = split([1, 2], [1, 1], [0, 0], [0, 0]);
    expect(() => forecastMetrics([1], s, [0, 0])).toThrow(RangeError);
  });
});
