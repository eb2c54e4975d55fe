/**
 * Every user-facing string, one catalogue per language. `en` defines the keys; `fr` must have
 * exactly the same keys (a test enforces it). Placeholders are written {name}, or {name|modifier}
 * (see grammar.ts); an entry whose words depend on a number has plural forms (`plural(...)`),
 * chosen by the language's own plural rules.
 */
import { en } from './en';
import { fr } from './fr';
import { chooseTemplate, fill, type Locale, type Message } from './grammar';

export type MessageKey = keyof typeof en;
export type Catalogue = Record<MessageKey, Message>;
export const catalogues = { en, fr } as const satisfies Record<Locale, Catalogue>;

export function translate(locale: Locale, key: string, params: Record<string, string | number> = {}): string {
  const message = entry(catalogues[locale], key) ?? entry(catalogues.en, key) ?? key;
  return fill(locale, chooseTemplate(locale, message, params), params);
}

/** Own entries only: a key such as `constructor` is not a message. */
function entry(catalogue: Catalogue, key: string): Message | undefined {
  return Object.hasOwn(catalogue, key) ? (catalogue as Record<string, Message>)[key] : undefined;
}

export function hasMessage(key: string): key is MessageKey {
  return Object.hasOwn(catalogues.en, key);
}

export type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/** `t('bot.modal.title')` in one language, as views and notices use it. */
export function translator(locale: Locale): Translate {
  return (key, params) => translate(locale, key, params);
}
