// Markdown-it block rule for "predict, then check" exercises:
//
//   ::: exercise
//   The prompt: what to predict, and a preset link (#try/NAME?…) that sets
//   the widget to check it.
//   ::: answer
//   The answer, revealed on request.
//   :::
//
// renders at build time as
//
//   <aside class="exercise" data-testid="exercise" id="SLUG-ex-N">
//     <p class="exercise-title">Exercise S.N · predict, then check</p>
//     …prompt…
//     <details class="exercise-answer"><summary>Show the answer</summary>…answer…</details>
//   </aside>
//
// <details>/<summary> open and close with Enter or Space; no script needed.
import type { MarkdownIt, StateBlock } from 'markdown-it';

export type ContentLang = 'zh' | 'en';

export const EXERCISE_LABELS: Record<ContentLang, { title: string; tag: string; show: string }> = {
  en: { title: 'Exercise', tag: 'predict, then check', show: 'Show the answer' },
  zh: { title: '练习', tag: '先预测，再验证', show: '查看答案' },
};

const OPEN = /^:::\s*exercise\s*$/;
const ANSWER = /^:::\s*answer\s*$/;
const CLOSE = /^:::\s*$/;

export class ExerciseSyntaxError extends Error {}

function lineText(state: StateBlock, line: number): string {
  return state.src.slice(state.bMarks[line] + state.tShift[line], state.eMarks[line]);
}

/** Section number from a slug such as `05-vanishing-exploding` (0 when it has none). */
export function sectionNumber(slug: string): number {
  const m = /^(\d+)-/.exec(slug);
  return m ? Number(m[1]) : 0;
}

/** Install the rule; `slug` and `lang` give the exercise numbers and labels. */
export function exercises(md: MarkdownIt, slug: string, lang: ContentLang): void {
  md.block.ruler.before(
    'paragraph',
    'exercise',
    (state: StateBlock, startLine: number, endLine: number, silent: boolean) => {
      if (state.sCount[startLine] - state.blkIndent >= 4) return false;
      if (!OPEN.test(lineText(state, startLine))) return false;
      let answer = -1;
      let close = -1;
      for (let line = startLine + 1; line < endLine; line++) {
        if (state.sCount[line] !== state.blkIndent) continue;
        const text = lineText(state, line);
        if (OPEN.test(text)) throw new ExerciseSyntaxError(`exercise at line ${startLine + 1} contains another exercise`);
        if (ANSWER.test(text)) {
          if (answer >= 0) throw new ExerciseSyntaxError(`exercise at line ${startLine + 1} has two answers`);
          answer = line;
        } else if (CLOSE.test(text)) {
          close = line;
          break;
        }
      }
      if (close < 0) throw new ExerciseSyntaxError(`exercise at line ${startLine + 1} is not closed with ':::'`);
      if (answer < 0) throw new ExerciseSyntaxError(`exercise at line ${startLine + 1} has no '::: answer'`);
      if (answer === startLine + 1) throw new ExerciseSyntaxError(`exercise at line ${startLine + 1} has no prompt`);
      if (answer === close - 1) throw new ExerciseSyntaxError(`exercise at line ${startLine + 1} has an empty answer`);
      if (silent) return true;

      const oldParent = state.parentType;
      const oldLineMax = state.lineMax;
      state.parentType = 'exercise' as typeof state.parentType;
      const open = state.push('exercise_open', 'aside', 1);
      open.block = true;
      open.map = [startLine, close + 1];
      state.lineMax = answer;
      state.md.block.tokenize(state, startLine + 1, answer);
      state.push('exercise_answer_open', 'details', 1).block = true;
      state.lineMax = close;
      state.md.block.tokenize(state, answer + 1, close);
      state.push('exercise_answer_close', 'details', -1).block = true;
      state.push('exercise_close', 'aside', -1).block = true;
      state.parentType = oldParent;
      state.lineMax = oldLineMax;
      state.line = close + 1;
      return true;
    },
    { alt: ['paragraph', 'reference', 'blockquote', 'list'] },
  );

  const labels = EXERCISE_LABELS[lang];
  const section = sectionNumber(slug);
  let n = 0;
  md.renderer.rules.exercise_open = () => {
    n++;
    const id = md.utils.escapeHtml(`${slug}-ex-${n}`);
    const number = section > 0 ? `${section}.${n}` : String(n);
    return (
      `<aside class="exercise" data-testid="exercise" id="${id}" aria-labelledby="${id}-title">\n` +
      `<p class="exercise-title" id="${id}-title"><strong>${labels.title} ${number}</strong> · ${labels.tag}</p>\n`
    );
  };
  md.renderer.rules.exercise_answer_open = () => `<details class="exercise-answer">\n<summary>${labels.show}</summary>\n`;
  md.renderer.rules.exercise_answer_close = () => '</details>\n';
  md.renderer.rules.exercise_close = () => '</aside>\n';
}
