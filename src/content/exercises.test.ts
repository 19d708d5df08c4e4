// The exercises of the text: at least two "predict, then check" exercises in
// every section from section 2 on, in both languages, each with a preset link
// in its prompt that sets the widget to check the prediction.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { sectionNumber } from './exercises.ts';
import { loadSections } from './vite-plugin.ts';

const contentDir = fileURLToPath(new URL('../../content', import.meta.url));
const MIN_PER_SECTION = 2;

describe('exercises', () => {
  for (const lang of ['en', 'zh'] as const) {
    const sections = loadSections(contentDir, lang);

    it(`every ${lang} section from §2 on has at least ${MIN_PER_SECTION} exercises`, () => {
      const counts = Object.fromEntries(sections.filter((s) => sectionNumber(s.slug) >= 2).map((s) => [s.slug, s.exercises.length]));
      expect(Object.keys(counts).length).toBe(sections.length - 1);
      for (const [slug, n] of Object.entries(counts)) expect(n, slug).toBeGreaterThanOrEqual(MIN_PER_SECTION);
    });

    it(`every ${lang} exercise prompt links to the widget setting it asks about`, () => {
      const bare = sections.flatMap((s) => s.exercises.map((e, i) => ({ slug: s.slug, i: i + 1, links: e.promptLinks.length }))).filter((e) => e.links === 0);
      expect(bare).toEqual([]);
    });

    it(`every ${lang} exercise renders with the test hook and an answer behind <summary>`, () => {
      for (const s of sections) {
        const hooks = s.html.match(/<aside class="exercise" data-testid="exercise"/g) ?? [];
        const answers = s.html.match(/<details class="exercise-answer">\n<summary>[^<]+<\/summary>/g) ?? [];
        expect(hooks.length, s.slug).toBe(s.exercises.length);
        expect(answers.length, s.slug).toBe(s.exercises.length);
      }
    });
  }

  it('both languages have the same number of exercises in each section', () => {
    const count = (lang: string) => loadSections(contentDir, lang).map((s) => [s.slug, s.exercises.length]);
    expect(count('zh')).toEqual(count('en'));
  });
});
