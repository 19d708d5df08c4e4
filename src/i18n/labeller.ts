// The one relabelling mechanism of the widgets: every piece of UI text
// registers how it is written, and `setLang` rewrites them all in place
// (inputs, state and charts are untouched, nothing is rebuilt).
//
//   const L = new Labeller(strings, ctx.lang);
//   button.append(L.text('run'));                       // a text node that follows the language
//   L.bind((t) => slider.setLabel(t('rho')));           // any writer, run now and on every switch
//   L.bind(() => last && paintReadout(last));           // re-render text that depends on state
//   …  setLang(next) { L.setLang(next); }
import { format, type Lang, type Text } from './lang.ts';

export type Strings = Record<string, Text>;
export type Translate<S extends Strings> = (key: keyof S & string, values?: Record<string, string | number>) => string;

export class Labeller<S extends Strings> {
  private readonly writers: ((t: Translate<S>) => void)[] = [];

  constructor(
    private readonly strings: S,
    public lang: Lang,
  ) {}

  readonly t: Translate<S> = (key, values) => format(this.strings[key][this.lang], values);

  /** Run `write` now and again on every language change. */
  bind(write: (t: Translate<S>) => void): void {
    this.writers.push(write);
    write(this.t);
  }

  /** A text node that always shows `key`. */
  text(key: keyof S & string): globalThis.Text {
    const node = document.createTextNode('');
    this.bind((t) => (node.textContent = t(key)));
    return node;
  }

  /** Set an attribute from `key` (aria-label, title…). */
  attr(node: Element, name: string, key: keyof S & string): void {
    this.bind((t) => node.setAttribute(name, t(key)));
  }

  setLang(lang: Lang): void {
    this.lang = lang;
    for (const w of this.writers) w(this.t);
  }
}
