// Every widget that has a slot in the text has a height reserved for it, so
// that mounting it moves nothing below (a new widget without one would make
// the page jump when it scrolls into view); the reserve interpolates between
// the two measured columns and holds outside them.
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { loadSections } from '../content/vite-plugin.ts';
import { reservedWidgetPx } from './widget-reserve.ts';

const contentDir = fileURLToPath(new URL('../../content', import.meta.url));
const slotted = [...new Set((['en', 'zh'] as const).flatMap((lang) => loadSections(contentDir, lang).flatMap((s) => s.widgets)))];

describe('reservedWidgetPx', () => {
  it('reserves a height for every widget the text has a slot for', () => {
    expect(slotted.length).toBeGreaterThanOrEqual(8);
    expect(slotted.filter((name) => !(reservedWidgetPx(name, 388) > 0 && reservedWidgetPx(name, 672) > 0))).toEqual([]);
  });

  it('interpolates between the measured columns and clamps outside them', () => {
    const narrow = reservedWidgetPx('trainer', 388);
    const wide = reservedWidgetPx('trainer', 672);
    expect(narrow).toBeGreaterThan(wide);
    expect(reservedWidgetPx('trainer', 530)).toBe(Math.round((narrow + wide) / 2));
    expect(reservedWidgetPx('trainer', 200)).toBe(narrow);
    expect(reservedWidgetPx('trainer', 2000)).toBe(wide);
    expect(reservedWidgetPx('not-a-widget', 500)).toBe(0);
  });
});
