/**
 * The state one fake Slack workspace shares between the Web API server (which redeems trigger ids,
 * stores views and messages) and the driver (which mints trigger ids and builds payloads from the
 * views the bot opened).
 */
import { randomBytes } from 'node:crypto';

/** Milliseconds since the epoch. Injected so tests can expire trigger ids without sleeping. */
export type Clock = () => number;

/** A clock the test moves by hand. */
export class FakeClock {
  constructor(private current = Date.now()) {}
  readonly now: Clock = () => this.current;
  advance(ms: number): void {
    this.current += ms;
  }
}

/** Slack's trigger ids are valid for 3 seconds and can be exchanged once. */
export const TRIGGER_TTL_MS = 3_000;
/** A modal stack holds at most 3 views (the root plus 2 pushes). */
export const MODAL_STACK_LIMIT = 3;

export interface SlackUser {
  id: string;
  name: string;
  realName: string;
  locale: string;
  tz: string;
}

export interface StoredView {
  id: string;
  type: 'modal' | 'home';
  userId: string;
  hash: string;
  rootViewId: string;
  previousViewId: string | null;
  /** The view as the bot sent it (title, blocks, callback_id, private_metadata...). */
  definition: Record<string, unknown>;
  /** What the user entered in its inputs, as `state.values` (block id → action id → element state). */
  state?: InputState;
}

export type InputState = Record<string, Record<string, Record<string, unknown>>>;

/**
 * What Slack keeps of the user's input when a view is replaced (views.update, `response_action:
 * update`): the entries whose block id and action id the new view still has; the rest is dropped.
 */
export function keptInputState(state: InputState | undefined, next: Record<string, unknown>): InputState {
  const kept: InputState = {};
  if (!state || !Array.isArray(next['blocks'])) return kept;
  for (const block of next['blocks'] as unknown[]) {
    if (typeof block !== 'object' || block === null) continue;
    const {
      type,
      block_id: blockId,
      element,
    } = block as { type?: unknown; block_id?: unknown; element?: { action_id?: unknown } };
    const actionId = element?.action_id;
    if (type !== 'input' || typeof blockId !== 'string' || typeof actionId !== 'string') continue;
    const entry =
      Object.hasOwn(state, blockId) && Object.hasOwn(state[blockId]!, actionId) ? state[blockId]![actionId] : undefined;
    if (entry) kept[blockId] = { [actionId]: entry };
  }
  return kept;
}

export interface StoredMessage {
  channel: string;
  ts: string;
  text: string | undefined;
  blocks: unknown[] | undefined;
  threadTs: string | undefined;
  updates: number;
  /** Event metadata the poster attached (event_type, event_payload). */
  metadata?: { event_type: string; event_payload: Record<string, unknown> };
}

export type TriggerRedemption =
  | { ok: true; userId: string }
  | { ok: false; error: 'invalid_trigger_id' | 'expired_trigger_id' | 'exchanged_trigger_id' };

interface Trigger {
  userId: string;
  issuedAt: number;
  exchanged: boolean;
}

export interface WorkspaceOptions {
  teamId?: string;
  teamDomain?: string;
  botUserId?: string;
  botId?: string;
  appId?: string;
  clock?: Clock;
}

export class SlackWorkspace {
  readonly teamId: string;
  readonly teamDomain: string;
  readonly botUserId: string;
  readonly botId: string;
  readonly appId: string;
  readonly now: Clock;

  private readonly triggers = new Map<string, Trigger>();
  readonly users = new Map<string, SlackUser>();
  readonly views = new Map<string, StoredView>();
  /** Open modal stack per user, root first. */
  readonly modalStacks = new Map<string, string[]>();
  readonly homeViews = new Map<string, string>();
  readonly messages = new Map<string, StoredMessage>();
  /** User groups (`S…` id → member user ids), as `usergroups.users.list` reads them. */
  readonly usergroups = new Map<string, string[]>();
  private readonly dmChannels = new Map<string, string>();
  private lastTsMicros = 0;

  constructor(options: WorkspaceOptions = {}) {
    this.teamId = options.teamId ?? 'T0CERS0001';
    this.teamDomain = options.teamDomain ?? 'cers-dev';
    this.botUserId = options.botUserId ?? 'U0CERSBOT1';
    this.botId = options.botId ?? 'B0CERSBOT1';
    this.appId = options.appId ?? 'A0CERSAPP1';
    this.now = options.clock ?? Date.now;
  }

  /** Adds or replaces a user; unknown users get `user_not_found` from users.info. */
  setUser(user: Partial<SlackUser> & { id: string }): SlackUser {
    const full: SlackUser = {
      name: user.id.toLowerCase(),
      realName: `User ${user.id}`,
      locale: 'en-US',
      tz: 'America/Toronto',
      ...this.users.get(user.id),
      ...user,
    };
    this.users.set(user.id, full);
    return full;
  }

  /** Creates or replaces a user group's members (Slack's `usergroups.users.update`, done by an admin). */
  setUsergroup(id: string, userIds: readonly string[]): void {
    this.usergroups.set(id, [...userIds]);
  }

  /** Slack's shape: `<digits>.<digits>.<hex>`. */
  mintTriggerId(userId: string): string {
    this.ensureUser(userId);
    const id = `${Math.floor(this.now() / 1000)}.${randomDigits(12)}.${randomBytes(16).toString('hex')}`;
    this.triggers.set(id, { userId, issuedAt: this.now(), exchanged: false });
    return id;
  }

  redeemTriggerId(id: string): TriggerRedemption {
    const trigger = this.triggers.get(id);
    if (!trigger) return { ok: false, error: 'invalid_trigger_id' };
    if (trigger.exchanged) return { ok: false, error: 'exchanged_trigger_id' };
    if (this.now() - trigger.issuedAt > TRIGGER_TTL_MS) return { ok: false, error: 'expired_trigger_id' };
    trigger.exchanged = true;
    return { ok: true, userId: trigger.userId };
  }

  /** Message timestamps are unique and increasing, like Slack's `1700000000.000100`. */
  nextTs(): string {
    this.lastTsMicros = Math.max(this.lastTsMicros + 1, this.now() * 1000);
    const seconds = Math.floor(this.lastTsMicros / 1_000_000);
    const micros = String(this.lastTsMicros % 1_000_000).padStart(6, '0');
    return `${seconds}.${micros}`;
  }

  newViewId(): string {
    return `V${randomAlnum(10)}`;
  }

  newViewHash(): string {
    return `${Math.floor(this.now() / 1000)}.${randomAlnum(8)}`;
  }

  /** Posting to a user id posts to the bot's DM with that user, as Slack does. */
  dmChannelFor(userId: string): string {
    let channel = this.dmChannels.get(userId);
    if (!channel) {
      channel = `D${randomAlnum(10)}`;
      this.dmChannels.set(userId, channel);
    }
    return channel;
  }

  /** A DM channel this workspace opened (conversations.open), or one a message was posted in. */
  isKnownChannel(channel: string): boolean {
    return (
      [...this.dmChannels.values()].includes(channel) || [...this.messages.values()].some((m) => m.channel === channel)
    );
  }

  ensureUser(userId: string): SlackUser {
    return this.users.get(userId) ?? this.setUser({ id: userId });
  }
}

function randomDigits(n: number): string {
  let out = '';
  for (const byte of randomBytes(n)) out += String(byte % 10);
  return out;
}

function randomAlnum(n: number): string {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
  let out = '';
  for (const byte of randomBytes(n)) out += alphabet[byte % alphabet.length];
  return out;
}
