// The exported model's weight layout, checked against the PyTorch reference
// fixtures (float64): the script's build_model() with a fixture's weights
// embedded must give the fixture's forecasts, loss and parameter gradients —
// nn.RNN with its second bias held at zero (tanh, relu), the written-out
// recurrence (linear σ), and nn.LSTM / nn.GRU in PyTorch's own layout.
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FLOAT32_TOLERANCE, maxFieldRelError } from '../checks/compare.ts';
import { flat } from '../checks/fixture.ts';
import { jsonFiles, testDataFolder } from '../checks/test-data.ts';
import { tableFromColumns } from '../data/table.ts';
import type { ModelWeights, RunRecord } from './run-record.ts';
import { renderScript } from './script.ts';
import { runPython, tempDir, torchOrSkip } from './test-python.ts';
import { presetConfig, untrainedRecord } from './test-runs.ts';

const HAS_TORCH = torchOrSkip();
const RNN_DIR = testDataFolder('RNN_FIXTURES', 'fixtures/rnn');
const GATED_DIR = testDataFolder('GATED_FIXTURES', 'fixtures/gated');

/* eslint-disable @typescript-eslint/no-explicit-any */
type Raw = Record<string, any>;

const f32 = (v: unknown) => Float64Array.from(flat(v as number[]), (x) => Math.fround(x));

function recordFor(fx: Raw): RunRecord {
  const { features: F, hidden: H } = fx.dims;
  const columns: Record<string, Float64Array> = {};
  for (let f = 0; f < F; f++) columns[`x${f}`] = Float64Array.from({ length: 40 }, (_, i) => i + f);
  const table = tableFromColumns({ columns, target: 'x0' });
  const cell = (fx.cell ?? 'rnn') as 'rnn' | 'lstm' | 'gru';
  const config = presetConfig(table, 'fast', { features: Object.keys(columns), hidden: H, activation: fx.activation ?? 'tanh' });
  const base = untrainedRecord(table, config);
  const p = fx.params;
  const weights: ModelWeights =
    cell === 'rnn'
      ? { cell, W: f32(p.W), U: f32(p.U), b: f32(p.b), V: f32(p.V), c: f32(p.c) }
      : { cell, weightIh: f32(p.weight_ih), weightHh: f32(p.weight_hh), biasIh: f32(p.bias_ih), biasHh: f32(p.bias_hh), V: f32(p.V), c: f32(p.c) };
  return { ...base, model: { ...base.model, cell }, weights };
}

const PROBE = String.raw`
import importlib.util, json, sys
import torch
out = []
for script, fixture in json.load(open(sys.argv[1])):
    spec = importlib.util.spec_from_file_location("experiment", script)
    m = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(m)
    fx = json.load(open(fixture))
    model = m.build_model()
    x = torch.tensor(fx["x"], dtype=torch.float32)
    y = torch.tensor(fx["y"], dtype=torch.float32).view(-1, 1)
    yhat = model(x)
    loss = torch.nn.functional.mse_loss(yhat, y)
    loss.backward()
    grads = {name: p.grad.flatten().tolist() for name, p in model.named_parameters() if p.grad is not None}
    out.append({"yhat": yhat.detach().flatten().tolist(), "loss": loss.item(), "grads": grads})
print(json.dumps(out))
`;

const NAMES: Record<string, Record<string, string>> = {
  rnn: { 'rnn.weight_hh_l0': 'W', 'rnn.weight_ih_l0': 'U', 'rnn.bias_ih_l0': 'b', 'linear.weight': 'V', 'linear.bias': 'c' },
  linear: { 'rnn.W': 'W', 'rnn.U': 'U', 'rnn.b': 'b', 'linear.weight': 'V', 'linear.bias': 'c' },
  gated: { 'rnn.weight_ih_l0': 'weight_ih', 'rnn.weight_hh_l0': 'weight_hh', 'rnn.bias_ih_l0': 'bias_ih', 'rnn.bias_hh_l0': 'bias_hh', 'linear.weight': 'V', 'linear.bias': 'c' },
};

const cases = [...jsonFiles(RNN_DIR).map((f) => resolve(RNN_DIR, f)), ...jsonFiles(GATED_DIR).map((f) => resolve(GATED_DIR, f))]
  .map((path) => ({ path, fx: JSON.parse(readFileSync(path, 'utf8')) as Raw }))
  .filter(({ fx }) => fx.mode === 'many-to-one' && fx.dims.outputs === 1);

interface Probe {
  yhat: number[];
  loss: number;
  grads: Record<string, number[]>;
}

describe.skipIf(!HAS_TORCH)("the exported model matches PyTorch's reference fixtures", () => {
  let results: Probe[] = [];

  it('builds every fixture\'s model in one Python run', () => {
    const dir = tempDir('unrolled-layout-');
    const jobs = cases.map(({ path, fx }, i) => {
      const script = join(dir, `experiment_${i}.py`);
      writeFileSync(script, renderScript(recordFor(fx)));
      return [script, path];
    });
    writeFileSync(join(dir, 'jobs.json'), JSON.stringify(jobs));
    const r = runPython(['-c', PROBE, join(dir, 'jobs.json')]);
    expect(r.status, r.stderr).toBe(0);
    results = JSON.parse(r.stdout);
    expect(results).toHaveLength(cases.length);
  });

  cases.forEach(({ fx }, i) => {
    it(`${fx.name}: forecasts, loss and gradients`, () => {
      const got = results[i];
      expect(got, 'probed').toBeDefined();
      expect(maxFieldRelError(got.yhat, flat(fx.expected.yhat))).toBeLessThan(FLOAT32_TOLERANCE);
      expect(Math.abs(got.loss - fx.expected.loss) / fx.expected.loss).toBeLessThan(FLOAT32_TOLERANCE);
      const names = fx.cell ? NAMES.gated : fx.activation === 'linear' ? NAMES.linear : NAMES.rnn;
      expect(Object.keys(got.grads).sort(), 'trained parameters').toEqual(Object.keys(names).sort());
      for (const [torchName, fixtureName] of Object.entries(names)) {
        expect(maxFieldRelError(got.grads[torchName], flat(fx.expected.grads[fixtureName])), torchName).toBeLessThan(FLOAT32_TOLERANCE);
      }
    });
  });
});
