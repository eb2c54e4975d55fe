/**
 * A lookup as the CLI prints it, in English: one block per person or business account, labels
 * aligned, times in UTC. Step and role names are the catalogue's, as the applicant sees them.
 */
import { translator } from '../../i18n/catalogue';
import { formatBusinessNumber } from '../../domain/business-number';
import { stepHeading } from '../../slack/text';
import { roleName } from '../../slack/messages/role-requests';
import type { RegistrationStep } from '../../domain/registration-steps';
import type { SupportBusiness, SupportLock } from '../../records/support';
import type { LookupResult, PersonFound } from './lookup';
import type { RegistrationState } from './registration';
import type { WorkflowSearch } from './web-ui';

const t = translator('en');
const LABEL_WIDTH = 22;
const PROVIDERS = { gckey: 'GCKey', sign_in_partner: 'Sign-In Partner' } as const;
const LANGUAGES = { en: 'English (en)', fr: 'French (fr)' } as const;

/** `1 wrong code`, `2 wrong codes`. */
function counted(count: number, noun: string): string {
  return `${count} ${noun}${count === 1 ? '' : 's'}`;
}

/** `2026-12-01 14:05 UTC` */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function line(label: string, value: string): string {
  return `  ${`${label}:`.padEnd(LABEL_WIDTH)}${value}`;
}

/** Continuation lines, under the value column. */
function more(values: readonly string[]): string[] {
  return values.map((value) => `  ${' '.repeat(LABEL_WIDTH)}${value}`);
}

function listed(label: string, values: readonly string[], none: string): string[] {
  return values.length === 0 ? [line(label, none)] : [line(label, values[0]!), ...more(values.slice(1))];
}

function stepText(step: string): string {
  return stepHeading(t, step as RegistrationStep);
}

export function registrationText(registration: RegistrationState): string[] {
  switch (registration.state) {
    case 'running': {
      const details = [`running, at ${stepText(registration.step)}`];
      if (registration.deadline) details.push(`expires if idle after ${when(registration.deadline)}`);
      if (registration.lockedUntil)
        details.push(`last business number tried locked until ${when(registration.lockedUntil)}`);
      else if (registration.attemptsRemaining !== undefined)
        details.push(`${counted(registration.attemptsRemaining, 'activation-code attempt')} left`);
      return details;
    }
    case 'closed': {
      const ended = registration.closedAt ? ` ${when(registration.closedAt)}` : '';
      const how = [registration.status.toLowerCase(), ...(registration.step ? [stepText(registration.step)] : [])];
      return [`none running: the last one ended${ended} (${how.join(', ')})`];
    }
    case 'none':
      return ['none running: Temporal has no registration for this account'];
    case 'unreachable':
      return ['unknown: Temporal did not answer (unreachable, or no worker to answer); the rest is from the database'];
  }
}

export function lockText(lock: SupportLock): string {
  const bn = formatBusinessNumber(lock.businessNumber);
  const wrong = `${counted(lock.failedAttempts, 'wrong activation code')} counted`;
  if (lock.locked) return `${bn}  LOCKED until ${when(lock.lockedUntil!)} (${wrong})`;
  if (lock.lockedUntil) return `${bn}  not locked; a lock ended ${when(lock.lockedUntil)} (${wrong})`;
  return `${bn}  not locked (${wrong})`;
}

function workflowsText(workflows: WorkflowSearch): string[] {
  return [line('Web UI query', workflows.query), ...more([workflows.url])];
}

function personText(person: PersonFound, index: number, count: number): string[] {
  return [
    `Person ${index + 1} of ${count}`,
    line('Name', person.name),
    line('E-mail', person.email),
    line('Language', LANGUAGES[person.language]),
    line('URN', person.urn),
    line('Credential', person.credentialProvider ? PROVIDERS[person.credentialProvider] : 'none linked'),
    line('Account created', when(person.createdAt)),
    ...listed(
      'Memberships',
      person.memberships.map(
        (m) =>
          `${formatBusinessNumber(m.businessNumber)}  ${roleName(t, m.role)}${m.status === 'deleted' ? '  (account deleted)' : ''}`,
      ),
      'none',
    ),
    ...listed('Registration', registrationText(person.registration), ''),
    ...listed('Shared-secret locks', person.locks.map(lockText), 'none'),
    ...workflowsText(person.workflows),
  ];
}

function businessText(business: SupportBusiness): string[] {
  return [
    `Business account ${formatBusinessNumber(business.businessNumber)}`,
    line(
      'Status',
      business.status === 'active' ? 'active' : `deleted ${business.deletedAt ? when(business.deletedAt) : ''}`.trim(),
    ),
    line('Created', when(business.createdAt)),
    ...listed(
      'Members',
      business.members.map((m) => `${m.name}  ${m.urn}  ${roleName(t, m.role)}`),
      'none',
    ),
    ...listed(
      'Role requests',
      business.roleRequests.map(
        (r) =>
          `${when(r.createdAt)}  ${r.kind === 'access' ? 'access' : 'ownership transfer'} as ${roleName(t, r.role)} by ${r.requesterName} (${r.requesterUrn}): ${r.status}${r.decidedAt ? ` ${when(r.decidedAt)}` : ''}`,
      ),
      'none',
    ),
  ];
}

export function formatLookup(result: LookupResult): string {
  if (result.kind === 'people') {
    if (result.people.length === 0) return `No user account has this ${result.query === 'urn' ? 'URN' : 'e-mail'}.\n`;
    return `${result.people.map((p, i) => personText(p, i, result.people.length).join('\n')).join('\n\n')}\n`;
  }
  const bn = formatBusinessNumber(result.businessNumber);
  const blocks = result.businesses.map((b) => businessText(b).join('\n'));
  if (blocks.length === 0) blocks.push(`No CERS business account has the business number ${bn}.`);
  const tail = [
    ...listed('Shared-secret lock', result.lock ? [lockText(result.lock)] : [], 'none'),
    ...workflowsText(result.workflows),
  ];
  return `${blocks.join('\n\n')}\n\n${tail.join('\n')}\n`;
}
