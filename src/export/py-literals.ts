// Values written as Python source: strings (the reader's own text — column
// names, file names — only ever appears inside a string literal), numbers
// that read back to the same double, float32 weights in their shortest form,
// and long lists wrapped to a readable width. Everything is linear in the
// size of what it writes.
import type { Lang, Text } from '../i18n/lang.ts';

/** A Python string literal. JSON's escapes are all valid Python escapes, so any text is safe inside it. */
export function pyStr(s: string): string {
  return JSON.stringify(s);
}

/** A float64 as Python reads it back exactly (shortest round-trip form, as JavaScript prints it). */
export function pyNum(v: number): string {
  if (Number.isNaN(v)) return 'float("nan")';
  if (!Number.isFinite(v)) return v > 0 ? 'float("inf")' : '-float("inf")';
  return String(v);
}

/** The shortest decimal that rounds to the same float32 (at most 9 significant digits). */
export function f32Str(v: number): string {
  const x = Math.fround(v);
  if (!Number.isFinite(x)) return pyNum(x);
  for (let p = 6; p < 9; p++) {
    const s = x.toPrecision(p);
    if (Math.fround(Number(s)) === x) return String(Number(s));
  }
  return String(Number(x.toPrecision(9)));
}

/** `[a, b, c, …]` broken into lines of at most `width` characters, each indented by `indent`. */
export function pyList(items: readonly string[], indent: string, width = 100): string {
  if (items.length === 0) return '[]';
  const lines: string[] = [];
  let line = '';
  for (const item of items) {
    if (line.length > 0 && indent.length + line.length + item.length + 2 > width) {
      lines.push(indent + line.trimEnd());
      line = '';
    }
    line += `${item}, `;
  }
  lines.push(indent + line.trimEnd());
  return `[\n${lines.join('\n')}\n${indent.slice(4)}]`;
}

export function pyStrList(items: readonly string[]): string {
  return `[${items.map(pyStr).join(', ')}]`;
}

/** `# text` lines (text may span lines); a comment never holds the reader's own text. */
export function comment(text: string, indent = ''): string {
  return text
    .split('\n')
    .map((l) => (l.length ? `${indent}# ${l}` : `${indent}#`))
    .join('\n');
}

/** Picks one language's strings out of a table of Text. */
export function pick<K extends string>(table: Record<K, Text>, lang: Lang): Record<K, string> {
  const out = {} as Record<K, string>;
  for (const k of Object.keys(table) as K[]) out[k] = table[k][lang];
  return out;
}
