// Live numbers in the prose: `<span data-live="WIDGET.QUANTITY"
// data-live-at="key=value&…">` (rendered at build time by src/content, its
// text the value at those settings, the others at their defaults) kept in
// step with the widget's state. One registry for the page; each widget opens
// a channel with the rule that turns a span's `data-live-at` into its full
// settings, and through it
//   anchor(settings) — the settings a preset link (or the page load) put the
//                      widget at; and
//   publish(values)  — its current values by quantity, printed as the
//                      build-time text prints them.
//
// The rule: a number follows its widget while the widget has been reached
// from the number's own settings by the reader's own changes. Numbers
// computed at the anchor's settings follow every drag and edit; every other
// number shows its build-time value, which is the value at its own settings.
// A link that puts the widget elsewhere moves the anchor, and the numbers of
// the old one go back to their own values.
import type { Lang } from '../i18n/lang.ts';

/** Settings as the widget's URL fields write them (`formatField`), every field present. */
export type LiveSettings = Readonly<Record<string, string>>;

export interface LiveChannel {
  /** The widget was put at `settings` by a preset link or at load; the numbers computed there follow it from now on. */
  anchor(settings: LiveSettings): void;
  /** The widget's current values, by quantity (`readout` for `vx.readout`); quantities left out keep their own text. */
  publish(values: Readonly<Record<string, string>>): void;
  /** The rule for reading a span's settings changed (the trainer's depends on the table's columns). */
  setNormaliser(normalise: (query: string) => LiveSettings): void;
}

const followingTitle: Record<Lang, string> = {
  en: 'This number follows the widget: it shows the value at the widget’s current settings.',
  zh: '这个数字跟随组件：显示的是组件当前设置下的值。',
};

interface Channel {
  normalise: (query: string) => LiveSettings;
  anchor: string | null;
  values: Readonly<Record<string, string>>;
  /** normalise(query) as a key, cached per query. */
  keys: Map<string, string>;
}

/** One key per settings, whatever the order of its entries. */
export function settingsKey(s: LiveSettings): string {
  return JSON.stringify(Object.keys(s).sort().map((k) => [k, s[k]]));
}

export class LiveNumbers {
  private readonly channels = new Map<string, Channel>();
  /** Each span's build-time text, so that a number can go back to it. */
  private readonly own = new WeakMap<HTMLElement, string>();
  private frame = 0;

  constructor(
    private lang: Lang,
    private readonly root: () => ParentNode = () => document,
  ) {}

  /** Open (or reopen, after a widget is mounted again) the channel of `widget`. */
  channel(widget: string, normalise: (query: string) => LiveSettings): LiveChannel {
    const c: Channel = { normalise, anchor: null, values: {}, keys: new Map() };
    this.channels.set(widget, c);
    return {
      anchor: (settings) => {
        c.anchor = settingsKey(settings);
        this.schedule();
      },
      publish: (values) => {
        c.values = { ...values };
        this.schedule();
      },
      setNormaliser: (next) => {
        c.normalise = next;
        c.keys.clear();
        this.schedule();
      },
    };
  }

  /** Repaint every span now (after the sections were rendered again, e.g. in another language). */
  repaint(lang: Lang = this.lang): void {
    this.lang = lang;
    if (this.frame) cancelAnimationFrame(this.frame);
    this.frame = 0;
    for (const span of this.root().querySelectorAll<HTMLElement>('[data-live]')) this.paint(span);
  }

  private schedule(): void {
    if (this.frame) return;
    this.frame = requestAnimationFrame(() => {
      this.frame = 0;
      this.repaint();
    });
  }

  private paint(span: HTMLElement): void {
    if (!this.own.has(span)) {
      this.own.set(span, span.textContent ?? '');
      span.dataset.liveOwn = span.textContent ?? ''; // test hook: the build's value, at the span's own settings
    }
    const name = span.dataset.live ?? '';
    const dot = name.indexOf('.');
    const c = this.channels.get(name.slice(0, dot));
    const value = c?.values[name.slice(dot + 1)];
    const following = c !== undefined && c.anchor !== null && value !== undefined && this.keyOf(c, span.dataset.liveAt ?? '') === c.anchor;
    const text = following ? value : this.own.get(span)!;
    if (span.textContent !== text) span.textContent = text;
    span.dataset.liveState = following ? 'following' : 'own';
    if (following) span.title = followingTitle[this.lang];
    else span.removeAttribute('title');
  }

  private keyOf(c: Channel, query: string): string {
    let key = c.keys.get(query);
    if (key === undefined) {
      try {
        key = settingsKey(c.normalise(query));
      } catch {
        key = ''; // a query the widget cannot read never matches (the build would have failed on it)
      }
      c.keys.set(query, key);
    }
    return key;
  }
}
