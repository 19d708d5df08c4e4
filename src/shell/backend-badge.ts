// The backend badge in the header: which tfjs backend trains (the trainer's
// worker) and why — for the measured choice the timings, e.g. "wasm — 8.0
// ms/step vs cpu 9.6", and any candidate its self-test rejected (wording in
// backend-why.ts) — with every thread's backend in its tooltip, and a menu to
// ask for another. It subscribes to the backend owner; it keeps no state of
// its own and nothing reads state from it.
import type { Lang } from '../i18n/lang.ts';
import { shellText } from '../i18n/shell.ts';
import type { BackendOwner } from '../train/backend-owner.ts';
import { BACKEND_CHOICES, isBackendName, type BackendInUse, type ComputeThread } from '../train/backends.ts';
import { el } from '../ui/dom.ts';
import { badgeText, choiceDetails } from './backend-why.ts';

export interface BackendBadge {
  element: HTMLElement;
  setLang(lang: Lang): void;
  destroy(): void;
}

const THREADS: readonly ComputeThread[] = ['worker', 'page'];

function useLine(thread: ComputeThread, use: BackendInUse, lang: Lang): string {
  const head = `${shellText[`backendThread_${thread}`][lang]}: ${use.name} — ${shellText[`backendReason_${use.reason}`][lang]}`;
  return [use.detail ? `${head} (${use.detail})` : head, ...choiceDetails(use, lang).map((s) => `  ${s}`), ...use.skipped.map((s) => `  ${s}`)].join('\n');
}

export function createBackendBadge(owner: BackendOwner, initialLang: Lang): BackendBadge {
  let lang = initialLang;
  const label = el('span', { class: 'backend-label' });
  const badge = el('span', { class: 'backend-badge', 'data-testid': 'backend', 'data-backend': '', title: '' });
  const select = el('select', { class: 'backend-select' });
  for (const c of BACKEND_CHOICES) select.append(el('option', { value: c, selected: c === owner.choice }, c));
  select.addEventListener('change', () => {
    const v = select.value;
    owner.request(v === 'auto' || isBackendName(v) ? v : 'auto');
  });

  function render(): void {
    label.textContent = shellText.backend[lang];
    select.setAttribute('aria-label', shellText.backend[lang]);
    select.value = owner.choice;
    const training = owner.state('worker');
    // The test hook: data-backend is the backend the trainer trains on ('' until it has one).
    badge.dataset.backend = training.state === 'ready' ? training.use.name : '';
    badge.dataset.threads = String(training.state === 'ready' ? (training.use.threads ?? 1) : 1);
    badge.textContent =
      training.state === 'ready' ? badgeText(training.use, lang) : training.state === 'off' ? shellText.backendIdle[lang] : shellText.backendPending[lang];
    const lines = THREADS.flatMap((t) => {
      const use = owner.inUse(t);
      return use ? [useLine(t, use, lang)] : [];
    });
    badge.title = lines.length ? lines.join('\n') : shellText.backendIdleHint[lang];
  }

  const stop = owner.subscribe(render);
  return {
    element: el('div', { class: 'backend' }, label, badge, select),
    setLang(next) {
      lang = next;
      render();
    },
    destroy: stop,
  };
}
