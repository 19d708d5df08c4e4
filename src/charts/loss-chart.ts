// Training and test loss per epoch on a log scale, for the trainer. A thin
// layer over the shared log-line chart (src/charts/log-line.ts).
import { createLogLineChart, type LogLineChart } from './log-line.ts';

export interface LossChartLabels {
  train: string;
  test: string;
  xLabel: string;
  yLabel: string;
  ariaLabel: string;
}

/** Another run's curve drawn over the current one (epochs 1..y.length; non-finite values are gaps, skipped). */
export interface LossOverlay {
  key: string;
  label: string;
  y: ArrayLike<number>;
  /** CSS colour, e.g. 'var(--run-1)'. */
  color: string;
}

export interface LossChart {
  element: HTMLElement;
  /** Losses of epochs 1..n (only the first n entries are drawn). */
  update(train: ArrayLike<number>, test: ArrayLike<number>, n: number): void;
  /** Curves of other runs, drawn with the current run's (none by default). */
  setOverlays(overlays: readonly LossOverlay[]): void;
  setLabels(labels: LossChartLabels): void;
  destroy(): void;
}

export function createLossChart(host: HTMLElement, initial: LossChartLabels, attrs: Record<string, string> = {}): LossChart {
  let labels = initial;
  const chart: LogLineChart = createLogLineChart(host, {
    xLabel: labels.xLabel,
    yLabel: labels.yLabel,
    ariaLabel: labels.ariaLabel,
    height: 220,
    minDecades: 1,
    xFormat: (x) => (Number.isInteger(x) ? String(x) : ''),
    attrs,
  });
  let last: { train: ArrayLike<number>; test: ArrayLike<number>; n: number } = { train: [], test: [], n: 0 };
  let overlays: readonly LossOverlay[] = [];

  /** The finite points of y over epochs 1..n (long runs evaluate the test loss every few epochs). */
  function finite(y: ArrayLike<number>, n: number): { x: number[]; y: number[] } {
    const out = { x: [] as number[], y: [] as number[] };
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(y[i])) {
        out.x.push(i + 1);
        out.y.push(y[i]);
      }
    }
    return out;
  }

  function draw(): void {
    const { train, test, n } = last;
    const x = Float64Array.from({ length: n }, (_, i) => i + 1);
    chart.update([
      ...overlays.map((o) => ({ key: `overlay-${o.key}`, label: o.label, ...finite(o.y, o.y.length), color: o.color, width: 1.5 })),
      { key: 'train', label: labels.train, x, y: Array.prototype.slice.call(train, 0, n) as number[], color: 'var(--accent)' },
      { key: 'test', label: labels.test, ...finite(test, n), color: 'var(--accent-2)' },
    ]);
  }

  return {
    element: chart.element,
    update(train, test, n) {
      last = { train, test, n };
      draw();
    },
    setOverlays(next) {
      overlays = next;
      draw();
    },
    setLabels(next) {
      labels = next;
      chart.setLabels({ xLabel: next.xLabel, yLabel: next.yLabel, ariaLabel: next.ariaLabel });
      draw();
    },
    destroy() {
      chart.destroy();
    },
  };
}
