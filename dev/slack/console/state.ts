/**
 * What the page shows for one user, as HTML fragments with keys that change only when they do: the
 * user picker, notices, the DM with the bot, the Home tab and the top modal. The page polls it.
 */
import { createHash } from 'node:crypto';
import type { DevSignIn } from '../dev-users';
import type { ResponseUrlPost } from '../web-api';
import type { SlackWorkspace, StoredView } from '../workspace';
import { asArray, asObject, asString, attributes, escapeHtml } from './html';
import { plainOf, renderMrkdwn } from './mrkdwn';
import { renderBlocks } from './render';

/** What the workspace does not keep for a user: what they wrote to the bot, and ephemeral answers. */
export interface Entry {
  kind: 'sent' | 'ephemeral';
  ts: string;
  text: string;
  blocks?: unknown[];
}

export interface Section {
  key: string;
  html: string;
}

export interface ConsoleState {
  /** Changes whenever anything shown changes: the page re-renders only then. */
  version: string;
  user: { id: string; name: string; realName: string; locale: string; known: boolean };
  botConnected: boolean;
  sections: {
    users: Section;
    notice: Section;
    conversation: Section;
    home: Section & { viewId: string | null };
    /** The top of the user's modal stack; its key is the view id and hash, so typing is never overwritten. */
    modal: (Section & { viewId: string; hash: string }) | null;
  };
}

/** What the console knows about one user beyond the workspace, and how it is set up. */
export interface ConsoleSource {
  workspace: SlackWorkspace;
  /** The bot's endpoint, when a bot is connected. */
  botUrl: string | undefined;
  /** The users the picker offers first (the configured ones). */
  userIds: readonly string[];
  /** The slash command the composer starts with. */
  command: string;
  devSignIn: DevSignIn | undefined;
  /** What the user wrote to the bot and the ephemeral answers they got, oldest first. */
  entries: readonly Entry[];
  /** The response_url posts answering deliveries the console made for the user. */
  responseUrlPosts: readonly ResponseUrlPost[];
}

/** The top of the user's modal stack. */
export function topModal(workspace: SlackWorkspace, userId: string): StoredView | undefined {
  const id = workspace.modalStacks.get(userId)?.at(-1);
  return id ? workspace.views.get(id) : undefined;
}

/** What the page shows `userId`; the version changes only when some part of it does. */
export function consoleState(source: ConsoleSource, userId: string): ConsoleState {
  const w = source.workspace;
  const known = w.users.get(userId);
  const user = {
    id: userId,
    name: known?.name ?? userId.toLowerCase(),
    realName: known?.realName ?? userId,
    locale: known?.locale ?? 'en-US',
    known: !!known,
  };
  const botConnected = !!source.botUrl;

  const pickable = [...new Set([...source.userIds, ...w.users.keys(), userId])];
  const users = pickable
    .map((id) => {
      const u = w.users.get(id);
      const label = u ? `${u.realName} (${u.name}, ${u.locale}) · ${id}` : `${id} (new)`;
      return `<option${attributes({ value: id, selected: id === userId })}>${escapeHtml(label)}</option>`;
    })
    .join('');

  const bot = botConnected
    ? `<div class="notice">Bot: ${escapeHtml(source.botUrl ?? '')}</div>`
    : '<div class="notice error">No bot is connected: the stand-in driver has no target. Start the service with <code>npm start</code> (without Slack tokens), or set <code>driver.target</code> to the bot’s <code>/slack/events</code> URL.</div>';
  const signIn = known ? source.devSignIn?.credentialsOf(known.name) : undefined;
  const notice =
    bot +
    (signIn
      ? `<div class="notice">At the local sign-in page, ${escapeHtml(user.realName)} signs in as <code>${escapeHtml(signIn.username)}</code>, password <code>${escapeHtml(signIn.password)}</code>.</div>`
      : '');

  const homeId = w.homeViews.get(userId);
  const homeView = homeId ? w.views.get(homeId) : undefined;
  const home = homeView
    ? `<div${attributes({ class: 'view', 'data-container': 'view', 'data-view-id': homeView.id })}>${renderBlocks(homeView.definition.blocks)}</div>`
    : '<p class="empty">The bot has not published a Home tab for this user yet.</p>';

  const top = topModal(w, userId);
  const depth = w.modalStacks.get(userId)?.length ?? 0;
  const modal = top
    ? { key: `${top.id}:${top.hash}:${depth}`, html: renderModal(top, depth), viewId: top.id, hash: top.hash }
    : null;

  const sections = {
    users: section(users),
    notice: section(notice),
    conversation: section(conversation(source, userId, user.realName)),
    home: { ...section(home), viewId: homeView?.id ?? null },
    modal,
  };
  const version = digest(
    [
      user.realName,
      String(botConnected),
      sections.users.key,
      sections.notice.key,
      sections.conversation.key,
      sections.home.key,
      modal?.key ?? '',
    ].join('|'),
  );
  return { version, user, botConnected, sections };
}

/** The DM with the bot, oldest first: the bot's messages, what the user wrote, ephemeral answers. */
function conversation(source: ConsoleSource, userId: string, realName: string): string {
  const channel = source.workspace.dmChannelFor(userId);
  const items: { order: number; html: string }[] = [];
  for (const m of source.workspace.messages.values()) {
    if (m.channel !== channel) continue;
    const body = m.blocks?.length ? renderBlocks(m.blocks) : `<div class="b-text">${renderMrkdwn(m.text ?? '')}</div>`;
    const thread = m.threadTs && m.threadTs !== m.ts ? '<span class="tag">reply in thread</span>' : '';
    const edited = m.updates > 0 ? '<span class="tag">edited</span>' : '';
    items.push({
      order: tsOrder(m.ts),
      html: `<article${attributes({ class: 'msg bot', 'data-container': 'message', 'data-channel': m.channel, 'data-ts': m.ts })}>${meta('Bot', m.ts)}${thread}${edited}${body}</article>`,
    });
  }
  for (const e of source.entries) {
    const author = e.kind === 'sent' ? realName : 'Bot';
    const tag = e.kind === 'ephemeral' ? '<span class="tag">only visible to you</span>' : '';
    const body = e.blocks?.length
      ? renderBlocks(e.blocks, { interactive: false })
      : `<div class="b-text">${renderMrkdwn(e.text)}</div>`;
    items.push({
      order: tsOrder(e.ts),
      html: `<article class="msg ${e.kind}">${meta(author, e.ts)}${tag}${body}</article>`,
    });
  }
  for (const post of source.responseUrlPosts) {
    items.push({ order: post.at * 1000, html: responseUrlHtml(post) });
  }
  if (items.length === 0)
    return `<p class="empty">No messages yet. Type ${escapeHtml(source.command)} or write to the bot below.</p>`;
  return items
    .sort((a, b) => a.order - b.order)
    .map((i) => i.html)
    .join('');
}

function renderModal(view: StoredView, depth: number): string {
  const d = view.definition;
  const submit = asObject(d.submit);
  const closeLabel = plainOf(d.close) || (depth > 1 ? 'Back' : 'Cancel');
  return `<form${attributes({ class: 'modal', id: 'modal-form', 'data-container': 'view', 'data-view-id': view.id, 'data-hash': view.hash })}>
<header class="modal-title"><span>${escapeHtml(plainOf(d.title))}</span>${depth > 1 ? `<span class="tag">${depth} views stacked</span>` : ''}</header>
<div class="modal-body">${renderBlocks(d.blocks, { interactive: true, state: view.state })}<div class="field-error" data-error-for="" hidden></div></div>
<footer class="modal-footer"><button${attributes({ type: 'button', class: 'btn', 'data-close-view': view.id })}>${escapeHtml(closeLabel)}</button>${
    submit ? `<button type="submit" class="btn primary">${escapeHtml(plainOf(submit))}</button>` : ''
  }</footer></form>`;
}

function responseUrlHtml(post: ResponseUrlPost): string {
  const body = asObject(post.body) ?? { text: typeof post.body === 'string' ? post.body : '' };
  const blocks = asArray(body.blocks);
  const content = blocks.length
    ? renderBlocks(blocks, { interactive: false })
    : `<div class="b-text">${renderMrkdwn(asString(body.text) ?? '')}</div>`;
  const visibility = body.response_type === 'in_channel' ? 'via response_url' : 'only visible to you';
  const replaced =
    body.replace_original === true
      ? '<span class="tag">replaces the original</span>'
      : body.delete_original === true
        ? '<span class="tag">deletes the original</span>'
        : '';
  return `<article class="msg ephemeral"><div class="meta"><strong>Bot</strong></div><span class="tag">${visibility}</span>${replaced}${content}</article>`;
}

function meta(author: string, ts: string): string {
  const time = new Date(Number(ts.split('.')[0]) * 1000).toLocaleTimeString('en-CA', { hour12: false });
  return `<div class="meta"><strong>${escapeHtml(author)}</strong> <time>${escapeHtml(time)}</time></div>`;
}

/** `1700000000.000100` as a number that sorts like the ts (microseconds fit a double until year 2255). */
function tsOrder(ts: string): number {
  const [seconds = '0', micros = '0'] = ts.split('.');
  return Number(seconds) * 1_000_000 + Number(micros.padEnd(6, '0').slice(0, 6));
}

const digest = (text: string) => createHash('sha1').update(text).digest('base64url').slice(0, 16);
const section = (html: string): Section => ({ key: digest(html), html });
