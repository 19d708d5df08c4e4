// The lab's live numbers (`{{vx.QUANTITY?…}}` in the prose): the one place
// that prints them, for the build (src/content/live-values.ts) and for the
// widget, which publishes them as the reader drags.
import { formatFromLog10, formatNumber } from '../../charts/scales.ts';
import { normalisedSettings, withDefaults } from '../preset-params.ts';
import { presetEntries, VX_FIELDS } from './fields.ts';
import { chosenReadoutLog10, type VxResult } from './model.ts';

const last = (a: Float64Array) => a[a.length - 1];

/** Every quantity of a result, as the widget prints it; the gate ones only for a gated cell, the clipping ones only with clipping on. */
export function vxLiveValues(r: VxResult): Record<string, string> {
  const out: Record<string, string> = {
    /** ‖∂s(T)/∂s(1)‖₂ of the chosen cell (s = h for the simple cell), as the read-out prints its factor. */
    readout: formatFromLog10(chosenReadoutLog10(r), 2),
    /** The simple cell's ‖∂h(T)/∂h(1)‖₂ on the same inputs (beside a gated cell). */
    'simple-readout': formatFromLog10(r.readoutLog10, 2),
    /** Mean σ′ over units and steps, as the details line prints it. */
    'mean-derivative': formatNumber(r.meanDerivative, 3),
    /** Decades between the (ρ·γ) line's end and the measured curve's end (positive: the curve ends below). */
    'decades-below-reference': (last(r.log10Reference) - r.readoutLog10).toFixed(1),
  };
  if (r.gated) {
    /** The mean holding gate (LSTM f, GRU z), as the details line prints it. */
    out['mean-gate'] = formatNumber(r.gated.meanHold, 3);
    /** The direct path alone, max over units of ∏ f (or ∏ z), as the details line prints it. */
    out['direct-path'] = formatFromLog10(r.gated.log10DirectPath, 2);
  }
  if (r.clip) {
    /** The norm of the stacked blocks, as the clipping note prints it. */
    out['clip-norm'] = formatFromLog10(r.clip.log10GradNorm, 2);
    /** The clipping factor min(1, κ/‖·‖), as the clipping note prints it. */
    out['clip-factor'] = formatFromLog10(r.clip.log10Factor, 2);
  }
  return out;
}

/** The quantities a live number may name (those vxLiveValues gives with a gated cell and clipping on). */
export const VX_LIVE_QUANTITIES = ['readout', 'simple-readout', 'mean-derivative', 'decades-below-reference', 'mean-gate', 'direct-path', 'clip-norm', 'clip-factor'] as const;

/** A live number's (or a link's) settings, every field present: what the link gives. */
export function vxLinkSettings(query: string): Record<string, string> {
  return normalisedSettings(VX_FIELDS, withDefaults(VX_FIELDS, presetEntries(new URLSearchParams(query))));
}
