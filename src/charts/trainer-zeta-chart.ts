// The trainer's gradient-profile chart: for the current weights,
// ‖∂h^(T)/∂h^(k)‖₂ (ζ products) and ‖∂L/∂h^(k)‖ against T−k on a log scale,
// and a heat map of how ‖∂L/∂h^(k)‖ changed over training (k × epoch). Built
// from the shared log-line and heat-map charts; the root carries
// `data-points` = line points + heat-map cells drawn.
import { createHeatmap, type Heatmap } from './heatmap.ts';
import { createLogLineChart, type LogLineChart } from './log-line.ts';
import { formatNumber } from './scales.ts';

export interface ZetaChartLabels {
  jacobian: string;
  dLdh: string;
  /** The LSTM's ‖∂L/∂c^(k)‖, drawn when given. */
  dLdc?: string;
  lag: string;
  norm: string;
  heatTitle: string;
  epoch: string;
  k: string;
  heatColor: string;
  ariaLabel: string;
  cell: (v: { epoch: number; k: number; value: string }) => string;
}

export interface ZetaRow {
  epoch: number;
  /** ‖∂L/∂h^(k)‖, k = 1..T. */
  dLdh: Float64Array;
}

export interface ZetaChart {
  element: HTMLElement;
  /** Current profile (index k−1), the history of ‖∂L/∂h^(k)‖ rows, and the LSTM's ‖∂L/∂c^(k)‖. */
  update(jacobian: Float64Array | null, dLdh: Float64Array | null, history: readonly ZetaRow[], dLdc?: Float64Array | null): void;
  setLabels(labels: ZetaChartLabels): void;
  destroy(): void;
}

export function createTrainerZetaChart(host: HTMLElement, initial: ZetaChartLabels, attrs: Record<string, string> = {}): ZetaChart {
  let labels = initial;
  const root = document.createElement('div');
  root.className = 'trainer-zeta';
  for (const [k, v] of Object.entries(attrs)) root.setAttribute(k, v);
  root.dataset.points = '0';
  host.append(root);
  const lineHost = document.createElement('div');
  const heatTitle = document.createElement('p');
  heatTitle.className = 'trainer-chart-subtitle';
  const heatHost = document.createElement('div');
  root.append(lineHost, heatTitle, heatHost);

  const lines: LogLineChart = createLogLineChart(lineHost, { xLabel: labels.lag, yLabel: labels.norm, ariaLabel: labels.ariaLabel, height: 200, minDecades: 1, xFormat: (x) => (Number.isInteger(x) ? String(x) : '') });
  let last: { jacobian: Float64Array | null; dLdh: Float64Array | null; history: readonly ZetaRow[]; dLdc: Float64Array | null } = { jacobian: null, dLdh: null, history: [], dLdc: null };
  const heat: Heatmap = makeHeat();

  function makeHeat(): Heatmap {
    return createHeatmap(heatHost, {
      log: true,
      maxCell: 18,
      xLabel: labels.epoch,
      yLabel: labels.k,
      colorLabel: labels.heatColor,
      ariaLabel: labels.heatTitle,
      cellLabel: (c) => {
        const row = last.history[c.col];
        return labels.cell({ epoch: row?.epoch ?? 0, k: c.row + 1, value: formatNumber(c.value, 3) });
      },
    });
  }

  function draw(): void {
    const { jacobian, dLdh, history, dLdc } = last;
    const T = dLdh?.length ?? jacobian?.length ?? 0;
    // x = T − k for k = 1..T: index k−1 sits at T − k.
    const x = Float64Array.from({ length: T }, (_, i) => T - 1 - i);
    const series = [];
    if (jacobian) series.push({ key: 'jacobian', label: labels.jacobian, x, y: jacobian, color: 'var(--accent)' });
    if (dLdh) series.push({ key: 'dLdh', label: labels.dLdh, x, y: dLdh, color: 'var(--accent-2)', dash: '6 3' });
    if (dLdc && labels.dLdc) series.push({ key: 'dLdc', label: labels.dLdc, x, y: dLdc, color: 'var(--good)', dash: '2 3' });
    lines.update(series);
    // Heat map: rows k = 1..T, columns = snapshots in epoch order.
    const cols = history.length;
    const rows = cols > 0 ? history[0].dLdh.length : 0;
    const values = new Float64Array(rows * cols).fill(NaN);
    for (let c = 0; c < cols; c++) {
      const h = history[c];
      if (h.dLdh.length !== rows) continue;
      for (let r = 0; r < rows; r++) values[r * cols + c] = h.dLdh[r];
    }
    heat.update({ rows, cols, values, colLabel: (c) => String(history[c]?.epoch ?? ''), rowLabel: (r) => String(r + 1) });
    const linePoints = Number(lines.element.dataset.points ?? 0);
    const cells = Number(heat.element.dataset.cells ?? 0);
    root.dataset.points = String(linePoints + cells);
  }

  function applyLabels(): void {
    heatTitle.textContent = labels.heatTitle;
    root.setAttribute('aria-label', labels.ariaLabel);
  }
  applyLabels();

  return {
    element: root,
    update(jacobian, dLdh, history, dLdc = null) {
      last = { jacobian, dLdh, history, dLdc };
      draw();
    },
    setLabels(next) {
      labels = next;
      applyLabels();
      lines.setLabels({ xLabel: next.lag, yLabel: next.norm, ariaLabel: next.ariaLabel });
      heat.setLabels({ xLabel: next.epoch, yLabel: next.k, colorLabel: next.heatColor, ariaLabel: next.heatTitle });
      draw();
    },
    destroy() {
      lines.destroy();
      heat.destroy();
      root.remove();
    },
  };
}
