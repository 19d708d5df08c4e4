// The parts the page loads a language's content in (see vite-plugin.ts):
//   head        default: { sections: [{ slug, title, widgets, chunks }], first: ContentChunk[] },
//               the table of contents and the first section, before first paint;
//               `loaders[N]()`: a dynamic import of section N (null for N = 0);
//   section/N   default: ContentChunk[] of section N, inserted a chunk at a time after it.
import { chunkSection, type ContentChunk } from './chunks.ts';

export interface SectionSource {
  slug: string;
  title: string;
  html: string;
  widgets: string[];
}

export interface ContentHead {
  sections: { slug: string; title: string; widgets: string[]; chunks: number }[];
  first: ContentChunk[];
}

/** `head` or `section/N` of language `lang` as a module body, or null for an unknown part. */
export function contentPartModule(lang: string, sections: SectionSource[], part: string[]): string | null {
  const chunked = sections.map((s) => chunkSection(s.html));
  if (part.length === 1 && part[0] === 'head') {
    const head: ContentHead = {
      sections: sections.map((s, i) => ({ slug: s.slug, title: s.title, widgets: s.widgets, chunks: chunked[i].length })),
      first: chunked[0] ?? [],
    };
    const loaders = sections.map((_, i) => (i === 0 ? 'null' : `() => import(${JSON.stringify(`virtual:content/${lang}/section/${i}`)})`));
    return `export default ${JSON.stringify(head)};\nexport const loaders = [${loaders.join(', ')}];`;
  }
  if (part.length === 2 && part[0] === 'section' && /^\d+$/.test(part[1]) && Number(part[1]) < sections.length) {
    return `export default ${JSON.stringify(chunked[Number(part[1])])};`;
  }
  return null;
}
