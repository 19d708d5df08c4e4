// Boot: language, page shell, sections, widgets (mounted when they scroll
// into view), inline preset links, the owner of the compute backend (which
// loads no tfjs itself: the widgets that compute start it), and the keeper
// of the reader's session (IndexedDB), read before the widgets mount.
import 'katex/dist/katex.min.css';
import './styles/main.css';
// The exercises' and live numbers' styles, in the page's own stylesheet (not fetched with the first section's HTML).
import './content/content.css';
import { isLang, langFromNavigator, type Lang } from './i18n/lang.ts';
import { buildPage } from './shell/page.ts';
import { ArticleRenderer } from './shell/article.ts';
import { jumpInto, pinInView } from './shell/pin.ts';
import { placeInArticle, restorePlace } from './shell/place.ts';
import { loadHead } from './shell/sections.ts';
import { createSessionNotice } from './shell/session-notice.ts';
import { installFieldHooks } from './state/debug.ts';
import { openSessionDb } from './state/session-db.ts';
import { SessionKeeper } from './state/session-keeper.ts';
import { browserStore } from './state/store.ts';
import { BackendOwner } from './train/backend-owner.ts';
import { WidgetHost } from './widgets/host.ts';
import { LiveNumbers } from './widgets/live-numbers.ts';

const store = browserStore();
/** The language the URL asks for (a kept session's, once adopted, even before the URL is rewritten). */
const urlLang = () => store.param('lang');
const first = urlLang();
let lang: Lang = isLang(first) ? first : langFromNavigator(navigator.languages ?? [navigator.language]);
const session = new SessionKeeper(store, () => location.search);
const sessionLoaded = session.load(openSessionDb());
const backend = new BackendOwner(store);
installFieldHooks(store, location.search);

const root = document.getElementById('app')!;
const live = new LiveNumbers(lang);
const host = new WidgetHost({ store, backend, live, session }, lang);
const parts = buildPage(root, lang, backend, (next) => void switchLang(next));
const article = new ArticleRenderer(parts.article);

/** A page with no other settings than these (the language, test hooks): what "start fresh" and "restore it instead" open. */
function bareUrl(): string {
  const now = new URLSearchParams(location.search);
  const keep = new URLSearchParams();
  for (const k of ['lang', 'debug']) if (now.has(k)) keep.set(k, now.get(k)!);
  const q = keep.toString();
  return `${location.pathname}${q ? `?${q}` : ''}`;
}
const notice = createSessionNotice(session, lang, {
  fresh: () => void session.forget().then(() => location.replace(bareUrl())),
  restore: () => location.replace(bareUrl()),
});
parts.article.parentElement!.prepend(notice.element);
// Settings wait a moment before they are written; a closing tab writes them at once.
addEventListener('pagehide', () => session.flush());
document.addEventListener('visibilitychange', () => document.visibilityState === 'hidden' && session.flush());

async function render(next: Lang): Promise<void> {
  const loaded = await loadHead(next);
  lang = next;
  parts.setLang(next, loaded.head);
  notice.setLang(next);
  host.begin(next);
  article.render(loaded, {
    inserted: (container) => {
      host.adopt(container);
      live.repaint(next);
    },
    complete: () => {
      document.body.dataset.ready = 'true';
    },
  });
}

async function switchLang(next: Lang): Promise<void> {
  const url = new URL(location.href);
  url.searchParams.set('lang', next);
  history.replaceState(history.state, '', url);
  session.settingsChanged();
  if (next === lang) return;
  // Keep the reader's place: the same section, as far into it.
  const place = placeInArticle(parts.article);
  await render(next);
  if (place) {
    await article.complete();
    const section = restorePlace(parts.article, place);
    if (section) pinInView(section);
  }
}

/** Scroll to the element a #fragment names once it is in the DOM (sections after the first arrive after first paint). */
async function jumpTo(id: string): Promise<void> {
  if (!document.getElementById(id)) await article.complete();
  const target = document.getElementById(id);
  if (target) jumpInto(target);
}

/** Links to a place in the text (the contents, cross-references) wait for it to arrive and hold it in place while the page settles. */
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[href^="#"]:not([href^="#try/"])');
  const id = link?.getAttribute('href')!.slice(1);
  if (!id || id === 'top' || id === 'article') return;
  event.preventDefault();
  history.pushState(history.state, '', `#${id}`);
  void jumpTo(id);
});

/** Inline links in the prose, `#try/NAME?key=value`, set a widget and scroll to it. */
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[href^="#try/"]');
  if (!link) return;
  event.preventDefault();
  const [name, query = ''] = link.getAttribute('href')!.slice('#try/'.length).split('?');
  void article
    .complete()
    .then(() => host.ensure(name))
    .then((w) => {
      // A bare `#try/NAME` only brings the widget into view; a preset (any query) sets every setting.
      if (query) w?.applyPreset?.(new URLSearchParams(query));
      const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
      document.getElementById(`widget-${name}`)?.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'center' });
    });
});

// The sections load while the kept session is read; a language kept with it wins over the browser's.
void Promise.all([loadHead(lang), sessionLoaded])
  .then(() => {
    const kept = urlLang();
    return render(isLang(kept) ? kept : lang);
  })
  .then(() => {
    const id = decodeURIComponent(location.hash.slice(1));
    if (id && !id.startsWith('try/')) void jumpTo(id);
  });
