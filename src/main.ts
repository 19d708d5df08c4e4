// Boot: language, page shell, sections, widgets (mounted when they scroll
// into view), inline preset links, and the owner of the compute backend
// (which loads no tfjs itself: the widgets that compute start it).
import 'katex/dist/katex.min.css';
import './styles/main.css';
import { isLang, langFromNavigator, type Lang } from './i18n/lang.ts';
import { buildPage } from './shell/page.ts';
import { loadSections } from './shell/sections.ts';
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

async function render(next: Lang): Promise<void> {
  const sections = await loadSections(next);
  lang = next;
  parts.setLang(next, sections);
  host.attach(parts.article, next);
  document.body.dataset.ready = 'true';
}

async function switchLang(next: Lang): Promise<void> {
  const url = new URL(location.href);
  url.searchParams.set('lang', next);
  history.replaceState(history.state, '', url);
  if (next !== lang) await render(next);
}

/** Inline links in the prose, `#try/NAME?key=value`, set a widget and scroll to it. */
document.addEventListener('click', (event) => {
  const link = (event.target as Element | null)?.closest?.('a[href^="#try/"]');
  if (!link) return;
  event.preventDefault();
  const [name, query = ''] = link.getAttribute('href')!.slice('#try/'.length).split('?');
  void host.ensure(name).then((w) => {
    w?.applyPreset?.(new URLSearchParams(query));
    const still = matchMedia('(prefers-reduced-motion: reduce)').matches;
    document.getElementById(`widget-${name}`)?.scrollIntoView({ behavior: still ? 'auto' : 'smooth', block: 'center' });
  });
});

void render(lang);
