// A 400,000-row file exports without freezing the page: the worker builds the
// record and renders the script and notebook in one linear pass. Times are
// printed, not asserted (performance is measured by npm run bench); what is
// checked is the shape of the work: above EMBED_LIMIT the rows stay out of
// the file, and when embedded the output grows linearly with the rows.
import { describe, expect, it } from 'vitest';
import { parseCsv, type Table } from '../data/csv.ts';
import { renderNotebook } from './notebook.ts';
import { EMBED_LIMIT } from './run-record.ts';
import { renderScript } from './script.ts';
import { presetConfig, untrainedRecord } from './test-runs.ts';

function minuteFile(rows: number): Uint8Array {
  const lines = ['time,close,volume'];
  const start = Date.UTC(2020, 0, 1);
  for (let i = 0; i < rows; i++) {
    const t = new Date(start + i * 60_000).toISOString();
    lines.push(`${t.slice(0, 10)} ${t.slice(11, 16)},${(100 + 10 * Math.sin(i / 500) + (i % 7) / 10).toFixed(2)},${1000 + (i % 97)}`);
  }
  return new TextEncoder().encode(lines.join('\n'));
}

function timed<T>(f: () => T): [T, number] {
  const t0 = performance.now();
  const v = f();
  return [v, performance.now() - t0];
}

function exportBoth(table: Table, embedLimit?: number) {
  const config = presetConfig(table, 'seed', { epochs: 5 });
  const [record, recordMs] = timed(() => untrainedRecord(table, config, { source: 'minutes.csv', embedLimit }));
  const [script, scriptMs] = timed(() => renderScript(record));
  const [notebook, notebookMs] = timed(() => renderNotebook(record));
  return { record, script, notebook, ms: recordMs + scriptMs + notebookMs, recordMs, scriptMs, notebookMs };
}

describe('a 400,000-row table', () => {
  const [parsed, parseMs] = timed(() => parseCsv(minuteFile(400_000)));
  if (!parsed.ok) throw new Error(parsed.error.kind);
  const table = parsed.table;

  it('exports at once, reading the file back instead of embedding it', () => {
    const e = exportBoth(table);
    console.log(
      `400k rows: parse ${parseMs.toFixed(0)} ms (the page's own load); export: record ${e.recordMs.toFixed(1)} ms, script ${e.scriptMs.toFixed(1)} ms, ` +
        `notebook ${e.notebookMs.toFixed(1)} ms; script ${(e.script.length / 1024).toFixed(0)} KiB`,
    );
    expect(table.rows).toBe(400_000);
    expect(table.rows * 3).toBeGreaterThan(EMBED_LIMIT);
    expect(e.record.data.values).toBeNull();
    expect(e.script).toContain('CSV_PATH = "minutes.csv"');
    expect(e.script.length).toBeLessThan(200_000);
  });

  it('embedded on request, the output grows linearly with the rows', () => {
    const sizes = [100_000, 200_000, 400_000].map((n) => {
      const part = n === table.rows ? table : { ...table, rows: n, values: Object.fromEntries(table.columns.map((c) => [c, table.values[c].subarray(0, n)])), dates: table.dates!.slice(0, n) };
      const e = exportBoth(part, Infinity);
      console.log(`embedded ${n} rows: ${e.ms.toFixed(0)} ms, script ${(e.script.length / 1048576).toFixed(1)} MiB, notebook ${(e.notebook.length / 1048576).toFixed(1)} MiB`);
      return e.script.length;
    });
    const perRow = sizes.map((s, i) => s / [100_000, 200_000, 400_000][i]);
    expect(Math.max(...perRow) / Math.min(...perRow)).toBeLessThan(1.1);
  });
});
