/**
 * Every view and message the bot and the worker can send passes Slack's Block Kit limits, as the
 * stand-in checks them (dev/slack/block-kit): each builder in a view module (slack/, bot/ui/,
 * bot/<feature>/view(s).ts), in English and in
 * French, in each of its states, with the longest inputs the forms and the schemas accept (the
 * lengths asked of the zod schemas themselves) and long lists (many members, memberships,
 * messages). A builder added to a view module without a case here fails the coverage test, and
 * Block Kit built anywhere else in the bot or the worker fails the last test.
 */
import assert from 'node:assert/strict';
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, test } from '@jest/globals';
import type { KnownBlock } from '@slack/types';
import type { z } from 'zod';
import { catalogues, translator } from '../i18n/catalogue';
import { templatesOf } from '../i18n/grammar';
import type { Locale } from '../domain/registration-inputs';
import { GRANTABLE_ROLES, ROLES } from '../domain/roles';
import * as schemas from '../domain/registration-schemas';
import * as membershipSchemas from '../domain/membership-schemas';
import { urnFromPayload } from '../domain/urn';
import { RegistrationStep, type RegistrationStatus } from '../workflows/registration/definitions';
import { RequestKind, RequestStatus } from '../workflows/role-request/definitions';
import type { PersonDetails, RequestDetails } from '../activities/role-requests';
import { MemberNotice } from '../activities/account-changes';
import type { BusinessAccountSummary } from '../activities/business-accounts';
import type { BusinessMessageView } from '../records/business-messages';
import type { MemberRef, MembershipRef } from '../records/directory';
import * as accounts from '../bot/accounts/views';
import * as businessAgain from '../bot/business-again/views';
import * as blocks from '../slack/blocks';
import * as completion from '../slack/messages/completion';
import * as memberMessages from '../slack/messages';
import * as forms from '../bot/ui/forms';
import * as help from '../bot/help/view';
import * as history from '../bot/history/view';
import { HISTORY_ACTIONS, type HistoryEntry } from '../records/business-history';
import * as home from '../bot/home/view';
import * as memberNotices from '../slack/messages/member-notices';
import * as metadata from '../bot/ui/metadata';
import * as notices from '../slack/messages/applicant-notices';
import * as registration from '../bot/registration/views';
import * as support from '../bot/support/views';
import * as terms from '../bot/terms/view';
import type { TermsContext } from '../bot/terms/context';
import { AcceptedTermsCache } from '../records/terms-standing';
import type { LookupResult, PersonFound } from '../operators/support/lookup';
import type { RegistrationState } from '../operators/support/registration';
import type { SupportBusiness } from '../records/support';
import * as roleRequests from '../slack/messages/role-requests';
import * as pending from '../bot/pending/view';
import * as profile from '../bot/profile/views';
import { DECISIONS_SHOWN, type DecidableRequests } from '../records/pending-decisions';
import type { OwnPendingRequest } from '../records/role-requests';
import * as text from '../slack/text';
import { ActionId } from '../slack/ids';
import { issueLine, validateMessage, validateView } from '../dev/slack/block-kit/validate';
import { MAX_HELP_URL_LENGTH } from '../config/help';

const LOCALES: readonly Locale[] = ['en', 'fr'];
const ROOT = path.join(__dirname, '..');

// -- The longest inputs, as the schemas decide. -------------------------------------------------

/** The longest value `make(n)` the schema accepts, as the schema outputs it (bisection on n). */
function longest<T>(schema: z.ZodType<T>, make: (n: number) => string, upTo = 5_000): T {
  const accepts = (n: number) => schema.safeParse(make(n)).success;
  assert.ok(accepts(1), 'the schema accepts the shortest value');
  let [low, high] = [1, upTo];
  assert.ok(!accepts(high), `the schema has a limit below ${upTo}`);
  while (high - low > 1) {
    const mid = Math.floor((low + high) / 2);
    if (accepts(mid)) low = mid;
    else high = mid;
  }
  return schema.parse(make(low));
}
/** `pattern` repeated, cut to n characters. */
const cut = (pattern: string, n: number) => pattern.repeat(Math.ceil(n / pattern.length)).slice(0, n);

const givenName = longest(schemas.personName(), (n) => cut("Marie-Ève D'Arcy Ñúñez ", n));
const familyName = longest(schemas.personName(), (n) => cut("Ŏ'Brien-Lévesque Saint-Jean ", n));
const fullName = `${givenName} ${familyName}`;
const email = longest(schemas.emailAddress(), (n) => `${cut('marie.eve+cers', n)}@exemple.gc.ca`);
/** Free text: characters that mrkdwn escaping makes longer (`&` becomes `&amp;`). */
const freeText = (max: number) => longest(schemas.text(max), (n) => cut('Président-&-<Directeur>-', n));
const positionTitle = longest(schemas.ownerContact().shape.positionTitle, (n) => cut('Président-&-<Directeur>-', n));
const reason =
  longest(membershipSchemas.roleDecisionInput().shape.reason, (n) => cut('Raison-&-<détails>-', n)) ??
  assert.fail('no reason');
const termsVersion = longest(schemas.acceptTermsInput().shape.version, (n) => cut('2026.11-rev', n));
const phone = schemas.phoneNumber().parse('+1 (613) 555-0199 poste 123456');
const businessNumber = schemas.businessNumber().parse('123456782RM0001');
const urn = urnFromPayload('98765432101');
const longUrl = `https://cers-onboard.services.example.gc.ca/${cut('sign-in/', 400)}${'a'.repeat(43)}`;
const contact: forms.FormValues = {
  'contact.positionTitle': positionTitle,
  'contact.address.line1': freeText(120),
  'contact.address.line2': freeText(120),
  'contact.address.city': freeText(80),
  'contact.address.province': freeText(80),
  'contact.address.postalCode': freeText(20),
  'contact.address.country': 'FR',
  'contact.phone': phone,
  'contact.email': email,
};
/** The longest help page address the configuration accepts. */
const helpUrl = `https://www.cbsa-asfc.gc.ca/${cut('services/cers-scde/', MAX_HELP_URL_LENGTH - 28)}`;
/** The Terms and Conditions at their longest: the longest version, on a long public URL. */
const termsContext: TermsContext = {
  version: termsVersion,
  url: (version, locale) => `${longUrl}/terms/${version}/${locale}`,
  document: (version, language) => ({ version, language, date: '2026-12-31', title: 'T', body: 'B' }),
  accepted: new AcceptedTermsCache(),
  accept: () => Promise.reject(new Error('not in this test')),
};
const TIME_ZONES = [undefined, 'America/St_Johns', 'Pacific/Chatham', 'Not/AZone'];
const ISO = '2026-12-31T23:59:59.999Z';

/** What a person typed into a form: each field as long as the form lets them type, choices valid. */
function typed(fieldsOf: readonly forms.FormField[]): forms.FormValues {
  return Object.fromEntries(
    fieldsOf.map((f) => [
      f.path,
      f.kind === 'language'
        ? 'fr'
        : f.kind === 'role'
          ? 'account_browser'
          : f.kind === 'member'
            ? uuid(1)
            : cut('Ré & <x> ', f.maxLength),
    ]),
  );
}

/** Banners: the longest message in each catalogue, and one far over any limit. */
const banners = (locale: Locale) => [
  Object.values(catalogues[locale])
    .flatMap(templatesOf)
    .reduce((a: string, b: string) => (b.length > a.length ? b : a), ''),
  cut('Quelque chose a échoué & <réessayez> ', 4_000),
];

const uuid = (i: number) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`;
const person = (i: number, language: Locale = 'fr'): PersonDetails => ({
  userAccountId: uuid(i),
  name: fullName,
  urn,
  email,
  language,
  slackUserId: `U${String(i).padStart(10, '0')}`,
});
const members = (n: number): MemberRef[] =>
  Array.from({ length: n }, (_, i) => ({
    userAccountId: uuid(i),
    name: fullName,
    urn,
    role: ROLES[i % ROLES.length]!,
  }));
const memberships = (n: number): MembershipRef[] =>
  Array.from({ length: n }, (_, i) => ({ businessAccountId: uuid(i), businessNumber, role: ROLES[i % ROLES.length]! }));
const business: BusinessAccountSummary = {
  businessNumber,
  ownerPositionTitle: positionTitle,
  status: 'active',
  createdAt: ISO,
};
const aBusiness = { id: uuid(900), businessNumber };

function request(kind: RequestKind, status: RequestStatus, closedBecause?: string): RequestDetails {
  return {
    requestId: uuid(1),
    workflowId: `role-request:${uuid(2)}:${uuid(3)}`,
    kind,
    status,
    role: kind === 'access' ? 'account_browser' : 'owner',
    businessAccountId: uuid(4),
    businessNumber,
    requester: person(5),
    subject: person(6),
    ...(status === 'pending' ? {} : { decidedBy: person(7), decidedAt: ISO }),
    ...(status === 'rejected' ? { reason } : {}),
    ...(closedBecause ? { closedBecause } : {}),
  };
}
const REQUEST_STATUSES = Object.values(RequestStatus);
const REQUEST_KINDS = Object.values(RequestKind);
const CLOSED_BECAUSE = Object.keys(catalogues.en)
  .filter((k) => k.startsWith('request.refused.'))
  .map((k) => k.slice('request.refused.'.length));

/** `total` requests waiting for a decider, as the list shows them: the oldest, longest names first. */
const decidable = (total: number): DecidableRequests => ({
  total,
  oldest: Array.from({ length: Math.min(total, DECISIONS_SHOWN) }, (_, i) => ({
    requestId: uuid(i),
    workflowId: `role-request:${uuid(2)}:${uuid(i)}`,
    kind: REQUEST_KINDS[i % REQUEST_KINDS.length]!,
    role: GRANTABLE_ROLES[i % GRANTABLE_ROLES.length]!,
    businessNumber,
    requester: { name: fullName, urn, email },
    askedAt: ISO,
  })),
});
/** A person's own requests still waiting, as many as the accounts modal lists. */
const ownRequests = (n: number): OwnPendingRequest[] =>
  Array.from({ length: n }, (_, i) => ({
    requestId: uuid(i),
    workflowId: `role-request:${uuid(2)}:${uuid(i)}`,
    kind: REQUEST_KINDS[i % REQUEST_KINDS.length]!,
    role: GRANTABLE_ROLES[i % GRANTABLE_ROLES.length]!,
    businessNumber,
  }));

/** Every business message kind the catalogue words, with the longest names in it. */
const businessMessages = (n: number): BusinessMessageView[] => {
  const kinds = Object.keys(catalogues.en)
    .filter((k) => k.startsWith('business.message.'))
    .map((k) => k.slice('business.message.'.length));
  return Array.from({ length: n }, (_, i) => ({
    id: String(i),
    kind: kinds[i % kinds.length]!,
    at: ISO,
    params: {
      subject: fullName,
      actor: fullName,
      role: 'account_browser',
      from: 'proxy',
      // Every contact field, the longest list a contact change names.
      changed: Object.keys(catalogues.en)
        .filter((k) => k.startsWith('business.contact_field.'))
        .map((k) => k.slice('business.contact_field.'.length))
        .join(','),
    },
  }));
};

/** Every history action, each way it can be worded, with the longest names and every contact field. */
const historyEntries = (n: number): HistoryEntry[] =>
  Array.from({ length: n }, (_, i) => ({
    id: BigInt(i + 1),
    at: new Date(ISO),
    action: HISTORY_ACTIONS[i % HISTORY_ACTIONS.length]!,
    actor: i % 7 === 6 ? { kind: 'system' } : { kind: 'person', name: i % 5 === 4 ? null : fullName },
    subject: i % 3 === 2 ? null : fullName,
    role: 'account_browser',
    from: 'proxy',
    changed:
      i % 2
        ? []
        : Object.keys(catalogues.en)
            .filter((k) => k.startsWith('business.contact_field.'))
            .map((k) => k.slice('business.contact_field.'.length)),
    because: i % 4 === 0 ? 'business_deleted' : 'withdrawn',
  }));
const bothWays = { older: { at: new Date(ISO), id: 2n ** 63n - 1n }, newer: { at: new Date(ISO), id: 1n } };

function status(step: RegistrationStatus['step'], locale: Locale): RegistrationStatus {
  return {
    step,
    locale,
    termsVersion,
    urn,
    businessAccountId: uuid(8),
    attemptsRemaining: 1,
    lockedUntil: ISO,
    deadline: ISO,
  };
}
const STEPS = Object.values(RegistrationStep);

/** Every state a support lookup shows a registration in, with the longest step names. */
const REGISTRATION_STATES: RegistrationState[] = [
  ...STEPS.map((step): RegistrationState => ({ state: 'running', step, deadline: ISO, attemptsRemaining: 1 })),
  { state: 'running', step: 'businessAccount', deadline: ISO, lockedUntil: ISO },
  ...STEPS.map((step): RegistrationState => ({ state: 'closed', status: 'COMPLETED', step, closedAt: ISO })),
  { state: 'closed', status: 'TERMINATED' },
  { state: 'none' },
  { state: 'unreachable' },
];
const supportQuery = { query: `CersUrnDigest="${'f'.repeat(32)}"`, url: `http://localhost:8233/${cut('q', 400)}` };
const locks = (n: number) =>
  Array.from({ length: n }, (_, i) => ({
    businessNumber,
    failedAttempts: 5,
    lockedUntil: i % 3 === 2 ? null : ISO,
    locked: i % 3 === 0,
  }));
const supportPerson = (i: number, n: number): PersonFound => ({
  userAccountId: uuid(i),
  registrationId: `registration:T${'0'.repeat(10)}:U${String(i).padStart(10, '0')}`,
  name: fullName,
  email,
  language: i % 2 ? 'fr' : 'en',
  urn,
  credentialProvider: i % 3 === 0 ? null : i % 3 === 1 ? 'gckey' : 'sign_in_partner',
  createdAt: ISO,
  memberships: memberships(n).map((m, j) => ({ ...m, status: j % 2 ? 'deleted' : 'active' })),
  registration: REGISTRATION_STATES[i % REGISTRATION_STATES.length]!,
  locks: locks(n),
  workflows: supportQuery,
});
const supportBusiness = (n: number, status: 'active' | 'deleted'): SupportBusiness => ({
  businessAccountId: uuid(n),
  businessNumber,
  status,
  createdAt: ISO,
  deletedAt: status === 'deleted' ? ISO : null,
  members: members(n),
  roleRequests: Array.from({ length: Math.min(n, 20) }, (_, i) => ({
    kind: REQUEST_KINDS[i % REQUEST_KINDS.length]!,
    status: REQUEST_STATUSES[i % REQUEST_STATUSES.length]!,
    role: ROLES[i % ROLES.length]!,
    requesterUserAccountId: uuid(i),
    requesterName: fullName,
    requesterUrn: urn,
    createdAt: ISO,
    decidedAt: i % 2 ? ISO : null,
  })),
});
const supportResults = (): LookupResult[] => [
  { kind: 'people', query: 'urn', people: [] },
  { kind: 'people', query: 'email', people: [] },
  ...REGISTRATION_STATES.map((_, i): LookupResult => ({ kind: 'people', query: 'urn', people: [supportPerson(i, 1)] })),
  { kind: 'people', query: 'email', people: Array.from({ length: 20 }, (_, i) => supportPerson(i, 60)) },
  { kind: 'business', query: 'bn', businessNumber, businesses: [], workflows: supportQuery },
  { kind: 'business', query: 'bn', businessNumber, businesses: [], lock: locks(1)[0]!, workflows: supportQuery },
  {
    kind: 'business',
    query: 'bn',
    businessNumber,
    businesses: [supportBusiness(150, 'active'), ...Array.from({ length: 8 }, () => supportBusiness(150, 'deleted'))],
    lock: locks(1)[0]!,
    workflows: supportQuery,
  },
];

// -- What each builder sends, in each of its states. --------------------------------------------

type Sent = { view: unknown } | { message: { text?: string; blocks?: KnownBlock[] } };
const view = (v: unknown): Sent => ({ view: v });
const message = (m: { text?: string; blocks?: KnownBlock[] }): Sent => ({ message: m });
const blocksOf = (b: KnownBlock[]): Sent => ({ message: { text: 'fallback', blocks: b } });

const CASES: Record<string, (locale: Locale) => Sent[]> = {
  'registration.loadingView': () => [view(registration.loadingView())],
  'registration.unavailableView': (locale) => [
    view(registration.unavailableView(locale)),
    ...banners(locale).map((b) => view(registration.unavailableView(locale, b))),
  ],
  'registration.processingView': (locale) => [view(registration.processingView(locale))],
  'registration.registrationView': (locale) => [
    // A registered person (every business account they belong to), in a business-account run or not.
    ...STEPS.flatMap((step) =>
      [0, 150].flatMap((n) =>
        [undefined, business].map((b) =>
          view(
            registration.registrationView({
              status: { ...status(step, locale), purpose: 'businessAccount' },
              locale,
              simulatedSignIn: false,
              memberships: memberships(n),
              banner: banners(locale)[0],
              ...(b ? { business: b } : {}),
            }),
          ),
        ),
      ),
    ),
    ...STEPS.flatMap((step) =>
      [undefined, ...banners(locale)].flatMap((banner) =>
        [
          { simulatedSignIn: true },
          { simulatedSignIn: false },
          { simulatedSignIn: true, signInProviders: ['gckey' as const] },
          { simulatedSignIn: false, signInProviders: ['gckey' as const, 'sign-in-partner' as const] },
        ].flatMap((signIn) =>
          [undefined, business].map((b) =>
            view(
              registration.registrationView({
                status: status(step, locale),
                locale,
                banner,
                ...signIn,
                ...(b ? { business: b } : {}),
                termsFullText: terms.fullTextLine(translator(locale), termsContext, termsVersion, locale),
              }),
            ),
          ),
        ),
      ),
    ),
  ],
  'business-again.businessAgainChoiceBlocks': (locale) => [
    blocksOf(businessAgain.businessAgainChoiceBlocks(translator(locale), urn)),
  ],
  'business-again.yourBusinessesBlocks': (locale) =>
    [0, 1, 150].map((n) => blocksOf(businessAgain.yourBusinessesBlocks(translator(locale), memberships(n)))),
  'business-again.registeredBlocks': (locale) =>
    (['expired', 'cancelled'] as const).map((ended) =>
      blocksOf(businessAgain.registeredBlocks(translator(locale), ended, urn, memberships(150))),
    ),
  'registration.signInLinkView': (locale) =>
    (['gckey', 'sign-in-partner'] as const).flatMap((provider) =>
      TIME_ZONES.map((timeZone) =>
        view(
          registration.signInLinkView({
            locale,
            provider,
            url: longUrl,
            linkId: uuid(9),
            expiresAt: new Date(ISO),
            ...(timeZone ? { timeZone } : {}),
          }),
        ),
      ),
    ),
  'registration.userAccountForm': (locale) => [
    view(registration.userAccountForm(locale)),
    ...banners(locale).map((b) =>
      view(registration.userAccountForm(locale, { values: typed(forms.USER_ACCOUNT_FIELDS), banner: b })),
    ),
  ],
  'registration.businessAccountForm': (locale) => [
    view(registration.businessAccountForm(locale)),
    ...banners(locale).map((b) =>
      view(
        registration.businessAccountForm(locale, {
          values: typed(forms.BUSINESS_ACCOUNT_FIELDS),
          banner: b,
          errors: { sharedSecret: b },
          actionIds: { sharedSecret: 'value-2' },
        }),
      ),
    ),
  ],
  'completion.urnBlocks': (locale) => [blocksOf(completion.urnBlocks(translator(locale), urn))],
  'completion.completionBlocks': (locale) => [
    blocksOf(completion.completionBlocks(translator(locale), urn)),
    blocksOf(completion.completionBlocks(translator(locale), urn, business)),
  ],

  'accounts.accountsView': (locale) => [
    view(accounts.accountsView({ locale })),
    ...[0, 1, 60].flatMap((n) =>
      [undefined, ...banners(locale)].map((banner) =>
        view(accounts.accountsView({ locale, memberships: memberships(n), banner })),
      ),
    ),
  ],
  'accounts.membersView': (locale) =>
    ROLES.flatMap((role) =>
      [1, 150].flatMap((n) =>
        [undefined, ...banners(locale)].map((banner) =>
          view(
            accounts.membersView({
              locale,
              business: aBusiness,
              members: members(n),
              viewer: { userAccountId: uuid(0), role },
              banner,
            }),
          ),
        ),
      ),
    ),
  'accounts.messagesView': (locale) =>
    [0, 12, 150].flatMap((n) =>
      TIME_ZONES.map((timeZone) =>
        view(
          accounts.messagesView({
            locale,
            businessNumber,
            messages: businessMessages(n),
            timeZone,
            pager: history.pagerRows(translator(locale), aBusiness.id, bothWays, {
              newer: ActionId.MessagesNewer,
              older: ActionId.MessagesOlder,
            }),
          }),
        ),
      ),
    ),
  'history.historyView': (locale) =>
    [0, 10, 150].flatMap((n) =>
      TIME_ZONES.map((timeZone) =>
        view(
          history.historyView({
            locale,
            business: aBusiness,
            page: { items: historyEntries(n), ...bothWays },
            timeZone,
          }),
        ),
      ),
    ),
  'accounts.accountsNoticeView': (locale) => banners(locale).map((b) => view(accounts.accountsNoticeView(locale, b))),
  'accounts.accessRequestForm': (locale) => [
    view(accounts.accessRequestForm(locale)),
    ...banners(locale).map((b) => view(accounts.accessRequestForm(locale, typed(forms.ACCESS_REQUEST_FIELDS), b))),
  ],
  'accounts.rejectRequestForm': (locale) =>
    [undefined, ...banners(locale)].map((banner) =>
      view(
        accounts.rejectRequestForm({
          locale,
          requestValue: roleRequests.requestButtonValue(request('access', 'pending')),
          requester: fullName,
          businessNumber,
          role: 'account_browser',
          banner,
        }),
      ),
    ),
  'accounts.addMemberForm': (locale) => [
    view(accounts.addMemberForm(locale, aBusiness.id)),
    ...banners(locale).map((b) =>
      view(accounts.addMemberForm(locale, aBusiness.id, typed(forms.ADD_MEMBER_FIELDS), b)),
    ),
  ],
  'accounts.changeRoleForm': (locale) =>
    ROLES.flatMap((role) =>
      [undefined, ...banners(locale)].map((banner) =>
        view(
          accounts.changeRoleForm(
            locale,
            `${aBusiness.id}:${uuid(1)}`,
            { userAccountId: uuid(1), name: fullName, urn, role },
            businessNumber,
            banner,
          ),
        ),
      ),
    ),
  'accounts.contactForm': (locale) => [
    view(accounts.contactForm(locale, aBusiness, contact)),
    ...banners(locale).map((b) => view(accounts.contactForm(locale, aBusiness, typed(forms.CONTACT_FIELDS), b))),
  ],
  'accounts.transferForm': (locale) =>
    [0, 1, 150].map((n) => view(accounts.transferForm(locale, aBusiness, members(n)))),
  'accounts.transferConfirmView': (locale) => [view(accounts.transferConfirmView(locale, aBusiness, members(1)[0]!))],
  'accounts.deleteForm': (locale) => [view(accounts.deleteForm(locale, aBusiness))],
  'accounts.homeAccountsBlocks': (locale) =>
    [undefined, 0, 1, 60].map((n) =>
      blocksOf(accounts.homeAccountsBlocks(locale, n === undefined ? undefined : memberships(n))),
    ),

  'role-requests.requestMessage': (locale) =>
    REQUEST_KINDS.flatMap((kind) => [
      message(roleRequests.requestMessage(locale, request(kind, 'pending'))),
      message(roleRequests.requestMessage(locale, request(kind, 'pending'), { number: 3, deadline: ISO })),
    ]),
  'role-requests.reminderSupersededMessage': (locale) =>
    REQUEST_KINDS.map((kind) => message(roleRequests.reminderSupersededMessage(locale, request(kind, 'pending')))),
  'role-requests.outcomeMessage': (locale) =>
    REQUEST_KINDS.flatMap((kind) =>
      REQUEST_STATUSES.map((s) => message(roleRequests.outcomeMessage(locale, request(kind, s)))),
    ),
  'role-requests.outcomeNoticeForRequester': (locale) =>
    REQUEST_KINDS.flatMap((kind) =>
      REQUEST_STATUSES.filter((s) => s !== 'pending').flatMap((s) =>
        [undefined, ...CLOSED_BECAUSE].map((because) =>
          message(roleRequests.outcomeNoticeForRequester(locale, request(kind, s, because))),
        ),
      ),
    ),

  'notices.noticeMessage': (locale) => [
    ...STEPS.map((step) =>
      message(notices.noticeMessage(locale, { kind: 'reminder', step, reminderNumber: 9, deadline: ISO })),
    ),
    ...STEPS.map((step) => message(notices.noticeMessage(locale, { kind: 'expired', step }))),
    message(notices.noticeMessage(locale, { kind: 'completed', step: 'completed', urn })),
    message(
      notices.noticeMessage(
        locale,
        { kind: 'completed', step: 'completed', urn, businessAccountId: uuid(1) },
        business,
      ),
    ),
  ],
  'member-notices.memberNoticeMessage': (locale) =>
    Object.values(MemberNotice).flatMap((notice) =>
      [undefined, ...GRANTABLE_ROLES].map((role) =>
        message(
          memberNotices.memberNoticeMessage(locale, notice, {
            actorName: fullName,
            businessNumber,
            ...(role ? { role } : {}),
          }),
        ),
      ),
    ),

  'support.supportResultMessage': (locale) =>
    supportResults().flatMap((result) =>
      TIME_ZONES.map((tz) => message(support.supportResultMessage(locale, result, tz))),
    ),

  'home.statusBlocks': (locale) =>
    [undefined, ...STEPS].flatMap((step) =>
      TIME_ZONES.map((tz) => blocksOf(home.statusBlocks(locale, step ? status(step, locale) : undefined, tz))),
    ),
  'home.homeView': (locale) =>
    [undefined, ...STEPS].flatMap((step) =>
      [undefined, 0, 60].flatMap((n) =>
        [undefined, helpUrl].map((url) =>
          view(
            home.homeView(
              locale,
              step ? status(step, locale) : undefined,
              'America/St_Johns',
              n === undefined ? undefined : memberships(n),
              url,
            ),
          ),
        ),
      ),
    ),

  'terms.newTermsView': (locale) =>
    [undefined, ...banners(locale)].map((banner) => view(terms.newTermsView(termsContext, locale, banner))),
  'terms.termsAcceptedView': (locale) => [view(terms.termsAcceptedView(locale, termsVersion))],

  'profile.profileForm': (locale) =>
    [undefined, ...banners(locale)].map((b) =>
      view(
        profile.profileForm(locale, typed(profile.PROFILE_FIELDS), {
          banner: b,
          errors: b ? Object.fromEntries(profile.PROFILE_FIELDS.map((f) => [f.path, b])) : undefined,
        }),
      ),
    ),
  'profile.emailCodeForm': (locale) =>
    [undefined, ...banners(locale)].flatMap((b) =>
      [0, 2].map((resendsRemaining) =>
        view(
          profile.emailCodeForm(
            locale,
            {
              workflowId: `profile-change:${uuid(1)}:${cut('x', 200)}`,
              status: {
                step: 'applied',
                changed: ['givenName', 'familyName', 'phone', 'language', 'email'],
                emailStatus: 'awaiting_code',
                attemptsRemaining: 5,
                resendsRemaining,
                email,
                expiresAt: ISO,
              },
            },
            { banner: b, errors: b ? { code: b } : undefined },
          ),
        ),
      ),
    ),
  'profile.profileNoticeView': (locale) => banners(locale).map((b) => view(profile.profileNoticeView(locale, b))),
  'profile.homeProfileBlocks': (locale) => [blocksOf(profile.homeProfileBlocks(locale))],

  'help.helpBlocks': (locale) => [blocksOf(help.helpBlocks(locale, helpUrl))],
  'help.helpMessage': (locale) =>
    [undefined, cut('<!channel> & *bold* <https://x|y> ', 4_000)].map((word) =>
      message(help.helpMessage(locale, helpUrl, word)),
    ),

  // Alone, and in the busiest accounts modal: many memberships, own requests and requests to decide.
  'pending.pendingDecisionBlocks': (locale) => [
    ...[undefined, 0, 1, DECISIONS_SHOWN, 150].flatMap((n) =>
      TIME_ZONES.map((tz) =>
        blocksOf(pending.pendingDecisionBlocks(locale, n === undefined ? undefined : decidable(n), tz)),
      ),
    ),
    ...[1, 150].flatMap((n) =>
      [undefined, ...banners(locale)].map((banner) =>
        view(
          accounts.accountsView({
            locale,
            memberships: memberships(60),
            requests: ownRequests(20),
            decisions: decidable(n),
            timeZone: 'Pacific/Chatham',
            banner,
          }),
        ),
      ),
    ),
  ],
  // Alone, and on the busiest Home tab.
  'pending.homePendingBlocks': (locale) => [
    ...[0, 1, 150].flatMap((n) =>
      [0, 20].map((own) =>
        blocksOf(pending.homePendingBlocks(locale, decidable(n), ownRequests(own), 'Pacific/Chatham')),
      ),
    ),
    ...STEPS.map((step) =>
      view(
        home.homeView(locale, status(step, locale), 'America/St_Johns', memberships(60), helpUrl, {
          decisions: decidable(150),
          own: ownRequests(20),
        }),
      ),
    ),
  ],
};

/** Exported functions that build no view or message of their own: parts of the builders above, or not Block Kit. */
const NOT_BUILDERS: Record<string, string> = {
  'blocks.clip': 'text helper (tested below)',
  'member-messages.renderMemberMessage':
    'chooses one of the role-request and member-notice builders above by the meaning',
  'blocks.plain': 'part of every view',
  'blocks.mrkdwn': 'part of every view',
  'blocks.modalText': 'part of every modal',
  'blocks.header': 'part of every view',
  'blocks.section': 'part of every view',
  'blocks.fields': 'part of completion and request messages',
  'blocks.context': 'part of every view',
  'blocks.divider': 'part of every view',
  'blocks.actions': 'part of every view',
  'blocks.button': 'part of every view',
  'blocks.confirmation': 'part of the terms, join, remove and transfer buttons',
  'blocks.textInput': 'part of every form',
  'blocks.selectInput': 'part of every form',
  'forms.formInputs': 'part of every form',
  'forms.formView': 'part of every form',
  'forms.readForm': 'reads a submission',
  'forms.formSubmission': 'reads a submission',
  'forms.blockForIssue': 'places a validation error',
  'forms.renewedSecretActionIds': 'action ids for a form shown again (tested with the business form above)',
  'role-requests.roleParams': 'catalogue parameters for a role',
  'metadata.encodeMetadata': 'private_metadata of every modal',
  'metadata.decodeMetadata': 'reads private_metadata',
  'metadata.metadataLocale': 'reads private_metadata',
  'text.stepName': 'words',
  'text.stepHeading': 'words',
  'text.plainDate': 'words',
  'text.plainTime': 'words',
  'text.failureText': 'words (the banners)',
  'text.escapeMrkdwn': 'words',
  'role-requests.roleName': 'words',
  'role-requests.requestButtonValue': 'a button value',
  'role-requests.parseRequestButtonValue': 'reads a button value',
  'accounts.accountsModal': 'the frame of every accounts view above',
  'accounts.backRow': 'part of every accounts view',
  'accounts.contactFieldList': 'words',
  'history.pagerRows': 'part of the history and messages views (both cases above, with Older and Newer)',
  'business-again.registerBusinessButton': 'part of the completed modal, the Home tab and /cers accounts',
  'terms.fullTextLine': 'words (part of the terms views and the registration’s terms step, tested above)',
  'profile.fieldNames': 'words',
};

const MODULES: Record<string, Record<string, unknown>> = {
  accounts,
  blocks,
  'business-again': businessAgain,
  completion,
  forms,
  help,
  history,
  home,
  'member-messages': memberMessages,
  'member-notices': memberNotices,
  metadata,
  notices,
  registration,
  'role-requests': roleRequests,
  pending,
  profile,
  support,
  terms,
  text,
};

/** Where each module above lives: every Block Kit builder is in slack/ or in a bot feature's view(s).ts or bot/ui/. */
const MODULE_FILES: Record<keyof typeof MODULES, string> = {
  accounts: 'bot/accounts/views.ts',
  blocks: 'slack/blocks.ts',
  'business-again': 'bot/business-again/views.ts',
  completion: 'slack/messages/completion.ts',
  forms: 'bot/ui/forms.ts',
  help: 'bot/help/view.ts',
  history: 'bot/history/view.ts',
  home: 'bot/home/view.ts',
  'member-messages': 'slack/messages/index.ts',
  'member-notices': 'slack/messages/member-notices.ts',
  metadata: 'bot/ui/metadata.ts',
  notices: 'slack/messages/applicant-notices.ts',
  registration: 'bot/registration/views.ts',
  'role-requests': 'slack/messages/role-requests.ts',
  pending: 'bot/pending/view.ts',
  profile: 'bot/profile/views.ts',
  support: 'bot/support/views.ts',
  terms: 'bot/terms/view.ts',
  text: 'slack/text.ts',
};
/** Interaction ids and the message type (constants and types), and the modal helpers (Web API calls): no builder. */
const NOT_VIEW_MODULES = ['slack/ids.ts', 'slack/message.ts', 'bot/ui/modal.ts'];
const isViewModule = (file: string) =>
  !NOT_VIEW_MODULES.includes(file) &&
  (file.startsWith('slack/') || file.startsWith('bot/ui/') || /^bot\/[^/]+\/views?\.ts$/.test(file));

function problems(sent: Sent): string[] {
  const issues = 'view' in sent ? validateView(sent.view) : validateMessage(sent.message);
  return issues.map(issueLine);
}

describe('every view and message the bot sends passes Block Kit limits', () => {
  for (const [builder, build] of Object.entries(CASES)) {
    for (const locale of LOCALES) {
      test(`${builder} (${locale})`, () => {
        const sent = build(locale);
        assert.ok(sent.length > 0);
        sent.forEach((one, i) => assert.deepEqual(problems(one), [], `${builder}, case ${i + 1} of ${sent.length}`));
      });
    }
  }

  test('the longest inputs are the longest the schemas accept', () => {
    assert.equal(givenName.length, 100);
    assert.equal(email.length, 254);
    assert.equal(positionTitle.length, 100);
    assert.equal(reason.length, 500);
    assert.equal(termsVersion.length, 40);
    assert.equal(helpUrl.length, MAX_HELP_URL_LENGTH);
    assert.equal(contact['contact.address.line1']!.length, 120);
    // Escaped for mrkdwn, free text grows: the views must still fit.
    assert.ok(text.escapeMrkdwn(reason).length > reason.length + 200);
  });

  test('long lists are cut to fit, keeping the way back', () => {
    const many = accounts.membersView({
      locale: 'en',
      business: aBusiness,
      members: members(150),
      viewer: { userAccountId: uuid(0), role: 'owner' },
    });
    assert.equal(many.blocks.length, 100);
    assert.equal(many.blocks.at(-1)?.block_id, 'back');
    assert.deepEqual(problems(view(many)), []);
  });

  test('a context block keeps each of its texts whole', () => {
    assert.deepEqual(
      blocks.context('Hello world.', 'Second').elements.map((e) => ('text' in e ? e.text : '')),
      ['Hello world.', 'Second'],
    );
  });

  test('clip cuts at characters, never inside one, and marks the cut', () => {
    assert.equal(blocks.clip('short', 24), 'short');
    const flags = blocks.clip('🇨🇦'.repeat(20), 24);
    assert.equal([...flags].length, 24);
    assert.ok(flags.endsWith('…'));
    assert.doesNotMatch(flags, /\p{Cs}/u, 'no half character (lone surrogate)');
    const emoji = blocks.clip('😀'.repeat(24), 24);
    assert.equal(emoji, '😀'.repeat(24), '24 characters fit, though they are 48 UTF-16 units');
  });
});

/** The .ts files under `dir`, relative to the repository root. */
function sources(dir: string): string[] {
  return readdirSync(path.join(ROOT, dir), { withFileTypes: true }).flatMap((entry) => {
    const relative = path.posix.join(dir, entry.name);
    if (entry.isDirectory()) return sources(relative);
    return entry.name.endsWith('.ts') ? [relative] : [];
  });
}

describe('no view or message escapes this test', () => {
  test('every view module (slack/, bot/ui/, bot/<feature>/view(s).ts) is imported here', () => {
    const files = [...sources('slack'), ...sources('bot')].filter(isViewModule);
    assert.deepEqual(files.sort(), Object.values(MODULE_FILES).sort());
  });

  test('every exported function of a view module is a case above, or named as no builder', () => {
    const exported = Object.entries(MODULES).flatMap(([name, module]) =>
      Object.entries(module)
        .filter(([, value]) => typeof value === 'function')
        .map(([fn]) => `${name}.${fn}`),
    );
    const uncovered = exported.filter((fn) => !(fn in CASES) && !(fn in NOT_BUILDERS));
    assert.deepEqual(
      uncovered,
      [],
      'add a case for each new builder (with its longest inputs), or say why it builds nothing',
    );
    const stale = [...Object.keys(CASES), ...Object.keys(NOT_BUILDERS)].filter((fn) => !exported.includes(fn));
    assert.deepEqual(stale, [], 'cases for functions that no longer exist');
  });

  test('the bot and the worker build Block Kit only in view modules', () => {
    const blockKit =
      /type: '(?:section|header|context|actions|input|divider|rich_text|modal|home|plain_text|mrkdwn)'|slack\/blocks'/;
    const offenders = [...sources('bot'), ...sources('activities'), ...sources('workflows')].filter(
      (file) => !isViewModule(file) && blockKit.test(readFileSync(path.join(ROOT, file), 'utf8')),
    );
    assert.deepEqual(offenders, []);
  });
});
