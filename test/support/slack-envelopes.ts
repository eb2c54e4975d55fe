/**
 * Slack envelopes for the hostile tests: one valid example of each kind the bot serves, as Slack
 * (and the stand-in's driver) sends them, and a fast-check arbitrary that breaks one thing in one.
 */
import fc from 'fast-check';

const view = {
  id: 'V0123ABCD',
  team_id: 'T0TEAM0001',
  type: 'modal',
  callback_id: 'cers_user_account',
  hash: '1712345678.abcd',
  private_metadata: '{"locale":"en"}',
  blocks: [
    { type: 'section', block_id: 'intro', text: { type: 'mrkdwn', text: 'Hello' } },
    { type: 'input', block_id: 'givenName', element: { type: 'plain_text_input', action_id: 'value' } },
  ],
  state: { values: { givenName: { value: { type: 'plain_text_input', value: 'Marie' } } } },
  app_installed_team_id: 'T0TEAM0001',
};
const user = { id: 'U0USER0001', username: 'marie', name: 'marie', team_id: 'T0TEAM0001' };
const team = { id: 'T0TEAM0001', domain: 'exportco' };

/** Envelopes as Slack sends them (and the stand-in's driver does), one of each kind the bot serves. */
export const VALID_ENVELOPES: Record<string, Record<string, unknown>> = {
  command: {
    token: 'x',
    team_id: 'T0TEAM0001',
    team_domain: 'exportco',
    channel_id: 'D0DM000001',
    channel_name: 'directmessage',
    user_id: 'U0USER0001',
    user_name: 'marie',
    command: '/cers',
    text: 'help',
    api_app_id: 'A0CERSAPP1',
    is_enterprise_install: 'false',
    response_url: 'https://hooks.slack.com/commands/T0TEAM0001/1/abc',
    trigger_id: '1.2.abc',
  },
  modalButton: {
    type: 'block_actions',
    user,
    api_app_id: 'A0CERSAPP1',
    token: 'x',
    team,
    enterprise: null,
    is_enterprise_install: false,
    trigger_id: '1.2.abc',
    container: { type: 'view', view_id: 'V0123ABCD' },
    view,
    actions: [
      {
        type: 'button',
        action_id: 'cers_accept_terms',
        block_id: 'terms',
        value: '2026-01',
        action_ts: '1712345678.1',
      },
    ],
  },
  messageButton: {
    type: 'block_actions',
    user,
    api_app_id: 'A0CERSAPP1',
    team,
    trigger_id: '1.2.abc',
    container: { type: 'message', message_ts: '1712345678.000100', channel_id: 'D0DM000001', is_ephemeral: false },
    channel: { id: 'D0DM000001', name: 'directmessage' },
    message: { type: 'message', ts: '1712345678.000100' },
    response_url: 'https://hooks.slack.com/actions/T0TEAM0001/1/abc',
    actions: [{ type: 'button', action_id: 'cers_open_registration', block_id: 'actions', action_ts: '1712345678.2' }],
  },
  submission: {
    type: 'view_submission',
    user,
    api_app_id: 'A0CERSAPP1',
    team,
    trigger_id: '1.2.abc',
    view,
    response_urls: [],
  },
  closed: { type: 'view_closed', user, api_app_id: 'A0CERSAPP1', team, view, is_cleared: false },
  homeOpened: {
    type: 'event_callback',
    team_id: 'T0TEAM0001',
    api_app_id: 'A0CERSAPP1',
    event_id: 'Ev0001',
    event_time: 1712345678,
    authorizations: [
      { enterprise_id: null, team_id: 'T0TEAM0001', user_id: 'U0BOT00001', is_bot: true, is_enterprise_install: false },
    ],
    event: {
      type: 'app_home_opened',
      user: 'U0USER0001',
      channel: 'D0DM000001',
      tab: 'home',
      event_ts: '1712345678.3',
    },
  },
  directMessage: {
    type: 'event_callback',
    team_id: 'T0TEAM0001',
    api_app_id: 'A0CERSAPP1',
    event_id: 'Ev0002',
    event_time: 1712345678,
    event: {
      type: 'message',
      channel_type: 'im',
      channel: 'D0DM000001',
      user: 'U0USER0001',
      text: 'hi *there*',
      ts: '1712345678.4',
    },
  },
  urlVerification: { type: 'url_verification', token: 'x', challenge: 'abc123' },
  rateLimited: {
    type: 'app_rate_limited',
    token: 'x',
    team_id: 'T0TEAM0001',
    minute_rate_limited: 1712345640,
    api_app_id: 'A0CERSAPP1',
  },
};

/** Every path into a JSON value (objects and arrays alike), the root excluded. */
function pathsOf(value: unknown, prefix: (string | number)[] = []): (string | number)[][] {
  if (Array.isArray(value)) return value.flatMap((v, i) => [[...prefix, i], ...pathsOf(v, [...prefix, i])]);
  if (value && typeof value === 'object') {
    return Object.entries(value).flatMap(([k, v]) => [[...prefix, k], ...pathsOf(v, [...prefix, k])]);
  }
  return [];
}

/** A copy of `value` with the thing at `path` replaced (or removed, for `undefined`). */
export function mutate(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  const copy = structuredClone(value) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path.at(-1)!;
  if (replacement === undefined) {
    if (Array.isArray(node)) node.splice(Number(last), 1);
    else delete node[last];
  } else {
    node[last] = replacement;
  }
  return copy;
}

/** A valid envelope with one thing anywhere in it replaced by any JSON value, or removed. */
export const mutatedEnvelope = fc
  .record({
    name: fc.constantFrom(...Object.keys(VALID_ENVELOPES)),
    pick: fc.nat(),
    replacement: fc.option(fc.jsonValue({ maxDepth: 2 }), { nil: undefined }),
  })
  .map(({ name, pick, replacement }) => {
    const envelope = VALID_ENVELOPES[name]!;
    const paths = pathsOf(envelope);
    return mutate(envelope, paths[pick % paths.length]!, replacement);
  });
