// Relabelling without rebuilding: every piece of UI text registers how it is
// written, and `setLang` rewrites them all in place (inputs, data and the
// model are untouched).
import { format, type Lang } from '../../i18n/lang.ts';
import { S, type StringKey } from './strings.ts';

export type Translate = (key: StringKey, values?: Record<string, string | number>) => string;

export class Labeller {
  private readonly writers: ((t: Translate) => void)[] = [];

  constructor(public lang: Lang) {}

  readonly t: Translate = (key, values) => format(S[key][this.lang], values);

  /** Run `write` now and again on every language change. */
  bind(write: (t: Translate) => void): void {
    this.writers.push(write);
    write(this.t);
  }

  /** A text node that always shows `key`. */
  text(key: StringKey): Text {
    const node = document.createTextNode('');
    this.bind((t) => (node.textContent = t(key)));
    return node;
  }

  /** Set an attribute from `key` (aria-label, title…). */
  attr(node: Element, name: string, key: StringKey): void {
    this.bind((t) => node.setAttribute(name, t(key)));
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    for (const w of this.writers) w(this.t);
  }
}
