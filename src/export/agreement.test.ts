import '@tensorflow/tfjs-backend-cpu';
// Numbers agree: runs trained in Node by the page's own Trainer (tfjs cpu
// backend), exported, and rerun by /usr/bin/python3 with PyTorch. The final
// test MSE within 1 %, every epoch's training loss within 1e-3 relative, and
// the last line's metrics beside the page's. Skipped without torch, a
// failure without it when REQUIRE_TORCH=1.
import * as tf from '@tensorflow/tfjs-core';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { FLOAT32_FLOOR, FLOAT32_TOLERANCE } from '../checks/compare.ts';
import type { TrainConfig } from '../train/config.ts';
import { defectFields } from '../train/config.ts';
import { renderNotebook } from './notebook.ts';
import { renderScript, SCRIPT_NAME } from './script.ts';
import { CSV_DIR, csvTable, presetConfig, sp500Table, trainOnPage, type PageRun, type RunOptions } from './test-runs.ts';
import { parseScriptOutput, runPython, runScript, tempDir, torchOrSkip, type ScriptOutput } from './test-python.ts';

const HAS_TORCH = torchOrSkip();
const YAHOO = 'yahoo-daily.csv';

beforeAll(async () => {
  await tf.setBackend('cpu');
  await tf.ready();
});

const rel = (a: number, b: number) => Math.abs(a - b) / Math.max(Math.abs(b), 1e-12);

/** Largest relative difference between the page's and the script's training loss over the printed epochs. */
function lossAgreement(run: PageRun, out: ScriptOutput): number {
  let worst = 0;
  for (const [epoch, loss] of out.trainLoss) worst = Math.max(worst, rel(loss, run.losses[epoch - 1]));
  return worst;
}

function expectAgreement(name: string, run: PageRun, out: ScriptOutput): void {
  const { model, baseline } = run.snapshot;
  const m = out.metrics;
  const lossErr = lossAgreement(run, out);
  console.log(
    `${name}: test MSE page ${model.mse.toPrecision(8)} script ${m.test_mse.toPrecision(8)} (rel ${rel(m.test_mse, model.mse).toExponential(2)}); ` +
      `per-epoch train loss max rel ${lossErr.toExponential(2)} over ${out.trainLoss.size} epochs`,
  );
  expect(out.trainLoss.size, 'every epoch printed').toBe(run.record.epochs - run.record.start.epoch);
  expect(rel(m.test_mse, model.mse), 'test MSE').toBeLessThan(0.01);
  expect(rel(m.test_rmse, model.rmse), 'test RMSE').toBeLessThan(0.01);
  expect(rel(m.test_mae, model.mae), 'test MAE').toBeLessThan(0.01);
  expect(rel(m.persistence_mse, baseline.mse), 'persistence MSE').toBeLessThan(1e-9);
  expect(rel(m.persistence_rmse, baseline.rmse), 'persistence RMSE').toBeLessThan(1e-9);
  expect(lossErr, 'per-epoch training losses').toBeLessThan(1e-3);
  expectSameNextStep(name, run, out);
}

/** The script's forecast for the step after the data is the page's step 1 ([data-testid=forecast-ahead] data-model), to float32 tolerance. */
function expectSameNextStep(name: string, run: PageRun, out: ScriptOutput): void {
  const page = run.ahead.steps[0];
  expect(out.next, 'the line before the last is the next-step forecast').not.toBeNull();
  const next = out.next!;
  // The model's move from the last value, judged on at least a thousandth of the price (the field-scaled rule of checks/compare.ts).
  const move = page.model - page.persistence;
  const moveRel = Math.abs(next.model - page.model) / Math.max(Math.abs(move), FLOAT32_FLOOR * Math.abs(page.persistence));
  console.log(`${name}: next step ${page.date} page ${page.model} script ${next.model} (rel ${rel(next.model, page.model).toExponential(2)}; of the move from the last value ${moveRel.toExponential(2)})`);
  expect(next.date).toBe(page.date);
  expect(next.persistence).toBe(page.persistence);
  expect(rel(next.model, page.model), 'next-step forecast').toBeLessThan(FLOAT32_TOLERANCE);
  expect(moveRel, 'its move from the last value').toBeLessThan(FLOAT32_TOLERANCE);
}

async function exportAndRun(name: string, config: TrainConfig, opts: RunOptions & { table?: ReturnType<typeof csvTable>; args?: string[] } = {}) {
  const table = opts.table ?? csvTable(YAHOO);
  const run = await trainOnPage(table, config, { source: YAHOO, ...opts });
  const dir = tempDir('unrolled-export-');
  const stdout = runScript(dir, SCRIPT_NAME, renderScript(run.record), [...(opts.args ?? []), '--print-every', '1']);
  const out = parseScriptOutput(stdout);
  expectAgreement(name, run, out);
  return { run, out, dir };
}

describe.skipIf(!HAS_TORCH)('the exported script reproduces the page run', () => {
  it('seed preset (SGD + momentum, full batch, H = 50), 200 of its 2000 epochs', async () => {
    const { run } = await exportAndRun('seed', presetConfig(csvTable(YAHOO), 'seed', { epochs: 200 }));
    expect(run.record.batch).toBe(0);
    expect(run.record.schedule).toHaveLength(1);
  });

  it('fast preset (Adam, mini-batches of 64 in the seeded order, clipping, daily change) on the S&P 500 sample', async () => {
    const table = sp500Table();
    const { run } = await exportAndRun('fast', presetConfig(table, 'fast'), { table, source: 'sp500' });
    expect(run.record.windows.train).toBeGreaterThan(64 * 10);
  });

  for (const defect of ['broadcast', 'tanh', 'scaling'] as const) {
    it(`the seed's ${defect} defect switched on`, async () => {
      const config = presetConfig(csvTable(YAHOO), 'seed', { epochs: 60, ...defectFields(defect) });
      const { run } = await exportAndRun(`defect ${defect}`, config);
      expect(run.record.defects).toEqual([defect]);
    });
  }

  it('gated cells: an LSTM (forget-gate bias 1, orthogonal gate blocks) and a GRU, fast preset', async () => {
    const lstm = await exportAndRun('lstm', presetConfig(csvTable(YAHOO), 'fast', { cell: 'lstm', init: 'orthogonal', forgetBias: 1, epochs: 8 }));
    expect(lstm.run.record.model.cell).toBe('lstm');
    expect(lstm.run.record.init).toEqual({ scheme: 'orthogonal', forgetBias: 1 });
    const gru = await exportAndRun('gru', presetConfig(csvTable(YAHOO), 'fast', { cell: 'gru', epochs: 6 }));
    expect(gru.run.record.model.cell).toBe('gru');
  });

  it('truncated BPTT: the simple cell (K = 3 of T = 7, full batch, IRNN start with ReLU) and the LSTM (K = 2, mini-batches)', async () => {
    const simple = presetConfig(csvTable(YAHOO), 'seed', { truncate: 3, init: 'identity', activation: 'relu', lr: 0.01, epochs: 40 });
    const { run } = await exportAndRun('truncated rnn', simple);
    expect([run.record.truncate, run.record.init.scheme]).toEqual([3, 'identity']);
    const lstm = await exportAndRun('truncated lstm', presetConfig(csvTable(YAHOO), 'fast', { cell: 'lstm', truncate: 2, epochs: 6 }));
    expect(lstm.run.record.truncate).toBe(2);
  });

  it('a learning-rate change in the middle of the run', async () => {
    const config = presetConfig(csvTable(YAHOO), 'seed', { epochs: 40 });
    const { run } = await exportAndRun('lr change', config, {
      midway: { at: 15, act: (t) => t.setLive({ optimizer: 'sgd', lr: 0.03, momentum: 0.5, clip: 0.5, epochs: 15 }) },
    });
    expect(run.record.schedule.map((s) => [s.from, s.lr, s.fresh])).toEqual([[0, 0.1, true], [15, 0.03, false]]);
  });

  it("Adam's learning rate lowered mid-run (its moments kept), and SGD switched to Adam (a fresh optimiser)", async () => {
    const fast = presetConfig(csvTable(YAHOO), 'fast', { epochs: 10 });
    const { run } = await exportAndRun('adam lr change', fast, { midway: { at: 4, act: (t) => t.setLive({ ...fast, lr: 0.003, epochs: 4 }) } });
    expect(run.record.schedule.map((s) => [s.from, s.optimizer, s.lr, s.fresh])).toEqual([[0, 'adam', 0.01, true], [4, 'adam', 0.003, false]]);
    const seed = presetConfig(csvTable(YAHOO), 'seed', { epochs: 20 });
    const switched = await exportAndRun('sgd → adam', seed, { midway: { at: 8, act: (t) => t.setLive({ optimizer: 'adam', lr: 0.01, momentum: 0.9, clip: 0, epochs: 8 }) } });
    expect(switched.run.record.schedule.map((s) => [s.from, s.optimizer, s.fresh])).toEqual([[0, 'sgd', true], [8, 'adam', true]]);
  });

  it('weights put in place mid-run (as a loaded file or a backend switch does) restart from there', async () => {
    const config = presetConfig(csvTable(YAHOO), 'fast', { epochs: 12 });
    const { run, out } = await exportAndRun('loaded', config, {
      midway: { at: 5, act: async (t) => t.loadParams(await t.readParams(), 5) },
    });
    expect(run.record.start).toEqual({ epoch: 5, cause: 'loaded' });
    expect([...out.trainLoss.keys()][0]).toBe(6);
  });

  it('a file above the embedding limit is read back from disk by the page\'s rules, and a different file is refused', async () => {
    const config = presetConfig(csvTable(YAHOO), 'fast', { epochs: 6 });
    const { run, dir } = await exportAndRun('csv file', config, { embedLimit: 0, args: [resolve(CSV_DIR, YAHOO)] });
    expect(run.record.data.values).toBeNull();
    const other = join(dir, 'other.csv');
    const lines = readFileSync(resolve(CSV_DIR, YAHOO), 'utf8').split('\n');
    writeFileSync(other, [...lines.slice(0, 5), ...lines.slice(25)].join('\n'));
    const refused = runPython([join(dir, SCRIPT_NAME), other], { cwd: dir });
    expect(refused.status).not.toBe(0);
    expect(refused.stderr).toMatch(/rows of .*yahoo-daily\.csv|differ/);
  });

  it('the notebook (in Chinese) runs cell by cell to the same numbers', async () => {
    const config = presetConfig(csvTable(YAHOO), 'fast', { epochs: 8 });
    const run = await trainOnPage(csvTable(YAHOO), config, { source: YAHOO, lang: 'zh' });
    const dir = tempDir('unrolled-notebook-');
    writeFileSync(join(dir, 'nb.ipynb'), renderNotebook(run.record));
    const runner = 'import json, sys\nnb = json.load(open(sys.argv[1], encoding="utf-8"))\nscope = {"__name__": "__main__"}\nfor cell in nb["cells"]:\n    if cell["cell_type"] == "code":\n        exec("".join(cell["source"]), scope)\n';
    const r = runPython(['-c', runner, join(dir, 'nb.ipynb')], { cwd: dir });
    expect(r.status, r.stderr).toBe(0);
    // The plot cell prints its note last when matplotlib is missing; the metrics line comes just before.
    const lines = r.stdout.trimEnd().split('\n');
    const at = lines.findIndex((l) => l.startsWith('test_mse='));
    const out = parseScriptOutput(lines.slice(0, at + 1).join('\n'));
    expectAgreement('notebook', run, out);
  });
});
