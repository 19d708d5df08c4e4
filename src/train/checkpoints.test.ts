import { describe, expect, it } from 'vitest';
import { initParams } from '../model/init.ts';
import { Checkpoints, type Checkpoint } from './checkpoints.ts';

const at = (epoch: number): Checkpoint => ({ epoch, params: initParams({ F: 1, H: 2, O: 1 }, { seed: epoch }) });

describe('Checkpoints', () => {
  it('falls back newest first: the last epoch, the one before, the initial weights', () => {
    const c = new Checkpoints(at(0));
    expect(c.fallbacks().map((x) => x.epoch)).toEqual([0]);
    c.advance(at(1));
    expect(c.fallbacks().map((x) => x.epoch)).toEqual([1, 0]);
    c.advance(at(2));
    c.advance(at(3));
    expect(c.fallbacks().map((x) => x.epoch)).toEqual([3, 2, 0]);
  });

  it('a restart forgets the history (at the initial weights or at loaded ones)', () => {
    const c = new Checkpoints(at(0));
    c.advance(at(1));
    c.advance(at(2));
    c.restart();
    expect(c.fallbacks().map((x) => x.epoch)).toEqual([0]);
    c.restart(at(7));
    expect(c.candidate.epoch).toBe(7);
    expect(c.lastGood).toBeNull();
    expect(c.fallbacks().map((x) => x.epoch)).toEqual([7, 0]);
  });
});
