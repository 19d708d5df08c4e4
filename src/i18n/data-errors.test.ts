import { describe, expect, it } from 'vitest';
import { parseCsv } from '../data/csv.ts';
import type { DataErrorKind } from '../data/dataset.ts';
import { dataErrorMessage } from './data-errors.ts';

const KINDS: DataErrorKind[] = [
  'empty', 'not-text', 'no-rows', 'no-numeric-column', 'too-few-rows', 'too-large',
  'window-too-long', 'no-features', 'unknown-column', 'nonpositive-target',
];

const enc = (s: string) => new TextEncoder().encode(s);

describe('dataErrorMessage', () => {
  it('has a distinct message for every kind in both languages', () => {
    for (const lang of ['en', 'zh'] as const) {
      const seen = new Set(KINDS.map((kind) => dataErrorMessage({ kind, params: {} }, lang)));
      expect(seen.size).toBe(KINDS.length);
    }
  });

  it('fills the parameters of a real error', () => {
    const r = parseCsv(enc('Date,Close\n2020-01-01,1\n'));
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const en = dataErrorMessage(r.error, 'en');
    const zh = dataErrorMessage(r.error, 'zh');
    expect(en).toContain('Only 1 usable row');
    expect(zh).toContain('只有 1 行可用');
    expect(en).not.toMatch(/\{\w+\}/);
    expect(zh).not.toMatch(/\{\w+\}/);
  });

  it('states the size limit', () => {
    const r = parseCsv(enc('a\n1\n2\n'), { maxBytes: 4 });
    expect(r.ok).toBe(false);
    if (r.ok) return;
    expect(r.error.kind).toBe('too-large');
    expect(dataErrorMessage(r.error, 'en')).toMatch(/limit is 0 MB/);
    const big = dataErrorMessage({ kind: 'too-large', params: { size: 120.5, limit: 100 } }, 'zh');
    expect(big).toContain('120.5 MB');
    expect(big).toContain('100 MB');
  });

  it('says what window would fit, or that none does', () => {
    const some = { kind: 'window-too-long' as const, params: { window: 50, horizon: 1, rows: 60, trainWindows: 0, testWindows: 0, needed: 2, maxWindow: 16 } };
    expect(dataErrorMessage(some, 'en')).toContain('at most 16');
    const none = { ...some, params: { ...some.params, maxWindow: 0, rows: 3 } };
    expect(dataErrorMessage(none, 'en')).toContain('too few for any window');
    expect(dataErrorMessage(none, 'zh')).toContain('任何窗口长度都不够');
  });
});
