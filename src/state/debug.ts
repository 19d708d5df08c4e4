// Test hooks the page installs only when its URL asks (`?debug=fields,trainer`):
// never reached from the page's controls. `fields` lets the e2e tests read
// every field the URL store has, with its spec and the value in use.
import type { FieldSpec, UrlStore } from './store.ts';

export function debugFlags(search: string): string[] {
  return (new URLSearchParams(search).get('debug') ?? '').split(',').filter(Boolean);
}

export interface FieldsDebug {
  fields(): { key: string; spec: FieldSpec; value: string | number | boolean }[];
}

export function installFieldHooks(store: UrlStore, search: string): void {
  if (!debugFlags(search).includes('fields')) return;
  const hooks: FieldsDebug = { fields: () => store.describe() };
  (globalThis as { unrolledFields?: FieldsDebug }).unrolledFields = hooks;
}
