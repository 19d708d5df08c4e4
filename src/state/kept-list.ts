// A list kept with the reader's session: the trainer's runs side by side
// (one plain, structured-clone object per run) go through here. The newest
// MAX_KEPT_ITEMS are kept; on the next visit every item is read back with the
// list owner's `checkItem`, and a list with an item it refuses (an older
// format) is dropped as a whole, with the notice the keeper gives.
//
//   const runs = keptList(ctx.session, 'runs', checkRun);
//   const back = await runs.take();          // on mount: the runs of the last visit, or null
//   runs.save(rows);                         // whenever the table changes
import type { SessionKeeper } from './session-keeper.ts';

export const MAX_KEPT_ITEMS = 100;

export interface KeptList<T> {
  take(): Promise<T[] | null>;
  save(items: readonly T[]): void;
}

export function keptList<T>(keeper: SessionKeeper, name: string, checkItem: (v: unknown) => T | null, max = MAX_KEPT_ITEMS): KeptList<T> {
  const part = keeper.part<T[]>(name, (v) => {
    if (!Array.isArray(v) || v.length > max) return null;
    const items = v.map(checkItem);
    return items.every((x) => x !== null) ? (items as T[]) : null;
  });
  return {
    take: () => part.take(),
    save(items) {
      const kept = items.slice(-max);
      part.save(kept.length ? kept : null, { count: kept.length });
    },
  };
}
