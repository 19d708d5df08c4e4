// Vite plugin: `virtual:content/en` and `virtual:content/zh` export the
// sections of that language, rendered with KaTeX at build time, with the
// live numbers computed from the widgets' model code. A formula KaTeX
// rejects, an unknown live number or a malformed exercise fails the build.
// The page loads them in parts (content-parts.ts): `virtual:content/LANG/head`
// (the list of sections and the first one's HTML, before first paint) and
// `virtual:content/LANG/section/N` (section N in chunks, after it).
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import type { ContentLang } from './exercises.ts';
import { contentPartModule, type SectionSource } from './content-parts.ts';
import { isLang, langFromNavigator } from '../i18n/lang.ts';
import { liveText } from './live-values.ts';
import { renderSection, type RenderedSection } from './render.ts';

export const LANGS = ['zh', 'en'] as const;
const PREFIX = 'virtual:content/';
const RESOLVED = '\0' + PREFIX;

/** Every section of one language; the project root (for bundled data) is the content folder's parent. */
export function loadSections(contentDir: string, lang: string): RenderedSection[] {
  const dir = join(contentDir, lang);
  const ctx = { root: dirname(contentDir), lang: lang as ContentLang };
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => renderSection(f.replace(/\.md$/, ''), readFileSync(join(dir, f), 'utf8'), { lang: ctx.lang, live: (req) => liveText(req, ctx) }));
}

export function contentPlugin(contentDir: string): Plugin {
  // Every part of a language renders from the same sections: render them once per change of the files.
  const cache = new Map<string, { stamp: string; sections: SectionSource[] }>();
  const sectionsOf = (lang: string): SectionSource[] => {
    const dir = join(contentDir, lang);
    const stamp = readdirSync(dir)
      .map((f) => `${f}:${statSync(join(dir, f)).mtimeMs}`)
      .join('|');
    const hit = cache.get(lang);
    if (hit && hit.stamp === stamp) return hit.sections;
    const sections = loadSections(contentDir, lang).map(({ slug, title, html, widgets }) => ({ slug, title, html, widgets }));
    cache.set(lang, { stamp, sections });
    return sections;
  };
  return {
    name: 'unrolled-content',
    // The head of the reader's language (contents + first section) is fetched
    // beside main.js instead of after it: an inline script picks the language
    // the way main.ts does (the same functions) and preloads that head only.
    transformIndexHtml: {
      order: 'post',
      handler(html, ctx) {
        if (!ctx.bundle) return html;
        const heads: Record<string, string> = {};
        const fonts: string[] = [];
        for (const chunk of Object.values(ctx.bundle)) {
          const m = chunk.type === 'chunk' ? /^\0virtual:content\/(\w+)\/head$/.exec(chunk.facadeModuleId ?? '') : null;
          if (m) heads[m[1]] = `./${chunk.fileName}`;
          // The two faces every section's inline math uses, fetched beside the code rather than after the first layout.
          if (chunk.type === 'asset' && /KaTeX_(Main-Regular|Math-Italic)-[\w-]+\.woff2$/.test(chunk.fileName)) fonts.push(`./${chunk.fileName}`);
        }
        const preloads = fonts.map((f) => `\n    <link rel="preload" as="font" type="font/woff2" crossorigin href="${f}">`).join('');
        if (Object.keys(heads).length === 0) return html;
        const script =
          `(function(){var isLang=${isLang.toString()};var langFromNavigator=${langFromNavigator.toString()};` +
          `var q=new URLSearchParams(location.search).get('lang');var lang=isLang(q)?q:langFromNavigator(navigator.languages||[navigator.language]);` +
          `var l=document.createElement('link');l.rel='modulepreload';l.href=${JSON.stringify(heads)}[lang];document.head.appendChild(l);})();`;
        return html.replace('</title>', `</title>\n    <script>${script}</script>${preloads}`);
      },
    },
    resolveId(id) {
      if (id.startsWith(PREFIX)) return RESOLVED + id.slice(PREFIX.length);
      return null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      const [lang, ...part] = id.slice(RESOLVED.length).split('/');
      if (!(LANGS as readonly string[]).includes(lang)) this.error(`unknown content language ${lang}`);
      const dir = join(contentDir, lang);
      for (const f of readdirSync(dir)) this.addWatchFile(join(dir, f));
      const sections = sectionsOf(lang);
      // The styles of exercises and live numbers travel with the sections.
      const styles = join(dirname(contentDir), 'src', 'content', 'content.css');
      const body = part.length === 0 ? `export default ${JSON.stringify(sections)};` : contentPartModule(lang, sections, part);
      if (body === null) this.error(`unknown content part ${id.slice(RESOLVED.length)}`);
      return `import ${JSON.stringify(styles)};\n${body}`;
    },
  };
}
