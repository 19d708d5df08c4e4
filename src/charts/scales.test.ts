import { describe, expect, it } from 'vitest';
import { planeExtent } from './complex-plane.ts';
import { heatDomain } from './heat-grid.ts';
import { seriesLog10 } from './log-line.ts';
import { decadeDomain, decadeTicks, formatFromLog10, formatNumber, pow10Label } from './scales.ts';

describe('chart scales', () => {
  it('writes powers of ten with superscripts', () => {
    expect(pow10Label(-12)).toBe('10⁻¹²');
    expect(pow10Label(0)).toBe('10⁰');
    expect(pow10Label(305)).toBe('10³⁰⁵');
  });
  it('picks decade ticks on a 1-2-5 step within the budget', () => {
    expect(decadeTicks(-2, 3, 8)).toEqual([-2, -1, 0, 1, 2, 3]);
    expect(decadeTicks(-2, 9, 8)).toEqual([-2, 0, 2, 4, 6, 8]);
    expect(decadeTicks(-300, 0, 5)).toEqual([-300, -200, -100, 0]);
    expect(decadeTicks(NaN, 1)).toEqual([]);
  });
  it('rounds a log domain out to whole decades, ignoring non-finite values', () => {
    expect(decadeDomain([-3.2, 0.4, -Infinity, NaN])).toEqual([-4, 1]);
    expect(decadeDomain([0.2, 0.3], 2)).toEqual([0, 2]);
    expect(decadeDomain([5, 5], 2)).toEqual([4, 6]);
    expect(decadeDomain([])).toEqual([-1, 1]);
  });
  it('formats numbers given by their log10, beyond double range', () => {
    expect(formatFromLog10(-400)).toBe('1.0×10⁻⁴⁰⁰');
    expect(formatFromLog10(Math.log10(3.2e-13))).toBe('3.2×10⁻¹³');
    expect(formatFromLog10(Math.log10(0.5))).toBe('0.5');
    expect(formatFromLog10(-Infinity)).toBe('0');
    expect(formatNumber(-0.000012346)).toBe('−1.235e−5');
  });
  it('turns series into log10 with gaps', () => {
    expect(Array.from(seriesLog10({ key: 'a', label: 'a', x: [0, 1, 2], y: [10, 0, -1] }))).toEqual([1, NaN, NaN]);
    expect(Array.from(seriesLog10({ key: 'a', label: 'a', x: [0, 1], log10y: [-500, -Infinity] }))).toEqual([-500, NaN]);
  });
  it('colours heat maps over the finite, non-missing values', () => {
    expect(heatDomain([NaN, 1, 100, 0], true)).toEqual([0, 2]);
    expect(heatDomain([NaN, 2, 2], false)).toEqual([1.5, 2.5]);
  });
  it('keeps every eigenvalue and the unit circle inside the complex plane', () => {
    expect(planeExtent([0.5], [0], 1.25)).toBe(1.25);
    expect(planeExtent([1.9], [0.3], 1.25)).toBeGreaterThanOrEqual(Math.hypot(1.9, 0.3));
  });
});
