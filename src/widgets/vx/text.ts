// The lab's charts as text: a caption with the key numbers of each, and the
// data behind them as tables (charts/text-alternative.ts shows them).
import { formatFromLog10, formatNumber } from '../../charts/scales.ts';
import type { DataTable } from '../../charts/text-alternative.ts';
import type { Labeller } from '../../i18n/labeller.ts';
import { cellLabel } from './gated-view.ts';
import type { VxResult } from './model.ts';
import type { vxText } from './strings.ts';

type L = Labeller<typeof vxText>;
const last = (a: Float64Array) => a[a.length - 1];

export function lineCaption(r: VxResult, L: L): string {
  const n = r.settings.steps - 1;
  const clipped = r.clip ? L.t('textClipped', { v: formatFromLog10(last(r.clip.log10Clipped), 2) }) : '';
  return L.t('textLine', {
    n,
    measured: formatFromLog10(r.readoutLog10, 2),
    reference: formatFromLog10(last(r.log10Reference), 2),
    bound: formatFromLog10(last(r.log10Bound), 2),
    clipped,
  }) + gatedCaption(r, L);
}

/** With a gated cell chosen, where its curve ends beside the simple cell's. */
function gatedCaption(r: VxResult, L: L): string {
  if (!r.gated) return '';
  return L.t('textGated', { cell: cellLabel(L, r.gated.cell), n: r.settings.steps - 1, v: formatFromLog10(r.gated.readoutLog10, 2) });
}

export function lineTable(r: VxResult, L: L): DataTable {
  const columns = ['T − k', L.t('seriesMeasured'), '(ρ·γ)ᵀ⁻ᵏ', L.t('seriesBound')];
  if (r.clip) columns.push(L.t('seriesClipped'));
  const g = r.gated;
  if (g) columns.push(L.t('seriesGated', { cell: cellLabel(L, g.cell) }));
  const rows = Array.from(r.log10Spectral, (v, j) => {
    const row = [String(j), formatFromLog10(v, 3), formatFromLog10(r.log10Reference[j], 3), formatFromLog10(r.log10Bound[j], 3)];
    if (r.clip) row.push(formatFromLog10(r.clip.log10Clipped[j], 3));
    if (g) row.push(formatFromLog10(g.log10Spectral[j], 3));
    return row;
  });
  return { columns, rows };
}

function moduli(r: VxResult): { re: number; im: number; mod: number }[] {
  return Array.from(r.eigen.re, (re, i) => ({ re, im: r.eigen.im[i], mod: Math.hypot(re, r.eigen.im[i]) })).sort((a, b) => b.mod - a.mod);
}

export function planeCaption(r: VxResult, L: L): string {
  const all = moduli(r);
  const outside = all.filter((e) => e.mod > 1 + 1e-9).length;
  return L.t('textPlane', { n: all.length, rho: formatNumber(r.largestModulus, 4), outside });
}

export function planeTable(r: VxResult, L: L): DataTable {
  return {
    columns: ['#', L.t('textRe'), L.t('textIm'), '|λ|'],
    rows: moduli(r).map((e, i) => [String(i + 1), formatNumber(e.re, 4), formatNumber(e.im, 4), formatNumber(e.mod, 4)]),
  };
}
