// Mounts widgets into their slots when the slots come near the viewport, and
// keeps each mounted widget alive across language switches by moving its host
// element into the freshly rendered slot.
import { format, type Lang } from '../i18n/lang.ts';
import { shellText } from '../i18n/shell.ts';
import { widgetLoader } from './registry.ts';
import type { WidgetContext, WidgetInstance } from './types.ts';
import { el } from '../ui/dom.ts';

interface Mounted {
  host: HTMLElement;
  instance: Promise<WidgetInstance | null>;
}

export class WidgetHost {
  private readonly mounted = new Map<string, Mounted>();
  private observer: IntersectionObserver | null = null;

  constructor(
    /** What every widget's mount context shares (the language is added per mount). */
    private readonly shared: Omit<WidgetContext, 'lang'>,
    private lang: Lang,
  ) {}

  /** Attach to the slots under `root` (call after every render of the sections). */
  attach(root: HTMLElement, lang: Lang): void {
    this.lang = lang;
    this.observer?.disconnect();
    this.observer = new IntersectionObserver((entries) => this.onIntersect(entries), { rootMargin: '800px 0px' });
    const counts = new Map<string, number>();
    for (const slot of root.querySelectorAll<HTMLElement>('.widget-slot[data-widget]')) {
      const name = slot.dataset.widget!;
      const n = (counts.get(name) ?? 0) + 1;
      counts.set(name, n);
      const key = n === 1 ? name : `${name}#${n}`;
      slot.dataset.widgetKey = key;
      slot.id = `widget-${key.replace('#', '-')}`;
      const existing = this.mounted.get(key);
      if (existing) {
        slot.append(existing.host);
        void existing.instance.then((w) => w?.setLang(lang));
      } else if (widgetLoader(name)) {
        this.observer.observe(slot);
      }
    }
  }

  /** Mount (if needed) and resolve the widget of a slot key; used by preset links. */
  async ensure(key: string): Promise<WidgetInstance | null> {
    const slot = document.querySelector<HTMLElement>(`.widget-slot[data-widget-key="${CSS.escape(key)}"]`);
    if (!slot) return null;
    return this.mount(slot);
  }

  private onIntersect(entries: IntersectionObserverEntry[]): void {
    for (const e of entries) {
      if (!e.isIntersecting) continue;
      this.observer?.unobserve(e.target);
      void this.mount(e.target as HTMLElement);
    }
  }

  private mount(slot: HTMLElement): Promise<WidgetInstance | null> {
    const key = slot.dataset.widgetKey!;
    const existing = this.mounted.get(key);
    if (existing) return existing.instance;
    const name = slot.dataset.widget!;
    const host = el('div', { class: `widget widget-${name}`, 'aria-busy': 'true' });
    const loading = el('p', { class: 'widget-loading' }, shellText.widgetLoading[this.lang]);
    host.append(loading);
    slot.append(host);
    const lang = this.lang;
    const instance = (async () => {
      try {
        const mod = await widgetLoader(name)!();
        loading.remove();
        const w = await mod.mount(host, { ...this.shared, lang });
        if (this.lang !== lang) w.setLang(this.lang);
        return w;
      } catch (err) {
        console.error(`widget ${name} failed`, err);
        loading.remove();
        host.append(el('p', { class: 'widget-error', role: 'alert' }, format(shellText.widgetFailed[this.lang], { message: String((err as Error).message ?? err) })));
        return null;
      } finally {
        host.removeAttribute('aria-busy');
      }
    })();
    this.mounted.set(key, { host, instance });
    return instance;
  }
}
