// The fast splitter gives papaparse's rows exactly: on every file of the CSV
// corpus (those with quotes go through papaparse itself) and on seeded random
// texts built from the characters that matter (delimiters, blanks, line ends).
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testDataFolder } from '../checks/test-data.ts';
import { createRng } from '../model/random.ts';
import { decodeBytes } from './decode.ts';
import { makeBenchCsv } from './parse-bench.ts';
import { DELIMITERS, splitRows } from './sniff.ts';
import { splitRowsFast } from './split-rows.ts';

const folder = testDataFolder('CSV_CASES', 'csv');
const lf = (s: string) => s.replace(/\r\n?/g, '\n');

describe('splitRowsFast', () => {
  it('matches papaparse on the CSV corpus, every delimiter', () => {
    if (!existsSync(folder)) return;
    for (const f of readdirSync(folder).sort()) {
      if (f === 'cases.json' || f.endsWith('.md')) continue;
      const decoded = decodeBytes(new Uint8Array(readFileSync(resolve(folder, f))));
      if (!decoded.ok) continue;
      const text = lf(decoded.text);
      for (const d of DELIMITERS) expect(splitRowsFast(text, d), `${f} ${JSON.stringify(d)}`).toEqual(splitRows(text, d));
    }
  });

  it('matches papaparse on random texts without quotes', () => {
    const rng = createRng(16);
    const alphabet = [',', ';', '\t', '|', ' ', '\n', '\n\n', '\u00a0', '\u3000', '\u0001', '\uFEFF', 'a', '1', '.', '-', '收', '  \n', ',,\n'];
    for (let n = 0; n < 400; n++) {
      let text = '';
      const len = Math.floor(rng.uniform() * 60);
      for (let i = 0; i < len; i++) text += alphabet[Math.floor(rng.uniform() * alphabet.length)];
      for (const d of DELIMITERS) expect(splitRowsFast(text, d), JSON.stringify([text, d])).toEqual(splitRows(text, d));
    }
  });

  it('matches papaparse on the benchmark file', () => {
    const text = new TextDecoder().decode(makeBenchCsv(2000));
    expect(splitRowsFast(text, ',')).toEqual(splitRows(text, ','));
  });
});
