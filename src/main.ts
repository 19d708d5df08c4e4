// Boot: language, page shell, sections, widgets (mounted when they scroll
// into view), inline preset links, and the compute backend.
import 'katex/dist/katex.min.css';
import './styles/main.css';
import { isLang, langFromNavigator, type Lang } from './i18n/lang.ts';
import { BACKEND_CHOICES, onBackendRequest, showBackend, type BackendChoice } from './shell/backend-badge.ts';
import { buildPage } from './shell/page.ts';
import { loadSections } from './shell/sections.ts';
import { WidgetHost } from './shell/widget-host.ts';
import { browserStore } from './state/store.ts';

const params = new URLSearchParams(location.search);
const urlLang = params.get('lang');
let lang: Lang = isLang(urlLang) ? urlLang : langFromNavigator(navigator.languages ?? [navigator.language]);
const store = browserStore();
const page = store.defineFields('', {
  backend: { kind: 'enum', default: 'auto', values: BACKEND_CHOICES },
});

const root = document.getElementById('app')!;
const host = new WidgetHost(store, lang);
const parts = buildPage(root, lang, page.get('backend') as BackendChoice, (next) => void switchLang(next));

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

// The header's backend menu: kept in the URL; the main thread (gradient
// check) re-initialises here, the trainer's worker listens for itself.
onBackendRequest((choice) => {
  page.set({ backend: choice });
  void startBackend();
});

/** Main-thread compute backend (used by the gradient check). */
function startBackend(): Promise<void> {
  return import('./train/backend.ts')
    .then(({ chooseBackend }) => chooseBackend(page.get('backend') === 'auto' ? null : (page.get('backend') as never)))
    .then((r) => showBackend(r.name, r.reasons.join('\n')))
    .catch((err) => console.warn('backend selection failed', err));
}

void render(lang).then(() => {
  // Picked after the text is on screen.
  if ('requestIdleCallback' in window) requestIdleCallback(() => void startBackend(), { timeout: 2000 });
  else setTimeout(() => void startBackend(), 200);
});
