// What the parser did about a file whose dates go backwards or repeat in the
// middle (data/rows.ts decides; this says it): one fact per decision.
import type { Lang } from '../../i18n/lang.ts';
import type { TableSummary } from '../../train/protocol.ts';
import type { Translate } from './labels.ts';

export function dateOrderFacts(s: TableSummary, t: Translate, lang: Lang): string[] {
  const n = (v: number) => v.toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  if (s.datesSetAside !== null) return [t('datesSetAside', { column: s.datesSetAside, n: n(s.duplicateDates), rows: n(s.rows) })];
  const facts: string[] = [];
  if (s.unsortedDates > 0) facts.push(t('unsortedDates', { n: n(s.unsortedDates) }));
  if (s.duplicateDates > 0) facts.push(t('repeatedDates', { n: n(s.duplicateDates) }));
  return facts;
}
