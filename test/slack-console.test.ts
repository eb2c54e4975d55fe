/**
 * The stand-in's browser console against a real Bolt app (HTTPReceiver): what a developer does in
 * the page (a slash command, a button, a form submission, a DM, closing a modal) reaches the bot as
 * Slack would send it, what the bot sends comes back in the console's state, view content is
 * escaped, and requests that are not the page's own are refused.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { readFileSync, readdirSync, statSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { App, HTTPReceiver, LogLevel, type ViewStateValue } from '@slack/bolt';
import { defaultLocalProviderAccounts } from '../dev/identity/local-provider';
import { catalogues } from '../i18n/catalogue';
import { templatesOf } from '../i18n/grammar';
import { escapeHtml, renderBlocks, renderMrkdwn, renderTextObject, stateValues } from '../dev/slack/console';
import { DEV_USERS, type DevSignIn } from '../dev/slack/dev-users';
import { EMOJI, emojiFor } from '../dev/slack/emoji';
import { type SlackStandIn, startSlackStandIn } from '../dev/slack';
import { freePort } from '../testkit/ports';

const BOT_TOKEN = 'xoxb-console-test-token';
const SIGNING_SECRET = randomBytes(16).toString('hex');
const DEV = 'U0DEVEN001';
const XSS = '<script>alert("pwned")</script> <img src=x onerror=alert(1)>';

interface Section {
  key: string;
  html: string;
}
interface State {
  version: string;
  botConnected: boolean;
  user: { id: string; realName: string; locale: string };
  sections: {
    users: Section;
    notice: Section;
    conversation: Section;
    home: Section & { viewId: string | null };
    modal: (Section & { viewId: string; hash: string }) | null;
  };
}
interface Answer {
  ok: boolean;
  error?: string;
  message?: string;
  errors?: Record<string, string>;
}

/** Polls until `check` passes (listeners run after the ack, so their effects come a little later). */
async function eventually<T>(
  read: () => Promise<T> | T,
  check: (value: T) => boolean,
  what: string,
  timeoutMs = 3_000,
): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (check(value)) return value;
    if (Date.now() > deadline) throw new Error(`Timed out waiting for ${what}: ${JSON.stringify(value)}`);
    await new Promise((resolve) => setTimeout(resolve, 25));
  }
}

describe('Slack stand-in browser console', () => {
  let standIn: SlackStandIn;
  let app: App;
  let root: string;
  const clicks: { actionId: string; value: string | undefined; viewId: string | undefined; containerType: string }[] =
    [];
  const submissions: Record<string, Record<string, ViewStateValue>>[] = [];
  const messages: { channel: string; channelType: string | undefined; text: string | undefined }[] = [];

  const state = async (user = DEV): Promise<State> => {
    const response = await fetch(`${root}/console/state?user=${user}`);
    assert.equal(response.status, 200);
    return (await response.json()) as State;
  };
  const post = async (path: string, body: unknown, headers: Record<string, string> = {}) => {
    const response = await fetch(`${root}/console/${path}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify(body),
    });
    return { status: response.status, answer: (await response.json()) as Answer };
  };

  beforeAll(async () => {
    standIn = await startSlackStandIn({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
    assert.ok(standIn.consoleUrl);
    root = standIn.api.url;
    const port = await freePort();
    app = new App({
      token: BOT_TOKEN,
      receiver: new HTTPReceiver({ signingSecret: SIGNING_SECRET, logLevel: LogLevel.ERROR }),
      logLevel: LogLevel.ERROR,
      clientOptions: { slackApiUrl: standIn.apiUrl, retryConfig: { retries: 0 } },
    });

    app.command('/cers', async ({ ack, command, client, respond }) => {
      await ack();
      if (command.text === 'help') {
        await respond({ response_type: 'ephemeral', text: 'Try *start*' });
        return;
      }
      await client.views.open({
        trigger_id: command.trigger_id,
        view: {
          type: 'modal',
          callback_id: 'console_form',
          title: { type: 'plain_text', text: 'Console test' },
          submit: { type: 'plain_text', text: 'Send' },
          close: { type: 'plain_text', text: 'Cancel' },
          blocks: [
            { type: 'section', text: { type: 'mrkdwn', text: `Hello *${command.user_name}* ${XSS}` } },
            {
              type: 'actions',
              block_id: 'tools',
              elements: [
                {
                  type: 'button',
                  action_id: 'console_click',
                  text: { type: 'plain_text', text: 'Click' },
                  value: 'v1',
                },
              ],
            },
            {
              type: 'input',
              block_id: 'name',
              label: { type: 'plain_text', text: 'Name' },
              element: { type: 'plain_text_input', action_id: 'value', initial_value: 'Ada' },
            },
          ],
        },
      });
    });

    app.action('console_click', async ({ ack, body, action }) => {
      await ack();
      if (body.type !== 'block_actions' || action.type !== 'button' || !('action_id' in action)) return;
      const container = body.container as { type?: unknown };
      clicks.push({
        actionId: action.action_id,
        value: action.value,
        viewId: body.view?.id,
        containerType: String(container.type),
      });
    });

    app.view('console_form', async ({ ack, view }) => {
      submissions.push(view.state.values);
      const typed = view.state.values.name?.value?.value;
      if (typed === 'bad') await ack({ response_action: 'errors', errors: { name: 'Not <b>good</b>' } });
      else await ack();
    });

    app.message(async ({ message, client }) => {
      if (message.subtype !== undefined || !('text' in message)) return;
      messages.push({ channel: message.channel, channelType: message.channel_type, text: message.text });
      await client.chat.postMessage({ channel: message.channel, text: `Echo: ${message.text ?? ''}` });
    });

    app.event('app_home_opened', async ({ event, client }) => {
      await client.views.publish({
        user_id: event.user,
        view: {
          type: 'home',
          blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Home of <@${event.user}> ${XSS}` } }],
        },
      });
    });

    await app.start(port);
    standIn.driver.target = `http://127.0.0.1:${port}/slack/events`;
  });

  afterAll(async () => {
    await app?.stop();
    await standIn?.close();
  });

  test('the page, its script and stylesheet are served under a CSP with no inline code; without ?user= it redirects to the first dev user', async () => {
    const bare = await fetch(`${root}/`, { redirect: 'manual' });
    assert.equal(bare.status, 302);
    assert.equal(bare.headers.get('location'), `/?user=${DEV}`);

    const page = await fetch(`${root}/?user=${DEV}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    assert.match(csp, /(^|; )script-src 'self'(;|$)/, csp);
    assert.match(csp, /(^|; )style-src 'self'(;|$)/, csp);
    assert.doesNotMatch(csp, /unsafe-inline|nonce-/, csp);
    const html = await page.text();
    assert.ok(html.includes('<script src="/console.js"></script>'), html);
    assert.ok(html.includes('<link rel="stylesheet" href="/console.css">'), html);
    assert.doesNotMatch(html, /<script>|<style/);
    assert.ok(html.includes('value="/cers"'));
    for (const [file, type, sample] of [
      ['/console.js', /^text\/javascript/, "document.addEventListener('submit'"],
      ['/console.css', /^text\/css/, '#modal-layer'],
    ] as const) {
      const served = await fetch(`${root}${file}`);
      assert.equal(served.status, 200, file);
      assert.match(served.headers.get('content-type') ?? '', type, file);
      assert.equal(served.headers.get('x-content-type-options'), 'nosniff', file);
      assert.ok((await served.text()).includes(sample), file);
    }
    // The files are the console's: the Host check (against DNS rebinding) applies to them too.
    const rebound = await new Promise<number | undefined>((resolve, reject) => {
      http
        .get(`${root}/console.js`, { headers: { host: 'evil.example' } }, (res) => {
          res.resume();
          resolve(res.statusCode);
        })
        .on('error', reject);
    });
    assert.equal(rebound, 403);
    // The Web API is untouched.
    const api = await fetch(`${standIn.apiUrl}auth.test`, {
      method: 'POST',
      headers: { authorization: `Bearer ${BOT_TOKEN}` },
    });
    assert.equal(((await api.json()) as { ok: boolean }).ok, true);
  });

  test('the dev users exist with their locales', async () => {
    assert.equal(standIn.workspace.users.get('U0DEVEN001')?.locale, 'en-US');
    assert.equal(standIn.workspace.users.get('U0DEVFR001')?.locale, 'fr-CA');
    assert.equal((await state('U0DEVFR001')).user.locale, 'fr-CA');
  });

  test('the picker offers alice, bob and chloe: the local identity provider’s people, named alike in docs/slack-bot.md', async () => {
    const picker = (await state()).sections.users.html;
    const slackBotDoc = readFileSync(path.join(__dirname, '..', 'docs', 'slack-bot.md'), 'utf8');
    const consoleParagraph = /\*\*Browser console\*\*[\s\S]*?\n\n/.exec(slackBotDoc)?.[0] ?? '';
    const providerUsers = defaultLocalProviderAccounts.map((a) => a.username);
    assert.deepEqual(
      DEV_USERS.map((u) => u.name),
      providerUsers,
    );
    for (const user of DEV_USERS) {
      assert.ok(picker.includes(`value="${user.id}"`), user.id);
      assert.ok(picker.includes(escapeHtml(user.realName!)), user.realName);
      assert.ok(
        consoleParagraph.includes(`\`${user.name}\``),
        `docs/slack-bot.md's console paragraph names ${user.name}`,
      );
      assert.ok(
        consoleParagraph.includes(user.realName!),
        `docs/slack-bot.md's console paragraph names ${user.realName}`,
      );
    }
    assert.equal(standIn.workspace.users.get('U0DEVFR001')?.name, 'chloe');
  });

  test('a person added from the page is a new Slack user in the picker, validated, and told how to sign in', async () => {
    const added: string[] = [];
    const accounts = new Map<string, string>([['alice', 'alice-password']]);
    const signIn: DevSignIn = {
      credentialsOf: (username) =>
        accounts.has(username) ? { username, password: accounts.get(username)! } : undefined,
      addAccount: (username) => {
        added.push(username);
        accounts.set(username, `${username}-password`);
      },
    };
    standIn.console!.devSignIn = signIn;
    try {
      const created = await post('users', { user: DEV, name: '  Dana Côté-Roy ', language: 'fr' });
      assert.equal(created.status, 200, JSON.stringify(created.answer));
      const id = (created.answer as Answer & { user: string }).user;
      assert.match(id, /^U[A-Z0-9]{8,}$/);
      assert.deepEqual(added, ['dana.cote.roy']);
      const user = standIn.workspace.users.get(id);
      assert.deepEqual(
        { name: user?.name, realName: user?.realName, locale: user?.locale },
        {
          name: 'dana.cote.roy',
          realName: 'Dana Côté-Roy',
          locale: 'fr-CA',
        },
      );
      const seen = await state(id);
      assert.ok(
        seen.sections.users.html.includes(`value="${id}" selected`),
        'the picker offers and selects the new person',
      );
      assert.match(
        seen.sections.notice.html,
        /signs in as <code>dana\.cote\.roy<\/code>, password <code>dana\.cote\.roy-password<\/code>/,
      );
      assert.ok((await state()).sections.users.html.includes(`value="${id}"`), 'offered to everyone from now on');

      // The same person again (same username), or someone already here: refused, nothing added.
      const again = await post('users', { name: 'Dana Cote Roy', language: 'en' });
      assert.equal(again.status, 409);
      assert.equal(again.answer.error, 'user_exists');
      assert.equal((await post('users', { name: 'Alice', language: 'en' })).status, 409, 'alice is already here');
      assert.deepEqual(added, ['dana.cote.roy']);

      for (const [body, field] of [
        [{ name: '', language: 'en' }, 'name'],
        [{ name: '<script>alert(1)</script>', language: 'en' }, 'name'],
        [{ name: 'x'.repeat(81), language: 'en' }, 'name'],
        [{ name: 'Eve', language: 'de' }, 'language'],
        [{ name: 'Eve' }, 'language'],
        [{ name: 42, language: 'en' }, 'name'],
      ] as const) {
        const refused = await post('users', body);
        assert.equal(refused.status, 400, JSON.stringify(body));
        assert.equal(refused.answer.error, 'invalid_request');
        assert.match(refused.answer.message ?? '', new RegExp(`^${field}: `), JSON.stringify(refused.answer));
      }
      assert.deepEqual(added, ['dana.cote.roy']);
    } finally {
      standIn.console!.devSignIn = undefined;
    }
  });

  test('/cers opens a modal shown escaped; a click and submissions reach the bot in Slack’s shape', async () => {
    const command = await post('command', { user: DEV, text: '' });
    assert.equal(command.status, 200, JSON.stringify(command.answer));
    assert.equal(command.answer.ok, true);

    const withModal = await eventually(state, (s) => s.sections.modal !== null, 'the modal');
    const modal = withModal.sections.modal!;
    assert.ok(modal.html.includes('Console test'));
    assert.ok(modal.html.includes('data-block-id="name"'));
    assert.ok(modal.html.includes('value="Ada"'));
    assert.ok(modal.html.includes('<strong>alice</strong>'));
    // The view's text is shown as text, never as markup.
    assert.ok(!modal.html.includes('<script>'), modal.html);
    assert.ok(!modal.html.includes('<img'), modal.html);
    assert.ok(modal.html.includes('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;'), modal.html);

    const click = await post('action', {
      user: DEV,
      viewId: modal.viewId,
      blockId: 'tools',
      actionId: 'console_click',
      value: 'v1',
    });
    assert.equal(click.status, 200, JSON.stringify(click.answer));
    await eventually(
      () => clicks,
      (c) => c.length === 1,
      'the click',
    );
    assert.deepEqual(clicks[0], {
      actionId: 'console_click',
      value: 'v1',
      viewId: modal.viewId,
      containerType: 'view',
    });

    // A button the view does not have is not sent.
    const forged = await post('action', {
      user: DEV,
      viewId: modal.viewId,
      blockId: 'tools',
      actionId: 'console_click',
      value: 'other',
    });
    assert.equal(forged.status, 409);

    const rejected = await post('submit', {
      user: DEV,
      viewId: modal.viewId,
      hash: modal.hash,
      fields: { name: { value: 'bad' } },
    });
    assert.equal(rejected.status, 200, JSON.stringify(rejected.answer));
    assert.deepEqual(rejected.answer.errors, { name: 'Not <b>good</b>' });
    assert.deepEqual(submissions.at(-1), { name: { value: { type: 'plain_text_input', value: 'bad' } } });
    const stillOpen = await state();
    assert.equal(stillOpen.sections.modal?.key, modal.key, 'an errors ack keeps the very same view open');

    const accepted = await post('submit', {
      user: DEV,
      viewId: modal.viewId,
      hash: modal.hash,
      fields: { name: { value: 'Ada Lovelace' } },
    });
    assert.equal(accepted.status, 200, JSON.stringify(accepted.answer));
    assert.equal(accepted.answer.errors, undefined);
    assert.deepEqual(submissions.at(-1), { name: { value: { type: 'plain_text_input', value: 'Ada Lovelace' } } });
    assert.equal((await state()).sections.modal, null, 'an empty ack closes the modal');
    // A plain ack() has no body: nothing ephemeral was shown for it.
    assert.ok(!(await state()).sections.conversation.html.includes('only visible to you'));
  });

  test('Close pops the modal without telling the bot (it did not ask to be told)', async () => {
    await post('command', { user: DEV, text: '' });
    const open = await eventually(state, (s) => s.sections.modal !== null, 'the modal');
    const closed = await post('close', { user: DEV, viewId: open.sections.modal!.viewId });
    assert.equal(closed.status, 200);
    assert.equal((await state()).sections.modal, null);
    assert.deepEqual(standIn.workspace.modalStacks.get(DEV), []);
    const again = await post('close', { user: DEV, viewId: open.sections.modal!.viewId });
    assert.equal(again.status, 409);
  });

  test('a DM reaches the bot as an im message event and the reply shows in the conversation', async () => {
    const sent = await post('message', { user: DEV, text: 'status <please>' });
    assert.equal(sent.status, 200, JSON.stringify(sent.answer));
    await eventually(
      () => messages,
      (m) => m.length === 1,
      'the message',
    );
    assert.deepEqual(messages[0], {
      channel: standIn.workspace.dmChannelFor(DEV),
      channelType: 'im',
      text: 'status <please>',
    });
    const withReply = await eventually(
      state,
      (s) => s.sections.conversation.html.includes('Echo: status'),
      'the reply',
    );
    const html = withReply.sections.conversation.html;
    assert.ok(
      html.indexOf('status &lt;please&gt;') < html.indexOf('Echo: status &lt;please&gt;'),
      'oldest first, escaped',
    );
  });

  test('ephemeral answers through response_url show for the user who typed the command', async () => {
    await post('command', { user: DEV, text: 'help' });
    const shown = await eventually(
      state,
      (s) => s.sections.conversation.html.includes('Try <strong>start</strong>'),
      'the answer',
    );
    assert.ok(shown.sections.conversation.html.includes('only visible to you'));
    assert.ok(!(await state('U0DEVFR001')).sections.conversation.html.includes('Try'));
  });

  test('opening Home sends app_home_opened; the published view is rendered escaped', async () => {
    const opened = await post('home', { user: DEV });
    assert.equal(opened.status, 200, JSON.stringify(opened.answer));
    const withHome = await eventually(state, (s) => s.sections.home.viewId !== null, 'the home view');
    assert.ok(withHome.sections.home.html.includes(`@${DEV}`));
    assert.ok(!withHome.sections.home.html.includes('<script>'));
    assert.equal(withHome.sections.home.viewId, standIn.workspace.homeViews.get(DEV));
  });

  test('the state version changes only when what is shown changes', async () => {
    const first = await state();
    const second = await state();
    assert.equal(first.version, second.version);
    await post('message', { user: DEV, text: 'again' });
    const third = await eventually(state, (s) => s.sections.conversation.html.includes('Echo: again'), 'the reply');
    assert.notEqual(third.version, first.version);
  });

  test('invalid users, non-JSON bodies and other origins are refused', async () => {
    for (const user of ['not a user', 'u0lower001', '<script>', '']) {
      const refused = await post('command', { user, text: '' });
      assert.equal(refused.status, 400, user);
      assert.equal(refused.answer.error, 'invalid_request');
    }
    assert.equal((await post('submit', { user: DEV, viewId: 'V1', fields: 'nope' })).status, 400);
    assert.equal((await fetch(`${root}/console/state?user=bad`)).status, 400);
    assert.equal((await fetch(`${root}/?user=%3Cscript%3E`)).status, 400);

    const form = await fetch(`${root}/console/command`, { method: 'POST', body: new URLSearchParams({ user: DEV }) });
    assert.equal(form.status, 415);
    const crossSite = await post('command', { user: DEV, text: '' }, { origin: 'https://evil.example' });
    assert.equal(crossSite.status, 403);
    const sameSite = await post('home', { user: DEV }, { origin: root });
    assert.equal(sameSite.status, 200);
    const unknown = await post('nope', { user: DEV });
    assert.equal(unknown.status, 404);
  });
});

describe('console without a bot', () => {
  test('says no bot is connected and refuses deliveries with 503', async () => {
    const standIn = await startSlackStandIn({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET });
    try {
      const state = (await (await fetch(`${standIn.api.url}/console/state?user=${DEV}`)).json()) as State & {
        sections: { notice: Section };
      };
      assert.equal(state.botConnected, false);
      assert.match(state.sections.notice.html, /No bot is connected/);
      const refused = await fetch(`${standIn.api.url}/console/command`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user: DEV, text: '' }),
      });
      assert.equal(refused.status, 503);
      assert.equal(((await refused.json()) as Answer).error, 'no_bot');
    } finally {
      await standIn.close();
    }
  });

  test('can be turned off', async () => {
    const standIn = await startSlackStandIn({ botToken: BOT_TOKEN, signingSecret: SIGNING_SECRET, console: false });
    try {
      assert.equal(standIn.consoleUrl, undefined);
      assert.equal((await fetch(`${standIn.api.url}/`)).status, 404);
    } finally {
      await standIn.close();
    }
  });
});

describe('mrkdwn and blocks as HTML', () => {
  test('everything is escaped before any markup is added', () => {
    assert.equal(renderMrkdwn('<script>alert(1)</script>'), '&lt;script&gt;alert(1)&lt;/script&gt;');
    assert.equal(renderMrkdwn('"quoted" & \'single\''), '&quot;quoted&quot; &amp; &#39;single&#39;');
    assert.equal(renderMrkdwn('*<img src=x onerror=alert(1)>*'), '<strong>&lt;img src=x onerror=alert(1)&gt;</strong>');
    assert.equal(escapeHtml('<a href="x">'), '&lt;a href=&quot;x&quot;&gt;');
  });

  test('bold, italic, strike, code, line breaks', () => {
    assert.equal(renderMrkdwn('*Step 1* of _four_'), '<strong>Step 1</strong> of <em>four</em>');
    assert.equal(renderMrkdwn('~old~ new'), '<del>old</del> new');
    assert.equal(renderMrkdwn('use `*not bold*`'), 'use <code>*not bold*</code>');
    assert.equal(renderMrkdwn('a\nb'), 'a<br>b');
    assert.equal(renderMrkdwn('```x\n<y>```'), '<pre>x\n&lt;y&gt;</pre>');
    assert.equal(renderMrkdwn('snake_case_name and 2*3*4'), 'snake_case_name and 2*3*4');
  });

  test('dates show their fallback, links only with safe schemes, mentions as text', () => {
    assert.equal(
      renderMrkdwn('Due <!date^1795000000^{date_long_pretty} {time}|Nov 18, 2026, 3:04 p.m. EST>.'),
      'Due Nov 18, 2026, 3:04 p.m. EST.',
    );
    assert.equal(
      renderMrkdwn('<https://example.com/?a=1&b=2|the "site">'),
      '<a href="https://example.com/?a=1&amp;b=2" target="_blank" rel="noopener noreferrer">the &quot;site&quot;</a>',
    );
    assert.equal(renderMrkdwn('<javascript:alert(1)|click>'), '&lt;javascript:alert(1)|click&gt;');
    assert.equal(
      renderMrkdwn('<https://x.test/" onmouseover="alert(1)>'),
      '<a href="https://x.test/&quot; onmouseover=&quot;alert(1)" target="_blank" rel="noopener noreferrer">https://x.test/&quot; onmouseover=&quot;alert(1)</a>',
    );
    assert.equal(renderMrkdwn('hi <@U0DEVEN001>'), 'hi <span class="mention">@U0DEVEN001</span>');
    assert.equal(renderMrkdwn('Slack escapes: &lt;b&gt; &amp;'), 'Slack escapes: &lt;b&gt; &amp;');
    assert.equal(renderMrkdwn(':warning: :wave: :constructor: \u0001 0\u0001'), '⚠️ 👋 :constructor:  0');
  });

  test('a link button carries its URL (opened on click, as Slack does); only http(s) URLs', () => {
    const link = (url: string) =>
      renderBlocks([
        {
          type: 'actions',
          block_id: 'b',
          elements: [
            { type: 'button', action_id: 'open', text: { type: 'plain_text', text: 'Open' }, url, value: 'v' },
          ],
        },
      ]);
    assert.match(
      link('http://127.0.0.1:3000/auth/start/abc'),
      /data-url="http:\/\/127\.0\.0\.1:3000\/auth\/start\/abc"/,
    );
    assert.doesNotMatch(link('javascript:alert(1)'), /data-url/);
  });

  test('buttons carry their confirm text, inputs their initial values, all escaped', () => {
    const html = renderBlocks([
      {
        type: 'actions',
        block_id: 'terms',
        elements: [
          {
            type: 'button',
            action_id: 'decline',
            text: { type: 'plain_text', text: 'Decline <now>' },
            value: '"v"',
            style: 'danger',
            confirm: {
              title: { type: 'plain_text', text: 'Sure?' },
              text: { type: 'plain_text', text: 'It ends "everything"' },
              confirm: { type: 'plain_text', text: 'Yes' },
              deny: { type: 'plain_text', text: 'No' },
            },
          },
        ],
      },
      {
        type: 'input',
        block_id: 'language',
        label: { type: 'plain_text', text: 'Language' },
        element: {
          type: 'radio_buttons',
          action_id: 'value',
          options: [
            { value: 'en', text: { type: 'plain_text', text: 'English' } },
            { value: 'fr', text: { type: 'plain_text', text: 'Français' } },
          ],
          initial_option: { value: 'fr', text: { type: 'plain_text', text: 'Français' } },
        },
      },
      {
        type: 'rich_text',
        elements: [{ type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'URN <123>' }] }],
      },
      { type: 'mystery<x>' },
    ]);
    assert.ok(html.includes('class="btn danger"'));
    assert.ok(html.includes('data-value="&quot;v&quot;"'));
    assert.ok(html.includes('data-confirm="Sure?\n\nIt ends &quot;everything&quot;\n\nOK: Yes · Cancel: No"'));
    assert.ok(html.includes('>Decline &lt;now&gt;</button>'));
    assert.match(html, /<input[^>]*value="fr" checked>/);
    assert.match(html, /<input[^>]*value="en">/);
    assert.ok(html.includes('<pre>URN &lt;123&gt;</pre>'));
    assert.ok(html.includes('Not shown by the console: block mystery&lt;x&gt;'));
  });

  test('state.values holds every input block, empty text as null, choices as the view defined them', () => {
    const english = { value: 'en', text: { type: 'plain_text', text: 'English' } };
    const view = {
      blocks: [
        { type: 'section', text: { type: 'mrkdwn', text: 'x' } },
        { type: 'input', block_id: 'givenName', element: { type: 'plain_text_input', action_id: 'value' } },
        { type: 'input', block_id: 'familyName', element: { type: 'plain_text_input', action_id: 'value' } },
        {
          type: 'input',
          block_id: 'language',
          element: { type: 'radio_buttons', action_id: 'value', options: [english] },
        },
        {
          type: 'input',
          block_id: 'other',
          element: { type: 'radio_buttons', action_id: 'value', options: [english] },
        },
      ],
    };
    assert.deepEqual(
      stateValues(view, {
        givenName: { value: 'Ada' },
        familyName: { value: '' },
        language: { value: 'en' },
        other: { value: 'xx' },
      }),
      {
        givenName: { value: { type: 'plain_text_input', value: 'Ada' } },
        familyName: { value: { type: 'plain_text_input', value: null } },
        language: { value: { type: 'radio_buttons', selected_option: english } },
        other: { value: { type: 'radio_buttons', selected_option: null } },
      },
    );
  });

  test('an input shows what the user submitted in it over its initial value, as Slack does', () => {
    const block = {
      type: 'input',
      block_id: 'city',
      label: { type: 'plain_text', text: 'City' },
      element: { type: 'plain_text_input', action_id: 'value', initial_value: 'Ottawa' },
    };
    const language = {
      type: 'input',
      block_id: 'language',
      label: { type: 'plain_text', text: 'Language' },
      element: {
        type: 'radio_buttons',
        action_id: 'value',
        options: [
          { value: 'en', text: { type: 'plain_text', text: 'English' } },
          { value: 'fr', text: { type: 'plain_text', text: 'Français' } },
        ],
        initial_option: { value: 'en', text: { type: 'plain_text', text: 'English' } },
      },
    };
    assert.match(renderBlocks([block]), /value="Ottawa"/);
    const state = {
      city: { value: { type: 'plain_text_input', value: 'Gatineau' } },
      language: { value: { type: 'radio_buttons', selected_option: { value: 'fr' } } },
    };
    const html = renderBlocks([block, language], { interactive: true, state });
    assert.match(html, /value="Gatineau"/);
    assert.match(html, /<input[^>]*value="fr" checked>/);
    // Under another action id the entry is not this element's: Slack drops it, and so does the console.
    const renamed = { ...block, element: { ...block.element, action_id: 'value~1', initial_value: undefined } };
    assert.match(renderBlocks([renamed], { interactive: true, state }), /data-action-id="value~1"[^>]*value=""/);
  });
});

describe('emoji', () => {
  const ROOT = path.join(__dirname, '..');
  const sourceFiles = (dir: string): string[] =>
    readdirSync(path.join(ROOT, dir)).flatMap((name) => {
      const relative = path.join(dir, name);
      if (statSync(path.join(ROOT, relative)).isDirectory()) return sourceFiles(relative);
      return name.endsWith('.ts') ? [relative] : [];
    });
  const SHORTCODE = /:([a-z0-9_+-]+):/g;

  test('Slack’s shortcodes show as emoji in mrkdwn, plain text and rich text; unknown ones stay as typed', () => {
    assert.equal(renderMrkdwn(':envelope: Sent :tada::tada:'), '✉️ Sent 🎉🎉');
    assert.equal(renderMrkdwn('*:white_check_mark: Done*'), '<strong>✅ Done</strong>');
    assert.equal(renderMrkdwn(':+1: :-1: :flag-ca:'), '👍 👎 🇨🇦');
    assert.equal(
      renderMrkdwn(':our_custom_logo: :Warning:'),
      ':our_custom_logo: :Warning:',
      'unknown and upper-case names stay',
    );
    assert.equal(
      renderMrkdwn('`:warning:` 10:30:45'),
      '<code>:warning:</code> 10:30:45',
      'nothing inside code; times are not emoji',
    );
    assert.equal(renderMrkdwn(':__proto__: :constructor:'), ':__proto__: :constructor:');
    assert.equal(renderTextObject({ type: 'plain_text', text: ':warning: <b>', emoji: true }), '⚠️ &lt;b&gt;');
    assert.equal(
      renderTextObject({ type: 'plain_text', text: ':warning: <b>' }),
      '⚠️ &lt;b&gt;',
      'emoji is on unless turned off',
    );
    assert.equal(renderTextObject({ type: 'plain_text', text: ':warning:', emoji: false }), ':warning:');
    const rich = (element: Record<string, unknown>) =>
      renderBlocks([{ type: 'rich_text', elements: [{ type: 'rich_text_section', elements: [element] }] }]);
    assert.equal(rich({ type: 'emoji', name: 'wave' }), '<div class="b-rich"><div>👋</div></div>');
    assert.equal(rich({ type: 'emoji', name: 'maple', unicode: '1f341' }), '<div class="b-rich"><div>🍁</div></div>');
    assert.equal(
      rich({ type: 'emoji', name: 'x<y', unicode: '3c' }),
      '<div class="b-rich"><div>&lt;</div></div>',
      'escaped',
    );
    assert.equal(rich({ type: 'emoji', name: 'partyparrot' }), '<div class="b-rich"><div>:partyparrot:</div></div>');
    assert.equal(rich({ type: 'emoji', name: 'big', unicode: 'ffffff' }), '<div class="b-rich"><div>:big:</div></div>');
  });

  test('every shortcode in the catalogues and the bot’s code is in the table', () => {
    const used = new Set<string>();
    for (const catalogue of Object.values(catalogues)) {
      for (const message of Object.values(catalogue)) {
        for (const template of templatesOf(message))
          for (const [, name] of template.matchAll(SHORTCODE)) used.add(name!);
      }
    }
    for (const file of [...sourceFiles('bot'), ...sourceFiles('activities'), ...sourceFiles('sign-in')]) {
      for (const [, name] of readFileSync(path.join(ROOT, file), 'utf8').matchAll(SHORTCODE)) used.add(name!);
    }
    for (const expected of ['envelope', 'warning', 'white_check_mark', 'hourglass_flowing_sand', 'lock']) {
      assert.ok(used.has(expected), `the scan finds :${expected}:`);
    }
    for (const name of used) {
      assert.ok(emojiFor(name), `:${name}: is used by the bot but the console would show it as text`);
      assert.doesNotMatch(renderMrkdwn(`:${name}:`), /:/, name);
    }
  });

  test('the table holds emoji, not text', () => {
    assert.ok(Object.keys(EMOJI).length >= 150);
    for (const [name, emoji] of Object.entries(EMOJI)) {
      assert.match(name, /^[a-z0-9_+-]+$/, name);
      assert.match(emoji, /\p{Extended_Pictographic}|\p{Regional_Indicator}|\p{Emoji_Presentation}/u, name);
    }
  });
});
