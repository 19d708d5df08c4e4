// What the parser did about a file whose dates go backwards or repeat in the
// middle (data/rows.ts decides; this says it): one fact per decision.
import type { TableSummary } from '../../train/protocol.ts';
import type { Translate } from './labels.ts';

export function dateOrderFacts(s: TableSummary, t: Translate): string[] {
  if (s.datesSetAside !== null) return [t('datesSetAside', { column: s.datesSetAside, n: s.duplicateDates, rows: s.rows })];
  const facts: string[] = [];
  if (s.unsortedDates > 0) facts.push(t('unsortedDates', { n: s.unsortedDates }));
  if (s.duplicateDates > 0) facts.push(t('repeatedDates', { n: s.duplicateDates }));
  return facts;
}
