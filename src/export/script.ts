// The experiment as one runnable Python file (unrolled_experiment.py): the
// sections in order, each under a banner with its explanation as comments,
// then main().
import { scriptMain, sections } from './experiment.ts';
import { comment } from './py-literals.ts';
import { header, imports } from './py-settings.ts';
import type { RunRecord } from './run-record.ts';
import { displayWidth, wrap } from './section.ts';

export const SCRIPT_NAME = 'unrolled_experiment.py';

function banner(title: string): string {
  return `# ${'─'.repeat(4)} ${title} ${'─'.repeat(Math.max(4, 70 - displayWidth(title)))}`;
}

export function renderScript(r: RunRecord): string {
  const parts = [header(r), imports(r)];
  for (const s of sections(r)) parts.push(`${banner(s.title)}\n${comment(wrap(s.text))}\n${s.code}`);
  parts.push(scriptMain(r));
  return `${parts.join('\n\n\n')}\n`;
}
