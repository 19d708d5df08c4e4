// Puts a language's sections into the article progressively: the first
// section at once (it is what the reader sees), every other one after first
// paint, a few kB of HTML per task so that no insert blocks the page, each
// chunk in a `content-visibility: auto` wrapper sized by its estimate
// (chunk-size.ts), so the browser lays out and paints only what is near the
// viewport. Everything is in the DOM a moment after load: find-in-page
// searches it, anchors reach it; a jump before then (a contents link, a
// preset link, a #fragment in the URL) first inserts the rest at once.
import { el } from '../ui/dom.ts';
import { chunkPx, type TextMetrics } from './chunk-size.ts';
import type { ContentChunk, LoadedHead } from './sections.ts';
import { reservedWidgetPx } from './widget-reserve.ts';

/** Longest run of inserts in one task, in ms (a slow phone runs ~4× longer than this machine). */
const SLICE_MS = 4;

export interface ArticleHooks {
  /** Called with each inserted piece of HTML (a section's first part, or a chunk), in document order. */
  inserted(container: HTMLElement): void;
  /** Every section is in the DOM. */
  complete(): void;
}

const yieldToPage = (): Promise<void> => new Promise((resolve) => setTimeout(resolve, 0));
const nextPaint = (): Promise<void> => new Promise((resolve) => requestAnimationFrame(() => setTimeout(resolve, 0)));
/** The first section's fonts (KaTeX's) go first on a slow line; the rest waits for them, up to a point. */
const fontsLoaded = (): Promise<unknown> => Promise.race([document.fonts.ready, new Promise((resolve) => setTimeout(resolve, 2500))]);

export class ArticleRenderer {
  private generation = 0;
  private urgent = false;
  private done: Promise<void> = Promise.resolve();
  /** Resolves when complete() is called (stops waiting for fonts). */
  private hurry: Promise<void> = new Promise(() => {});
  private hurryNow: () => void = () => {};

  constructor(private readonly article: HTMLElement) {}

  /** Replace the article with `lang`'s sections; resolves when the first one is in place. */
  render(loaded: LoadedHead, hooks: ArticleHooks): void {
    const generation = ++this.generation;
    this.urgent = false;
    this.hurry = new Promise((resolve) => (this.hurryNow = resolve));
    const { head } = loaded;
    const sections = head.sections.map((s) =>
      el('section', { class: 'section', 'data-testid': 'section', 'data-slug': s.slug, 'aria-labelledby': s.slug}),
    );
    this.article.replaceChildren(...sections);
    // Section HTML is rendered at build time from our own Markdown.
    for (const chunk of head.first) sections[0].insertAdjacentHTML('beforeend', chunk.html);
    reserveSlots(sections[0], Math.min(window.innerWidth, 42 * 16));
    performance.mark('sections:first');
    hooks.inserted(sections[0]);
    this.done = this.insertRest(generation, loaded, sections, hooks);
  }

  /** Resolves once every section of the current render is in the DOM, inserting the rest without pauses. */
  complete(): Promise<void> {
    this.urgent = true;
    this.hurryNow();
    return this.done;
  }

  private live(generation: number): boolean {
    return generation === this.generation;
  }

  private async insertRest(generation: number, loaded: LoadedHead, sections: HTMLElement[], hooks: ArticleHooks): Promise<void> {
    if (!this.urgent) await nextPaint();
    if (!this.urgent) await Promise.race([fontsLoaded(), this.hurry]);
    if (!this.live(generation)) return;
    // Fetch every section at once (small modules, in parallel), insert them in order.
    const parts = sections.map((_, i) => (i === 0 ? null : loaded.section(i)));
    const metrics = textMetrics(sections[0]);
    let sliceEnd = performance.now() + SLICE_MS;
    for (let i = 1; i < sections.length; i++) {
      const chunks = await parts[i]!;
      if (!this.live(generation)) return;
      const names = loaded.head.sections[i].widgets;
      let widget = 0;
      for (const chunk of chunks) {
        if (!this.urgent && performance.now() > sliceEnd) {
          await yieldToPage();
          if (!this.live(generation)) return;
          sliceEnd = performance.now() + SLICE_MS;
        }
        const first = widget;
        const box = chunkBox(chunk, metrics, (k) => reservedWidgetPx(names[first + k], metrics.columnPx));
        sections[i].append(box);
        widget += reserveSlots(box, metrics.columnPx);
        hooks.inserted(box);
      }
    }
    performance.mark('sections:all');
    hooks.complete();
  }
}

/** The prose column and body font, read once from the first section (laid out by then). */
function textMetrics(section: HTMLElement): TextMetrics {
  const style = getComputedStyle(section);
  const fontPx = parseFloat(style.fontSize) || 17;
  const lineHeight = parseFloat(style.lineHeight) / fontPx || 1.65;
  const measure = 42 * 16;
  return { columnPx: Math.min(section.clientWidth || measure, measure), fontPx, lineHeight };
}

function chunkBox(chunk: ContentChunk, metrics: TextMetrics, widgetPx: (k: number) => number): HTMLElement {
  const box = el('div', { class: 'chunk' });
  box.style.containIntrinsicSize = `auto ${chunkPx(chunk.blocks, metrics, widgetPx)}px`;
  box.insertAdjacentHTML('beforeend', chunk.html);
  return box;
}

/** Give each empty widget slot under `root` the height its widget will take; returns how many there were. */
function reserveSlots(root: HTMLElement, columnPx: number): number {
  const slots = root.querySelectorAll<HTMLElement>('.widget-slot[data-widget]');
  for (const slot of slots) slot.style.minHeight = `${reservedWidgetPx(slot.dataset.widget!, columnPx)}px`;
  return slots.length;
}
