import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { it } from 'vitest';
import { TrainingSession } from './train/session.ts';
import type { FromWorker, ToWorker } from './train/protocol.ts';
import { rowConfigs } from './widgets/seed-experiment/rows.ts';
import { SAMPLES } from './data/samples.ts';

it('scratch', async () => {
  for (const data of (process.env.DATA ?? SAMPLES.join(',')).split(',') as typeof SAMPLES[number][]) {
    let done!: () => void; const fin = new Promise<void>((r) => (done = r));
    let summary: { columns: string[]; target: string } | null = null;
    const t0 = performance.now();
    const s = new TrainingSession((m: FromWorker) => {
      if (m.type === 'table') summary = m.summary;
      if (m.type === 'experiment') {
        const e = m.event;
        if (e.kind === 'row') console.log(data, e.key, 'rmse', e.result.model.rmse.toFixed(3), 'mse', e.result.model.mse.toFixed(4), 'pers', e.result.baseline.rmse.toFixed(3), 'spread', e.result.spread.toExponential(2), 's', (e.result.elapsedMs / 1000).toFixed(1));
        if (e.kind === 'baseline') console.log(data, 'baseline', e.baseline.rmse, e.baseline.mse);
        if (e.kind === 'row-error') console.log('ERR', JSON.stringify(e));
        if (e.kind === 'done') done();
      }
    }, { fetchBundled: async (p) => new Uint8Array(readFileSync(resolve('public', p))) });
    const send = (m: ToWorker) => s.handle(m);
    await send({ type: 'init', backend: 'cpu' });
    await send({ type: 'load-sample', sample: data, lag: 20, pageUrl: 'x' });
    const rows = rowConfigs(data, 20, summary!.columns, summary!.target, Number(process.env.EP ?? 200));
    await send({ type: 'experiment', runId: 1, rows });
    await fin;
    console.log(data, 'total s', ((performance.now() - t0) / 1000).toFixed(1));
  }
}, 1200000);
