/**
 * New Terms and Conditions in real Chromium, as a registered person meets them: in the Slack
 * console, `/cers accounts` shows the new version instead of the accounts; its full text opens in
 * a new tab (and in the other language from there); Accept records it once; then the accounts open.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import type { Browser, Page } from 'playwright-core';
import { translator } from '../../i18n/catalogue';
import { ActionId } from '../../slack/ids';
import { createBusinessAccount, createUserAccount } from '../../testkit/fixtures';
import { CURRENT_TERMS_VERSION } from '../../workflows/registration/definitions';
import { startBotStack, type BotTestStack } from '../support/bot-stack';
import { inBrowser, launchChromium, newTabFrom } from '../support/chromium';
import { ConsolePage } from '../support/console-page';
import { languageOf, slackPerson } from '../support/console-registration';
import { publishTestTermsVersion } from '../support/terms-versions';

const published = publishTestTermsVersion();
let stack: BotTestStack;
let browser: Browser;
beforeAll(async () => {
  // signIn: the bot on a fixed port at CERS_PUBLIC_URL, so the links Slack shows open in the browser.
  [stack, browser] = await Promise.all([startBotStack(published.env, { signIn: true }), launchChromium()]);
  // The first job pays for the work thread's start; Slack's 3 s trigger window is not what this tests.
  const help = await stack.slack.driver.slashCommand({ userId: 'UWARMUP', command: '/cers', text: 'help' });
  await stack.slack.waitForResponseUrlPosts(help.responseUrlId!, { timeoutMs: 30_000 });
});
afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

const people = [
  { name: 'Alice Tremblay', locale: 'en-CA', provider: 'gckey', username: 'alice' },
  { name: 'Chloé Gagnon', locale: 'fr-CA', provider: 'sign-in-partner', username: 'chloe' },
] as const;

/** The page's `<html lang>`, `<h1>` and version line. */
async function pageShows(page: Page) {
  return {
    lang: await page.locator('html').getAttribute('lang'),
    heading: await page.locator('h1').textContent(),
    meta: await page.locator('[data-terms-version]').textContent(),
  };
}

describe('new Terms and Conditions in Chromium, through the Slack console', () => {
  for (const who of people) {
    const language = languageOf(who);
    const other = language === 'fr' ? 'en' : 'fr';
    const testName = `${language}: /cers accounts asks for version ${published.version} first; its text opens; Accept, then the accounts`;
    it(testName, async () => {
      const t = translator(language);
      const person = slackPerson(stack, who);
      const account = await createUserAccount(stack.db, {
        slack: { teamId: stack.teamId, userId: person.userId },
        givenName: who.name.split(' ')[0],
        familyName: who.name.split(' ')[1],
        language,
        credential: true,
      });
      const business = await createBusinessAccount(stack.db, { owner: account.id });

      await inBrowser(
        browser,
        testName,
        async (context) => {
          const slack = await ConsolePage.open(context, stack.slack.consoleUrl!, person.userId);
          await slack.command(language === 'fr' ? 'comptes' : 'accounts');
          await slack.waitForModal(t('terms.renew.heading'));
          const modalText = (await slack.modal.textContent()) ?? '';
          assert.ok(!modalText.includes(business.businessNumber.slice(0, 9)), 'no accounts before accepting');

          // The full text, in a new tab, in the person's language; then the other language from there.
          const link = slack.modal.locator(`a[href$="/terms/${published.version}/${language}"]`);
          assert.equal(
            await link.textContent(),
            language === 'fr'
              ? `Lire le texte complet de la version ${published.version}`
              : `Read the full text of version ${published.version}`,
          );
          const tab = await newTabFrom(context, () => link.click());
          assert.equal(new URL(tab.url()).pathname, `/terms/${published.version}/${language}`);
          assert.deepEqual(await pageShows(tab), {
            lang: who.locale,
            heading: published.title[language],
            meta: t('terms.page.meta', { version: published.version, date: published.date }),
          });
          assert.ok(((await tab.locator('main').textContent()) ?? '').includes(published.text[language]));
          await tab.getByRole('link', { name: t('terms.page.other_language') }).click();
          await tab.locator('h1', { hasText: published.title[other] }).waitFor();
          assert.equal(await tab.locator('html').getAttribute('lang'), other === 'fr' ? 'fr-CA' : 'en-CA');
          await tab.close();

          await slack.click(ActionId.AcceptNewTerms, t('terms.renew.accept', { version: published.version }));
          await slack.waitForModal(
            language === 'fr'
              ? `Vous avez accepté la version ${published.version}`
              : `You accepted version ${published.version}`,
          );
          await slack.closeModal();
          await slack.command(language === 'fr' ? 'comptes' : 'accounts');
          await slack.waitForModal(business.businessNumber.slice(0, 9));
        },
        { locale: who.locale },
      );

      const accepted = await stack.db.termsAcceptance.findMany({
        where: { userAccountId: account.id },
        orderBy: { version: 'asc' },
      });
      assert.deepEqual(
        accepted.map((a) => a.version),
        [CURRENT_TERMS_VERSION, published.version],
      );
      assert.equal(await stack.db.auditEvent.count({ where: { subjectId: account.id, action: 'terms.accepted' } }), 1);
    });
  }
});
