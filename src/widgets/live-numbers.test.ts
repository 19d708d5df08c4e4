// The live-number rule, on stand-in spans: numbers at the anchor's settings
// follow the widget's published values, the others keep their build-time
// text; moving the anchor hands the following over.
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveNumbers, settingsKey } from './live-numbers.ts';

class FakeSpan {
  dataset: Record<string, string>;
  title = '';
  constructor(
    name: string,
    at: string,
    public textContent: string,
  ) {
    this.dataset = { live: name, liveAt: at };
  }
  removeAttribute(name: string) {
    if (name === 'title') this.title = '';
  }
}

/** Settings of a query with two fields, a (default 1) and b (default 2). */
const normalise = (q: string) => {
  const p = new URLSearchParams(q);
  return { a: p.get('a') ?? '1', b: p.get('b') ?? '2' };
};

let frames: (() => void)[] = [];
beforeEach(() => {
  frames = [];
  globalThis.requestAnimationFrame = ((f: () => void) => frames.push(f)) as unknown as typeof requestAnimationFrame;
  globalThis.cancelAnimationFrame = (() => {}) as typeof cancelAnimationFrame;
});
afterEach(() => {
  Reflect.deleteProperty(globalThis, 'requestAnimationFrame');
  Reflect.deleteProperty(globalThis, 'cancelAnimationFrame');
});
const flush = () => frames.splice(0).forEach((f) => f());

describe('live numbers', () => {
  it('follow the widget from the anchor’s settings, and go back to their own value when a link moves it', () => {
    const atDefaults = new FakeSpan('w.q', '', '10');
    const spelt = new FakeSpan('w.q', 'a=1&b=2', '10');
    const other = new FakeSpan('w.q', 'a=5', '50');
    const otherWidget = new FakeSpan('v.q', '', '7');
    const spans = [atDefaults, spelt, other, otherWidget];
    const live = new LiveNumbers('en', () => ({ querySelectorAll: () => spans }) as unknown as ParentNode);
    const ch = live.channel('w', normalise);
    ch.anchor({ a: '1', b: '2' });
    ch.publish({ q: '10' });
    flush();
    expect(spans.map((s) => s.dataset.liveState)).toEqual(['following', 'following', 'own', 'own']);
    expect(atDefaults.dataset.liveOwn).toBe('10');
    // The reader drags: a = 3. The anchor's numbers follow; the others keep their text.
    ch.publish({ q: '30' });
    flush();
    expect(spans.map((s) => s.textContent)).toEqual(['30', '30', '50', '7']);
    expect(atDefaults.title).not.toBe('');
    // A link to a = 5: its number follows, the first two show their own value again.
    ch.anchor({ a: '5', b: '2' });
    ch.publish({ q: '50' });
    flush();
    expect(spans.map((s) => [s.textContent, s.dataset.liveState])).toEqual([['10', 'own'], ['10', 'own'], ['50', 'following'], ['7', 'own']]);
    expect(atDefaults.title).toBe('');
  });

  it('a quantity the widget does not publish keeps its own text; settings compare whatever their order', () => {
    const span = new FakeSpan('w.missing', '', '3');
    const live = new LiveNumbers('zh', () => ({ querySelectorAll: () => [span] }) as unknown as ParentNode);
    const ch = live.channel('w', normalise);
    ch.anchor({ b: '2', a: '1' });
    ch.publish({ q: '1' });
    flush();
    expect([span.textContent, span.dataset.liveState]).toEqual(['3', 'own']);
    expect(settingsKey({ a: '1', b: '2' })).toBe(settingsKey({ b: '2', a: '1' }));
  });
});
