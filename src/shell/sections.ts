// Loads the pre-rendered sections of one language (HTML strings made at build
// time from our own Markdown; no user text ever reaches them).
import type { Lang } from '../i18n/lang.ts';

export interface Section {
  slug: string;
  title: string;
  html: string;
  widgets: string[];
}

const loaders: Record<Lang, () => Promise<{ default: Section[] }>> = {
  zh: () => import('virtual:content/zh'),
  en: () => import('virtual:content/en'),
};

export async function loadSections(lang: Lang): Promise<Section[]> {
  return (await loaders[lang]()).default;
}
