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

const CJK = /[\u3000-\u9fff\uff00-\uffef]/;

/** Lines of at most about `width` characters: at spaces, or anywhere in Chinese text. */
export function wrap(text: string, width = 96): string {
  const out: string[] = [];
  for (const para of text.split('\n')) {
    if (CJK.test(para)) {
      const chars = Array.from(para);
      const step = Math.floor(width / 2);
      for (let i = 0; i < chars.length; i += step) out.push(chars.slice(i, i + step).join(''));
      if (chars.length === 0) out.push('');
      continue;
    }
    let line = '';
    for (const word of para.split(' ')) {
      if (line && line.length + word.length + 1 > width) {
        out.push(line);
        line = word;
      } else line = line ? `${line} ${word}` : word;
    }
    out.push(line);
  }
  return out.join('\n');
}
