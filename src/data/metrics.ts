// Forecast errors on one split, for the model and for persistence (tomorrow = today).
import type { Split } from './dataset.ts';

export interface ForecastMetrics {
  /** Mean squared error in standardised units (what the loss sees). */
  mse: number;
  /** Root mean squared error, price units. */
  rmse: number;
  /** Mean absolute error, price units. */
  mae: number;
  /** Mean absolute percentage error, in %, over windows whose actual price is not 0 (NaN if none). */
  mape: number;
  /**
   * Of the windows where the price moved (actual ≠ previous), the fraction
   * whose forecast moved the same way (a forecast equal to the previous price
   * counts as wrong). NaN when the forecast never moves from the previous
   * price — persistence makes no up/down calls, so its value is NaN.
   */
  direction: number;
}

export function forecastMetrics(predPrice: ArrayLike<number>, split: Split, predStd: ArrayLike<number>): ForecastMetrics {
  const N = split.N;
  if (predPrice.length !== N || predStd.length !== N) {
    throw new RangeError(`expected ${N} forecasts, got ${predPrice.length} prices and ${predStd.length} standardised values`);
  }
  if (N === 0) return { mse: NaN, rmse: NaN, mae: NaN, mape: NaN, direction: NaN };
  let se = 0;
  let sePrice = 0;
  let ae = 0;
  let ape = 0;
  let apeCount = 0;
  let moves = 0;
  let calls = 0;
  let correct = 0;
  for (let i = 0; i < N; i++) {
    const dStd = predStd[i] - split.y[i];
    se += dStd * dStd;
    const actual = split.actual[i];
    const err = predPrice[i] - actual;
    sePrice += err * err;
    ae += Math.abs(err);
    if (actual !== 0) {
      ape += Math.abs(err / actual);
      apeCount++;
    }
    const prev = split.previous[i];
    const called = Math.sign(predPrice[i] - prev);
    if (called !== 0) calls++;
    const moved = Math.sign(actual - prev);
    if (moved !== 0) {
      moves++;
      if (called === moved) correct++;
    }
  }
  return {
    mse: se / N,
    rmse: Math.sqrt(sePrice / N),
    mae: ae / N,
    mape: apeCount === 0 ? NaN : (100 * ape) / apeCount,
    direction: calls === 0 || moves === 0 ? NaN : correct / moves,
  };
}

/** The same metrics for the persistence forecast on the same windows. */
export function persistenceMetrics(split: Split): ForecastMetrics {
  return forecastMetrics(split.previous, split, split.persistenceStd);
}
