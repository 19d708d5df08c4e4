// The heat map as text: its key numbers in a caption and every cell in a
// table (charts/text-alternative.ts shows them).
import { formatNumber } from '../../charts/scales.ts';
import type { DataTable } from '../../charts/text-alternative.ts';
import type { Labeller } from '../../i18n/labeller.ts';
import type { BpttModel } from './model.ts';
import type { bpttText } from './strings.ts';

type L = Labeller<typeof bpttText>;

/** The largest and the smallest cell (k ≤ t), 1-based. */
function extremes(m: BpttModel): { max: { t: number; k: number; v: number }; min: { t: number; k: number; v: number } } {
  const T = m.settings.steps;
  let max = { t: 1, k: 1, v: -Infinity };
  let min = { t: 1, k: 1, v: Infinity };
  for (let t = 1; t <= T; t++) {
    for (let k = 1; k <= t; k++) {
      const v = m.norms[(t - 1) * T + (k - 1)];
      if (v > max.v) max = { t, k, v };
      if (v < min.v) min = { t, k, v };
    }
  }
  return { max, min };
}

export function heatCaption(m: BpttModel, L: L): string {
  const { max, min } = extremes(m);
  return L.t('textHeat', { T: m.settings.steps, max: formatNumber(max.v, 3), tMax: max.t, kMax: max.k, min: formatNumber(min.v, 3), tMin: min.t, kMin: min.k });
}

export function heatTable(m: BpttModel, L: L): DataTable {
  const T = m.settings.steps;
  const rows = Array.from({ length: T }, (_, i) => {
    const t = i + 1;
    return [`t = ${t}`, ...Array.from({ length: T }, (_, j) => (j < t ? formatNumber(m.norms[i * T + j], 3) : ''))];
  });
  return { columns: [L.t('textCorner'), ...Array.from({ length: T }, (_, j) => `k = ${j + 1}`)], rows };
}
