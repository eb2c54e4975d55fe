/**
 * The shape of what Slack delivers, checked before Bolt's routing reads it. Bolt trusts bodies:
 * `payload=null` throws outside any handler and ends the process, a `block_actions` whose `user` is
 * null throws inside it (a 500). Each receiver calls {@link parseSlackEnvelope} first (HTTP: the
 * parsed body; Socket Mode: each envelope's `payload`) and hands Bolt only what it accepted.
 *
 * Envelopes are classified in the order Bolt's own `getTypeAndConversation` uses (an `event` key
 * wins over `type`, then `command`, then `actions`...), so what is validated here is what Bolt will
 * route. Each schema names the fields Bolt or the bot's handlers read; other fields pass through.
 */
import { z } from 'zod';

/**
 * A Slack id (team, enterprise, user): upper-case letters and digits. Bolt keys its per-team client
 * pool by team and enterprise ids, so an id like `toString` or `__proto__` would reach
 * `Object.prototype` there (and throw).
 */
const SlackId = z.string().regex(/^[A-Z0-9]{1,64}$/);

const UserRef = z.looseObject({ id: SlackId, team_id: SlackId.optional() });
/** `team` is null for org-wide installs; Bolt then reads `user.team_id`. */
const TeamRef = z.looseObject({ id: SlackId, enterprise_id: SlackId.optional() }).nullish();
const EnterpriseRef = z.looseObject({ id: SlackId }).nullish();

const StateValues = z.record(z.string(), z.record(z.string(), z.looseObject({ type: z.string() })));

/** A view as Slack sends it back: the handlers read its id, hash, metadata, blocks and state. */
const View = z.looseObject({
  id: z.string(),
  type: z.string(),
  callback_id: z.string(),
  hash: z.string(),
  private_metadata: z.string(),
  blocks: z.array(z.looseObject({ type: z.string(), block_id: z.string().optional() })),
  state: z.looseObject({ values: StateValues }),
  app_installed_team_id: SlackId.nullish(),
});

const interaction = {
  user: UserRef,
  team: TeamRef,
  enterprise: EnterpriseRef,
  api_app_id: z.string(),
  is_enterprise_install: z.boolean().optional(),
  // Bolt builds `respond()` from these before any listener runs.
  response_url: z.string().optional(),
  response_urls: z.array(z.looseObject({ response_url: z.string() })).optional(),
  // Workflow-step interactions: Bolt takes a token from them (this app has no workflow steps).
  function_data: z.looseObject({ execution_id: z.string() }).optional(),
  bot_access_token: z.string().optional(),
};

const BlockActions = z.looseObject({
  ...interaction,
  type: z.literal('block_actions'),
  trigger_id: z.string(),
  actions: z
    .array(
      z.looseObject({
        type: z.string(),
        action_id: z.string(),
        block_id: z.string(),
        action_ts: z.string().optional(),
        value: z.string().optional(),
      }),
    )
    .min(1),
  view: View.optional(),
  container: z.looseObject({ type: z.string() }).optional(),
  channel: z.looseObject({ id: z.string() }).optional(),
  message: z.looseObject({ ts: z.string() }).optional(),
});

const ViewSubmission = z.looseObject({
  ...interaction,
  type: z.literal('view_submission'),
  trigger_id: z.string(),
  view: View,
});
const ViewClosed = z.looseObject({ ...interaction, type: z.literal('view_closed'), view: View });

/** Slash commands come form-encoded: every field a string (a repeated field would be an array). */
const SlashCommand = z.looseObject({
  command: z.string(),
  text: z.string(),
  team_id: SlackId,
  user_id: SlackId,
  channel_id: z.string(),
  trigger_id: z.string(),
  response_url: z.string(),
  api_app_id: z.string().optional(),
  enterprise_id: SlackId.optional(),
  is_enterprise_install: z.string().optional(),
});

/** The inner event: Bolt's routing reads `user`, `channel`, `channel_id`, `item` and `subteam` with `in`. */
const InnerEvent = z.looseObject({
  type: z.string(),
  user: z.union([SlackId, z.looseObject({ id: SlackId })]).optional(),
  channel: z.union([z.string(), z.looseObject({ id: z.string().optional() })]).optional(),
  channel_id: z.string().optional(),
  item: z.looseObject({ channel: z.string().optional() }).optional(),
  subteam: z.looseObject({}).optional(),
  text: z.string().optional(),
  subtype: z.string().optional(),
  bot_id: z.string().optional(),
  tab: z.string().optional(),
  function_execution_id: z.string().optional(),
  bot_access_token: z.string().optional(),
});

const EventCallback = z.looseObject({
  type: z.literal('event_callback'),
  team_id: SlackId,
  api_app_id: z.string(),
  event_id: z.string(),
  event_time: z.number().optional(),
  enterprise_id: SlackId.nullish(),
  authorizations: z
    .array(
      z.looseObject({
        team_id: SlackId.nullable(),
        user_id: SlackId,
        enterprise_id: SlackId.nullish(),
        is_bot: z.boolean().optional(),
        is_enterprise_install: z.boolean().optional(),
      }),
    )
    .optional(),
  event: InnerEvent,
});

const UrlVerification = z.looseObject({ type: z.literal('url_verification'), challenge: z.string() });
/** Slack stopped delivering events for a minute (too many failures); it wants a 200. */
const AppRateLimited = z.looseObject({
  type: z.literal('app_rate_limited'),
  team_id: SlackId,
  minute_rate_limited: z.number(),
});

const SCHEMAS = {
  event_callback: EventCallback,
  slash_command: SlashCommand,
  block_actions: BlockActions,
  view_submission: ViewSubmission,
  view_closed: ViewClosed,
  url_verification: UrlVerification,
  app_rate_limited: AppRateLimited,
} as const;

export type EnvelopeKind = keyof typeof SCHEMAS;
export type SlackEnvelope = { [K in EnvelopeKind]: { kind: K; body: z.infer<(typeof SCHEMAS)[K]> } }[EnvelopeKind];

export const EnvelopeRefusal = {
  /** JSON `null`, a number, a string, an array: no Slack envelope is one. */
  NotAnObject: 'not_an_object',
  /** An object of no kind this app serves (options, shortcuts, legacy dialogs...). */
  Unsupported: 'unsupported_envelope',
  /** A kind this app serves, with fields of the wrong shape (`issues` says which). */
  Invalid: 'invalid_envelope',
} as const;
export type EnvelopeRefusal = (typeof EnvelopeRefusal)[keyof typeof EnvelopeRefusal];

export type EnvelopeParse =
  | { ok: true; envelope: SlackEnvelope }
  | { ok: false; error: EnvelopeRefusal; kind?: EnvelopeKind; /** `path: problem`, never values. */ issues?: string[] };

const isRecord = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The kind Bolt would route the body as, in Bolt's order; undefined: nothing this app serves. */
function kindOf(body: Record<string, unknown>): EnvelopeKind | undefined {
  // The HTTP receiver answers these two before Bolt's routing sees anything else.
  if (body['type'] === 'url_verification') return 'url_verification';
  if (body['type'] === 'app_rate_limited') return 'app_rate_limited';
  if (body['event'] !== undefined) return 'event_callback';
  if (body['command'] !== undefined) return 'slash_command';
  // Options requests and legacy dialogs: nothing in this app asks for them.
  if (body['name'] !== undefined || body['type'] === 'block_suggestion' || body['type'] === 'dialog_submission')
    return undefined;
  if (body['actions'] !== undefined) return 'block_actions';
  if (body['type'] === 'view_submission') return 'view_submission';
  if (body['type'] === 'view_closed') return 'view_closed';
  return undefined;
}

/**
 * Checks what Slack delivered (any JSON value, or a form's fields) before Bolt sees it. Total: it
 * never throws, whatever `body` is.
 */
export function parseSlackEnvelope(body: unknown): EnvelopeParse {
  if (!isRecord(body)) return { ok: false, error: EnvelopeRefusal.NotAnObject };
  const kind = kindOf(body);
  if (!kind) return { ok: false, error: EnvelopeRefusal.Unsupported };
  const parsed = SCHEMAS[kind].safeParse(body);
  if (!parsed.success) {
    const issues = parsed.error.issues
      .slice(0, 10)
      .map((issue) => `${issue.path.join('.') || '(body)'}: ${issue.code}`);
    return { ok: false, error: EnvelopeRefusal.Invalid, kind, issues };
  }
  return { ok: true, envelope: { kind, body: parsed.data } as SlackEnvelope };
}
