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

  it('rewrites the URL to the values in use when a namespace is defined: clamped, rounded, garbage and spelt-out defaults', () => {
    const { s, url } = store('vx.rho=9&vx.n=2.6&vx.act=zzz&vx.on=1&other=%ZZ');
    s.defineFields('vx', {
      rho: { kind: 'number', default: 1, min: 0, max: 2 },
      n: { kind: 'number', default: 1, integer: true },
      act: { kind: 'enum', default: 'tanh', values: ['tanh', 'relu'] },
      on: { kind: 'bool', default: true },
    });
    expect(url()).toBe('vx.rho=2&vx.n=3&other=%25ZZ');
    const clean = store('vx.rho=1.5');
    let writes = 0;
    clean.s.onWrite(() => writes++);
    clean.s.defineFields('vx', { rho: { kind: 'number', default: 1, min: 0, max: 2 } });
    expect([clean.url(), writes]).toEqual(['vx.rho=1.5', 0]);
  });

  it('adopts a kept session: defined fields are set (listeners hear it), later ones read the URL', () => {
    const { s, url } = store('lang=en');
    const a = s.defineFields('a', { x: { kind: 'number', default: 1 } });
    let heard = 0;
    a.subscribe(() => heard++);
    s.adopt(new URLSearchParams('a.x=4&b.y=relu&lang=zh'));
    expect([a.get('x'), heard]).toEqual([4, 1]);
    expect(s.defineFields('b', { y: { kind: 'enum', default: 'tanh', values: ['tanh', 'relu'] } }).get('y')).toBe('relu');
    expect(new URLSearchParams(url()).get('lang')).toBe('zh');
  });
});
