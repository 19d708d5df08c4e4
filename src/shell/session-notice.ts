// The notice at the top of the page about the reader's kept session: what
// came back from the last visit (with "start fresh"), a shared link that left
// it alone (with "restore it instead"), a part that an older version wrote
// and was dropped, a file too large to keep, or storage that keeps nothing.
// One line each; it subscribes to the session keeper and keeps no state.
import { format, type Lang } from '../i18n/lang.ts';
import { sessionText, type SessionTextKey } from '../i18n/session.ts';
import type { KeeperState, PartAbout, SessionKeeper } from '../state/session-keeper.ts';
import { clear, el } from '../ui/dom.ts';
import './session-notice.css';

export interface SessionNotice {
  element: HTMLElement;
  setLang(lang: Lang): void;
}

export interface SessionActions {
  /** Forget what was kept and open the page afresh. */
  fresh(): void;
  /** Open the page without the link's settings, so that the kept session comes back. */
  restore(): void;
}

const PARTS = ['table', 'weights', 'runs', 'settings'] as const;

function items(about: Record<string, PartAbout>, settings: boolean, t: (k: SessionTextKey, v?: Record<string, string | number>) => string, lang: Lang): string {
  const out: string[] = [];
  const n = (v: string | number | undefined) => Number(v ?? 0).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en');
  if (about.table) out.push(t('itemFile', { name: String(about.table.name ?? ''), rows: n(about.table.rows) }));
  if (about.weights) out.push(t('itemWeights', { epoch: n(about.weights.epoch) }));
  if (about.runs && Number(about.runs.count) === 1) out.push(t('itemRun'));
  else if (about.runs && Number(about.runs.count) > 1) out.push(t('itemRuns', { count: n(about.runs.count) }));
  if (settings) out.push(t('itemSettings'));
  if (lang === 'zh') return out.join('、');
  return out.length > 1 ? `${out.slice(0, -1).join(', ')} and ${out[out.length - 1]}` : out.join('');
}

export function createSessionNotice(keeper: SessionKeeper, initialLang: Lang, actions: SessionActions): SessionNotice {
  let lang = initialLang;
  const element = el('div', { class: 'session-notice', 'data-testid': 'session-notice', role: 'status', hidden: true });
  let dismissed = false;

  function line(kind: string, message: string, ...buttons: HTMLElement[]): HTMLElement {
    return el('p', { class: `session-line session-${kind}`, 'data-testid': 'session-note', 'data-kind': kind }, el('span', {}, message), ...buttons);
  }

  function button(testid: string, key: SessionTextKey, onClick: () => void): HTMLButtonElement {
    const b = el('button', { type: 'button', class: 'session-button', 'data-testid': testid }, sessionText[key][lang]);
    b.addEventListener('click', onClick);
    return b;
  }

  function render(s: KeeperState): void {
    const t = (k: SessionTextKey, v?: Record<string, string | number>) => format(sessionText[k][lang], v);
    const lines: HTMLElement[] = [];
    if (s.mode === 'restored') {
      const when = s.savedAt ? new Date(s.savedAt).toLocaleString(lang === 'zh' ? 'zh-CN' : 'en-GB', { dateStyle: 'medium', timeStyle: 'short' }) : '';
      const what = items(s.about, s.settings, t, lang);
      if (what) lines.push(line('restored', t('restored', { when, items: what }), button('session-fresh', 'fresh', actions.fresh)));
    } else if (s.mode === 'held') {
      lines.push(line('held', t('held', { items: items(s.about, true, t, lang) }), button('session-restore', 'restoreInstead', actions.restore)));
    }
    const dropped = PARTS.filter((p) => s.notes.some((n) => n.kind === 'dropped' && n.part === p));
    if (dropped.length) lines.push(line('dropped', t('dropped', { parts: dropped.map((p) => t(`part_${p}`)).join(lang === 'zh' ? '、' : ', ') })));
    for (const n of s.notes) if (n.kind === 'not-kept' && n.part === 'table') lines.push(line('not-kept', t('tableNotKept', n.params)));
    if (s.problem) {
      const why = t(`problem_${s.problem.problem}`, { detail: s.problem.detail });
      lines.push(line('storage', t('notKeeping', { why })));
    }
    clear(element);
    element.append(...lines);
    if (lines.length) element.append(button('session-dismiss', 'dismiss', () => ((dismissed = true), (element.hidden = true))));
    element.dataset.kind = lines.length ? (lines[0].dataset.kind ?? '') : '';
    element.hidden = dismissed || lines.length === 0;
  }

  keeper.subscribe(() => render(keeper.state));
  return {
    element,
    setLang(next) {
      lang = next;
      render(keeper.state);
    },
  };
}
