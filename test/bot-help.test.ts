/**
 * Help through Slack (issue 15, point 6): `/cers help` answers privately, in the person's language,
 * with the four steps in the guide's order, what a URN is for, the TCCU contact and the CBSA help
 * page configured in CERS_HELP_URL (CERS_HELP_URL_FR in French); the Home tab ends with the same.
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import { translator } from '../i18n/catalogue';
import type { Locale } from '../domain/registration-inputs';
import { NUMBERED_STEPS } from '../domain/registration-steps';
import { stepHeading } from '../slack/text';
import {
  newSlackUser,
  registerUpToBusiness,
  textOf,
  useBotStack,
  USER_ACCOUNT_FORM,
  type BotTestStack,
} from './support/bot-stack';

const HELP_URL = {
  en: 'https://help.cers.example.gc.ca/aide-help-eng.html',
  fr: 'https://help.cers.example.gc.ca/aide-help-fra.html',
};
const stack = useBotStack({ CERS_HELP_URL: HELP_URL.en, CERS_HELP_URL_FR: HELP_URL.fr });

/** The contact the domain notes give for the TCCU, as each language writes it. */
const TCCU: Record<Locale, RegExp[]> = {
  en: [
    /1-888-957-7224/,
    /1-613-946-0762 from abroad/,
    /tccu-ustcc@cbsa-asfc\.gc\.ca/,
    /Monday to Friday, 08:00 to 17:00 Eastern/,
    /urgent problems, 24 hours a day, 7 days a week/,
  ],
  fr: [
    /1-888-957-7224/,
    /1-613-946-0762 de l’étranger/,
    /tccu-ustcc@cbsa-asfc\.gc\.ca/,
    /Du lundi au vendredi, de 8\sh à 17\sh \(heure de l’Est\)/,
    /problèmes urgents\s: 24 heures sur 24, 7 jours sur 7/,
  ],
};
/** What a URN is for: the help desk identifies callers with it; owners add users with it. */
const URN_PURPOSE: Record<Locale, RegExp[]> = {
  en: [
    /User Reference Number \(URN\)/,
    /TCCU help desk identifies you with it when you call/,
    /owner of a business account adds you to it with your URN/,
  ],
  fr: [
    /numéro de référence de l’utilisateur \(NRU\)/,
    /USTCC vous identifie avec ce numéro quand vous appelez/,
    /propriétaire d’un compte d’entreprise vous y ajoute avec votre NRU/,
  ],
};
const LINK: Record<Locale, string> = {
  en: `<${HELP_URL.en}|CERS Portal help and support>`,
  fr: `<${HELP_URL.fr}|Aide et soutien du portail du SCDE>`,
};

/** Asserts each part of the help is in `text`, in `locale`: the steps in order, the URN, the TCCU, the link. */
function assertHelp(text: string, locale: Locale): void {
  const t = translator(locale);
  const steps = NUMBERED_STEPS.map((step) => text.indexOf(`*${stepHeading(t, step)}*`));
  assert.ok(
    steps.every((at) => at >= 0),
    `every step heading, in ${locale}:\n${text}`,
  );
  assert.deepEqual(
    [...steps].sort((a, b) => a - b),
    steps,
    'the steps in the guide’s order',
  );
  for (const part of [...URN_PURPOSE[locale], ...TCCU[locale]]) assert.match(text, part);
  assert.ok(text.includes(LINK[locale]), `the help page link, in ${locale}:\n${text}`);
}

interface EphemeralPost {
  response_type: string;
  text: string;
  blocks: unknown[];
}

async function cersHelp(userId: string, word: string): Promise<EphemeralPost> {
  const command = await stack.slack.driver.slashCommand({ userId, text: word });
  const [post] = await stack.slack.waitForResponseUrlPosts(command.responseUrlId!);
  assert.equal(stack.slack.calls('views.open').filter((c) => c.args['trigger_id'] === command.triggerId).length, 0);
  return post!.body as EphemeralPost;
}

/** The Home tab the bot publishes when `userId` opens it. */
async function openHome(s: BotTestStack, userId: string): Promise<string> {
  await s.slack.driver.event({ event: { type: 'app_home_opened', user: userId, tab: 'home', channel: 'D0' } });
  const published = await s.slack.waitForCalls('views.publish', {
    where: (c) => c.args['user_id'] === userId,
    timeoutMs: 10_000,
  });
  return textOf((published.at(-1)!.args['view'] as { blocks: unknown }).blocks);
}

describe('/cers help', () => {
  test('in English: privately, the commands, the four steps in order, the URN, the TCCU and the help page', async () => {
    const post = await cersHelp(newSlackUser(stack, 'en-US'), 'help');
    assert.equal(post.response_type, 'ephemeral');
    assert.equal(post.text, 'Help: CERS Onboard');
    const text = textOf(post.blocks);
    assert.match(text, /`\/cers accounts`: your business accounts/);
    assertHelp(text, 'en');
  });

  test('in French (/cers aide, a French Slack): the same, in French, with the French help page', async () => {
    const post = await cersHelp(newSlackUser(stack, 'fr-CA'), 'aide');
    assert.equal(post.response_type, 'ephemeral');
    const text = textOf(post.blocks);
    assert.match(text, /`\/cers comptes`\s: vos comptes d’entreprise/);
    assertHelp(text, 'fr');
    assert.ok(!text.includes(HELP_URL.en));
  });

  test('in the language of the person’s user account, over their Slack’s', async () => {
    const userId = newSlackUser(stack, 'en-US');
    await registerUpToBusiness(stack, userId, { ...USER_ACCOUNT_FORM, language: 'fr' });
    assertHelp(textOf((await cersHelp(userId, 'help')).blocks), 'fr');
  });

  test('a word it does not know is named back, inert, above the same help', async () => {
    const post = await cersHelp(newSlackUser(stack, 'en-US'), '<!channel> <https://evil.example|click>');
    assert.match(post.text, /^I do not know "&lt;!channel&gt; &lt;https:\/\/evil\.example\|click&gt;"\.$/);
    const text = textOf(post.blocks);
    assert.ok(text.includes(post.text));
    assertHelp(text, 'en');
  });
});

describe('the Home tab', () => {
  test('ends with the help, in English and in French', async () => {
    const english = await openHome(stack, newSlackUser(stack, 'en-US'));
    assert.ok(english.indexOf('Help: CERS Onboard') > english.indexOf('Start registration'), english);
    assertHelp(english, 'en');
    const french = await openHome(stack, newSlackUser(stack, 'fr-CA'));
    assert.match(french, /Aide\s: CERS Onboard/);
    assertHelp(french, 'fr');
  });
});
