/**
 * What each field of the workflows' messages is, for whoever reads them decoded (the codec server
 * behind the Temporal Web UI): every payload the workflows carry is JSON whose field names are
 * listed here, once. A field not listed is treated as personal data (masked for operators), so a
 * new field is hidden until someone classifies it; test/domain/personal-data.test.ts fails until
 * they do.
 *
 * Classes apply to values that are not objects: an object or array under any field (an address, a
 * person, a contact) is walked and its own fields decide, except under `opaque` fields.
 */

export const FieldClass = {
  /** Shown to every role: ids, steps, roles, statuses, times, counts, URNs and business numbers. */
  Operational: 'operational',
  /** Names, e-mail, phone, address, position title, credential subject: privacy officers only. */
  Personal: 'personal',
  /** Never shown, to anyone: removed from the decoded payload. */
  Secret: 'secret',
  /** Free text (reasons, failure messages): operators see it with e-mails and phone numbers scrubbed. */
  FreeText: 'free-text',
  /** Stack traces: privacy officers only (they quote values); dropped for operators. */
  Diagnostic: 'diagnostic',
  /** A whole structure of unknown fields (Slack blocks, message parameters): masked whole for operators. */
  Opaque: 'opaque',
} as const;
export type FieldClass = (typeof FieldClass)[keyof typeof FieldClass];

export type ViewerRole = 'operator' | 'privacy-officer';

const { Operational, Personal, Secret, FreeText, Diagnostic, Opaque } = FieldClass;

/** Every field name in the workflows' inputs, update and query results, activity inputs and results. */
export const FIELD_CLASSES = {
  // Identifiers and routing.
  id: Operational,
  kind: Operational,
  channel: Operational,
  teamId: Operational,
  userId: Operational,
  slackUserId: Operational,
  registrationId: Operational,
  workflowId: Operational,
  runId: Operational,
  requestId: Operational,
  changeId: Operational,
  attemptId: Operational,
  authorizationId: Operational,
  credentialLinkId: Operational,
  userAccountId: Operational,
  businessAccountId: Operational,
  actorUserAccountId: Operational,
  subjectUserAccountId: Operational,
  requesterUserAccountId: Operational,
  requestedByUserAccountId: Operational,
  deciderUserAccountId: Operational,
  decidedByUserAccountId: Operational,
  ownerUserAccountId: Operational,
  newOwnerUserAccountId: Operational,
  subjectId: Operational,
  subjectType: Operational,
  deliveryKey: Operational,
  dedupeKey: Operational,
  reference: Operational,
  // Support actions: the agent is staff, named for the audit trail; a lift's id and time.
  agent: Operational,
  liftId: Operational,
  liftedAt: Operational,
  reasonLength: Operational,
  delivered: Operational,
  ts: Operational,
  // The identifiers operators search by (search attributes, the help desk's key).
  urn: Operational,
  businessNumber: Operational,
  // Their keyed digests (workflows/search-attributes.ts): what the search attributes hold.
  urnDigest: Operational,
  businessNumberDigest: Operational,
  // Where a registration or request stands.
  step: Operational,
  status: Operational,
  outcome: Operational,
  action: Operational,
  decision: Operational,
  role: Operational,
  deciderRole: Operational,
  before: Operational,
  after: Operational,
  applied: Operational,
  category: Operational,
  notice: Operational,
  messageKey: Operational,
  cancelledBecause: Operational,
  closedBecause: Operational,
  because: Operational,
  provider: Operational,
  language: Operational,
  locale: Operational,
  version: Operational,
  termsVersion: Operational,
  requesterIsActor: Operational,
  existingAccount: Operational,
  createdByRegistration: Operational,
  // Business accounts registered after the first registration (a business-account run).
  purpose: Operational,
  creationReference: Operational,
  type: Operational,
  nonRetryable: Operational,
  field: Operational,
  // Times, counts and policy.
  deadline: Operational,
  lockedUntil: Operational,
  heldUntil: Operational,
  expiresAt: Operational,
  acceptedAt: Operational,
  decidedAt: Operational,
  createdAt: Operational,
  usedAt: Operational,
  failureWindowStartedAt: Operational,
  attemptsRemaining: Operational,
  failedAttempts: Operational,
  reminderNumber: Operational,
  reminderAfterMs: Operational,
  maxReminders: Operational,
  expireAfterMs: Operational,
  confirmWithin: Operational,
  membershipsEnded: Operational,
  requestsWithdrawn: Operational,
  tries: Operational,
  number: Operational,
  current: Operational,
  found: Operational,
  sent: Operational,
  refused: Operational,
  unreachable: Operational,
  // Containers: walked, their own fields decide.
  applicant: Operational,
  policy: Operational,
  terms: Operational,
  change: Operational,
  requester: Operational,
  decidedBy: Operational,
  requestedBy: Operational,
  usedBy: Operational,
  heldBy: Operational,
  recipients: Operational,
  formerMembers: Operational,
  issues: Operational,
  undecodable: Operational,
  reminder: Operational,
  submission: Operational,
  // Temporal's own local-activity markers in history (the SDK writes them).
  seq: Operational,
  attempt: Operational,
  activity_id: Operational,
  activity_type: Operational,
  complete_time: Operational,
  original_schedule_time: Operational,
  backoff: Operational,
  seconds: Operational,
  nanos: Operational,
  deprecated: Operational,
  // Personal data.
  givenName: Personal,
  familyName: Personal,
  name: Personal,
  actorName: Personal,
  email: Personal,
  phone: Personal,
  address: Personal,
  line1: Personal,
  line2: Personal,
  city: Personal,
  province: Personal,
  postalCode: Personal,
  country: Personal,
  positionTitle: Personal,
  owner: Personal,
  contact: Personal,
  ownerEmail: Personal,
  ownerPhone: Personal,
  ownerPositionTitle: Personal,
  ownerCity: Personal,
  ownerProvince: Personal,
  ownerPostalCode: Personal,
  ownerCountry: Personal,
  // A credential subject (a string), or the person a request is about (an object, walked).
  subject: Personal,
  profile: Personal,
  // Secrets.
  sharedSecret: Secret,
  token: Secret,
  botToken: Secret,
  password: Secret,
  // Free text.
  reason: FreeText,
  message: FreeText,
  text: FreeText,
  whatToDo: FreeText,
  // Failures (the encoded attributes of a failure: message and stack trace).
  stack_trace: Diagnostic,
  // Structures of fields this file cannot know.
  params: Opaque,
  details: Opaque,
  blocks: Opaque,
  body: Opaque,
  data: Opaque,
  // Profile changes (workflows/profile-change): where the change stands, never a value; the code is a secret.
  codeTtlMs: Operational,
  changed: Operational,
  emailChanged: Operational,
  emailStatus: Operational,
  resendsRemaining: Operational,
  lastCheck: Operational,
  sendNumber: Operational,
  code: Secret,
} as const satisfies Record<string, FieldClass>;

/** Field names that are secrets wherever they appear, even unlisted (a new `apiToken`, `clientSecret`). */
const SECRET_NAME = /secret|token|password|passphrase|activation.?code/i;

export function classifyField(name: string): FieldClass | undefined {
  if (Object.hasOwn(FIELD_CLASSES, name)) return (FIELD_CLASSES as Record<string, FieldClass>)[name];
  return SECRET_NAME.test(name) ? Secret : undefined;
}

export const MASKED = '[personal data]';
export const UNCLASSIFIED = '[unclassified field]';

const EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}.-]+\.[\p{L}]{2,}/gu;
/** Phone-like runs: 7 or more digits with the usual separators, optionally after a +. */
const PHONE = /\+?\d[\d\s().-]{5,}\d/g;

/** Seven digits or more, and not a date (2026-01-05) that the pattern also matches. */
function looksLikePhone(match: string): boolean {
  return match.replace(/\D/g, '').length >= 7 && !/^\d{4}-\d{2}-\d{2}/.test(match);
}

/** Free text as an operator sees it: no e-mail addresses, no phone numbers. */
export function scrubFreeText(text: string): string {
  return text.replace(EMAIL, '[e-mail]').replace(PHONE, (match) => (looksLikePhone(match) ? '[phone]' : match));
}

/**
 * A decoded payload's JSON value as `role` may see it: secrets removed for everyone; for operators,
 * personal and unclassified fields masked, free text scrubbed, stack traces dropped.
 */
export function maskForRole(value: unknown, role: ViewerRole): unknown {
  return maskValue(value, role, undefined);
}

/** The class of the field a value sits under: undefined at the top of a payload. */
type Context = FieldClass | 'unclassified' | undefined;

function maskValue(value: unknown, role: ViewerRole, fieldClass: Context): unknown {
  if (Array.isArray(value)) return value.map((item) => maskValue(item, role, fieldClass));
  if (value !== null && typeof value === 'object') {
    if (fieldClass === Opaque && role === 'operator') return MASKED;
    const shown: Record<string, unknown> = {};
    for (const [key, child] of Object.entries(value)) {
      const childClass = classifyField(key);
      if (childClass === Secret) continue;
      if (childClass === Diagnostic && role === 'operator') continue;
      shown[key] = maskValue(child, role, childClass ?? 'unclassified');
    }
    return shown;
  }
  if (role === 'privacy-officer') return value;
  if (value === null || value === undefined || typeof value === 'boolean') return value;
  switch (fieldClass) {
    case Operational:
      return value;
    case FreeText:
    case undefined: // a bare value at the top: a string result, a free-form reason
      return typeof value === 'string' ? scrubFreeText(value) : value;
    case 'unclassified':
      return UNCLASSIFIED;
    default:
      return MASKED;
  }
}
