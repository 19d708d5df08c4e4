// The trainer's drawing schedule: whatever the worker says marks parts of
// the widget dirty, and they are drawn together on the next animation frame.
// While training, chart updates are held back to one per CHART_INTERVAL_MS
// (text still updates every frame): repainting thousands of SVG path points
// 60 times a second would only cost the rest of the page its frames.
import type { Part } from './view-model.ts';

export type Dirty = Part | 'fields';

const CHART_INTERVAL_MS = 250;
const CHART_PARTS: readonly Part[] = ['losses', 'snapshot'];

/**
 * Which dirty chart parts to hold back, and for how long (ms): while training,
 * if charts were drawn less than `interval` ago, unless the series itself changed.
 */
export function chartsToHold(parts: ReadonlySet<Dirty>, training: boolean, sinceCharts: number, interval = CHART_INTERVAL_MS): { hold: Part[]; waitMs: number } {
  const waitMs = interval - sinceCharts;
  if (!training || waitMs <= 0 || parts.has('series')) return { hold: [], waitMs: 0 };
  return { hold: CHART_PARTS.filter((p) => parts.has(p)), waitMs };
}

export class Redraw {
  private readonly dirty = new Set<Dirty>();
  private frame = 0;
  private timer: ReturnType<typeof setTimeout> | 0 = 0;
  private lastCharts = 0;

  constructor(
    private readonly draw: (parts: ReadonlySet<Dirty>) => void,
    private readonly training: () => boolean,
  ) {}

  /** Mark `parts` dirty and draw them on the next frame. */
  invalidate(parts: Iterable<Dirty>): void {
    for (const p of parts) this.dirty.add(p);
    if (!this.frame) this.frame = requestAnimationFrame(() => this.flush());
  }

  destroy(): void {
    if (this.timer) clearTimeout(this.timer);
    if (this.frame) cancelAnimationFrame(this.frame);
  }

  private flush(): void {
    this.frame = 0;
    const start = performance.now();
    const parts = new Set(this.dirty);
    this.dirty.clear();
    const { hold, waitMs } = chartsToHold(parts, this.training(), start - this.lastCharts);
    for (const p of hold) {
      parts.delete(p);
      this.dirty.add(p);
    }
    if (hold.length && !this.timer) this.timer = setTimeout(() => ((this.timer = 0), this.invalidate([])), waitMs);
    if (CHART_PARTS.some((p) => parts.has(p)) || parts.has('series')) this.lastCharts = start;
    this.draw(parts);
    // Main-thread cost of each redraw, for profiling (DevTools → Performance → Timings).
    performance.measure('trainer:draw', { start, detail: [...parts].join(' ') });
  }
}
