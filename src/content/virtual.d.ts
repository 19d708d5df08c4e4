declare module 'virtual:content/*/head' {
  import type { ContentChunk } from './chunks.ts';
  import type { ContentHead } from './content-parts.ts';
  const head: ContentHead;
  export default head;
  /** loaders[N]() imports section N's chunks; null for section 0 (in the head). */
  export const loaders: ((() => Promise<{ default: ContentChunk[] }>) | null)[];
}
declare module 'virtual:content/*' {
  const sections: { slug: string; title: string; html: string; widgets: string[] }[];
  export default sections;
}
