/**
 * The local Slack console as a person uses it in Chromium: type a command, click what the bot shows,
 * fill in a modal and submit it, open a link button in a new tab. Buttons are found by the action
 * id Slack would send and checked by the text a person reads.
 */
import type { BrowserContext, Locator, Page } from 'playwright-core';
import { newTabFrom } from './chromium';

export class ConsolePage {
  private constructor(
    readonly page: Page,
    readonly context: BrowserContext,
  ) {}

  /** Opens the console as `userId` and waits until it has talked to the bot. */
  static async open(context: BrowserContext, consoleUrl: string, userId: string): Promise<ConsolePage> {
    const page = await context.newPage();
    await page.goto(`${consoleUrl}?user=${encodeURIComponent(userId)}`, { waitUntil: 'domcontentloaded' });
    await page.locator('#status').filter({ hasNotText: 'Loading' }).waitFor();
    return new ConsolePage(page, context);
  }

  get modal(): Locator {
    return this.page.locator('#modal-form');
  }

  /** Types `/cers <text>` (or another command) and presses Run. */
  async command(text = '', command?: string): Promise<void> {
    if (command !== undefined) await this.page.locator('#command-name').fill(command);
    await this.page.locator('#command-text').fill(text);
    await this.page.locator('#command-form button[type=submit]').click();
  }

  /** The button with this action id in the open modal (or `scope`), once shown; checks its text. */
  async button(actionId: string, text?: string | RegExp, scope: Locator = this.modal): Promise<Locator> {
    const button = scope.locator(`button[data-action-id="${actionId}"]`).first();
    await button.waitFor();
    if (text !== undefined) {
      const shown = (await button.textContent()) ?? '';
      if (typeof text === 'string' ? shown.trim() !== text : !text.test(shown)) {
        throw new Error(`button ${actionId} reads "${shown.trim()}", expected ${String(text)}`);
      }
    }
    return button;
  }

  async click(actionId: string, text?: string | RegExp, scope?: Locator): Promise<void> {
    await (await this.button(actionId, text, scope)).click();
  }

  /** Clicks a link button: Slack opens its URL in the browser (a new tab) and tells the bot. */
  async openLink(actionId: string, text?: string | RegExp): Promise<Page> {
    const button = await this.button(actionId, text);
    return newTabFrom(this.context, () => button.click());
  }

  /** Waits until the open modal shows `text`. */
  async waitForModal(text: string | RegExp): Promise<void> {
    await this.modal.filter({ hasText: text }).waitFor();
  }

  /** Fills the modal's inputs by block id (the field's path), whatever kind of input each is. */
  async fill(values: Record<string, string>): Promise<void> {
    for (const [blockId, value] of Object.entries(values)) {
      const field = this.modal.locator(`[data-field][data-block-id="${blockId}"]`);
      await field.first().waitFor();
      // No DOM types here (tsconfig has no "dom" lib): the element as the little we read of it.
      const kind = await field.first().evaluate((el: unknown) => {
        const element = el as { tagName: string; type?: string };
        return `${element.tagName.toLowerCase()}:${element.type ?? ''}`;
      });
      if (kind.startsWith('select')) await field.selectOption(value);
      else if (kind === 'input:radio' || kind === 'input:checkbox')
        await field.and(this.page.locator(`[value="${value}"]`)).check();
      else await field.fill(value);
    }
  }

  /** Presses the modal's submit button (its label checked when given). */
  async submit(label?: string): Promise<void> {
    const submit = this.modal.locator('button[type=submit]');
    if (label !== undefined) await submit.filter({ hasText: label }).waitFor();
    await submit.click();
  }

  /** Closes the open modal (its Close or Cancel button), as a person does before typing a command. */
  async closeModal(): Promise<void> {
    await this.modal.locator('button[data-close-view]').click();
    await this.page.locator('#modal-layer').waitFor({ state: 'hidden' });
  }

  /** The text under a field once the bot refused it. */
  async fieldError(blockId: string): Promise<string> {
    const slot = this.modal.locator(`[data-error-for="${blockId}"]`);
    await slot.and(this.page.locator(':not([hidden])')).waitFor();
    return (await slot.textContent()) ?? '';
  }

  /** The DM conversation panel (messages from the bot, with their buttons). */
  get conversation(): Locator {
    return this.page.locator('#conversation');
  }
}
