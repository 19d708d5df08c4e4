// The stepper's live numbers (`{{forward.QUANTITY?…}}` in the prose): the
// entries of a(t), h(t) and the output o(t) = ŷ(t) at the step shown, printed
// as the equation prints them. For the build (src/content/live-values.ts) and
// for the widget, which publishes them as the reader drags.
import { normalisedSettings, pickParams, withDefaults } from '../preset-params.ts';
import { DEFAULT_X, FORWARD_FIELDS } from './fields.ts';
import { parseSequence, runTiny, stepValues, texState, type ForwardWeights } from './model.ts';

const print = (v: number) => texState(v).replace('-', '−');

/** The widget's input sequence for the field x (the default where x is unusable). */
export function sequenceOf(x: string): number[] {
  return parseSequence(x) ?? parseSequence(DEFAULT_X)!;
}

/** The numbers of step t (clamped to the sequence) of the network with these parameters. */
export function forwardLiveValues(w: ForwardWeights, xs: readonly number[], t: number): Record<string, string> {
  const step = Math.max(1, Math.min(t, xs.length));
  const v = stepValues(runTiny(w, xs), step);
  return { a1: print(v.a[0]), a2: print(v.a[1]), h1: print(v.h[0]), h2: print(v.h[1]), o: print(v.o) };
}

/** A live number's (or a link's) settings, every field present. */
export function forwardLinkSettings(query: string): Record<string, string> {
  return normalisedSettings(FORWARD_FIELDS, withDefaults(FORWARD_FIELDS, pickParams(new URLSearchParams(query), Object.keys(FORWARD_FIELDS))));
}
