import { describe, expect, it } from 'vitest';
import { UrlStore } from './store.ts';

function store(query = '') {
  let params = new URLSearchParams(query);
  return { s: new UrlStore(() => new URLSearchParams(params), (p) => (params = p)), url: () => params.toString() };
}

describe('UrlStore', () => {
  it('reads enum fields as one of their values (the default otherwise) and writes only what differs from the default', () => {
    const { s, url } = store('vx.act=relu&vx.rho=9&other=1');
    const vx = s.defineFields('vx', {
      act: { kind: 'enum', default: 'tanh', values: ['tanh', 'relu', 'linear'] },
      rho: { kind: 'number', default: 1, min: 0, max: 2 },
    });
    const act: 'tanh' | 'relu' | 'linear' = vx.get('act');
    expect(act).toBe('relu');
    expect(vx.get('rho')).toBe(2);
    vx.set({ act: 'sigmoid' });
    expect(vx.get('act')).toBe('relu');
    vx.set({ act: 'tanh', rho: 1.5 });
    expect(url()).toBe('vx.rho=1.5&other=1');
    expect(store('vx.act=sigmoid').s.defineFields('vx', { act: { kind: 'enum', default: 'tanh', values: ['tanh', 'relu'] } }).get('act')).toBe('tanh');
  });

  it('refuses an enum field whose default is not one of its values', () => {
    // @ts-expect-error the compiler refuses it too
    expect(() => store().s.defineFields('x', { a: { kind: 'enum', default: 'c', values: ['a', 'b'] } })).toThrow(/default c/);
  });
});
