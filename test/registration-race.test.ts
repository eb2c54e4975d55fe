/**
 * Two different submissions for the same step, both accepted while the first is still checking
 * the shared secret with CBSA: the second waits its turn, then is refused. One redemption, one
 * account. (The same submission sent twice gets the first one's answer: test/stalled-database.)
 */
import assert from 'node:assert/strict';
import { afterAll, beforeAll, describe, it } from '@jest/globals';
import { WorkflowUpdateFailedError } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import { temporal } from '@temporalio/proto';
import { startRegistration, submitBusinessAccount } from '../client';
import { localAuthorizationRegistry, type AuthorizationRegistry } from '../activities/cbsa/authorization-registry';
import { createDatabase, type Database } from '../prisma/database';
import { advanceToBusinessAccount } from './support/registration-steps';
import {
  issueTestAuthorization,
  newApplicant,
  sampleBusinessAccount,
  startTestStack,
  type TestStack,
} from './support/stack';

let db: Database;
let stack: TestStack;
let redemptions = 0;
let release!: () => void;
let gate = new Promise<void>((resolve) => (release = resolve));

beforeAll(async () => {
  db = createDatabase(process.env.DATABASE_URL!);
  const local = localAuthorizationRegistry(db);
  const gated: AuthorizationRegistry = {
    ...local,
    async redeem(request) {
      redemptions++;
      await gate; // held until the test has seen both submissions accepted
      return local.redeem(request);
    },
  };
  stack = await startTestStack({}, { registry: gated });
});
afterAll(async () => {
  release();
  await stack.stop();
  await db.$disconnect();
});

const ACCEPTED = temporal.api.enums.v1.EventType.EVENT_TYPE_WORKFLOW_EXECUTION_UPDATE_ACCEPTED;

const SUITE_TIMEOUT_MS = 60_000;
describe('racing submissions', () => {
  it(
    'run one at a time: the later (different) one is refused once the first has completed the step',
    async () => {
      gate = new Promise<void>((resolve) => (release = resolve));
      const auth = await issueTestAuthorization(db);
      // A short workflow task timeout: the task holding the first submission is heartbeated sooner.
      const handle = await startRegistration(
        stack.client,
        stack.config,
        { applicant: newApplicant(), locale: 'en' },
        { workflowTaskTimeout: '2s' },
      );
      await advanceToBusinessAccount(handle);
      const submission = sampleBusinessAccount(auth.businessNumber, auth.sharedSecret);
      const other = { ...submission, owner: { ...submission.owner, positionTitle: 'Président' } };
      const first = handle.executeUpdate(submitBusinessAccount, { args: [submission], updateId: 'click-1' });
      const second = handle.executeUpdate(submitBusinessAccount, { args: [other], updateId: 'click-2' });
      first.catch(() => undefined);
      second.catch(() => undefined);

      const deadline = Date.now() + 30_000;
      for (;;) {
        const events = (await handle.fetchHistory()).events ?? [];
        if (events.filter((e) => e.eventType === ACCEPTED).length >= 5) break; // 3 earlier steps + both clicks
        assert.ok(Date.now() < deadline, 'both submissions accepted while the first is in progress');
        await new Promise((r) => setTimeout(r, 100));
      }
      assert.equal(redemptions, 1, 'only the first submission reached CBSA');
      release();

      // Whichever Temporal accepted first wins; the other is refused.
      const outcomes = await Promise.allSettled([first, second]);
      const won = outcomes.filter((o) => o.status === 'fulfilled');
      const lost = outcomes.filter((o): o is PromiseRejectedResult => o.status === 'rejected');
      assert.equal(won.length, 1);
      assert.equal(lost.length, 1);
      const refused: unknown = lost[0]!.reason;
      assert.ok(refused instanceof WorkflowUpdateFailedError && refused.cause instanceof ApplicationFailure);
      assert.equal(refused.cause.type, 'WrongStep');
      const { businessAccountId } = won[0]!.value;
      assert.equal(redemptions, 1);
      assert.equal((await handle.result()).businessAccountId, businessAccountId);
      assert.equal(await db.businessAccount.count({ where: { businessNumber: auth.businessNumber } }), 1);
    },
    SUITE_TIMEOUT_MS,
  );
});
