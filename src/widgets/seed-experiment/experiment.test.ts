// The seed-experiment table's numbers, computed the way the page computes
// them: the rows' configurations (rows.ts, the trainer's own preset links)
// sent as an `experiment` message to the training worker's session, which
// trains each by the trainer's code path on the tfjs cpu backend. The code as
// published must give the flat line (forecast spread under 1 % of the
// targets') on every bundled series at the table's epoch budget.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SAMPLES, type SampleName } from '../../data/samples.ts';
import type { ExperimentEvent } from '../../train/experiment.ts';
import type { FromWorker, TableSummary } from '../../train/protocol.ts';
import { TrainingSession } from '../../train/session.ts';
import { DEFAULT_EPOCHS, EXPERIMENT_ROWS, FLAT_SPREAD, rowConfigs } from './rows.ts';

const ROOT = resolve(import.meta.dirname, '../../..');

/** A worker session fed the page's messages; resolves with the events of one experiment run. */
async function runTable(sample: SampleName, epochs: number, keys?: readonly string[]): Promise<ExperimentEvent[]> {
  const events: ExperimentEvent[] = [];
  let summary: TableSummary | null = null;
  let finish!: () => void;
  const done = new Promise<void>((r) => (finish = r));
  const session = new TrainingSession(
    (m: FromWorker) => {
      if (m.type === 'table') summary = m.summary;
      if (m.type === 'experiment' && m.runId === 1) {
        events.push(m.event);
        if (m.event.kind === 'done') finish();
      }
    },
    { fetchBundled: async (path) => new Uint8Array(readFileSync(resolve(ROOT, 'public', path))) },
  );
  await session.handle({ type: 'init', backend: 'cpu' });
  await session.handle({ type: 'load-sample', sample, lag: 20, pageUrl: 'http://localhost/' });
  const s = summary as TableSummary | null;
  if (!s) throw new Error('no table');
  const rows = rowConfigs(sample, 20, s.columns, s.target, epochs).filter((r) => !keys || keys.includes(r.key));
  await session.handle({ type: 'experiment', runId: 1, rows });
  await done;
  return events;
}

const rowOf = (events: ExperimentEvent[], key: string) => {
  const e = events.find((x): x is Extract<ExperimentEvent, { kind: 'row' }> => x.kind === 'row' && x.key === key);
  if (!e) throw new Error(`no result for ${key}: ${JSON.stringify(events.filter((x) => x.kind === 'row-error'))}`);
  return e.result;
};

describe('the seed-experiment table', () => {
  for (const sample of SAMPLES) {
    it(`as published, the article's code forecasts a flat line on ${sample} (spread < 1 % of the targets') at ${DEFAULT_EPOCHS} epochs`, { timeout: 300_000 }, async () => {
      const events = await runTable(sample, DEFAULT_EPOCHS, ['as-written']);
      const r = rowOf(events, 'as-written');
      expect(r.epochs).toBe(DEFAULT_EPOCHS);
      expect(r.diverged).toBeNull();
      expect(FLAT_SPREAD).toBe(0.01);
      expect(r.spread).toBeLessThan(FLAT_SPREAD);
      expect(r.spread).toBeGreaterThanOrEqual(0);
    });
  }

  it('reports persistence first, then every row in order with progress, then done', { timeout: 120_000 }, async () => {
    const events = await runTable('seasonal', 20);
    expect(events[0].kind).toBe('baseline');
    expect(events.at(-1)!.kind).toBe('done');
    const finished = events.filter((e) => e.kind === 'row').map((e) => (e as { key: string }).key);
    expect(finished).toEqual(EXPERIMENT_ROWS.map((r) => r.key));
    expect(events.filter((e) => e.kind === 'progress').length).toBeGreaterThanOrEqual(EXPERIMENT_ROWS.length);
    // Persistence on the training statistics, as the trainer's metrics table reports it.
    const base = events[0] as Extract<ExperimentEvent, { kind: 'baseline' }>;
    expect(rowOf(events, 'fixed').baseline).toEqual(base.baseline);
    expect(base.spread).toBeGreaterThan(0.9);
    // Fixed, the network learns the seasonal signal: a real spread, and far better than the flat line.
    expect(rowOf(events, 'fixed').spread).toBeGreaterThan(0.5);
    expect(rowOf(events, 'fixed').model.rmse).toBeLessThan(rowOf(events, 'as-written').model.rmse / 2);
  });

  it("the text states the table's epoch budget, in both languages", () => {
    expect(readFileSync(resolve(ROOT, 'content/en/06-practice.md'), 'utf8')).toContain(`Each row trains for ${DEFAULT_EPOCHS} epochs`);
    expect(readFileSync(resolve(ROOT, 'content/zh/06-practice.md'), 'utf8')).toContain(`每行训练 ${DEFAULT_EPOCHS} 轮`);
  });
});
