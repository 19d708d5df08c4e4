// Vite plugin: `virtual:content/en` and `virtual:content/zh` export the
// sections of that language, rendered with KaTeX at build time. A formula
// KaTeX rejects fails the build.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Plugin } from 'vite';
import { renderSection, type RenderedSection } from './render.ts';

export const LANGS = ['zh', 'en'] as const;
const PREFIX = 'virtual:content/';
const RESOLVED = '\0' + PREFIX;

export function loadSections(contentDir: string, lang: string): RenderedSection[] {
  const dir = join(contentDir, lang);
  return readdirSync(dir)
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => renderSection(f.replace(/\.md$/, ''), readFileSync(join(dir, f), 'utf8')));
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
      return `export default ${JSON.stringify(sections)};`;
    },
  };
}
