/**
 * Per-test-file setup on the stack Jest's global setup started (test/support/global-setup.ts): a Temporal client and a worker (the
 * service's own, on a task queue of this file's), a Prisma client, and a recorder of notices.
 */
import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll } from '@jest/globals';
import type { Client } from '@temporalio/client';
import { ApplicationFailure } from '@temporalio/common';
import {
  DefaultLogger,
  Runtime,
  type Worker,
  type WorkerOptions,
  type WorkflowBundleWithSourceMap,
} from '@temporalio/worker';
import { connectCersClient, startRegistration } from '../../client';
import { loadConfig, type Config } from '../../config';
import type {
  ApplicantNotifier,
  DirectMessages,
  MessageRef,
  NotifyApplicantInput,
} from '../../activities/notifications';
import type { SlackMessage } from '../../slack/message';
import { renderMemberMessage } from '../../slack/messages';
import { issueAuthorization, type AuthorizationRegistry } from '../../activities/cbsa/authorization-registry';
import { createDatabase, type Database } from '../../prisma/database';
import { createCersWorker } from '../../service/worker';
import { bundleWorkflows } from '../../service/workflow-bundle';
import type { RegistrationPolicy } from '../../workflows/registration/definitions';
import { bundleKey, prebuiltBundle } from './workflow-bundles';
import { startGcNotifyStandIn, type GcNotifyStandIn } from '../../dev/gc-notify/server';
import { gcNotifyMailer } from '../../activities/mail/gc-notify';

// Worker state changes are noise in test output; warnings and errors still show.
Runtime.install({ logger: new DefaultLogger('WARN') });

export { newApplicant, newBusinessNumber, sampleBusinessAccount, sampleUserAccount } from '../../testkit/fixtures';
import { newApplicant, newBusinessNumber } from '../../testkit/fixtures';

export { SHORT_ACTIVITY_TIMEOUTS } from './workflow-bundles';

/** Bundles built in this file, for interceptor modules the global setup built no bundle for. */
const bundles = new Map<string, Promise<WorkflowBundleWithSourceMap>>();

/** The global setup's bundle file for these interceptor modules, else one bundled here (once per file). */
function workflowBundleFor(modules: string[]): Promise<NonNullable<WorkerOptions['workflowBundle']>> {
  const codePath = prebuiltBundle(modules);
  if (codePath) return Promise.resolve({ codePath });
  const key = bundleKey(modules);
  if (!bundles.has(key)) bundles.set(key, bundleWorkflows(modules));
  return bundles.get(key)!;
}

export interface TestStack {
  config: Config;
  client: Client;
  db: Database;
  notices: NotifyApplicantInput[];
  /** Members' direct messages the workflows sent (posted, then replaced), in order. */
  dms: SentDirectMessage[];
  /** GC Notify's stand-in: the e-mails the workflows sent (codes to new addresses). */
  mail: GcNotifyStandIn;
  stop(): Promise<void>;
}

export function testConfig(overrides: Record<string, string> = {}): Config {
  return loadConfig({
    ...process.env,
    TEMPORAL_TASK_QUEUE: `cers-test-${randomBytes(4).toString('hex')}`,
    ...overrides,
  });
}

/**
 * Starts a stack before this file's tests and stops it after them. The returned object is filled
 * in by the `beforeAll` hook: use it inside tests, not at module level.
 */
export function useTestStack(overrides: Record<string, string> = {}, options: TestStackOptions = {}): TestStack {
  const stack = {} as TestStack;
  beforeAll(async () => {
    Object.assign(stack, await startTestStack(overrides, options));
  });
  afterAll(() => stack.stop());
  return stack;
}

export interface SentDirectMessage {
  to: string;
  ref: MessageRef;
  message: SlackMessage;
  /** Later versions of the message (chat.update), oldest first. */
  replacedBy: SlackMessage[];
}

export interface TestStackOptions {
  /** Replaces the configured authorization registry (e.g. one the test gates). */
  registry?: AuthorizationRegistry;
  /** Registrations whose notices fail, as Slack does for a user who left the workspace. */
  failNoticesFor?: Set<string>;
  /** Delivers notices for real (e.g. the Slack notifier against the stand-in); they are still recorded. */
  notifier?: (db: Database) => ApplicantNotifier;
  /** Delivers members' direct messages for real (e.g. Slack through the stand-in); still recorded. */
  dm?: (db: Database) => DirectMessages;
  /** Slack users who cannot be messaged (left the workspace): posting to them fails for good. */
  unreachable?: Set<string>;
  /** Workflow interceptor modules bundled with the workflows (e.g. SHORT_ACTIVITY_TIMEOUTS). */
  workflowInterceptorModules?: string[];
}

/**
 * Records direct messages; delivers them through `delivery` when given. Keeps the port's contract:
 * a key posted once is not posted (nor recorded) again.
 */
function recordingDirectMessages(
  dms: SentDirectMessage[],
  delivery?: DirectMessages,
  unreachable?: Set<string>,
): DirectMessages {
  let sent = 0;
  const byKey = new Map<string, MessageRef>();
  return {
    async post(to, message, key) {
      if (unreachable?.has(to)) throw ApplicationFailure.nonRetryable('Slack refused: user_not_found', 'SlackApiError');
      const earlier = key ? byKey.get(key) : undefined;
      if (earlier) return earlier;
      const ref = delivery
        ? await delivery.post(to, message, key)
        : { channel: `D-${to}`, ts: `${Date.now()}.${String(++sent).padStart(6, '0')}` };
      if (key) byKey.set(key, ref);
      dms.push({ to, ref, message: renderMemberMessage(message), replacedBy: [] });
      return ref;
    },
    async replace(ref, message) {
      await delivery?.replace(ref, message);
      dms
        .find((m) => m.ref.channel === ref.channel && m.ref.ts === ref.ts)
        ?.replacedBy.push(renderMemberMessage(message));
    },
  };
}

export async function startTestStack(
  overrides: Record<string, string> = {},
  options: TestStackOptions = {},
): Promise<TestStack> {
  const config = testConfig(overrides);
  const db = createDatabase(config.database.externalUrl!);
  const client = await connectCersClient({ config });
  const notices: NotifyApplicantInput[] = [];
  const dms: SentDirectMessage[] = [];
  const delivery = options.notifier?.(db);
  const bundle = workflowBundleFor(options.workflowInterceptorModules ?? []);
  const mail = await startGcNotifyStandIn();
  const worker: Worker = await createCersWorker({
    config,
    db,
    mailer: gcNotifyMailer({ apiUrl: mail.url, apiKey: mail.apiKey, templateIds: mail.templateIds }),
    registry: options.registry,
    notifier: {
      notify: async (input) => {
        if (options.failNoticesFor?.has(input.registrationId)) {
          throw ApplicationFailure.nonRetryable('user_not_found', 'SlackApiError');
        }
        await delivery?.notify(input);
        notices.push(input);
      },
    },
    dm: recordingDirectMessages(dms, options.dm?.(db), options.unreachable),
    workflowBundle: await bundle,
  });
  const running = worker.run();
  return {
    config,
    client,
    db,
    notices,
    dms,
    mail,
    async stop() {
      worker.shutdown();
      await running;
      await client.connection.close();
      await db.$disconnect();
      await mail.close();
    },
  };
}

export async function issueTestAuthorization(db: Database, options: { issuedAt?: Date } = {}) {
  return issueAuthorization(db, newBusinessNumber(), { ...options, scryptCost: 1024 });
}

export async function startTestRegistration(
  stack: TestStack,
  applicant = newApplicant(),
  policy: Partial<RegistrationPolicy> = {},
) {
  const config = { ...stack.config, registration: { ...stack.config.registration, ...policy } };
  const handle = await startRegistration(stack.client, config, { applicant, locale: 'en' });
  return { handle, applicant };
}
