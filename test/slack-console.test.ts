/**
 * The stand-in's browser console against a real Bolt app (HTTPReceiver): what a developer does in
 * the page (a slash command, a button, a form submission, a DM, closing a modal) reaches the bot as
 * Slack would send it, what the bot sends comes back in the console's state, view content is
 * escaped, and requests that are not the page's own are refused.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { after, before, describe, test } from 'node:test';
import { App, HTTPReceiver, LogLevel, type ViewStateValue } from '@slack/bolt';
import { escapeHtml, renderBlocks, renderMrkdwn, stateValues } from '../slack/stand-in/console';
import { type SlackStandIn, startSlackStandIn } from '../slack/stand-in';
import { freePort } from './support/ports';

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
async function eventually<T>(read: () => Promise<T> | T, check: (value: T) => boolean, what: string, timeoutMs = 3_000): Promise<T> {
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
  const clicks: { actionId: string; value: string | undefined; viewId: string | undefined; containerType: string }[] = [];
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

  before(async () => {
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
              elements: [{ type: 'button', action_id: 'console_click', text: { type: 'plain_text', text: 'Click' }, value: 'v1' }],
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
      clicks.push({ actionId: action.action_id, value: action.value, viewId: body.view?.id, containerType: String(container.type) });
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
        view: { type: 'home', blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `Home of <@${event.user}> ${XSS}` } }] },
      });
    });

    await app.start(port);
    standIn.driver.target = `http://127.0.0.1:${port}/slack/events`;
  });

  after(async () => {
    await app?.stop();
    await standIn?.close();
  });

  test('the page is served with a CSP nonce; without ?user= it redirects to the first dev user', async () => {
    const bare = await fetch(`${root}/`, { redirect: 'manual' });
    assert.equal(bare.status, 302);
    assert.equal(bare.headers.get('location'), `/?user=${DEV}`);

    const page = await fetch(`${root}/?user=${DEV}`);
    assert.equal(page.status, 200);
    assert.match(page.headers.get('content-type') ?? '', /^text\/html/);
    const csp = page.headers.get('content-security-policy') ?? '';
    const nonce = /script-src 'nonce-([^']+)'/.exec(csp)?.[1];
    assert.ok(nonce, csp);
    const html = await page.text();
    assert.ok(html.includes(`<script nonce="${nonce}">`));
    assert.ok(html.includes('value="/cers"'));
    // The Web API is untouched.
    const api = await fetch(`${standIn.apiUrl}auth.test`, { method: 'POST', headers: { authorization: `Bearer ${BOT_TOKEN}` } });
    assert.equal(((await api.json()) as { ok: boolean }).ok, true);
  });

  test('the dev users exist with their locales', async () => {
    assert.equal(standIn.workspace.users.get('U0DEVEN001')?.locale, 'en-US');
    assert.equal(standIn.workspace.users.get('U0DEVFR001')?.locale, 'fr-CA');
    assert.equal((await state('U0DEVFR001')).user.locale, 'fr-CA');
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
    assert.ok(modal.html.includes('<strong>dev.en</strong>'));
    // The view's text is shown as text, never as markup.
    assert.ok(!modal.html.includes('<script>'), modal.html);
    assert.ok(!modal.html.includes('<img'), modal.html);
    assert.ok(modal.html.includes('&lt;script&gt;alert(&quot;pwned&quot;)&lt;/script&gt;'), modal.html);

    const click = await post('action', { user: DEV, viewId: modal.viewId, blockId: 'tools', actionId: 'console_click', value: 'v1' });
    assert.equal(click.status, 200, JSON.stringify(click.answer));
    await eventually(
      () => clicks,
      (c) => c.length === 1,
      'the click',
    );
    assert.deepEqual(clicks[0], { actionId: 'console_click', value: 'v1', viewId: modal.viewId, containerType: 'view' });

    // A button the view does not have is not sent.
    const forged = await post('action', { user: DEV, viewId: modal.viewId, blockId: 'tools', actionId: 'console_click', value: 'other' });
    assert.equal(forged.status, 409);

    const rejected = await post('submit', { user: DEV, viewId: modal.viewId, hash: modal.hash, fields: { name: { value: 'bad' } } });
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
    assert.deepEqual(messages[0], { channel: standIn.workspace.dmChannelFor(DEV), channelType: 'im', text: 'status <please>' });
    const withReply = await eventually(state, (s) => s.sections.conversation.html.includes('Echo: status'), 'the reply');
    const html = withReply.sections.conversation.html;
    assert.ok(html.indexOf('status &lt;please&gt;') < html.indexOf('Echo: status &lt;please&gt;'), 'oldest first, escaped');
  });

  test('ephemeral answers through response_url show for the user who typed the command', async () => {
    await post('command', { user: DEV, text: 'help' });
    const shown = await eventually(state, (s) => s.sections.conversation.html.includes('Try <strong>start</strong>'), 'the answer');
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
    assert.equal(renderMrkdwn(':warning: :wave: :constructor: \u0001 0\u0001'), '⚠️ :wave: :constructor:  0');
  });

  test('a link button carries its URL (opened on click, as Slack does); only http(s) URLs', () => {
    const link = (url: string) =>
      renderBlocks([
        {
          type: 'actions',
          block_id: 'b',
          elements: [{ type: 'button', action_id: 'open', text: { type: 'plain_text', text: 'Open' }, url, value: 'v' }],
        },
      ]);
    assert.match(link('http://127.0.0.1:3000/auth/start/abc'), /data-url="http:\/\/127\.0\.0\.1:3000\/auth\/start\/abc"/);
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
      { type: 'rich_text', elements: [{ type: 'rich_text_preformatted', elements: [{ type: 'text', text: 'URN <123>' }] }] },
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
        { type: 'input', block_id: 'language', element: { type: 'radio_buttons', action_id: 'value', options: [english] } },
        { type: 'input', block_id: 'other', element: { type: 'radio_buttons', action_id: 'value', options: [english] } },
      ],
    };
    assert.deepEqual(
      stateValues(view, { givenName: { value: 'Ada' }, familyName: { value: '' }, language: { value: 'en' }, other: { value: 'xx' } }),
      {
        givenName: { value: { type: 'plain_text_input', value: 'Ada' } },
        familyName: { value: { type: 'plain_text_input', value: null } },
        language: { value: { type: 'radio_buttons', selected_option: english } },
        other: { value: { type: 'radio_buttons', selected_option: null } },
      },
    );
  });
});
