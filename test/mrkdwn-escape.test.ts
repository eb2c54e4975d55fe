/**
 * Text people typed is inert in Slack: a position title, a name, an e-mail or a reason shows as
 * typed in every mrkdwn field the bot and the worker post, never as bold, italic, strike-through,
 * code, a quote, a link or a mention. Checked through the stand-in console's mrkdwn renderer (what
 * a developer sees) and, for what that renderer does not draw (quotes), on the text itself.
 */
import assert from 'node:assert/strict';
import { describe, test } from '@jest/globals';
import fc from 'fast-check';
import type { RequestDetails } from '../activities/role-requests';
import { translator } from '../i18n/catalogue';
import { escapeMrkdwn } from '../slack/text';
import { completionBlocks } from '../slack/messages/completion';
import { outcomeMessage, outcomeNoticeForRequester, requestMessage } from '../slack/messages/role-requests';
import { membersView, messagesView, transferConfirmView } from '../bot/accounts/views';
import { mrkdwn } from '../slack/blocks';
import { escapeHtml, renderMrkdwn } from '../dev/slack/console';

/** Every formatting character Slack's mrkdwn knows, ASCII and full-width, and its control characters. */
const HOSTILE = '*Export* _manager_ ~old~ `code` ＊wide＊ <!channel> <https://evil.example|click> & co';
const QUOTE = '> quoted';

/** The mrkdwn texts in blocks (section text and fields, context elements), wherever they are. */
function mrkdwnTexts(value: unknown): string[] {
  if (Array.isArray(value)) return value.flatMap(mrkdwnTexts);
  if (!value || typeof value !== 'object') return [];
  const record = value as Record<string, unknown>;
  const own = record['type'] === 'mrkdwn' && typeof record['text'] === 'string' ? [record['text']] : [];
  return [...own, ...Object.values(record).flatMap(mrkdwnTexts)];
}

/** What the console shows for a mrkdwn text, as HTML; soft hyphens are invisible, so they are dropped. */
const shown = (text: string) => renderMrkdwn(text).replaceAll('\u00ad', '');

/** `value` appears in one of the mrkdwn texts exactly as typed: no tag, link or mention inside it. */
function assertShownLiterally(blocks: unknown, value: string, where: string): void {
  const texts = mrkdwnTexts(blocks);
  assert.ok(texts.length > 0, `${where}: no mrkdwn`);
  assert.ok(
    texts.some((text) => shown(text).includes(escapeHtml(value))),
    `${where}: "${value}" is not shown as typed; it renders as:\n${texts.map(shown).join('\n')}`,
  );
}

/** No line of any mrkdwn text starts a quote (`>`, escaped or full-width) that the bot did not write. */
function assertNoQuote(blocks: unknown, where: string): void {
  for (const text of mrkdwnTexts(blocks)) assert.doesNotMatch(text, /(^|\n)(&gt;|＞)/, `${where}: ${text}`);
}

const person = (name: string, email = 'ops@exportco.example.ca') => ({
  userAccountId: 'ua-1',
  name,
  urn: 'CERS-0000-0001',
  email,
  language: 'en' as const,
});

function request(overrides: Partial<RequestDetails> = {}): RequestDetails {
  return {
    requestId: '00000000-0000-4000-8000-000000000001',
    workflowId: 'role-request:00000000-0000-4000-8000-000000000002:00000000-0000-4000-8000-000000000003',
    kind: 'access',
    status: 'pending',
    role: 'proxy',
    businessAccountId: 'ba-1',
    businessNumber: '123456789RM0001',
    requester: person(HOSTILE, '_ops_@exportco.example.ca'),
    subject: person(HOSTILE, '_ops_@exportco.example.ca'),
    ...overrides,
  };
}

describe('escapeMrkdwn', () => {
  test('shows any text exactly as typed, whatever it contains (property, through the console renderer)', () => {
    fc.assert(
      fc.property(
        fc.string({ unit: fc.constantFrom('*', '_', '~', '`', '>', '<', '&', '|', '!', '＊', 'a', ' ', ':', '^') }),
        (text) => {
          assert.equal(shown(escapeMrkdwn(text)), escapeHtml(text));
        },
      ),
      { numRuns: 2_000 },
    );
  });

  test('a quote mark at the start of a line does not quote', () => {
    for (const text of [QUOTE, `line\n${QUOTE}`, '＞ wide quote']) assertNoQuote([mrkdwn(escapeMrkdwn(text))], text);
  });

  test('clipping at Slack’s 3000 characters never cuts an escape in half', () => {
    const long = mrkdwn(`${'a'.repeat(2990)}${escapeMrkdwn('*_*_*')}`).text;
    assert.ok(long.length <= 3000);
    assert.doesNotMatch(long, /<[^>]*…$/, long.slice(-40));
  });
});

describe('user text in the bot’s and the worker’s messages', () => {
  const t = translator('en');

  test('the completion modal and DM: the position title', () => {
    const blocks = completionBlocks(t, 'CERS-0000-0001', {
      businessNumber: '123456789RM0001',
      ownerPositionTitle: HOSTILE,
      status: 'active',
      createdAt: '2026-11-30T00:00:00Z',
    });
    assertShownLiterally(blocks, HOSTILE, 'completion');
    const quoted = completionBlocks(t, 'CERS-0000-0001', {
      businessNumber: '123456789RM0001',
      ownerPositionTitle: QUOTE,
      status: 'active',
      createdAt: '2026-11-30T00:00:00Z',
    });
    assertNoQuote(quoted, 'completion, quote');
  });

  test('role requests: the requester’s name and e-mail, who decided, and the reason', () => {
    const asked = requestMessage('en', request());
    assertShownLiterally(asked.blocks, HOSTILE, 'request, name');
    assertShownLiterally(asked.blocks, '_ops_@exportco.example.ca', 'request, e-mail');
    const decided = request({
      status: 'rejected',
      decidedBy: person(HOSTILE),
      decidedAt: '2026-11-30T00:00:00Z',
      reason: HOSTILE,
    });
    assertShownLiterally(outcomeMessage('en', decided).blocks, HOSTILE, 'outcome');
    assertShownLiterally(outcomeNoticeForRequester('en', decided).blocks, HOSTILE, 'requester notice');
    assertNoQuote(
      outcomeNoticeForRequester('en', request({ status: 'rejected', reason: QUOTE })).blocks,
      'reason, quote',
    );
  });

  test('accounts: members, business messages and the transfer confirmation', () => {
    const member = { userAccountId: 'ua-2', name: HOSTILE, urn: 'CERS-0000-0002', role: 'proxy' as const };
    const business = { id: 'ba-1', businessNumber: '123456789RM0001' };
    assertShownLiterally(
      membersView({ locale: 'en', business, members: [member], viewer: { userAccountId: 'ua-1', role: 'owner' } })
        .blocks,
      HOSTILE,
      'members',
    );
    const messages = messagesView({
      locale: 'en',
      businessNumber: business.businessNumber,
      messages: [
        {
          id: 'm-1',
          kind: 'member_added',
          at: '2026-11-30T00:00:00Z',
          params: { actor: HOSTILE, subject: 'Bob', role: 'proxy' },
        },
      ],
    });
    assertShownLiterally(messages.blocks, HOSTILE, 'business messages');
    assertShownLiterally(transferConfirmView('en', business, member).blocks, HOSTILE, 'transfer confirmation');
  });
});
