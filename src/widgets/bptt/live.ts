// The heat map's live numbers (`{{bptt.QUANTITY?…}}` in the prose), printed
// the way the path panel prints them: for the build (src/content/live-values.ts)
// and for the widget, which publishes them as the reader changes it.
import { formatFromLog10, formatNumber } from '../../charts/scales.ts';
import { normalisedSettings, pickParams, withDefaults } from '../preset-params.ts';
import { BPTT_FIELDS } from './fields.ts';
import { cellPath, selectedCell, type BpttModel } from './model.ts';

/** The selected cell's numbers (fields t, k as the widget reads them). */
export function bpttLiveValues(model: BpttModel, t: number, k: number): Record<string, string> {
  const cell = selectedCell(model.settings.steps, t, k);
  const p = cellPath(model, cell.t, cell.k);
  return {
    /** ‖∂L^(t)/∂h(k)‖ of the selected cell. */
    cell: formatNumber(p.end, 3),
    /** ‖∂L^(t)/∂h(t)‖, where the chain starts. */
    start: formatNumber(p.start, 3),
    /** The product of the chain's factor norms, the bound on the cell. */
    bound: formatFromLog10(p.log10Bound, 3),
  };
}

/** A live number's (or a link's) settings, every field present. */
export function bpttLinkSettings(query: string): Record<string, string> {
  return normalisedSettings(BPTT_FIELDS, withDefaults(BPTT_FIELDS, pickParams(new URLSearchParams(query), Object.keys(BPTT_FIELDS))));
}
