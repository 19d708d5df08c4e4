import { describe, expect, it } from 'vitest';
import { aheadBands, aheadVerdict, bandAround, stepBand, type AheadStepErrors } from './ahead-band.ts';

const sorted = (xs: number[]) => Float64Array.from(xs).sort();
/** −4.5 … 4.5 (times `scale`, plus `shift`), each value m times: Q(0.1) = −3.6, Q(0.9) = 3.6 before scaling. */
const uniform = (m: number, scale = 1, shift = 0) => sorted(Array.from({ length: 10 * m }, (_, j) => shift + scale * (-4.5 + Math.floor(j / m))));

function step(s: number, model: number, persistence: number, modelErrors: Float64Array, persistenceErrors: Float64Array): AheadStepErrors {
  return { step: s, date: String(s), model, persistence, modelErrors, persistenceErrors };
}

describe('the band around a forecast', () => {
  it('spans forecast + the errors’ quantiles at (1 ∓ c)/2', () => {
    const b = bandAround(50, uniform(4), 0.8)!;
    expect(b.qLow).toBeCloseTo(-3.6, 12);
    expect(b.qHigh).toBeCloseTo(3.6, 12);
    expect(b.low).toBeCloseTo(46.4, 12);
    expect(b.high).toBeCloseTo(53.6, 12);
    expect(b.bias).toBeNull();
    // 50 %: levels 0.25 and 0.75 of 40 values: h = 9.75 and 29.25 each fall between two equal values, −2.5 and 2.5.
    const half = bandAround(0, uniform(4), 0.5)!;
    expect(half.qLow).toBeCloseTo(-2.5, 12);
    expect(half.qHigh).toBeCloseTo(2.5, 12);
  });

  it('stretches to take in a biased forecast, and says which way it was off', () => {
    // Errors 1 … 10: the actual value was always above the forecast.
    const under = bandAround(100, sorted([1, 2, 3, 4, 5, 6, 7, 8, 9, 10]), 0.8)!;
    expect(under.qLow).toBeCloseTo(1.9, 12);
    expect(under.qHigh).toBeCloseTo(9.1, 12);
    expect(under).toMatchObject({ low: 100, bias: 'under' });
    expect(under.high).toBeCloseTo(109.1, 12);
    const over = bandAround(100, sorted([-1, -2, -3, -4, -5, -6, -7, -8, -9, -10]), 0.8)!;
    expect(over).toMatchObject({ high: 100, bias: 'over' });
    expect(over.low).toBeCloseTo(90.9, 12);
  });

  it('has no band with fewer errors than the coverage needs', () => {
    const eight = sorted([1, -1, 2, -2, 3, -3, 4, -4]);
    expect(bandAround(0, eight, 0.8)).toBeNull();
    expect(bandAround(0, sorted([...eight, 0]), 0.8)).not.toBeNull();
    expect(bandAround(0, eight, 0.5)).not.toBeNull();
  });
});

describe('the verdict beside persistence', () => {
  it('overlapping bands: cannot be told apart', () => {
    const s = stepBand(step(1, 101, 100, uniform(3), uniform(3, 2)), 0.8);
    expect(s).toMatchObject({ apart: null, narrower: true, n: 30 });
    expect(aheadVerdict([s])).toEqual({ kind: 'overlap', lower: null, apartSteps: [], narrowerSteps: [1], steps: 1 });
  });

  it('bands apart: which lies lower, step by step', () => {
    const errors = uniform(3, 0.1); // band ±0.36
    const up = aheadBands([step(1, 110, 100, errors, errors), step(2, 111, 100, errors, errors)], 0.8);
    expect(up.verdict).toMatchObject({ kind: 'apart', lower: 'persistence', apartSteps: [1, 2], narrowerSteps: [] });
    const some = aheadBands([step(1, 100.5, 100, errors, errors), step(2, 90, 100, errors, errors), step(3, 100, 100, errors, errors)], 0.8);
    expect(some.verdict).toMatchObject({ kind: 'some-apart', lower: 'model', apartSteps: [2], steps: 3 });
    const mixed = aheadVerdict(aheadBands([step(1, 90, 100, errors, errors), step(2, 110, 100, errors, errors)], 0.8).steps);
    expect(mixed).toMatchObject({ kind: 'apart', lower: null, apartSteps: [1, 2] });
  });

  it('touching bands overlap', () => {
    const e = sorted([-1, -1, -1, -1, -1, 1, 1, 1, 1, 1]); // Q(0.1) = −1, Q(0.9) = 1
    expect(stepBand(step(1, 102, 100, e, e), 0.8).apart).toBeNull();
    expect(stepBand(step(1, 102.001, 100, e, e), 0.8).apart).toBe('persistence');
  });

  it('no verdict without bands; the needed count comes with the bands', () => {
    const few = sorted([1, 2, 3]);
    const b = aheadBands([step(1, 1, 1, few, few)], 0.9);
    expect(b).toMatchObject({ coverage: 0.9, needed: 19 });
    expect(b.steps[0]).toMatchObject({ modelBand: null, persistenceBand: null, apart: null, narrower: null, n: 3 });
    expect(b.verdict.kind).toBe('unknown');
  });
});
