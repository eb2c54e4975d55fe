/**
 * Turning workflow values into words: step names, dates and failures, in the applicant's language.
 */
import type { MessageKey, Translate } from '../i18n/catalogue';
import type { Locale } from '../domain/registration-inputs';
import type { FailureReport } from '../domain/failures';
import { RegistrationPurpose, stepProgress, type RegistrationStep } from '../domain/registration-steps';

export function stepName(t: Translate, step: string): string {
  const key = `bot.step.${step}`;
  return isStep(step) ? t(key as MessageKey) : step;
}

/**
 * "Step 4 of 4 · Business account": how a step is named wherever the applicant meets it (modal,
 * Home, DMs, cbsa:issue). A business account registered later is a run of one step: not numbered.
 */
export function stepHeading(t: Translate, step: RegistrationStep, purpose?: RegistrationPurpose): string {
  const progress = purpose === RegistrationPurpose.BusinessAccount ? undefined : stepProgress(step);
  return progress ? `${t('bot.step.progress', progress)} · ${stepName(t, step)}` : stepName(t, step);
}

function isStep(step: string): step is RegistrationStep {
  return ['credential', 'terms', 'userAccount', 'businessAccount', 'completed', 'expired', 'cancelled'].includes(step);
}

/** For plain text (inline errors): the date in the reader's time zone, e.g. "Nov 26, 2026, 3:04 p.m.". */
export function plainDate(iso: string, locale: Locale, timeZone = 'America/Toronto'): string {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return iso;
  // Components, not dateStyle/timeStyle: those two cannot be combined with timeZoneName.
  const options: Intl.DateTimeFormatOptions = {
    year: 'numeric',
    month: 'short',
    day: 'numeric',
    hour: 'numeric',
    minute: '2-digit',
    timeZone,
    timeZoneName: 'short',
  };
  try {
    return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', options).format(date);
  } catch {
    // An unknown zone name from a Slack profile: fall back to Eastern time, CBSA's own.
    return new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
      ...options,
      timeZone: 'America/Toronto',
    }).format(date);
  }
}

/** The time of day in the reader's time zone, e.g. "3:04 p.m. EST"; Eastern time when the zone is unknown. */
export function plainTime(date: Date, locale: Locale, timeZone = 'America/Toronto'): string {
  const format = (zone: string) =>
    new Intl.DateTimeFormat(locale === 'fr' ? 'fr-CA' : 'en-CA', {
      hour: 'numeric',
      minute: '2-digit',
      timeZone: zone,
      timeZoneName: 'short',
    }).format(date);
  try {
    return format(timeZone);
  } catch {
    // A zone name from a Slack profile that this runtime does not know.
    return format('America/Toronto');
  }
}

const DATE_PARAMS = new Set(['lockedUntil', 'expiredAt']);
/** Where a lost, expired or spent activation code is replaced: said with those failures. */
const CRU_ROUTE = new Set(['SharedSecretExpired', 'SharedSecretAlreadyUsed', 'BusinessNumberLocked']);

/** The failure in the applicant's words: the catalogue message, dates readable, and where to turn. */
export function failureText(t: Translate, locale: Locale, failure: FailureReport, timeZone?: string): string {
  const params: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(failure.params ?? {})) {
    if (DATE_PARAMS.has(name) && typeof value === 'string') params[name] = plainDate(value, locale, timeZone);
    else if (name === 'step' && typeof value === 'string') params[name] = stepName(t, value);
    else params[name] = value;
  }
  const key = failure.messageKey as MessageKey;
  const message = t(key, params);
  // An unknown key comes back as itself: never show a key to a person.
  const text = message === failure.messageKey ? t('bot.error.generic') : message;
  return CRU_ROUTE.has(failure.type) ? `${text} ${t('bot.help.cru')}` : text;
}

/**
 * A character inside a date token's fallback: Slack's mrkdwn has no escape for its formatting
 * characters (only `&`, `<` and `>` have entities), but it shows the fallback of a date token it
 * cannot format as plain text, never formatted. `{_}` is no date format, so the fallback is what
 * every reader sees: the character itself, and nothing pairs with it to make bold or code.
 */
const literal = (character: string) => `<!date^00000000^{_}|${character}>`;

/**
 * Text a person typed, made inert in mrkdwn: `<`, `>` and `&` as entities (Slack reads `<...>` as
 * links and mentions such as `<!channel>`), the formatting characters `*` `_` `~` `` ` `` (and their
 * full-width forms, which Slack formats too) as literals, and a `>` that starts a line behind an
 * invisible soft hyphen, so it does not quote (an entity cannot go inside a date token's fallback).
 */
export function escapeMrkdwn(text: string): string {
  return text
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/[*_~`\uff0a\uff3f\uff5e\uff40\uff1e]/g, literal)
    .replace(/(^|\n)&gt;/g, '$1\u00ad&gt;');
}
