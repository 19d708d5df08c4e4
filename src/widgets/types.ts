import type { Lang } from '../i18n/lang.ts';
import type { UrlStore } from '../state/store.ts';

export interface WidgetContext {
  lang: Lang;
  /** The page's URL state; declare your fields with `store.defineFields('ns', {...})`. */
  store: UrlStore;
}

export interface WidgetInstance {
  /** Re-label the widget in another language without losing its state. */
  setLang(lang: Lang): void;
  /** Apply a preset from an inline link in the prose (`#try/NAME?key=value`). */
  applyPreset?(params: URLSearchParams): void;
  unmount(): void;
}

/** Each widget folder's `index.ts` exports `mount`. */
export type MountWidget = (host: HTMLElement, ctx: WidgetContext) => WidgetInstance | Promise<WidgetInstance>;
