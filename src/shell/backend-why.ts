// What the backend badge says about the training backend, in the reader's
// language: the measured choice ("webgpu — 1.9 ms/step vs wasm 8.0"), the
// candidates the self-test rejected, a lost GPU device, and the cost of the
// measurement. Pure: formats what the backend owner publishes (no tfjs, no DOM).
import { format, type Lang } from '../i18n/lang.ts';
import { shellText } from '../i18n/shell.ts';
import { formatMs, timingFigure } from '../engine/timing-text.ts';
import type { BackendInUse, BackendRejection, MeasuredChoice } from '../train/backends.ts';

const t = (key: keyof typeof shellText, lang: Lang, values: Record<string, string | number> = {}): string => format(shellText[key][lang], values);

/** "webgpu — 1.9 ms/step vs wasm 8.0, cpu 9.6" (zh: "webgpu — 每步 1.9 毫秒，对比 wasm 8.0、cpu 9.6"); the chosen backend first. */
export function timingSentence(name: string, m: MeasuredChoice, lang: Lang): string {
  const best = m.timings.find((x) => x.backend === name && x.msPerStep !== null);
  const others = m.timings
    .filter((x) => x !== best)
    .map((x) => (x.msPerStep === null ? t('backendNotTimed', lang, { backend: x.backend, note: x.note || 'not measured' }) : `${x.backend} ${timingFigure(x)}`));
  const head = best ? t('backendMsPerStep', lang, { best: name, ms: timingFigure(best) }) : name;
  return others.length ? `${head}${t('backendVersus', lang, { others: others.join(lang === 'zh' ? '、' : ', ') })}` : head;
}

/** The self-test's verdict on a rejected candidate. */
export function rejectionSentence(r: BackendRejection, lang: Lang): string {
  const values = {
    backend: r.backend,
    fields: r.fields.join(', '),
    worst: Number.isFinite(r.worst) ? r.worst.toExponential(1) : String(r.worst),
    inputs: r.inputs ? t(`backendInputs_${r.inputs}`, lang) : '',
    path: r.path ? t(`backendPath_${r.path}`, lang) : '',
    message: r.message,
  };
  if (r.code === 'zero-gradients') return t('backendRejectedZero', lang, values);
  if (r.code === 'mismatch') return t('backendRejectedMismatch', lang, values);
  return t('backendRejectedFailed', lang, values);
}

/** The badge's visible text: the backend, and for a measured choice or a lost device, why in a few words. */
export function badgeText(use: BackendInUse, lang: Lang): string {
  const m = use.measured;
  const parts = [m ? timingSentence(use.name, m, lang) : use.name];
  if (use.lost) parts.push(t('backendLostShort', lang, { backend: use.lost.backend }));
  for (const r of m?.rejected ?? []) parts.push(t('backendRejectedShort', lang, { backend: r.backend }));
  return parts.join(' · ');
}

/** The tooltip's lines about the choice: the device loss, each rejection, what was timed and what it cost. */
export function choiceDetails(use: BackendInUse, lang: Lang): string[] {
  const m = use.measured;
  const lines: string[] = [];
  if (use.lost) lines.push(t('backendLost', lang, { backend: use.lost.backend, message: use.lost.message, next: use.name }));
  if ((use.threads ?? 1) > 1) lines.push(t('backendThreads', lang, { threads: use.threads! }));
  for (const r of m?.rejected ?? []) lines.push(rejectionSentence(r, lang));
  if (m) {
    const { cell, rows, T, F, H } = m.shape;
    lines.push(t('backendMeasuredCost', lang, { cell, rows, T, F, H, selfTest: formatMs(m.selfTestMs), timing: formatMs(m.timingMs), total: formatMs(m.totalMs) }));
  }
  return lines;
}
