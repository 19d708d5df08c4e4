// What the lab shows for a gated cell beside the simple one: the cell
// selector and the LSTM's forget-gate bias slider, the chosen cell's
// ‖∂s(T)/∂s(k)‖₂ over the simple cell's on the same inputs, and the read-out
// of both. index.ts calls these; the numbers come from gated.ts.
import type { LogLineSeries } from '../../charts/log-line.ts';
import { formatFromLog10, formatNumber } from '../../charts/scales.ts';
import type { Labeller } from '../../i18n/labeller.ts';
import { CELLS, type CellName } from '../../model/cells.ts';
import { rangeControl, selectControl } from '../controls.ts';
import type { VxResult, VxSettings } from './model.ts';
import type { vxText } from './strings.ts';

type L = Labeller<typeof vxText>;

const CELL_LABEL = { rnn: 'cellRnn', lstm: 'cellLstm', gru: 'cellGru' } as const;

export interface GatedControls {
  roots: HTMLElement[];
  sync(v: VxSettings): void;
}

export function createGatedControls(L: L, set: (v: Partial<Pick<VxSettings, 'cell' | 'forgetBias'>>) => void, onBias: (v: number) => void, v0: VxSettings): GatedControls {
  const cell = selectControl(CELLS, v0.cell ?? 'rnn', (v) => set({ cell: v }), 'vx-cell');
  const bias = rangeControl({ min: 0, max: 5, step: 0.1, value: v0.forgetBias ?? 0, format: (v) => v.toFixed(1), onInput: onBias, testId: 'vx-forget-bias' });
  L.bind((t) => {
    cell.setLabels(t('cell'), { rnn: t('cellRnn'), lstm: t('cellLstm'), gru: t('cellGru') });
    bias.setLabel(t('forgetBias'));
  });
  return {
    roots: [cell.root, bias.root],
    sync(v) {
      cell.setValue(v.cell ?? 'rnn');
      bias.setValue(v.forgetBias ?? 0);
      bias.input.disabled = v.cell !== 'lstm';
    },
  };
}

export function cellLabel(L: L, cell: CellName): string {
  return L.t(CELL_LABEL[cell]);
}

/** The read-out and details lines for a gated cell (the simple cell's stay as index.ts writes them). */
export function paintGatedReadout(L: L, r: VxResult, readout: HTMLElement, details: HTMLElement): void {
  const g = r.gated;
  if (!g) return;
  const t = L.t;
  const n = r.settings.steps - 1;
  const l = g.readoutLog10;
  const key = l < -0.5 ? 'gatedShrinks' : l > 0.5 ? 'gatedGrows' : 'gatedSteady';
  readout.textContent = t(key, { T: r.settings.steps, n, cell: cellLabel(L, g.cell), factor: formatFromLog10(l, 2), simple: formatFromLog10(r.readoutLog10, 2) });
  details.textContent = t(g.cell === 'lstm' ? 'detailsLstm' : 'detailsGru', {
    mean: formatNumber(g.meanHold, 3),
    bias: formatNumber(g.forgetBias, 2),
    n,
    path: formatFromLog10(g.log10DirectPath, 2),
  });
}

/** The chart for a gated cell: its curve, and the simple cell's measured one beside it (its reference and bound describe the simple cell alone, so they go). */
export function gatedSeries(L: L, r: VxResult, xs: Float64Array, simple: LogLineSeries[]): LogLineSeries[] {
  const g = r.gated;
  if (!g) return simple;
  const t = L.t;
  const kept = simple
    .filter((s) => s.key !== 'reference' && s.key !== 'bound')
    .map((s) => (s.key === 'measured' ? { ...s, label: t('seriesSimple'), color: 'var(--accent-2)', width: 2 } : s));
  return [...kept, { key: 'gated', label: t('seriesGated', { cell: cellLabel(L, g.cell) }), x: xs, log10y: g.log10Spectral, color: 'var(--accent)', width: 2.5 }];
}
