// Every preset link (#try/NAME?key=value) and every live number in the text,
// in both languages, checked against the widgets' own field definitions:
// the widget exists and has a slot on the page, every key is a setting of it,
// every value is one it takes as written (in range, one of its values), and
// every link sets every key any link to that widget sets, so that clicking
// link A and then link B leaves the widget exactly as B alone does.
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import type { RenderedSection } from './render.ts';
import { loadSections } from './vite-plugin.ts';
import { WIDGET_PRESETS, linkProblems, type PresetContext } from './widget-presets.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const contentDir = `${root}/content`;
const ctx: PresetContext = { root };
const LANGS = ['en', 'zh'] as const;
const sections: Record<(typeof LANGS)[number], RenderedSection[]> = { en: loadSections(contentDir, 'en'), zh: loadSections(contentDir, 'zh') };

const widgetFolder = (name: string) => existsSync(`${root}/src/widgets/${name}/index.ts`);

describe('widget slots', () => {
  for (const lang of LANGS) {
    it(`every ::: widget NAME ::: slot in ${lang} names a widget folder with an index.ts`, () => {
      const missing = sections[lang].flatMap((s) => s.widgets.filter((w) => !widgetFolder(w)).map((w) => `${s.slug}: ${w}`));
      expect(missing).toEqual([]);
    });
  }
  it('the check catches a slot without a widget', () => {
    expect(widgetFolder('seed-experiment-that-does-not-exist')).toBe(false);
    expect(widgetFolder('vx')).toBe(true);
  });
});

describe('preset links', () => {
  for (const lang of LANGS) {
    const all = sections[lang].flatMap((s) => s.links.map((l) => ({ ...l, slug: s.slug })));
    const slots = new Set(sections[lang].flatMap((s) => s.widgets));

    it(`there are links in ${lang}, and each names a widget with a slot on the page`, () => {
      expect(all.length).toBeGreaterThan(20);
      const bad = all.filter((l) => !slots.has(l.widget) || !widgetFolder(l.widget)).map((l) => `${l.slug}: ${l.widget}`);
      expect(bad).toEqual([]);
    });

    it(`every key of every ${lang} link is a setting of its widget, with a value it takes as written`, () => {
      const bad = all.flatMap((l) => linkProblems(l.widget, l.query, ctx).map((p) => `${l.slug} [${l.text}](#try/${l.widget}?${l.query}): ${p}`));
      expect(bad).toEqual([]);
    });

    it(`every ${lang} link to a widget sets every setting that any link to it sets`, () => {
      const byWidget = new Map<string, { keys: Set<string>; label: string }[]>();
      for (const l of all) {
        const keys = new Set(Object.keys(WIDGET_PRESETS[l.widget].entries(new URLSearchParams(l.query), ctx)));
        if (!byWidget.has(l.widget)) byWidget.set(l.widget, []);
        byWidget.get(l.widget)!.push({ keys, label: `${l.slug} [${l.text}]` });
      }
      const bad: string[] = [];
      for (const [widget, links] of byWidget) {
        const union = new Set(links.flatMap((l) => [...l.keys]));
        for (const l of links) {
          const missing = [...union].filter((k) => !l.keys.has(k));
          if (missing.length) bad.push(`${widget}: ${l.label} leaves out ${missing.join(', ')}`);
        }
      }
      expect(bad).toEqual([]);
    });
  }

  it('both languages link to the same settings, section by section', () => {
    const sig = (s: RenderedSection) => s.links.map((l) => `${l.widget}?${l.query}`).sort();
    expect(sections.zh.map(sig)).toEqual(sections.en.map(sig));
  });

  it('the audit catches an unknown widget, an unknown setting and a value out of range or not allowed', () => {
    expect(linkProblems('nonexistent', 'a=1', ctx)).toEqual(['unknown widget "nonexistent"']);
    expect(linkProblems('vx', 'speed=1', ctx)).toEqual(['unknown setting "speed"']);
    expect(linkProblems('vx', 'rho=2.5', ctx)[0]).toMatch(/outside/);
    expect(linkProblems('vx', 'steps=12.5', ctx)[0]).toMatch(/not an integer/);
    expect(linkProblems('vx', 'act=sigmoid', ctx)[0]).toMatch(/not one of/);
    expect(linkProblems('vx', 'clip=maybe', ctx)[0]).toMatch(/clip/);
    expect(linkProblems('forward', 'x=1,5', ctx)[0]).toMatch(/beyond/);
    expect(linkProblems('trainer', 'preset=slow', ctx)[0]).toMatch(/not a preset/);
    expect(linkProblems('trainer', 'defect=typo', ctx)[0]).toMatch(/not a defect/);
    expect(linkProblems('trainer', 'data=file', ctx)[0]).toMatch(/bundled/);
    expect(linkProblems('trainer', 'target=volume2', ctx)[0]).toMatch(/no column/);
    expect(linkProblems('bptt', 'rho=1.5&rho=2', ctx)[0]).toMatch(/twice/);
    expect(linkProblems('vx', 'act=linear&rho=0.5&steps=50&input=1&clip=0&clipAt=1', ctx)).toEqual([]);
  });
});

describe('live numbers', () => {
  for (const lang of LANGS) {
    it(`every ${lang} live number belongs to a widget with a slot on the page`, () => {
      const slots = new Set(sections[lang].flatMap((s) => s.widgets));
      const live = sections[lang].flatMap((s) => s.live.map((l) => ({ ...l, slug: s.slug })));
      expect(live.length).toBeGreaterThan(30);
      expect(live.filter((l) => !slots.has(l.name.split('.')[0])).map((l) => `${l.slug}: ${l.name}`)).toEqual([]);
    });
  }

  it('both languages quote the same live numbers, section by section', () => {
    const sig = (s: RenderedSection) => s.live.map((l) => `${l.name}?${l.query}`).sort();
    expect(sections.zh.map(sig)).toEqual(sections.en.map(sig));
  });

  it('a live number is at the settings of a preset link in the same section, or at the defaults', () => {
    for (const lang of LANGS) {
      for (const s of sections[lang]) {
        const queries = new Set(s.links.map((l) => `${l.widget}?${l.query}`));
        const orphans = s.live.filter((l) => l.query !== '' && !queries.has(`${l.name.split('.')[0]}?${l.query}`));
        expect(orphans.map((l) => `${lang} ${s.slug}: ${l.name}?${l.query}`)).toEqual([]);
      }
    }
  });
});
