/**
 * The grammar the catalogues need beyond filling in a value: plural forms chosen by each language's
 * CLDR plural rules (Intl.PluralRules: English says "1 attempt", French says "0 essai" and
 * "1 essai"), and the English indefinite article before a code read letter by letter ("an RT",
 * "a BN"). Pure functions: the workflow sandbox renders messages too.
 */

export type Locale = 'en' | 'fr';

/** The message for each CLDR plural category a language uses; `other` is required, as the fallback. */
export type PluralForms = Partial<Record<Intl.LDMLPluralRule, string>> & { readonly other: string };

/** A message whose words depend on a number: `param` names the placeholder that holds it. */
export interface PluralMessage {
  readonly param: string;
  readonly forms: PluralForms;
}

/** A catalogue entry: one template, or plural forms of it. */
export type Message = string | PluralMessage;

/** `plural('count', { one: '{count} request', other: '{count} requests' })`, for the catalogues. */
export function plural(param: string, forms: PluralForms): PluralMessage {
  return { param, forms };
}

export function isPlural(message: Message): message is PluralMessage {
  return typeof message === 'object';
}

/** Every template of an entry (its plural forms, or itself). */
export function templatesOf(message: Message): string[] {
  return isPlural(message) ? Object.values(message.forms) : [message];
}

const TAGS: Record<Locale, string> = { en: 'en-CA', fr: 'fr-CA' };
const pluralRules = new Map<Locale, Intl.PluralRules>();
const numberFormats = new Map<Locale, Intl.NumberFormat>();

/** The CLDR plural category of `count` in `locale` (French: 0 and 1 are `one`; English: only 1). */
export function pluralCategory(locale: Locale, count: number): Intl.LDMLPluralRule {
  let rules = pluralRules.get(locale);
  if (!rules) pluralRules.set(locale, (rules = new Intl.PluralRules(TAGS[locale])));
  return rules.select(count);
}

/** The template for `params`: the plural form for the number in its param, else `other`. */
export function chooseTemplate(locale: Locale, message: Message, params: Record<string, string | number>): string {
  if (!isPlural(message)) return message;
  const count = Number(params[message.param]);
  if (!Number.isFinite(count)) return message.forms.other;
  return message.forms[pluralCategory(locale, count)] ?? message.forms.other;
}

/** A number as the reader writes it (Canadian French groups thousands with a no-break space). */
export function formatNumber(locale: Locale, value: number): string {
  let format = numberFormats.get(locale);
  if (!format) numberFormats.set(locale, (format = new Intl.NumberFormat(TAGS[locale], { maximumFractionDigits: 2 })));
  return format.format(value);
}

/**
 * Letters whose English names begin with a vowel sound: A, E, I, O ("ay", "ee", "eye", "oh") and
 * F, H, L, M, N, R, S, X ("eff", "aitch", "ell", "em", "en", "ar", "ess", "ex"). U ("you") does not.
 */
const VOWEL_SOUND_LETTERS = new Set('AEFHILMNORSX');

/**
 * "a" or "an" before a code that is read letter by letter (a CRA program identifier, an acronym
 * such as BN or URN): the article follows the sound of the first letter's name, not its spelling.
 */
export function englishArticleForLetters(code: string): 'a' | 'an' {
  const first = code.trim().charAt(0).toUpperCase();
  return VOWEL_SOUND_LETTERS.has(first) ? 'an' : 'a';
}

/**
 * Placeholder modifiers: `{program|with_article}` writes the value after its English indefinite
 * article. Only the English catalogue uses it (French articles agree with the noun, not the code).
 */
export const MODIFIERS: Record<string, (value: string) => string> = {
  with_article: (value) => `${englishArticleForLetters(value)} ${value}`,
};

/** `{name}` or `{name|modifier}`. */
export const PLACEHOLDER = /\{(\w+)(?:\|(\w+))?\}/g;

/** Fills a template's placeholders; one without a value stays visible rather than being invented. */
export function fill(locale: Locale, template: string, params: Record<string, string | number>): string {
  return template.replace(PLACEHOLDER, (whole, name: string, modifier: string | undefined) => {
    if (!Object.hasOwn(params, name)) return whole;
    const value = params[name]!;
    const text = typeof value === 'number' ? formatNumber(locale, value) : value;
    const modify = modifier === undefined ? undefined : MODIFIERS[modifier];
    return modify ? modify(text) : text;
  });
}
