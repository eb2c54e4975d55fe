/**
 * startRegistration (client/registrations.ts) checks the applicant with the same schema the
 * workflow's inputs use: an id Slack would never issue starts nothing and is refused with a typed
 * InvalidInput naming the field, before any workflow id is derived from it.
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import { ApplicationFailure, WorkflowNotFoundError, type Client } from '@temporalio/client';
import { connectCersClient, startRegistration } from '../client';
import type { Config } from '../config';
import { failureDetails } from '../domain/failures';
import type { Applicant } from '../domain/registration-inputs';
import { registrationWorkflowId } from '../workflows/registration/definitions';
import { newApplicant, testConfig } from './support/stack';

const newApplicantIds = () => {
  const { teamId, userId } = newApplicant();
  return { teamId, userId };
};

describe('startRegistration refuses applicant ids the applicant schema forbids', () => {
  let client: Client;
  let config: Config;
  beforeAll(async () => {
    config = testConfig();
    client = await connectCersClient({ config });
  });
  afterAll(() => client.connection.close());

  const bad: [string, unknown][] = [
    ['a lower-case user id', { channel: 'slack', teamId: 'T0TEAM0001', userId: 'u0user0001' }],
    [
      'a user id with a colon (it would shift the workflow id)',
      { channel: 'slack', teamId: 'T0TEAM0001', userId: 'U1:U2' },
    ],
    ['an empty team id', { channel: 'slack', teamId: '', userId: 'U0USER0001' }],
    ['a 33-character user id', { channel: 'slack', teamId: 'T0TEAM0001', userId: `U${'0'.repeat(32)}` }],
    // Well-formed ids no other test uses (the server is shared), so "nothing started" means this call.
    ['another channel', { channel: 'teams', ...newApplicantIds() }],
    ['an extra field', { channel: 'slack', ...newApplicantIds(), admin: true }],
  ];

  for (const [what, applicant] of bad) {
    test(what, async () => {
      const refusal = await startRegistration(client, config, { applicant: applicant as Applicant, locale: 'en' }).then(
        () => assert.fail('started'),
        (error: unknown) => error,
      );
      assert.ok(refusal instanceof ApplicationFailure, String(refusal));
      assert.equal(refusal.type, 'InvalidInput');
      assert.ok(
        failureDetails(refusal)?.issues?.every((issue) => issue.field.startsWith('applicant')),
        JSON.stringify(refusal.details),
      );
      const teamId = (applicant as Applicant).teamId;
      const userId = (applicant as Applicant).userId;
      if (typeof teamId === 'string' && typeof userId === 'string') {
        await assert.rejects(
          client.workflow.getHandle(registrationWorkflowId({ teamId, userId })).describe(),
          WorkflowNotFoundError,
        );
      }
    });
  }

  test('a locale other than en or fr is refused the same way', async () => {
    const applicant: Applicant = { channel: 'slack', teamId: 'T0TEAM0001', userId: 'U0LOCALE01' };
    await assert.rejects(
      startRegistration(client, config, { applicant, locale: 'de' as 'en' }),
      (error: unknown) => error instanceof ApplicationFailure && error.type === 'InvalidInput',
    );
  });
});
