// The session keeper on an in-memory database: what a reload, a new tab and
// a shared link bring back, old or refused records, and storage that fails.
import { describe, expect, it } from 'vitest';
import { MemoryStorage, SESSION_SCHEMA, type StorageFailure } from './session-db.ts';
import { SessionKeeper } from './session-keeper.ts';
import { UrlStore } from './store.ts';

function page(query: string, storage: MemoryStorage | StorageFailure) {
  let params = new URLSearchParams(query);
  const store = new UrlStore(() => new URLSearchParams(params), (p) => (params = p));
  const keeper = new SessionKeeper(store, () => params.toString());
  const fields = store.defineFields('train', { lr: { kind: 'number', default: 0.01, min: 1e-6, max: 10 }, data: { kind: 'enum', default: 'sp500', values: ['sp500', 'file'] } });
  return { store, keeper, fields, url: () => params.toString(), loaded: keeper.load(Promise.resolve(storage)) };
}

const runsCheck = (v: unknown) => (Array.isArray(v) && v.every((r) => typeof r === 'object' && r !== null && 'rmse' in r) ? (v as { rmse: number }[]) : null);
const tableCheck = (v: unknown) => (v instanceof Float64Array ? v : null);

/** One visit that trains on a file: settings, a table, runs. */
async function firstVisit(db: MemoryStorage, query = 'lang=en') {
  const p = page(query, db);
  await p.loaded;
  p.fields.set({ lr: 0.5, data: 'file' });
  p.keeper.part('table', tableCheck, { immediate: true }).save(Float64Array.from([1, 2, 3]), { name: 'prices.csv', rows: 3 });
  p.keeper.part('runs', runsCheck).save([{ rmse: 1.5 }, { rmse: 2 }], { count: 2 });
  p.keeper.flush();
  await Promise.resolve();
  return p;
}

describe('session keeper', () => {
  it('keeps nothing and restores nothing on a first visit; saves the settings as they change', async () => {
    const db = new MemoryStorage();
    const p = await firstVisit(db);
    expect(p.keeper.state.mode).toBe('fresh');
    expect((db.records.get('settings')?.value as { query: string }).query).toBe('lang=en&train.data=file&train.lr=0.5');
    expect(db.records.get('table')?.value).toEqual(Float64Array.from([1, 2, 3]));
    expect(db.records.get('summary')?.value).toEqual({ about: { table: { name: 'prices.csv', rows: 3 }, runs: { count: 2 } } });
  });

  it('a reload (the same settings in the URL) restores the parts', async () => {
    const db = new MemoryStorage();
    const first = await firstVisit(db);
    const again = page(first.url(), db);
    await again.loaded;
    expect(again.keeper.state).toMatchObject({ mode: 'restored', settings: true, about: { table: { name: 'prices.csv' }, runs: { count: 2 } } });
    expect(await again.keeper.part('table', tableCheck).take()).toEqual(Float64Array.from([1, 2, 3]));
    expect(await again.keeper.part('runs', runsCheck).take()).toEqual([{ rmse: 1.5 }, { rmse: 2 }]);
    // Taken once: a second take (e.g. after a worker restart) does not hand it out again.
    expect(await again.keeper.part('runs', runsCheck).take()).toBeNull();
  });

  it('a new tab (no settings in the URL) puts the kept settings back in the store and the URL', async () => {
    const db = new MemoryStorage();
    await firstVisit(db);
    const tab = page('', db);
    await tab.loaded;
    expect(tab.keeper.state.mode).toBe('restored');
    expect(tab.fields.all()).toEqual({ lr: 0.5, data: 'file' });
    expect(new URLSearchParams(tab.url()).get('lang')).toBe('en');
    expect(new URLSearchParams(tab.url()).get('train.lr')).toBe('0.5');
  });

  it('a shared link with other settings wins; the kept session is untouched until the reader works, then replaced', async () => {
    const db = new MemoryStorage();
    await firstVisit(db);
    const link = page('train.lr=0.2', db);
    await link.loaded;
    expect(link.keeper.state).toMatchObject({ mode: 'held', about: { table: { name: 'prices.csv' } } });
    expect(link.fields.get('lr')).toBe(0.2);
    expect(await link.keeper.part('table', tableCheck).take()).toBeNull();
    link.fields.set({ lr: 0.3 });
    link.keeper.part('weights', (v) => v).save(null);
    link.keeper.flush();
    expect((db.records.get('settings')?.value as { query: string }).query).toBe('lang=en&train.data=file&train.lr=0.5');
    link.keeper.part('weights', (v) => v).save({ epoch: 4 }, { epoch: 4 });
    link.keeper.flush();
    await new Promise((r) => setTimeout(r, 0));
    expect(link.keeper.state.mode).toBe('fresh');
    expect(db.records.has('table')).toBe(false);
    expect((db.records.get('settings')?.value as { query: string }).query).toBe('train.lr=0.3');
    expect(db.records.get('weights')?.value).toEqual({ epoch: 4 });
  });

  it('a part its owner no longer reads (an older format) is dropped with a note; an old schema drops everything', async () => {
    const db = new MemoryStorage();
    const first = await firstVisit(db);
    const again = page(first.url(), db);
    await again.loaded;
    expect(await again.keeper.part('table', () => null).take()).toBeNull();
    expect(again.keeper.state.notes).toEqual([{ kind: 'dropped', part: 'table' }]);
    expect(db.records.has('table')).toBe(false);

    db.records.set('settings', { schema: SESSION_SCHEMA - 1, savedAt: 0, value: { query: 'train.lr=0.5' } });
    const old = page('', db);
    await old.loaded;
    expect(old.keeper.state).toMatchObject({ mode: 'fresh', notes: [{ kind: 'dropped', part: 'settings' }] });
    expect(old.fields.get('lr')).toBe(0.01);
    await new Promise((r) => setTimeout(r, 0));
    expect(db.records.size).toBe(0);
  });

  it('storage that refuses or fills up is a problem to tell, never an error', async () => {
    const refused = page('', { problem: 'refused', detail: 'SecurityError' });
    await refused.loaded;
    expect(refused.keeper.state).toMatchObject({ mode: 'fresh', problem: { problem: 'refused' } });
    refused.fields.set({ lr: 0.7 });
    refused.keeper.part('table', tableCheck, { immediate: true }).save(new Float64Array(3));
    expect(refused.fields.get('lr')).toBe(0.7);

    const db = new MemoryStorage();
    const full = page('', db);
    await full.loaded;
    db.failWrites = { problem: 'full', detail: 'QuotaExceededError' };
    full.keeper.part('table', tableCheck, { immediate: true }).save(new Float64Array(3), { rows: 3 });
    await new Promise((r) => setTimeout(r, 0));
    expect(full.keeper.state.problem).toEqual({ problem: 'full', detail: 'QuotaExceededError' });
  });

  it('start fresh forgets everything kept', async () => {
    const db = new MemoryStorage();
    const first = await firstVisit(db);
    const again = page(first.url(), db);
    await again.loaded;
    await again.keeper.forget();
    expect(db.records.size).toBe(0);
    expect(again.keeper.state.mode).toBe('fresh');
  });
});
