import { describe, expect, test } from 'vitest';
import { UrlStore } from '../state/store.ts';
import { pickParams, withDefaults } from './preset-params.ts';

describe('pickParams', () => {
  test('keeps the listed keys that are present, as raw strings, and nothing else', () => {
    const p = new URLSearchParams('T=12&t=3&foo=1&empty=');
    expect(pickParams(p, ['T', 't', 'x', 'empty'])).toEqual({ T: '12', t: '3', empty: '' });
  });
  test('no listed key present gives an empty object', () => {
    expect(pickParams(new URLSearchParams('a=1'), ['b'])).toEqual({});
  });
});

describe('withDefaults', () => {
  const fields = {
    rho: { kind: 'number', default: 1, min: 0, max: 2 },
    act: { kind: 'enum', default: 'tanh', values: ['tanh', 'relu'] },
    clip: { kind: 'bool', default: false },
  } as const;
  test('fills every field the link leaves out with its default, as a raw string', () => {
    expect(withDefaults(fields, { rho: '0.5' })).toEqual({ rho: '0.5', act: 'tanh', clip: '0' });
  });
  test('keeps what the link gives, and drops keys that are not fields', () => {
    expect(withDefaults(fields, { act: 'relu', clip: '1', other: 'x' })).toEqual({ rho: '1', act: 'relu', clip: '1' });
  });
  test('clicking A then B leaves a store exactly as B alone', () => {
    let params = new URLSearchParams();
    const store = new UrlStore(() => new URLSearchParams(params), (p) => (params = p));
    const group = store.defineFields('w', fields);
    group.set(withDefaults(fields, { rho: '0.5', act: 'relu', clip: '1' }));
    group.set(withDefaults(fields, { rho: '1.5' }));
    expect(group.all()).toEqual({ rho: 1.5, act: 'tanh', clip: false });
  });
});
