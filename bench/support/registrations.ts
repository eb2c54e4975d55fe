/**
 * Complete registrations as the benchmarks drive them, through the public client only
 * (`startRegistration` and the update definitions): the CBSA authorizations they redeem, issued
 * first, and one registration from start to result, timed by step.
 */
import { randomBytes } from 'node:crypto';
import os from 'node:os';
import type { Client } from '@temporalio/client';
import { issueAuthorization, type IssuedAuthorization } from '../../activities/cbsa/authorization-registry';
import {
  acceptTerms,
  credentialVerified,
  startRegistration,
  submitBusinessAccount,
  submitUserAccount,
} from '../../client';
import type { RegistrationHandle } from '../../client/registrations';
import type { Config } from '../../config';
import { luhnCheckDigit } from '../../domain/business-number';
import type { Applicant } from '../../domain/registration-inputs';
import type { Database } from '../../prisma/database';
import { sampleBusinessAccount, sampleUserAccount } from '../../testkit/fixtures';
import { formatNumber as fmt, say } from '../report';
import { errorText, pool } from './harness';

/** The production default (config CERS_SHARED_SECRET_SCRYPT_COST), used for every issued secret. */
export const SCRYPT_COST = 16384;

export interface Fixture {
  applicant: Applicant;
  subject: string;
  authorization: IssuedAuthorization;
}

export const STEPS = [
  'start',
  'credentialVerified',
  'acceptTerms',
  'submitUserAccount',
  'submitBusinessAccount',
  'result',
] as const;
export type Step = (typeof STEPS)[number];

export interface RegistrationTiming {
  workflowId: string;
  totalMs: number;
  stepsMs: Record<Step, number>;
}

/** Distinct valid export BN15s (RM program account) for this run. */
function businessNumbers(count: number): string[] {
  const base = 10_000_000 + (randomBytes(4).readUInt32BE() % (80_000_000 - count));
  return Array.from({ length: count }, (_, i) => {
    const eight = String(base + i);
    return `${eight}${luhnCheckDigit(eight)}RM0001`;
  });
}

/** A Slack applicant of this run: `kind` keeps the users of different phases apart. */
export function applicant(runTag: string, kind: string, index: number): Applicant {
  return { channel: 'slack', teamId: `TBENCH${runTag}`, userId: `U${kind}${index}` };
}

/** `count` CBSA authorizations, each with its applicant (`U<kind><i>`), issued untimed. */
export async function issueFixtures(
  db: Database,
  runTag: string,
  count: number,
  kind = 'R',
  scryptCost = SCRYPT_COST,
): Promise<Fixture[]> {
  say();
  say(`Issuing ${count} CBSA authorizations (scrypt N=${scryptCost}), not timed...`);
  const phaseStart = performance.now();
  const issued = await pool(businessNumbers(count), Math.max(2, os.cpus().length), (bn) =>
    issueAuthorization(db, bn, { scryptCost }),
  );
  const issueFailures = issued.filter((r) => r.status === 'rejected');
  if (issueFailures.length > 0)
    throw new Error(`issuing authorizations failed: ${errorText((issueFailures[0] as PromiseRejectedResult).reason)}`);
  const fixtures: Fixture[] = issued.map((r, i) => ({
    applicant: applicant(runTag, kind, i),
    subject: `bench-${runTag}-${i}`,
    authorization: (r as PromiseFulfilledResult<IssuedAuthorization>).value,
  }));
  say(`  ${count} issued in ${fmt((performance.now() - phaseStart) / 1000)} s`);
  return fixtures;
}

/** One whole registration as the Slack bot drives it, without the applicant's thinking time. */
export async function register(
  client: Client,
  config: Config,
  termsVersion: string,
  fixture: Fixture,
): Promise<RegistrationTiming> {
  const stepsMs = {} as Record<Step, number>;
  const began = performance.now();
  let mark = began;
  const lap = (step: Step) => {
    const now = performance.now();
    stepsMs[step] = now - mark;
    mark = now;
  };
  const handle: RegistrationHandle = await startRegistration(client, config, {
    applicant: fixture.applicant,
    locale: 'en',
  });
  lap('start');
  await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: fixture.subject }] });
  lap('credentialVerified');
  await handle.executeUpdate(acceptTerms, { args: [{ version: termsVersion }] });
  lap('acceptTerms');
  await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount] });
  lap('submitUserAccount');
  await handle.executeUpdate(submitBusinessAccount, {
    args: [sampleBusinessAccount(fixture.authorization.businessNumber, fixture.authorization.sharedSecret)],
  });
  lap('submitBusinessAccount');
  const result = await handle.result();
  lap('result');
  if (result.step !== 'completed') throw new Error(`registration ${handle.workflowId} ended at step "${result.step}"`);
  return { workflowId: handle.workflowId, totalMs: performance.now() - began, stepsMs };
}

export interface Driven {
  timings: RegistrationTiming[];
  /** Why each failed registration failed. */
  failures: unknown[];
  elapsedMs: number;
}

/**
 * Drives `fixtures` to the end, `parallel` at once; `onDone` hears each one finish (completed or
 * failed) with the count so far.
 */
export async function driveRegistrations(
  client: Client,
  config: Config,
  termsVersion: string,
  fixtures: Fixture[],
  parallel: number,
  onDone?: (done: number) => void,
): Promise<Driven> {
  let done = 0;
  const began = performance.now();
  const outcomes = await pool(fixtures, parallel, async (f) => {
    try {
      return await register(client, config, termsVersion, f);
    } finally {
      onDone?.(++done);
    }
  });
  return {
    timings: outcomes.flatMap((r) => (r.status === 'fulfilled' ? [r.value] : [])),
    failures: outcomes.flatMap((r) => (r.status === 'rejected' ? [r.reason as unknown] : [])),
    elapsedMs: performance.now() - began,
  };
}

/** The first few failures as report lines, and how many more there were. */
export function describeFailures(reasons: readonly unknown[], what: string, shown = 5): string[] {
  const lines = reasons.slice(0, shown).map((reason) => `${what}: ${errorText(reason)}`);
  if (reasons.length > shown) lines.push(`... and ${reasons.length - shown} more failed (${what})`);
  return lines;
}
