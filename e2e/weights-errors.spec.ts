// Every kind of bad weights file gets its message, in English and in Chinese
// ([data-testid=weights-error], relabelled on a language switch), and the
// model already loaded stays exactly as it was.
import { weightsErrorMessage } from '../src/i18n/weights-errors.ts';
import type { WeightsProblem } from '../src/train/weights-file.ts';
import { expect, test } from './page-watch.ts';
import { YAHOO, exportWeights, openTrainer, setNumber, trainToDone } from './care-helpers.ts';

type Json = Record<string, unknown> & { params: Record<string, number[]>; config: Record<string, unknown> };

function badFiles(good: Json): { name: string; text: string; problem: WeightsProblem }[] {
  const text = JSON.stringify(good);
  const edit = (f: (j: Json) => void) => {
    const j = JSON.parse(text) as Json;
    f(j);
    return JSON.stringify(j);
  };
  const firstW = `"W":[${good.params.W[0]}`;
  return [
    { name: 'not JSON', text: 'Date,Close\n2020-01-01,1\n', problem: { kind: 'not-json' } },
    { name: 'cut short', text: text.slice(0, Math.floor(text.length / 2)), problem: { kind: 'truncated' } },
    { name: 'someone else’s JSON', text: '{"model": "mine", "weights": [1, 2, 3]}', problem: { kind: 'not-ours' } },
    { name: 'another version', text: edit((j) => (j.version = 2)), problem: { kind: 'version', version: '2' } },
    { name: 'a setting out of range', text: edit((j) => (j.config.lr = -1)), problem: { kind: 'setting', field: 'lr' } },
    { name: 'the wrong shape', text: edit((j) => j.params.W.pop()), problem: { kind: 'shape', part: 'W' } },
    { name: 'NaN (as Python writes it)', text: text.replace(firstW, '"W":[NaN'), problem: { kind: 'non-finite', part: 'JSON' } },
    { name: 'Infinity (an overflowing literal)', text: text.replace(firstW, '"W":[1e999'), problem: { kind: 'non-finite', part: 'W' } },
    { name: 'null (NaN through JSON.stringify)', text: edit((j) => ((j.params.U as unknown[])[0] = null)), problem: { kind: 'non-finite', part: 'U' } },
    { name: 'columns the data lacks', text: edit((j) => ((j.config.target = 'Nope'), (j.config.features = ['Nope']))), problem: { kind: 'columns', columns: 'Nope, Nope' } },
  ];
}

test('every bad weights file shows its message in both languages and keeps the loaded model', async ({ page, watch }) => {
  test.setTimeout(240_000);
  await openTrainer(page, 'lang=en&backend=wasm');
  await page.setInputFiles('[data-testid=csv-input]', YAHOO);
  await expect(page.locator('[data-testid=dataset-summary]')).toHaveAttribute('data-rows', '298');
  await setNumber(page, 'hidden', 10);
  await setNumber(page, 'epochs', 3);
  await trainToDone(page, 3);
  const good = (await exportWeights(page)) as unknown as Json;
  const rmse = await page.locator('[data-metric=rmse]').getAttribute('data-model');
  const error = page.locator('[data-testid=weights-error]');
  const status = page.locator('[data-testid=trainer-status]');
  for (const lang of ['en', 'zh'] as const) {
    if (lang === 'zh') {
      // The message on screen follows a language switch.
      await page.click('[data-lang=zh]');
      await expect(error).toHaveText(weightsErrorMessage(badFiles(good).at(-1)!.problem, 'zh'));
    }
    for (const bad of badFiles(good)) {
      await page.setInputFiles('[data-testid=weights-input]', { name: 'weights.json', mimeType: 'application/json', buffer: Buffer.from(bad.text) });
      await expect(error, bad.name).toHaveAttribute('data-error', bad.problem.kind);
      await expect(error, `${bad.name} (${lang})`).toHaveText(weightsErrorMessage(bad.problem, lang));
      await expect(status).toHaveAttribute('data-epoch', '3');
      await expect(page.locator('[data-testid=hidden]')).toHaveValue('10');
    }
  }
  // The model is the one trained above, untouched.
  expect((await exportWeights(page)).params).toEqual(good.params);
  await expect(page.locator('[data-metric=rmse]')).toHaveAttribute('data-model', rmse!);
  // A good file clears the message.
  await page.setInputFiles('[data-testid=weights-input]', { name: 'weights.json', mimeType: 'application/json', buffer: Buffer.from(JSON.stringify(good)) });
  await expect(error).toBeHidden();
  expect(watch.consoleErrors).toEqual([]);
});
