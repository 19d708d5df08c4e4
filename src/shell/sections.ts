// Loads the pre-rendered sections of one language (HTML strings made at build
// time from our own Markdown; no user text ever reaches them), in parts: the
// head (table of contents and the first section) before first paint, each
// further section after it (src/content/content-parts.ts). The other
// language's parts are fetched only when the reader switches to it.
import type { ContentChunk } from '../content/chunks.ts';
import type { ContentHead } from '../content/content-parts.ts';
import type { Lang } from '../i18n/lang.ts';

export type { ContentChunk, ContentHead };

export interface LoadedHead {
  head: ContentHead;
  /** Section `index`'s chunks (index ≥ 1: the head holds section 0's). */
  section(index: number): Promise<ContentChunk[]>;
}

type HeadModule = typeof import('virtual:content/en/head');

const heads: Record<Lang, () => Promise<HeadModule>> = {
  zh: () => import('virtual:content/zh/head'),
  en: () => import('virtual:content/en/head'),
};

export async function loadHead(lang: Lang): Promise<LoadedHead> {
  const mod = await heads[lang]();
  return {
    head: mod.default,
    async section(index) {
      const load = mod.loaders[index];
      if (!load) throw new RangeError(`no section ${index} to load`);
      return (await load()).default;
    },
  };
}
