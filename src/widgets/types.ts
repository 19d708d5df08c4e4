import type { Lang } from '../i18n/lang.ts';
import type { UrlStore } from '../state/store.ts';
import type { BackendOwner } from '../train/backend-owner.ts';

export interface WidgetContext {
  lang: Lang;
  /** The page's URL state; declare your fields with `store.defineFields('ns', {...})`. */
  store: UrlStore;
  /**
   * The compute backend: what the reader asked for, what each thread computes
   * on, `usePage()` to run tfjs on the page's own thread, and `report` for a
   * worker that runs it.
   */
  backend: BackendOwner;
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
