/// <reference lib="webworker" />
// Reads the reader's CSV file off both the page's thread and the training
// worker's: the training worker goes on with the data it has (training,
// pausing, drawing) until the new table is in. Posts the share done every
// ~100 ms, then the table packed into typed arrays (transferred) or the typed
// error. One file at a time; the page terminates this worker to cancel.
import { parseCsv } from '../data/csv.ts';
import { packTable, packedBuffers } from '../data/packed-table.ts';
import type { FromParser, ToParser } from './file-parser.ts';

declare const self: DedicatedWorkerGlobalScope;

const PROGRESS_EVERY_MS = 100;

self.onmessage = (event: MessageEvent<ToParser>) => {
  const { id, bytes, maxBytes } = event.data;
  const post = (msg: FromParser, transfer: Transferable[] = []) => self.postMessage(msg, transfer);
  const t0 = performance.now();
  let last = t0;
  const result = parseCsv(new Uint8Array(bytes), {
    maxBytes,
    onProgress(share) {
      const t = performance.now();
      if (t - last < PROGRESS_EVERY_MS) return;
      last = t;
      post({ type: 'progress', id, share, ms: t - t0 });
    },
  });
  if (!result.ok) return post({ type: 'error', id, error: result.error });
  const table = packTable(result.table);
  if (!table) throw new Error('a parsed table did not pack (dates of mixed forms)');
  post({ type: 'table', id, table, ms: performance.now() - t0 }, packedBuffers(table));
};
