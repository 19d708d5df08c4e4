// The backend badge in the header: shows which tfjs backend computes, and lets
// the reader ask for another. The compute code reports through `showBackend`
// and listens with `onBackendRequest`.
import type { Lang } from '../i18n/lang.ts';
import { shellText } from '../i18n/shell.ts';
import { el } from './dom.ts';

export const BACKEND_CHOICES = ['auto', 'webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendChoice = (typeof BACKEND_CHOICES)[number];

type RequestListener = (choice: BackendChoice) => void;
const listeners = new Set<RequestListener>();
let badge: HTMLElement | null = null;
let select: HTMLSelectElement | null = null;
let label: HTMLElement | null = null;

export function createBackendBadge(lang: Lang, initial: BackendChoice): HTMLElement {
  label = el('span', { class: 'backend-label' }, shellText.backend[lang]);
  badge = el('span', { class: 'backend-badge', 'data-testid': 'backend', 'data-backend': '', title: '' }, shellText.backendPending[lang]);
  select = el('select', { class: 'backend-select', 'aria-label': shellText.backend[lang] });
  for (const c of BACKEND_CHOICES) select.append(el('option', { value: c, selected: c === initial }, c));
  select.addEventListener('change', () => {
    for (const l of listeners) l(select!.value as BackendChoice);
  });
  return el('div', { class: 'backend' }, label, badge, select);
}

export function setBadgeLang(lang: Lang): void {
  if (label) label.textContent = shellText.backend[lang];
  if (select) select.setAttribute('aria-label', shellText.backend[lang]);
  if (badge && !badge.dataset.backend) badge.textContent = shellText.backendPending[lang];
}

/** Report the backend in use (and optionally why, as a tooltip). */
export function showBackend(name: string, detail = ''): void {
  if (!badge) return;
  badge.dataset.backend = name;
  badge.textContent = name;
  badge.title = detail;
}

export function onBackendRequest(listener: RequestListener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}
