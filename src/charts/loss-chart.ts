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

export interface LossChart {
  element: HTMLElement;
  /** Losses of epochs 1..n (only the first n entries are drawn). */
  update(train: ArrayLike<number>, test: ArrayLike<number>, n: number): void;
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

  function draw(): void {
    const { train, test, n } = last;
    const x = Float64Array.from({ length: n }, (_, i) => i + 1);
    // Long runs evaluate the test loss every few epochs: draw it through the epochs that have one.
    const tx: number[] = [];
    const ty: number[] = [];
    for (let i = 0; i < n; i++) {
      if (Number.isFinite(test[i])) {
        tx.push(i + 1);
        ty.push(test[i]);
      }
    }
    chart.update([
      { key: 'train', label: labels.train, x, y: Array.prototype.slice.call(train, 0, n) as number[], color: 'var(--accent)' },
      { key: 'test', label: labels.test, x: tx, y: ty, color: 'var(--accent-2)' },
    ]);
  }

  return {
    element: chart.element,
    update(train, test, n) {
      last = { train, test, n };
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
