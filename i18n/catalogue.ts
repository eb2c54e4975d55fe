/**
 * Every user-facing string, one catalogue per language. `en` defines the keys; `fr` must have
 * exactly the same keys (a test enforces it). Placeholders are written {name}.
 */
import { en } from './en';
import { fr } from './fr';

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, string>;
export const catalogues = { en, fr } as const satisfies Record<'en' | 'fr', Catalogue>;

export function translate(locale: 'en' | 'fr', key: string, params: Record<string, string | number> = {}): string {
  const catalogue: Record<string, string> = catalogues[locale];
  const template = catalogue[key] ?? catalogues.en[key as MessageKey] ?? key;
  return template.replace(/\{(\w+)\}/g, (whole, name: string) => (name in params ? String(params[name]) : whole));
}

export function hasMessage(key: string): key is MessageKey {
  return key in catalogues.en;
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** `t('bot.modal.title')` in one language, as views and notices use it. */
export function translator(locale: 'en' | 'fr'): Translate {
  return (key, params) => translate(locale, key, params);
}
