import { describe, expect, test } from 'vitest';
import { pickParams } from './preset-params.ts';

describe('pickParams', () => {
  test('keeps the listed keys that are present, as raw strings, and nothing else', () => {
    const p = new URLSearchParams('T=12&t=3&foo=1&empty=');
    expect(pickParams(p, ['T', 't', 'x', 'empty'])).toEqual({ T: '12', t: '3', empty: '' });
  });
  test('no listed key present gives an empty object', () => {
    expect(pickParams(new URLSearchParams('a=1'), ['b'])).toEqual({});
  });
});
