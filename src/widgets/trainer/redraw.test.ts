import { describe, expect, it } from 'vitest';
import { chartsToHold, type Dirty } from './redraw.ts';

const parts = (...p: Dirty[]) => new Set<Dirty>(p);

describe('trainer redraw schedule', () => {
  it('while training, holds chart parts drawn less than the interval ago', () => {
    expect(chartsToHold(parts('losses', 'status', 'snapshot'), true, 100, 250)).toEqual({ hold: ['losses', 'snapshot'], waitMs: 150 });
  });
  it('draws everything when idle, when the interval has passed, or when the series changed', () => {
    expect(chartsToHold(parts('losses', 'status'), false, 100, 250)).toEqual({ hold: [], waitMs: 0 });
    expect(chartsToHold(parts('losses', 'status'), true, 250, 250)).toEqual({ hold: [], waitMs: 0 });
    expect(chartsToHold(parts('losses', 'series'), true, 10, 250)).toEqual({ hold: [], waitMs: 0 });
  });
  it('holds nothing when no chart part is dirty', () => {
    expect(chartsToHold(parts('status', 'fields'), true, 10, 250)).toEqual({ hold: [], waitMs: 240 });
  });
});
