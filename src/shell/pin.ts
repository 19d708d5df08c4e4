// Keeps an element where a jump put it while the page settles around it:
// chunks above it lay out at their real height (content-visibility: auto
// reserved an estimate) and widgets mount near it, and scroll anchoring does
// not always hold the target still. For a moment after the jump, any drift
// of the target is scrolled back, until the reader scrolls themselves.
const SETTLE_MS = 1500;
const READER_INPUT = ['wheel', 'touchstart', 'keydown', 'pointerdown'] as const;

let cancel: (() => void) | null = null;

/** Hold `target`'s top where it is now for a moment. */
export function pinInView(target: Element, ms = SETTLE_MS): void {
  cancel?.();
  const want = target.getBoundingClientRect().top;
  const until = performance.now() + ms;
  let frame = 0;
  const stop = (): void => {
    cancelAnimationFrame(frame);
    for (const type of READER_INPUT) window.removeEventListener(type, stop, true);
    if (cancel === stop) cancel = null;
  };
  const hold = (): void => {
    const drift = target.getBoundingClientRect().top - want;
    if (Math.abs(drift) >= 1) window.scrollBy({ top: drift, behavior: 'instant' });
    if (performance.now() < until) frame = requestAnimationFrame(hold);
    else stop();
  };
  for (const type of READER_INPUT) window.addEventListener(type, stop, { capture: true, passive: true });
  cancel = stop;
  frame = requestAnimationFrame(hold);
}

/** Scroll `target` into view (its scroll-margin honoured) and hold it there while the page settles. */
export function jumpInto(target: Element): void {
  target.scrollIntoView({ behavior: 'instant' });
  pinInView(target);
}
