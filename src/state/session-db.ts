// Where the reader's session is kept between visits: one IndexedDB database
// on their machine ("unrolled", object store "session"), one record per part
// (the settings, the table, the weights, the runs…). Every record carries the
// schema version it was written with; a record of another version is not
// read (the caller drops it and says so). Nothing here throws: a browser that
// refuses storage (a private window), a full disk or a broken database give a
// typed problem, and the page goes on without keeping anything.
//
// IndexedDB clones a value when `put` is called, so the caller of `put` may
// transfer the value's buffers elsewhere as soon as it returns.

/** The layout of every record's value; bump it when a part's value changes shape. */
export const SESSION_SCHEMA = 1;
export const DB_NAME = 'unrolled';
/** IndexedDB's own version: the object stores (bump when they change). */
export const DB_VERSION = 1;
export const STORE_NAME = 'session';

export type StorageProblem = 'unavailable' | 'refused' | 'full' | 'failed';
export interface StorageFailure {
  problem: StorageProblem;
  detail: string;
}

export interface StoredRecord {
  schema: number;
  savedAt: number;
  value: unknown;
}

/** What the session keeper needs of a database (IndexedDB in the page, a Map in the unit tests). */
export interface SessionStorage {
  get(key: string): Promise<StoredRecord | undefined | StorageFailure>;
  /** Resolves null once written. The value is cloned before this returns. */
  put(key: string, value: unknown): Promise<StorageFailure | null>;
  delete(key: string): Promise<StorageFailure | null>;
  clear(): Promise<StorageFailure | null>;
}

export function isFailure(v: unknown): v is StorageFailure {
  return typeof v === 'object' && v !== null && 'problem' in v && 'detail' in v;
}

/** Which problem a DOMException (or anything thrown) stands for. */
export function problemOf(err: unknown, fallback: StorageProblem = 'failed'): StorageFailure {
  const name = err instanceof Error || (typeof DOMException !== 'undefined' && err instanceof DOMException) ? (err as Error).name : '';
  const detail = err instanceof Error ? `${err.name}: ${err.message}` : String(err);
  if (name === 'QuotaExceededError') return { problem: 'full', detail };
  if (name === 'SecurityError' || name === 'InvalidStateError' || name === 'NotAllowedError') return { problem: 'refused', detail };
  return { problem: fallback, detail };
}

function request<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

function done(tx: IDBTransaction): Promise<StorageFailure | null> {
  return new Promise((resolve) => {
    tx.oncomplete = () => resolve(null);
    tx.onerror = () => resolve(problemOf(tx.error));
    tx.onabort = () => resolve(problemOf(tx.error ?? new Error('transaction aborted')));
  });
}

/** The session database in this browser, or why there is none. Gives up after `timeoutMs` (a blocked open). */
export async function openSessionDb(factory: IDBFactory | undefined = globalThis.indexedDB, timeoutMs = 2000): Promise<SessionStorage | StorageFailure> {
  if (!factory) return { problem: 'unavailable', detail: 'no indexedDB in this browser' };
  let opened: IDBOpenDBRequest;
  try {
    opened = factory.open(DB_NAME, DB_VERSION);
  } catch (err) {
    return problemOf(err, 'refused');
  }
  opened.onupgradeneeded = () => {
    const db = opened.result;
    if (!db.objectStoreNames.contains(STORE_NAME)) db.createObjectStore(STORE_NAME);
  };
  const timeout = new Promise<StorageFailure>((resolve) => setTimeout(() => resolve({ problem: 'failed', detail: `no answer from indexedDB in ${timeoutMs} ms` }), timeoutMs));
  const result = await Promise.race([request(opened).catch((err: unknown) => problemOf(err, 'refused')), timeout]);
  if (isFailure(result)) return result;
  return new IdbSession(result);
}

class IdbSession implements SessionStorage {
  constructor(private readonly db: IDBDatabase) {
    // Another tab upgrading the database: step aside (this tab stops keeping things).
    db.onversionchange = () => db.close();
  }

  private tx(mode: IDBTransactionMode): IDBTransaction | StorageFailure {
    try {
      return this.db.transaction(STORE_NAME, mode);
    } catch (err) {
      return problemOf(err);
    }
  }

  async get(key: string): Promise<StoredRecord | undefined | StorageFailure> {
    const tx = this.tx('readonly');
    if (isFailure(tx)) return tx;
    try {
      return (await request(tx.objectStore(STORE_NAME).get(key))) as StoredRecord | undefined;
    } catch (err) {
      return problemOf(err);
    }
  }

  put(key: string, value: unknown): Promise<StorageFailure | null> {
    const tx = this.tx('readwrite');
    if (isFailure(tx)) return Promise.resolve(tx);
    const record: StoredRecord = { schema: SESSION_SCHEMA, savedAt: Date.now(), value };
    try {
      tx.objectStore(STORE_NAME).put(record, key);
    } catch (err) {
      tx.abort();
      return Promise.resolve(problemOf(err));
    }
    return done(tx);
  }

  delete(key: string): Promise<StorageFailure | null> {
    const tx = this.tx('readwrite');
    if (isFailure(tx)) return Promise.resolve(tx);
    tx.objectStore(STORE_NAME).delete(key);
    return done(tx);
  }

  clear(): Promise<StorageFailure | null> {
    const tx = this.tx('readwrite');
    if (isFailure(tx)) return Promise.resolve(tx);
    tx.objectStore(STORE_NAME).clear();
    return done(tx);
  }
}

/** The same in memory: the unit tests' database, and what a failing one can be made of. */
export class MemoryStorage implements SessionStorage {
  readonly records = new Map<string, StoredRecord>();
  /** When set, every write fails with this problem. */
  failWrites: StorageFailure | null = null;

  async get(key: string): Promise<StoredRecord | undefined> {
    const r = this.records.get(key);
    return r === undefined ? undefined : structuredClone(r);
  }

  put(key: string, value: unknown): Promise<StorageFailure | null> {
    if (this.failWrites) return Promise.resolve(this.failWrites);
    this.records.set(key, { schema: SESSION_SCHEMA, savedAt: Date.now(), value: structuredClone(value) });
    return Promise.resolve(null);
  }

  async delete(key: string): Promise<StorageFailure | null> {
    this.records.delete(key);
    return null;
  }

  async clear(): Promise<StorageFailure | null> {
    this.records.clear();
    return null;
  }
}
