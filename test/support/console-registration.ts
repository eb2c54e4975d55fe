/**
 * A registration as a person does it in Chromium, shared by the browser tests: the Slack console,
 * the sign-in page in a new tab, the local OpenID provider's login, back to the console for the
 * terms, the user account, then a business account (with an activation code from
 * `npm run cbsa:issue`) or "I'm joining an existing business".
 */
import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import path from 'node:path';
import type { BrowserContext, Page } from 'playwright-core';
import { ActionId } from '../../slack/ids';
import { translator, type Translate } from '../../i18n/catalogue';
import type { BotTestStack } from './bot-stack';
import { ConsolePage } from './console-page';

const ROOT = path.resolve(__dirname, '..', '..');

/** `npm run cbsa:issue -- <BN> --json`: the activation code, as CBSA's e-mail would give it. */
export function cbsaIssue(businessNumber: string): Promise<{ sharedSecret: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn('npm', ['run', '--silent', 'cbsa:issue', '--', businessNumber, '--json'], {
      cwd: ROOT,
      env: process.env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.setEncoding('utf8').on('data', (chunk: string) => (out += chunk));
    child.stderr.setEncoding('utf8').on('data', (chunk: string) => (err += chunk));
    child.on('error', reject);
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as { sharedSecret: string })
        : reject(new Error(`cbsa:issue exited ${code}: ${err}`)),
    );
  });
}

export interface Person {
  /** Slack user id and display name. */
  userId: string;
  name: string;
  locale: 'en-CA' | 'fr-CA';
  provider: 'gckey' | 'sign-in-partner';
  /** The local provider's test account. */
  username: string;
}

export const languageOf = (person: Pick<Person, 'locale'>) => (person.locale === 'fr-CA' ? 'fr' : 'en');
export const emailOf = (person: Pick<Person, 'username'>) => `${person.username}@exportco.example.ca`;

/** A Slack user in the stand-in's workspace for `person` (a unique id per test run). */
export function slackPerson(stack: BotTestStack, person: Omit<Person, 'userId'>): Person {
  const userId = `U${person.username.toUpperCase()}${Math.random().toString(36).slice(2, 8).toUpperCase()}`;
  stack.slack.setUser({ id: userId, locale: person.locale, realName: person.name });
  return { ...person, userId };
}

const providerName = (t: Translate, person: Person) =>
  t(person.provider === 'gckey' ? 'bot.signin.provider_gckey' : 'bot.signin.provider_partner');

/** In the console: `/cers`, then the provider's button; the sign-in page opened from the link button. */
export async function openSignInLink(slack: ConsolePage, person: Person): Promise<Page> {
  const t = translator(languageOf(person));
  await slack.command();
  const providerButton = person.provider === 'gckey' ? ActionId.SignIn : ActionId.SignInPartner;
  await slack.click(providerButton, t(person.provider === 'gckey' ? 'bot.signin.gckey' : 'bot.signin.partner'));
  return slack.openLink(ActionId.OpenSignInLink, t('bot.signin.open'));
}

/** On the sign-in page: Continue, then the provider's login form (which must be shown). */
export async function continueAndLogIn(signIn: Page, person: Person, username = person.username): Promise<void> {
  const t = translator(languageOf(person));
  await signIn.getByText(t('signin.page.confirm', { name: person.name })).waitFor();
  await signIn.getByRole('button', { name: t('signin.page.continue') }).click();
  // The provider's login page, in the applicant's language: a fresh login, whatever session the browser has.
  await signIn.locator('input[name=password]').waitFor();
  assert.equal(await signIn.locator('html').getAttribute('lang'), person.locale);
  await signIn.locator('input[name=username]').fill(username);
  await signIn.locator('input[name=password]').fill(`${username}-password`);
  await signIn.locator('button[type=submit]').click();
}

/** The success page names the provider and the Slack person. */
export async function expectLinked(signIn: Page, person: Person): Promise<void> {
  const t = translator(languageOf(person));
  const linked = signIn.locator('[data-outcome=linked]');
  await linked.waitFor();
  assert.equal(
    await linked.textContent(),
    t('signin.page.linked_to', { provider: providerName(t, person), name: person.name }),
  );
}

export type BusinessChoice = { businessNumber: string; sharedSecret: string } | 'join';

/**
 * The whole registration in the console; returns the console page (still open) and the URN.
 */
export async function registerThroughConsole(
  stack: BotTestStack,
  context: BrowserContext,
  person: Person,
  business: BusinessChoice,
): Promise<{ slack: ConsolePage; urn: string }> {
  const language = languageOf(person);
  const t = translator(language);
  const slack = await ConsolePage.open(context, stack.slack.consoleUrl!, person.userId);
  const signIn = await openSignInLink(slack, person);
  await continueAndLogIn(signIn, person);
  await expectLinked(signIn, person);
  await signIn.close();

  // Slack has moved on to the terms by itself.
  await slack.click(ActionId.AcceptTerms, t('bot.terms.accept'));
  const [givenName, familyName] = person.name.split(' ');
  await slack.fill({
    givenName: givenName!,
    familyName: familyName!,
    email: emailOf(person),
    phone: '613 555 0142',
    language,
  });
  await slack.submit(t('bot.user_account.submit'));
  await slack.button(ActionId.OpenBusinessForm, t('bot.business.register'));
  const urn = /\d{4}-\d{4}-\d{4}/.exec((await slack.modal.textContent()) ?? '')?.[0];
  assert.ok(urn, 'the URN is shown once the user account exists');

  if (business === 'join') {
    // The console asks, as Slack does, to confirm (window.confirm): yes. Unanswered, Playwright
    // dismisses it and nothing is sent.
    slack.page.once('dialog', (dialog) => void dialog.accept());
    await slack.click(ActionId.JoinExistingBusiness);
    await slack.waitForModal(t('bot.completed.joining'));
    return { slack, urn };
  }
  await slack.click(ActionId.OpenBusinessForm, t('bot.business.register'));
  await slack.fill({
    businessNumber: business.businessNumber,
    sharedSecret: business.sharedSecret,
    'owner.positionTitle': language === 'fr' ? 'Directrice des exportations' : 'Export manager',
    'owner.address.line1': '123 Wellington St',
    'owner.address.city': 'Ottawa',
    'owner.address.province': 'ON',
    'owner.address.postalCode': 'K1A 0B1',
    'owner.phone': '613-555-0199',
    'owner.email': `exports-${person.username}@exportco.example.ca`,
  });
  await slack.submit(t('bot.business.submit'));
  await slack.waitForModal(t('bot.completed.role_owner'));
  const completed = (await slack.modal.textContent()) ?? '';
  assert.ok(completed.includes(urn), 'the same URN on completion');
  assert.ok(completed.replace(/\s/g, '').includes(business.businessNumber), 'the business number');
  assert.ok(!completed.includes(business.sharedSecret), 'never the activation code');
  return { slack, urn };
}
