// The runs table's hook: a list saved through the session keeper comes back
// on a reload, trimmed to the newest, and is dropped whole if an item no
// longer reads.
import { describe, expect, it } from 'vitest';
import { keptList } from './kept-list.ts';
import { MemoryStorage } from './session-db.ts';
import { SessionKeeper } from './session-keeper.ts';
import { UrlStore } from './store.ts';

interface Run {
  cell: string;
  rmse: number;
}
const checkRun = (v: unknown): Run | null => {
  const r = v as Partial<Run> | null;
  return r && typeof r.cell === 'string' && typeof r.rmse === 'number' ? { cell: r.cell, rmse: r.rmse } : null;
};

async function visit(db: MemoryStorage, query: string) {
  let params = new URLSearchParams(query);
  const store = new UrlStore(() => new URLSearchParams(params), (p) => (params = p));
  store.defineFields('train', { cell: { kind: 'enum', default: 'rnn', values: ['rnn', 'lstm', 'gru'] } });
  const keeper = new SessionKeeper(store, () => params.toString());
  await keeper.load(Promise.resolve(db));
  return { keeper, store, url: () => params.toString() };
}

describe('kept lists (the runs side by side)', () => {
  it('come back on a reload, the newest MAX kept, and the notice counts them', async () => {
    const db = new MemoryStorage();
    const first = await visit(db, 'train.cell=lstm');
    const runs = keptList(first.keeper, 'runs', checkRun, 3);
    runs.save([1, 2, 3, 4].map((i) => ({ cell: i % 2 ? 'lstm' : 'gru', rmse: i })));
    first.keeper.flush();
    const again = await visit(db, first.url());
    expect(again.keeper.state.about.runs).toEqual({ count: 3 });
    expect(await keptList(again.keeper, 'runs', checkRun, 3).take()).toEqual([2, 3, 4].map((i) => ({ cell: i % 2 ? 'lstm' : 'gru', rmse: i })));
  });

  it('are dropped whole when an item no longer reads', async () => {
    const db = new MemoryStorage();
    const first = await visit(db, 'train.cell=gru');
    keptList(first.keeper, 'runs', (v) => v).save([{ cell: 'gru', rmse: 1 }, { old: true }]);
    first.keeper.flush();
    const again = await visit(db, first.url());
    expect(await keptList(again.keeper, 'runs', checkRun).take()).toBeNull();
    expect(again.keeper.state.notes).toEqual([{ kind: 'dropped', part: 'runs' }]);
  });
});
