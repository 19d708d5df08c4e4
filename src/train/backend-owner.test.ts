// The backend owner, driven in Node with an in-memory URL and a stand-in for
// the page thread's chooser (no tfjs is loaded).
import { describe, expect, it } from 'vitest';
import { UrlStore } from '../state/store.ts';
import { BackendOwner, type PageChooser } from './backend-owner.ts';
import type { BackendName } from './backends.ts';

function owner(query = '', choose?: PageChooser) {
  let params = new URLSearchParams(query);
  const store = new UrlStore(
    () => new URLSearchParams(params),
    (p) => (params = p),
  );
  const calls: (BackendName | null)[] = [];
  const fake: PageChooser = async (requested) => {
    calls.push(requested);
    const name = requested ?? 'wasm';
    return { name, reason: requested ? 'requested' : 'auto', detail: '', reasons: [] };
  };
  return { o: new BackendOwner(store, choose ?? fake), url: () => params.toString(), calls };
}

describe('BackendOwner', () => {
  it('reads the request from the URL and writes a new one back', () => {
    const { o, url } = owner('backend=webgl&lang=en');
    expect(o.choice).toBe('webgl');
    expect(o.requested).toBe('webgl');
    const heard: (BackendName | null)[] = [];
    o.onRequest((r) => heard.push(r));
    o.request('auto');
    expect(o.requested).toBeNull();
    expect(url()).toBe('lang=en');
    o.request('cpu');
    expect(url()).toBe('lang=en&backend=cpu');
    expect(heard).toEqual([null, 'cpu']);
    expect(owner('backend=tpu').o.choice).toBe('auto');
  });

  it('publishes each thread with its reason, and `ready` waits for the report', async () => {
    const { o } = owner();
    const seen: string[] = [];
    o.subscribe(() => seen.push(o.state('worker').state));
    expect(o.inUse('worker')).toBeNull();
    const ready = o.ready('worker');
    o.starting('worker');
    o.report('worker', { name: 'cpu', reason: 'fallback', detail: '', skipped: ['wasm: failed'] });
    await expect(ready).resolves.toMatchObject({ name: 'cpu', reason: 'fallback' });
    expect(o.inUse('worker')?.name).toBe('cpu');
    expect(o.inUse('page')).toBeNull();
    expect(seen).toEqual(['off', 'starting', 'ready']);
    o.release('worker');
    expect(o.state('worker').state).toBe('off');
  });

  it('starts tfjs on the page only when asked, once, and again when the request changes', async () => {
    const { o, calls } = owner('backend=webgl');
    expect(calls).toEqual([]);
    const [a, b] = await Promise.all([o.usePage(), o.usePage()]);
    expect(a).toBe(b);
    expect(a).toMatchObject({ name: 'webgl', reason: 'requested' });
    expect(calls).toEqual(['webgl']);
    o.request('cpu');
    await expect(o.usePage()).resolves.toMatchObject({ name: 'cpu' });
    expect(o.inUse('page')?.name).toBe('cpu');
    expect(calls).toEqual(['webgl', 'cpu']);
  });

  it('a page thread that cannot start any backend says so', async () => {
    const { o } = owner('', async () => {
      throw new Error('no tfjs backend could be initialised');
    });
    const waiting = o.ready('page');
    await expect(o.usePage()).rejects.toThrow(/no tfjs backend/);
    await expect(waiting).rejects.toThrow(/no tfjs backend/);
    expect(o.state('page')).toEqual({ state: 'failed', message: 'no tfjs backend could be initialised' });
  });
});
