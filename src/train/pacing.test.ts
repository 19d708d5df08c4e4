import { describe, expect, it } from 'vitest';
import { Pacing } from './pacing.ts';

describe('Pacing', () => {
  it('snapshots every snapshotEveryMs while they are cheap', () => {
    const p = new Pacing({ snapshotEveryMs: 250, yieldEveryMs: 15, share: 0.1 }, 0);
    expect(p.snapshotDue(249)).toBe(false);
    expect(p.snapshotDue(250)).toBe(true);
    p.snapshotTaken(250, 260); // 10 ms: 10 / 0.1 = 100 < 250
    expect(p.snapshotGap()).toBe(250);
    expect(p.snapshotDue(509)).toBe(false);
    expect(p.snapshotDue(510)).toBe(true);
  });

  it('spaces expensive snapshots out so they take at most `share` of the time', () => {
    const p = new Pacing({ snapshotEveryMs: 250, yieldEveryMs: 15, share: 0.1 }, 0);
    p.snapshotTaken(300, 380); // 80 ms → 800 ms apart
    expect(p.snapshotGap()).toBe(800);
    expect(p.snapshotDue(1179)).toBe(false);
    expect(p.snapshotDue(1180)).toBe(true);
  });

  it('yields at least every yieldEveryMs', () => {
    const p = new Pacing({ snapshotEveryMs: 250, yieldEveryMs: 15, share: 0.1 }, 100);
    expect(p.yieldDue(114)).toBe(false);
    expect(p.yieldDue(115)).toBe(true);
    p.yielded(120);
    expect(p.yieldDue(134)).toBe(false);
  });
});
