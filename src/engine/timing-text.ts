// What the backend timing says, without tfjs (the header badge formats it
// too): one candidate's figure, and the sentence that names the fastest,
// e.g. "webgpu — 1.9 ms/step vs wasm 8.0, cpu 9.6".

export interface CandidateTiming {
  backend: string;
  /** median ms per step (the warm-up step's ms when only that ran), null when not measured */
  msPerStep: number | null;
  /** timed steps */
  steps: number;
  warmupMs: number;
  /** '' or why the figure is missing or rough */
  note: string;
}

/** "1.9", "12", "850": ms with two or three significant digits. */
export const formatMs = (ms: number): string => (ms < 10 ? ms.toFixed(1) : ms.toFixed(0));

/** A candidate's figure: "8.0", or "≤850" when only the warm-up step was timed (an upper bound). */
export const timingFigure = (t: CandidateTiming): string => `${t.steps === 0 ? '≤' : ''}${formatMs(t.msPerStep!)}`;

/** The badge's sentence for a set of timings (English; the badge words it in the reader's language). */
export function timingReason(timings: readonly CandidateTiming[], fastest: string | null): string {
  const other = (t: CandidateTiming): string => (t.msPerStep === null ? `${t.backend} ${t.note || 'not measured'}` : `${t.backend} ${timingFigure(t)}`);
  const best = timings.find((t) => t.backend === fastest);
  if (!best || best.msPerStep === null) return `no backend could be timed (${timings.map(other).join(', ')})`;
  const rest = timings.filter((t) => t !== best).map(other);
  return `${best.backend} — ${timingFigure(best)} ms/step${rest.length ? ` vs ${rest.join(', ')}` : ''}`;
}
