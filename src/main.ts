// Boot: language, page shell, sections, widgets (mounted when they scroll
// into view), inline preset links, and the owner of the compute backend
// (which loads no tfjs itself: the widgets that compute start it).
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
import { browserStore } from './state/store.ts';
import { BackendOwner } from './train/backend-owner.ts';
import { WidgetHost } from './widgets/host.ts';

const params = new URLSearchParams(location.search);
const urlLang = params.get('lang');
let lang: Lang = isLang(urlLang) ? urlLang : langFromNavigator(navigator.languages ?? [navigator.language]);
const store = browserStore();
const backend = new BackendOwner(store);

const root = document.getElementById('app')!;
const host = new WidgetHost({ store, backend }, lang);
const parts = buildPage(root, lang, backend, (next) => void switchLang(next));

const article = new ArticleRenderer(parts.article);

async function render(next: Lang): Promise<void> {
  const loaded = await loadHead(next);
  lang = next;
  parts.setLang(next, loaded.head);
  host.begin(next);
  article.render(loaded, {
    inserted: (container) => host.adopt(container),
    complete: () => {
      document.body.dataset.ready = 'true';
    },
  });
}

async function switchLang(next: Lang): Promise<void> {
  const url = new URL(location.href);
  url.searchParams.set('lang', next);
  history.replaceState(history.state, '', url);
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
    w?.applyPreset?.(new URLSearchParams(query));
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    document.getElementById(`widget-${name}`)?.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'center' });
    });
});

void render(lang).then(() => {
  const id = decodeURIComponent(location.hash.slice(1));
  if (id && !id.startsWith('try/')) void jumpTo(id);
});
