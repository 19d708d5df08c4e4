// Vite plugin: `virtual:content/en` and `virtual:content/zh` export the
// sections of that language, rendered with KaTeX at build time, with the
// live numbers computed from the widgets' model code. A formula KaTeX
// rejects, an unknown live number or a malformed exercise fails the build.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Plugin } from 'vite';
import type { ContentLang } from './exercises.ts';
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
  return {
    name: 'unrolled-content',
    resolveId(id) {
      if (id.startsWith(PREFIX)) return RESOLVED + id.slice(PREFIX.length);
      return null;
    },
    load(id) {
      if (!id.startsWith(RESOLVED)) return null;
      const lang = id.slice(RESOLVED.length);
      if (!(LANGS as readonly string[]).includes(lang)) this.error(`unknown content language ${lang}`);
      const dir = join(contentDir, lang);
      for (const f of readdirSync(dir)) this.addWatchFile(join(dir, f));
      const sections = loadSections(contentDir, lang).map(({ slug, title, html, widgets }) => ({ slug, title, html, widgets }));
      // The styles of exercises and live numbers travel with the sections.
      const styles = join(dirname(contentDir), 'src', 'content', 'content.css');
      return `import ${JSON.stringify(styles)};\nexport default ${JSON.stringify(sections)};`;
    },
  };
}
