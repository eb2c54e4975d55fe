/**
 * A support lookup as the agent reads it in Slack: an ephemeral message, only to them, in their
 * language. One part per person (account, memberships, registration, locks, Web UI search) or per
 * business account (members, role requests), cut to fit Slack's 50 blocks and 3,000 characters.
 */
import type { KnownBlock } from '@slack/types';
import { translator, type Translate } from '../../i18n/catalogue';
import type { Locale } from '../../domain/registration-inputs';
import type { RegistrationStep } from '../../domain/registration-steps';
import type { SupportBusiness, SupportLock } from '../../records/support';
import type { LookupResult, PersonFound } from '../../operators/support/lookup';
import type { RegistrationState } from '../../operators/support/registration';
import type { WorkflowSearch } from '../../operators/support/web-ui';
import { context, divider, fields, header, section } from '../../slack/blocks';
import { roleName, roleParams } from '../../slack/messages/role-requests';
import { escapeMrkdwn, plainDate, stepHeading } from '../../slack/text';

/** 5 people or 5 business accounts of at most 8 blocks each, with the closing lines, stay under 50 blocks. */
const MAX_PEOPLE_SHOWN = 5;
const MAX_BUSINESSES_SHOWN = 5;
/** A list's lines up to this many characters, then "…and N more" (a section holds 3,000). */
const LIST_CHARS = 2_700;

interface Words {
  t: Translate;
  locale: Locale;
  timeZone?: string;
}

const date = (w: Words, iso: string) => plainDate(iso, w.locale, w.timeZone);

/** `*Label*` and the lines under it, as many as fit, then how many did not. */
function listSection(w: Words, label: string, lines: readonly string[]): KnownBlock {
  if (lines.length === 0) return section(`*${label}*\n${w.t('support.list.none')}`);
  const shown: string[] = [];
  let length = 0;
  for (const line of lines) {
    if (length + line.length + 1 > LIST_CHARS) break;
    shown.push(line);
    length += line.length + 1;
  }
  const rest = lines.length - shown.length;
  return section([`*${label}*`, ...shown, ...(rest > 0 ? [w.t('support.list.more', { count: rest })] : [])].join('\n'));
}

function registrationLines(w: Words, registration: RegistrationState): string[] {
  switch (registration.state) {
    case 'running':
      return [
        w.t('support.registration.running', { step: stepHeading(w.t, registration.step as RegistrationStep) }),
        ...(registration.deadline
          ? [w.t('support.registration.deadline', { deadline: date(w, registration.deadline) })]
          : []),
        ...(registration.lockedUntil
          ? [w.t('support.registration.locked', { lockedUntil: date(w, registration.lockedUntil) })]
          : registration.attemptsRemaining !== undefined
            ? [w.t('support.registration.attempts', { attemptsRemaining: registration.attemptsRemaining })]
            : []),
      ];
    case 'closed':
      return [
        w.t('support.registration.closed', {
          closedAt: registration.closedAt ? date(w, registration.closedAt) : '—',
          outcome: registration.step
            ? stepHeading(w.t, registration.step as RegistrationStep)
            : registration.status.toLowerCase(),
        }),
      ];
    case 'none':
      return [w.t('support.registration.none')];
    case 'unreachable':
      return [w.t('support.registration.unreachable')];
  }
}

function lockLine(w: Words, lock: SupportLock): string {
  const params = { businessNumber: lock.businessNumber, count: lock.failedAttempts };
  if (lock.locked) return w.t('support.lock.locked', { ...params, lockedUntil: date(w, lock.lockedUntil!) });
  if (lock.lockedUntil) return w.t('support.lock.ended', { ...params, lockedUntil: date(w, lock.lockedUntil) });
  return w.t('support.lock.counting', params);
}

function workflowsBlock(w: Words, workflows: WorkflowSearch): KnownBlock {
  return context(
    [
      w.t('support.workflows.query', { query: workflows.query }),
      `<${workflows.url}|${w.t('support.workflows.open')}>`,
    ].join('\n'),
  );
}

function personBlocks(w: Words, person: PersonFound, number: number, total: number): KnownBlock[] {
  const { t } = w;
  return [
    header(person.name),
    ...(total > 1 ? [context(t('support.person.title', { number, total }))] : []),
    fields([
      [t('support.field.email'), escapeMrkdwn(person.email)],
      [t('support.field.language'), t(`support.language.${person.language}`)],
      [t('support.field.urn'), `\`${person.urn}\``],
      [t('support.field.credential'), t(`support.credential.${person.credentialProvider ?? 'none'}`)],
      [t('support.field.created'), date(w, person.createdAt)],
    ]),
    listSection(
      w,
      t('support.field.memberships'),
      person.memberships.map((m) =>
        t(m.status === 'active' ? 'support.membership.item' : 'support.membership.deleted', {
          businessNumber: m.businessNumber,
          role: roleName(t, m.role),
        }),
      ),
    ),
    section(`*${t('support.field.registration')}*\n${registrationLines(w, person.registration).join('\n')}`),
    listSection(
      w,
      t('support.field.locks'),
      person.locks.map((lock) => lockLine(w, lock)),
    ),
    workflowsBlock(w, person.workflows),
  ];
}

function businessBlocks(w: Words, business: SupportBusiness): KnownBlock[] {
  const { t } = w;
  return [
    header(t('support.business.title', { businessNumber: business.businessNumber })),
    section(
      business.status === 'active'
        ? t('support.business.active', { createdAt: date(w, business.createdAt) })
        : t('support.business.deleted', {
            deletedAt: business.deletedAt ? date(w, business.deletedAt) : '—',
            createdAt: date(w, business.createdAt),
          }),
    ),
    listSection(
      w,
      t('support.field.members'),
      business.members.map((m) =>
        t('support.business.member', { name: escapeMrkdwn(m.name), urn: m.urn, role: roleName(t, m.role) }),
      ),
    ),
    listSection(
      w,
      t('support.field.requests'),
      business.roleRequests.map((r) =>
        t('support.business.request', {
          createdAt: date(w, r.createdAt),
          kind: t(r.kind === 'access' ? 'support.request.access' : 'support.request.ownership_transfer'),
          asRole: roleParams(t, r.role).asRole,
          name: escapeMrkdwn(r.requesterName),
          urn: r.requesterUrn,
          status: t(`support.request.${r.status as 'pending'}`),
        }),
      ),
    ),
  ];
}

/** The lookup's answer: the people or business accounts found, or that none was. */
export function supportResultMessage(
  locale: Locale,
  result: LookupResult,
  timeZone?: string,
): { text: string; blocks: KnownBlock[] } {
  const t = translator(locale);
  const w: Words = { t, locale, ...(timeZone ? { timeZone } : {}) };
  const blocks: KnownBlock[] = [];
  let text: string;
  if (result.kind === 'people') {
    const shown = result.people.slice(0, MAX_PEOPLE_SHOWN);
    shown.forEach((person, i) => {
      if (i > 0) blocks.push(divider());
      blocks.push(...personBlocks(w, person, i + 1, result.people.length));
    });
    if (result.people.length > shown.length)
      blocks.push(section(t('support.people.more', { count: result.people.length - shown.length })));
    text =
      shown.length > 0
        ? shown.map((p) => p.name).join(', ')
        : result.query === 'urn'
          ? t('support.none.urn')
          : t('support.none.email');
    if (shown.length === 0) blocks.push(section(text));
  } else {
    const shown = result.businesses.slice(0, MAX_BUSINESSES_SHOWN);
    shown.forEach((business, i) => {
      if (i > 0) blocks.push(divider());
      blocks.push(...businessBlocks(w, business));
    });
    text =
      shown.length > 0
        ? t('support.business.title', { businessNumber: result.businessNumber })
        : t('support.none.bn', { businessNumber: result.businessNumber });
    if (shown.length === 0) blocks.push(section(text));
    blocks.push(
      result.lock
        ? listSection(w, t('support.field.locks'), [lockLine(w, result.lock)])
        : section(t('support.business.lock_none')),
      workflowsBlock(w, result.workflows),
    );
  }
  blocks.push(context(t('support.audited')));
  return { text, blocks };
}
