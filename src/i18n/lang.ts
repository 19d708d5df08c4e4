export type Lang = 'zh' | 'en';
export const LANGS: readonly Lang[] = ['zh', 'en'];

/** A piece of UI text in both languages. */
export type Text = Record<Lang, string>;

export function isLang(v: unknown): v is Lang {
  return v === 'zh' || v === 'en';
}

/** Chinese for any zh-* browser language, English otherwise. */
export function langFromNavigator(languages: readonly string[]): Lang {
  for (const l of languages) {
    const lower = l.toLowerCase();
    if (lower.startsWith('zh')) return 'zh';
    if (lower.startsWith('en')) return 'en';
  }
  return 'en';
}

/** Fill `{name}` placeholders. Values are plain strings; callers insert the result as text. */
export function format(template: string, values: Record<string, string | number> = {}): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
