// The reader's place in the article (which section is at the top of the
// window, and how far into it), kept across a change of language.
export interface Place {
  index: number;
  /** Fraction of the section above the window's top edge. */
  fraction: number;
}

const sectionsOf = (article: HTMLElement): HTMLElement[] => [...article.querySelectorAll<HTMLElement>(':scope > section')];

/** Null at the top of the page (nothing to keep). */
export function placeInArticle(article: HTMLElement): Place | null {
  if (window.scrollY <= 0) return null;
  const sections = sectionsOf(article);
  for (let i = 0; i < sections.length; i++) {
    const r = sections[i].getBoundingClientRect();
    if (r.bottom > 0) return { index: i, fraction: r.height > 0 ? Math.max(0, -r.top) / r.height : 0 };
  }
  return null;
}

/** Scroll back to `place`; returns the section it is in (null if there is no such section). */
export function restorePlace(article: HTMLElement, place: Place): HTMLElement | null {
  const section = sectionsOf(article)[place.index];
  if (!section) return null;
  const r = section.getBoundingClientRect();
  window.scrollTo({ top: window.scrollY + r.top + place.fraction * r.height, behavior: 'instant' });
  return section;
}
