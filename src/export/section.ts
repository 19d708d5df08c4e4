// The pieces the script and the notebook are both made of: sections of
// definitions (a title, an explanation, code) and the steps of the run.
import type { RunRecord } from './run-record.ts';

export interface Section {
  title: string;
  /** Markdown in the notebook, comment lines in the script. */
  text: string;
  code: string;
}

export interface Step {
  text: string;
  /** Statements at top level (the notebook's cell; the script's main() indents them). */
  code: string;
}

/** Rows come embedded in the source, or from the reader's file. */
export function embedsRows(r: RunRecord): boolean {
  return r.data.values !== null;
}

/** Mini-batches of the training split, or the whole split in one step. */
export function usesMiniBatches(r: RunRecord): boolean {
  return r.batch > 0 && r.batch < r.windows.train;
}

const WIDE = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/;
const TOKENS = /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]|[^\s\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]+|\s+/g;

/** Columns a string takes in a terminal: Chinese characters count two. */
export function displayWidth(s: string): number {
  let w = 0;
  for (const ch of s) w += WIDE.test(ch) ? 2 : 1;
  return w;
}

/** Lines of at most `width` columns, broken at spaces or between Chinese characters (never inside a word). */
export function wrap(text: string, width = 96): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    let line = '';
    let w = 0;
    for (const token of para.match(TOKENS) ?? []) {
      const space = /^\s/.test(token);
      const tw = displayWidth(token);
      if (w + tw > width && line.trim() !== '') {
        out.push(line.trimEnd());
        line = space ? '' : token;
        w = space ? 0 : tw;
      } else {
        line += token;
        w += tw;
      }
    }
    out.push(line.trimEnd());
  }
  return out.join('\n');
}
