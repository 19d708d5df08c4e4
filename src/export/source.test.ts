// The generated source, read as text: it parses (ast.parse, where a Python 3
// is installed; structural checks in any case), names every setting with the
// record's value, writes each defect the way the article did only when it is
// on, embeds the rows and weights exactly, keeps the reader's text inside
// string literals, and the notebook is well-formed nbformat 4.4.
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { tableFromColumns } from '../data/table.ts';
import { createRng } from '../model/random.ts';
import { defectFields, type DefectName } from '../train/config.ts';
import { NOTEBOOK_NAME, renderNotebook } from './notebook.ts';
import type { GatedWeights, RunRecord } from './run-record.ts';
import { renderScript, SCRIPT_NAME } from './script.ts';
import { PYTHON, pythonHas, runPython, tempDir } from './test-python.ts';
import { csvTable, presetConfig, untrainedRecord } from './test-runs.ts';

const HAS_PYTHON = pythonHas('ast');
if (!HAS_PYTHON) console.warn(`no Python 3 at ${PYTHON}: checking the generated source by structure only`);

function yahooRecord(preset: 'seed' | 'fast', extra: Parameters<typeof presetConfig>[2] = {}, opts: Parameters<typeof untrainedRecord>[2] = {}): RunRecord {
  const table = csvTable('yahoo-daily.csv');
  return untrainedRecord(table, presetConfig(table, preset, extra), { source: 'yahoo-daily.csv', ...opts });
}

function gated(record: RunRecord, cell: 'lstm' | 'gru'): RunRecord {
  const G = cell === 'lstm' ? 4 : 3;
  const { hidden: H, inputs: F } = record.model;
  const rng = createRng(3);
  const draw = (n: number) => Float64Array.from({ length: n }, () => Math.fround(rng.uniform() - 0.5));
  const weights: GatedWeights = { cell, weightIh: draw(G * H * F), weightHh: draw(G * H * H), biasIh: draw(G * H), biasHh: draw(G * H), V: draw(H), c: draw(1) };
  return { ...record, model: { ...record.model, cell }, weights };
}

interface Case {
  name: string;
  record: RunRecord;
}

const CASES: Case[] = [
  { name: 'seed preset, en', record: yahooRecord('seed') },
  { name: 'fast preset, zh', record: yahooRecord('fast', {}, { lang: 'zh' }) },
  ...(['broadcast', 'tanh', 'scaling'] as DefectName[]).map((d) => ({ name: `defect ${d}`, record: yahooRecord('seed', defectFields(d)) })),
  { name: 'relu, logret', record: yahooRecord('fast', { activation: 'relu', transform: 'logret' }) },
  { name: 'linear σ (written-out recurrence)', record: yahooRecord('seed', { activation: 'linear' }) },
  { name: 'read from the CSV file, zh', record: yahooRecord('fast', {}, { embedLimit: 0, lang: 'zh' }) },
  { name: 'lstm', record: gated(yahooRecord('fast'), 'lstm') },
  { name: 'gru', record: gated(yahooRecord('fast'), 'gru') },
  {
    name: 'knobs changed mid-run',
    record: {
      ...yahooRecord('seed', { epochs: 50 }),
      schedule: [
        { from: 0, optimizer: 'sgd', lr: 0.1, momentum: 0.9, clip: 0, fresh: true },
        { from: 20, optimizer: 'adam', lr: 0.01, momentum: 0.9, clip: 1, fresh: true },
      ],
    },
  },
];

function codeCells(notebookText: string): string {
  const nb = JSON.parse(notebookText) as { cells: { cell_type: string; source: string[] }[] };
  return nb.cells.filter((c) => c.cell_type === 'code').map((c) => c.source.join('')).join('\n\n');
}

function expectParses(name: string, source: string): void {
  if (!HAS_PYTHON) return;
  const dir = tempDir('unrolled-ast-');
  const path = join(dir, name);
  writeFileSync(path, source);
  const r = runPython(['-c', 'import ast, sys; ast.parse(open(sys.argv[1], encoding="utf-8").read())', path]);
  expect(r.status, r.stderr).toBe(0);
}

/** The settings block, as the record says it must read (written here independently of py-settings.ts). */
function expectedSettings(r: RunRecord): Record<string, string> {
  const s = r.schedule[0];
  const str = JSON.stringify;
  return {
    SOURCE: str(r.data.source),
    TARGET: str(r.dataset.target),
    FEATURES: `[${r.dataset.features.map((f) => str(f)).join(', ')}]`,
    WINDOW: String(r.dataset.window),
    HORIZON: String(r.dataset.horizon),
    TRANSFORM: str(r.dataset.transform),
    TRAIN_FRACTION: String(r.dataset.trainFraction),
    CELL: str(r.model.cell),
    HIDDEN: String(r.model.hidden),
    ACTIVATION: str(r.model.activation),
    OPTIMIZER: str(s.optimizer),
    LR: String(s.lr),
    MOMENTUM: String(s.momentum),
    CLIP: String(s.clip),
    BATCH: String(r.batch),
    SEED: String(r.seed),
    START_EPOCH: String(r.start.epoch),
    EPOCHS: String(r.epochs),
    ADAM_BETAS: `(${r.adam.beta1}, ${r.adam.beta2})`,
    ADAM_EPS: String(r.adam.epsilon),
    DEFECTS: `[${r.defects.map((d) => str(d)).join(', ')}]`,
    TRAIN_WINDOWS: String(r.windows.train),
    TEST_WINDOWS: String(r.windows.test),
  };
}

describe('the generated script', () => {
  for (const { name, record } of CASES) {
    it(`${name}: parses, names every setting, ends on the metrics line`, () => {
      const py = renderScript(record);
      expectParses(SCRIPT_NAME, py);
      for (const [key, value] of Object.entries(expectedSettings(record))) {
        expect(py, key).toMatch(new RegExp(`^${key} = ${value.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(\\s+#.*)?$`, 'm'));
      }
      expect(py).toContain('print("test_mse={!r} test_rmse={!r} test_mae={!r} persistence_mse={!r} persistence_rmse={!r}".format(');
      expect(py.trimEnd().endsWith('if __name__ == "__main__":\n    main()')).toBe(true);
      expect(py).toContain(record.model.cell === 'rnn' ? (record.model.activation === 'linear' ? 'LinearRNN(' : 'nn.RNN(') : `nn.${record.model.cell.toUpperCase()}(`);
      if (record.schedule.length > 1) expect(py).toMatch(/^CHANGES = \{/m);
      expect(py.includes('# 缺陷') || py.includes('# DEFECT')).toBe(record.defects.length > 0);
    });
  }

  it('writes each defect the way the article did, with a comment, only when it is on', () => {
    const broadcast = renderScript(yahooRecord('seed', defectFields('broadcast')));
    expect(broadcast).toContain('return criterion(output, y.view(-1))');
    expect(broadcast).toMatch(/# DEFECT 1 \(switched on, as the article wrote it\).*\n.*N×N/);
    const tanh = renderScript(yahooRecord('seed', defectFields('tanh')));
    expect(tanh).toContain('return torch.tanh(o)');
    expect(tanh).toContain('# DEFECT 2');
    const scaling = renderScript(yahooRecord('seed', defectFields('scaling')));
    expect(scaling).toContain('test_scaler = fit_scaler(inputs, y_all, cut, R, max(cut, y_first), R)');
    expect(scaling).toContain('# DEFECT 3');
    const fixed = renderScript(yahooRecord('seed'));
    expect(fixed).toContain('return criterion(output, y)\n');
    expect(fixed).toContain('test_scaler = scaler\n');
    expect(fixed).not.toContain('torch.tanh(o)');
    expect(renderScript(yahooRecord('seed', defectFields('broadcast'), { lang: 'zh' }))).toContain('# 缺陷 1（已打开，照原文的写法）');
  });

  it('embeds every row and the initial weights exactly', () => {
    const record = yahooRecord('seed');
    const py = renderScript(record);
    const block = /ROWS = """\\\n([\s\S]*?)\n"""/.exec(py)![1].split('\n');
    expect(block).toHaveLength(record.data.fingerprint.rows);
    record.data.columns.forEach((_, j) => {
      const column = block.map((line) => Number(line.split(',')[1 + j]));
      expect(column).toEqual(Array.from(record.data.values![j]));
    });
    expect(block[0].split(',')[0]).toBe(record.data.dates![0]);
    const w = /"W": \[([^\]]*)\]/.exec(py)![1].split(',').map((s) => s.trim()).filter(Boolean).map(Number);
    const want = record.weights.cell === 'rnn' ? record.weights.W : new Float64Array();
    expect(w.map((v) => Math.fround(v))).toEqual(Array.from(want));
  });

  it("keeps the reader's text (column and file names) inside string literals", () => {
    const evil = 'x"""\nimport os; os.system("echo owned") #\r\u2028';
    const table = tableFromColumns({ columns: { [evil]: Float64Array.from({ length: 60 }, (_, i) => 100 + Math.sin(i)) }, target: evil });
    const record = untrainedRecord(table, presetConfig(table, 'fast', { epochs: 2 }), { source: `${evil}.csv` });
    const py = renderScript(record);
    expectParses('evil.py', py);
    expect(py).not.toMatch(/^\s*import os/m);
    const nb = renderNotebook(record);
    expectParses('evil-cells.py', codeCells(nb));
    const markdown = (JSON.parse(nb) as { cells: { cell_type: string; source: string[] }[] }).cells.filter((c) => c.cell_type === 'markdown');
    for (const c of markdown) expect(c.source.join('')).not.toContain('os.system');
  });
});

describe('the generated notebook', () => {
  for (const { name, record } of CASES) {
    it(`${name}: nbformat 4.4 structure, Markdown in the reader's language, code that parses`, () => {
      const text = renderNotebook(record);
      const nb = JSON.parse(text);
      expect(nb.nbformat).toBe(4);
      expect(nb.nbformat_minor).toBe(4);
      expect(nb.metadata.kernelspec).toMatchObject({ name: 'python3', language: 'python' });
      expect(Array.isArray(nb.cells)).toBe(true);
      for (const cell of nb.cells) {
        expect(Object.keys(cell).sort()).toEqual(cell.cell_type === 'code' ? ['cell_type', 'execution_count', 'metadata', 'outputs', 'source'] : ['cell_type', 'metadata', 'source']);
        expect(cell.metadata).toEqual({});
        expect(cell.source.every((l: unknown) => typeof l === 'string')).toBe(true);
        cell.source.slice(0, -1).forEach((l: string) => expect(l.endsWith('\n')).toBe(true));
        if (cell.cell_type === 'code') {
          expect(cell.execution_count).toBeNull();
          expect(cell.outputs).toEqual([]);
        }
      }
      const md = nb.cells.filter((c: { cell_type: string }) => c.cell_type === 'markdown').map((c: { source: string[] }) => c.source.join('')).join('\n');
      expect(/[\u4e00-\u9fff]/.test(md)).toBe(record.lang === 'zh');
      const cells = codeCells(text);
      expect(cells).toContain('import matplotlib.pyplot as plt');
      expect(cells).toContain('pred_price = report(model, test_split)');
      expectParses(`${NOTEBOOK_NAME}.py`, cells);
      if (HAS_PYTHON && pythonHas('nbformat')) {
        const dir = tempDir('unrolled-nb-');
        writeFileSync(join(dir, NOTEBOOK_NAME), text);
        const r = runPython(['-c', 'import nbformat, sys; nbformat.validate(nbformat.read(sys.argv[1], as_version=4))', join(dir, NOTEBOOK_NAME)]);
        expect(r.status, r.stderr).toBe(0);
      }
    });
  }
});
