// The page around the sections: header (title, language switch, backend
// badge), table of contents, and the article itself.
import { LANGS, type Lang } from '../i18n/lang.ts';
import { shellText } from '../i18n/shell.ts';
import type { BackendOwner } from '../train/backend-owner.ts';
import { createBackendBadge } from './backend-badge.ts';
import { clear, el } from '../ui/dom.ts';
import type { Section } from './sections.ts';

const LANG_NAMES: Record<Lang, string> = { zh: '中文', en: 'English' };

export interface PageParts {
  article: HTMLElement;
  setLang(lang: Lang, sections: Section[]): void;
}

export function buildPage(
  root: HTMLElement,
  lang: Lang,
  backend: BackendOwner,
  onLang: (lang: Lang) => void,
): PageParts {
  const title = el('a', { class: 'site-title', href: '#top' });
  const skip = el('a', { class: 'skip-link', href: '#article' });
  const switcher = el('div', { class: 'lang-switch', role: 'group' });
  const buttons = LANGS.map((l) => {
    const b = el('button', { type: 'button', 'data-lang': l, lang: l }, LANG_NAMES[l]);
    b.addEventListener('click', () => onLang(l));
    switcher.append(b);
    return b;
  });
  const badge = createBackendBadge(backend, lang);
  const header = el('header', { class: 'site-header', id: 'top' }, skip, title, el('div', { class: 'header-tools' }, switcher, badge.element));
  const tocTitle = el('h2', { class: 'toc-title' });
  const tocList = el('ol', { class: 'toc-list' });
  const toc = el('nav', { class: 'toc', 'data-testid': 'toc' }, tocTitle, tocList);
  const subtitle = el('p', { class: 'subtitle' });
  const article = el('article', { class: 'article', id: 'article', tabindex: '-1' });
  const footer = el('footer', { class: 'site-footer' });
  clear(root);
  root.append(header, el('div', { class: 'layout' }, toc, el('main', { class: 'content' }, subtitle, article)), footer);

  function setLang(next: Lang, sections: Section[]): void {
    document.documentElement.lang = next === 'zh' ? 'zh-CN' : 'en';
    document.title = shellText.title[next];
    title.textContent = shellText.title[next];
    skip.textContent = shellText.skip[next];
    subtitle.textContent = shellText.subtitle[next];
    footer.textContent = shellText.footer[next];
    tocTitle.textContent = shellText.contents[next];
    toc.setAttribute('aria-label', shellText.contents[next]);
    switcher.setAttribute('aria-label', shellText.language[next]);
    for (const b of buttons) b.setAttribute('aria-pressed', String(b.dataset.lang === next));
    badge.setLang(next);
    clear(tocList);
    for (const s of sections) {
      tocList.append(el('li', {}, el('a', { href: `#${s.slug}` }, s.title)));
    }
    // Section HTML is rendered at build time from our own Markdown.
    article.innerHTML = sections
      .map((s) => `<section class="section" data-testid="section" data-slug="${s.slug}" aria-labelledby="${s.slug}">${s.html}</section>`)
      .join('\n');
  }

  return { article, setLang };
}
