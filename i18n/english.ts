/**
 * English only, for the English texts of failures the workflows raise (domain/failures.ts): the same
 * entries clients show, so the two cannot drift, without the other languages in the workflow bundle.
 */
import { en } from './en';
import { chooseTemplate, fill, type Message } from './grammar';

export function hasEnglishMessage(key: string): key is keyof typeof en {
  return Object.hasOwn(en, key);
}

export function translateEnglish(key: string, params: Record<string, string | number> = {}): string {
  const message: Message = hasEnglishMessage(key) ? en[key] : key;
  return fill('en', chooseTemplate('en', message, params), params);
}
