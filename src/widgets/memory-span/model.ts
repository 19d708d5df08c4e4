// What the memory-span widget shows, as a pure reducer of the worker's
// messages (span-progress, span-result, span-done) and the view's pieces
// derived from it: one series per curve (ratio against lag, growing as
// results arrive), the "learnt nothing" level at every lag run so far, the
// y range, and how far the run has got. No DOM, no tfjs.
import { curveKey, spanRuns, type MemorySpanSettings, type SpanCurve, type SpanProgress, type SpanResult } from '../../train/memory-span-settings.ts';
import type { SpanMessage } from '../../train/protocol.ts';

export type SpanState = 'idle' | 'running' | 'done' | 'cancelled' | 'error';

export interface SpanPoint {
  lag: number;
  ratio: number;
}

export interface SpanCurveSeries {
  key: string;
  curve: SpanCurve;
  points: SpanPoint[];
}

export class SpanViewModel {
  state: SpanState = 'idle';
  runId = 0;
  /** The settings of the run shown (not necessarily the fields now). */
  settings: MemorySpanSettings | null = null;
  results: SpanResult[] = [];
  progress: SpanProgress | null = null;
  error: string | null = null;
  /** Wall time of the finished run, ms. */
  ms = 0;

  /** A new run with these settings: what was shown goes. */
  start(runId: number, settings: MemorySpanSettings): void {
    this.runId = runId;
    this.settings = settings;
    this.results = [];
    this.progress = null;
    this.error = null;
    this.ms = 0;
    this.state = 'running';
  }

  /** Fold one message; false when it belongs to another run (ignored). */
  apply(msg: SpanMessage): boolean {
    if (msg.runId !== this.runId || this.state !== 'running') return false;
    if (msg.type === 'span-progress') this.progress = msg.progress;
    else if (msg.type === 'span-result') this.results.push(msg.result);
    else {
      this.ms = msg.ms;
      this.error = msg.error;
      this.progress = null;
      this.state = msg.error !== null ? 'error' : msg.cancelled ? 'cancelled' : 'done';
    }
    return true;
  }

  /** The worker went away (failed or was stopped) during the run. */
  fail(message: string): void {
    if (this.state !== 'running') return;
    this.state = 'error';
    this.error = message;
    this.progress = null;
  }

  /** Runs in this experiment (cell × lag). */
  get total(): number {
    return this.settings ? spanRuns(this.settings).length : 0;
  }

  /** Share of the experiment done, 0 … 1 (epochs of the run under way counted). */
  get fraction(): number {
    const total = this.total;
    if (total === 0) return 0;
    if (this.state === 'done') return 1;
    const p = this.progress;
    const partial = p && p.index === this.results.length ? p.epoch / p.epochs : 0;
    return Math.min(1, (this.results.length + partial) / total);
  }

  /** One series per curve of the run, in the settings' order, points by lag. */
  series(): SpanCurveSeries[] {
    if (!this.settings) return [];
    return this.settings.curves.map((curve) => {
      const key = curveKey(curve);
      const points = this.results
        .filter((r) => curveKey(r.curve) === key)
        .map((r) => ({ lag: r.lag, ratio: r.ratio }))
        .sort((a, b) => a.lag - b.lag);
      return { key, curve, points };
    });
  }

  /** The learnt-nothing level (training mean against persistence) at each lag with a result, by lag. */
  nothing(): SpanPoint[] {
    const byLag = new Map<number, number>();
    for (const r of this.results) if (!byLag.has(r.lag)) byLag.set(r.lag, r.nothingRatio);
    return [...byLag].map(([lag, ratio]) => ({ lag, ratio })).sort((a, b) => a.lag - b.lag);
  }

  /** The result of `curve` at `lag`, if finished. */
  result(key: string, lag: number): SpanResult | undefined {
    return this.results.find((r) => r.lag === lag && curveKey(r.curve) === key);
  }
}

/** The chart's y range: from 0 to at least 1 (persistence), up to the largest ratio rounded up to a tenth. */
export function ratioDomain(values: Iterable<number>): [number, number] {
  let hi = 1;
  for (const v of values) if (Number.isFinite(v) && v > hi) hi = v;
  return [0, Math.ceil(hi * 10 - 1e-9) / 10];
}

/** The chart's x range: 0 to the longest lag of the run (the whole run's range from its start, so the axes do not move). */
export function lagDomain(lags: readonly number[]): [number, number] {
  const hi = lags.length ? Math.max(...lags) : 1;
  return [0, hi];
}
