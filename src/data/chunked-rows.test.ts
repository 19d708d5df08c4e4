// Splitting chunk by chunk gives exactly the rows of one papaparse pass, for
// the corpus and for random texts full of quotes, delimiters and newlines.
import { readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDataFolder } from '../checks/test-data.ts';
import { createRng } from '../model/random.ts';
import { decodeBytes } from './decode.ts';
import { chunkEnd, splitRowsChunked } from './chunked-rows.ts';
import { splitRows } from './sniff.ts';

const folder = testDataFolder('CSV_CASES', 'csv');
const corpus = (JSON.parse(readFileSync(resolve(folder, 'cases.json'), 'utf8')) as { file: string }[]).map((c) => c.file);

function same(text: string, delimiter: string, size: number): void {
  const shares: number[] = [];
  const chunked = splitRowsChunked(text, delimiter, (s) => shares.push(s), size);
  expect(chunked).toEqual(splitRows(text, delimiter));
  if (text.length > size) {
    expect(shares.length).toBeGreaterThan(0);
    expect(shares.at(-1)).toBe(1);
    for (let i = 1; i < shares.length; i++) expect(shares[i]).toBeGreaterThan(shares[i - 1]);
  }
}

describe('chunked row splitting', () => {
  it('gives the rows of one pass on every corpus file, at several chunk sizes', () => {
    for (const file of corpus) {
      const d = decodeBytes(new Uint8Array(readFileSync(resolve(folder, file))));
      if (!d.ok) continue;
      const text = d.text.replace(/\r\n?/g, '\n');
      for (const delimiter of [',', ';', '\t']) for (const size of [1, 7, 64, 1000]) same(text, delimiter, size);
    }
  });

  it('gives the rows of one pass on random quoted texts', () => {
    const rng = createRng(17);
    const pieces = ['"', '""', ',', ';', '\n', ' ', 'a', '12.5', '"x,y"', '"a\nb"', '" "', '\n\n', '  \n', 'a"b', '"a" b', '"  ,', '" \n'];
    for (let k = 0; k < 800; k++) {
      let text = '';
      const len = 1 + Math.floor(rng.uniform() * 80);
      for (let i = 0; i < len; i++) text += pieces[Math.floor(rng.uniform() * pieces.length)];
      for (const size of [1, 3, 10]) same(text, k % 2 ? ',' : ';', size);
    }
  });

  it('ends a chunk only at a newline outside quotes', () => {
    const text = 'a,"b\nc",d\ne,f\n';
    expect(chunkEnd(text, 0, 1, ',', true)).toBe(10);
    expect(chunkEnd(text, 0, 1, ',', false)).toBe(5);
    expect(chunkEnd(text, 0, 100, ',', true)).toBe(text.length);
  });

  it('small texts and callers without a progress callback take one pass', () => {
    expect(splitRowsChunked('a,b\n1,2\n', ',')).toEqual([['a', 'b'], ['1', '2']]);
  });
});
