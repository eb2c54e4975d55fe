/**
 * docs/operations-runbook.md, run: every ```sh block (each marked `<!-- runbook-test: <id> -->`)
 * is run by bash against this file's stack with its placeholders filled in, and its effect is
 * checked: exit code, output, database rows, workflow state. A block no test here runs, or a
 * placeholder left unfilled, fails the suite.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, it } from '@jest/globals';
import { acceptTerms, credentialVerified, registrationStatus, submitUserAccount } from '../client';
import { resolvePayloadKeys } from '../client/payload-keys';
import { registrationQuery, searchKeyOf } from '../client/search-queries';
import { PAYLOADS_DECODED } from '../records/codec-audit';
import { newOperatorToken, startTestCodecServer } from './support/codec';
import { lockedAuthorization } from './support/locks';
import {
  issueTestAuthorization,
  newBusinessNumber,
  sampleUserAccount,
  startTestRegistration,
  useTestStack,
} from './support/stack';

const ROOT = path.resolve(__dirname, '..');
const RUNBOOK = readFileSync(path.join(ROOT, 'docs/operations-runbook.md'), 'utf8');
const AGENT = 'jdoe';

/** The runbook's shell blocks by their marker id. */
function runbookBlocks(): Map<string, string> {
  const blocks = new Map<string, string>();
  const pattern = /<!-- runbook-test: ([a-z-]+) -->\s*```sh\n([\s\S]*?)```/g;
  for (const [, id, body] of RUNBOOK.matchAll(pattern)) blocks.set(id!, body!);
  return blocks;
}

const BLOCKS = runbookBlocks();
const TESTED = [
  'find-stuck',
  'find-person',
  'read',
  'read-decoded',
  'remind',
  'cancel',
  'unlock',
  'new-key',
  'rotate-check',
];

const stack = useTestStack();

/** Where the test stack's Temporal CLI is (as `npm install` put it), for the `temporal` commands. */
function temporalCliDir(): string {
  const configured = process.env.TEMPORAL_CLI_PATH;
  if (configured) return path.dirname(configured);
  const installed = path.join(ROOT, 'node_modules/.temporal-cli/bin');
  return existsSync(path.join(installed, 'temporal')) ? installed : '';
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/**
 * Runs block `id` with its placeholders filled, as an operator's shell would, in the repository.
 * `edit` changes the filled script (e.g. the role given), to check how the tool refuses.
 */
function runBlock(
  id: string,
  fill: Record<string, string>,
  edit = (script: string) => script,
  extraEnv: NodeJS.ProcessEnv = {},
): Promise<Run> {
  let script = BLOCKS.get(id);
  assert.ok(script, `the runbook has a block marked runbook-test: ${id}`);
  for (const [name, value] of Object.entries(fill)) script = script.replaceAll(`<${name}>`, value);
  script = edit(script);
  assert.doesNotMatch(script, /<[a-z][a-z-]*>/, `every placeholder of ${id} is filled`);
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    TEMPORAL_TASK_QUEUE: stack.config.temporal.taskQueue,
    PATH: [temporalCliDir(), process.env.PATH].filter(Boolean).join(path.delimiter),
    ...extraEnv,
  };
  delete env.CERS_SUPPORT_AGENT;
  return new Promise((resolve) => {
    execFile(
      'bash',
      ['-e', '-o', 'pipefail', '-c', script],
      { cwd: ROOT, env, timeout: 120_000 },
      (error, stdout, stderr) => {
        const code = error ? (typeof error.code === 'number' ? error.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

/** A registration at the terms step, for the blocks that read or act on one. */
async function registrationAtTerms() {
  const { handle } = await startTestRegistration(stack);
  await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject: `pai-${randomUUID()}` }] });
  return handle;
}

describe('operations runbook', () => {
  it('has a test for every shell block, and a block for every test', () => {
    assert.deepEqual([...BLOCKS.keys()].sort(), [...TESTED].sort());
    const fences = RUNBOOK.match(/```sh/g)?.length ?? 0;
    assert.equal(fences, BLOCKS.size, 'every ```sh block is marked');
  });

  it('finds a stuck registration (the support tool and the temporal CLI)', async () => {
    const { handle } = await startTestRegistration(stack);
    const started = Date.now();
    // Indexed by the visibility store within moments, and on its step for over a second.
    const deadline = Date.now() + 15_000;
    const query = `WorkflowId="${handle.workflowId}"`;
    while ((await stack.client.workflow.count(query)).count === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 100));
    await new Promise((resolve) => setTimeout(resolve, Math.max(0, started + 1_500 - Date.now())));

    const run = await runBlock('find-stuck', { age: '1s' });
    assert.equal(run.code, 0, run.stderr);
    const rows = run.stdout.split('\n').filter((line) => line.startsWith(handle.workflowId));
    assert.equal(rows.length, 2, 'listed by stuck, and by stuck --step credential');
    assert.match(rows[0]!, /step credential since .* http:\/\/\S+\/history$/);
    assert.match(run.stdout, /Visibility query: WorkflowType="registrationWorkflow" AND ExecutionStatus="Running"/);
    assert.match(run.stdout, /Total: [1-9]\d*/, 'temporal workflow count counted it');
  }, 120_000);

  it('reads a registration: decoded status and link, and what Temporal holds in clear', async () => {
    const handle = await registrationAtTerms();
    const { deadline } = await handle.query(registrationStatus);
    const run = await runBlock('read', { 'workflow-id': handle.workflowId });
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, new RegExp(`${handle.workflowId}: running, step terms`));
    assert.ok(run.stdout.includes(`Expires on ${deadline}`));
    assert.match(run.stdout, /Web UI: http:\/\/\S+\/workflows\/registration%3A/);
    // temporal workflow describe: the search attributes in clear, the step among them.
    assert.match(run.stdout, new RegExp(`WorkflowId\\s+${handle.workflowId}`));
    assert.match(run.stdout, /CersStep:.*terms/);
  }, 120_000);

  it('finds a person from the URN a caller reads out: the digest query, and their account and step', async () => {
    const handle = await registrationAtTerms();
    await handle.executeUpdate(acceptTerms, {
      args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
    });
    const { urn } = await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount] });
    const typed = urn.replace(/-/g, ' ');
    const run = await runBlock('find-person', { urn: `"${typed}"`, agent: AGENT });
    assert.equal(run.code, 0, run.stderr);
    const query = registrationQuery({ urn }, searchKeyOf(stack.config));
    assert.ok(run.stdout.includes(`query:   ${query}`), run.stdout);
    assert.ok(!query.includes(urn.slice(0, 4)), 'the query holds a digest, not the URN');
    assert.match(run.stdout, new RegExp(`temporal workflow list --namespace \\S+ --query '${escapeRegExp(query)}'`));
    assert.ok(run.stdout.includes(sampleUserAccount.email), 'the lookup shows the account');
    assert.match(run.stdout, /business_account|business account/i);
    const audited = await stack.db.auditEvent.count({
      where: { action: 'support.lookup', actor: { contains: AGENT } },
    });
    assert.ok(audited >= 1, 'the lookup is audited');
    const found = await stack.client.workflow.count(`WorkflowId="${handle.workflowId}" AND ${query}`);
    assert.equal(found.count, 1, 'the printed query finds the registration');
  }, 120_000);

  it('reads a registration decoded through the codec server with an operator token: personal data masked', async () => {
    const handle = await registrationAtTerms();
    await handle.executeUpdate(acceptTerms, {
      args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
    });
    await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount] });
    const operator = newOperatorToken();
    const codec = await startTestCodecServer({
      db: stack.db,
      keys: resolvePayloadKeys(stack.config),
      codec: { operatorTokens: [{ name: 'desk-1', role: 'operator', sha256: operator.sha256 }] },
    });
    try {
      const fill = { 'workflow-id': handle.workflowId, 'codec-url': codec.url };
      const run = await runBlock('read-decoded', fill, undefined, { CERS_OPERATOR_TOKEN: operator.token });
      assert.equal(run.code, 0, run.stderr);
      assert.match(run.stdout, /givenName.*\[personal data\]/);
      for (const value of [sampleUserAccount.email, sampleUserAccount.familyName])
        assert.ok(!run.stdout.includes(value), `the operator sees ${value}`);
      const refused = await runBlock('read-decoded', fill, undefined, { CERS_OPERATOR_TOKEN: 'not-a-token' });
      assert.ok(!refused.stdout.includes(sampleUserAccount.email), 'a bad token reads nothing in clear');
      const row = await stack.db.auditEvent.findFirstOrThrow({
        where: { workflowId: handle.workflowId, action: PAYLOADS_DECODED },
      });
      assert.match(JSON.stringify(row.after), /operator/);
    } finally {
      await codec.close();
    }
  }, 120_000);

  it('resends a reminder once per request id, audited with the agent', async () => {
    const handle = await registrationAtTerms();
    const fill = { 'workflow-id': handle.workflowId, 'request-id': randomUUID(), agent: AGENT };
    for (const attempt of [1, 2]) {
      const run = await runBlock('remind', fill);
      assert.equal(run.code, 0, `attempt ${attempt}: ${run.stderr}`);
      assert.match(run.stdout, /Reminder sent to the applicant of .* \(step terms\)/);
    }
    assert.equal(stack.notices.filter((n) => n.registrationId === handle.workflowId).length, 1);
    const events = await stack.db.auditEvent.findMany({
      where: { workflowId: handle.workflowId, action: 'registration.reminder_resent' },
    });
    assert.deepEqual(
      events.map((e) => e.actor),
      [`support:${AGENT}`],
    );
  }, 120_000);

  it('cancels a registration with the signal and says how it ended; without the role nothing happens', async () => {
    const handle = await registrationAtTerms();
    const fill = { 'workflow-id': handle.workflowId, reason: 'Applicant asked by phone', agent: AGENT };
    const refused = await runBlock('cancel', fill, (script) => script.replace('--role support', '--role operator'));
    assert.equal(refused.code, 2);
    assert.match(refused.stderr, /Only a support agent may do this/);
    assert.equal((await handle.describe()).status.name, 'RUNNING');

    const run = await runBlock('cancel', fill);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /is cancelled; it was at the terms step/);
    assert.equal((await handle.result()).step, 'cancelled');
    assert.equal((await handle.describe()).status.name, 'COMPLETED', 'ended by the workflow, not terminated');
    const again = await runBlock('cancel', fill);
    assert.equal(again.code, 3, 'an ended registration: nothing to do');
  }, 120_000);

  it('lifts a lock once per request id, audited; says when there is none, and what is wrong with a BN', async () => {
    const auth = await lockedAuthorization(stack);
    const fill = {
      'business-number': auth.businessNumber,
      reason: 'Caller verified by the help desk',
      'request-id': randomUUID(),
      agent: AGENT,
    };
    for (const attempt of [1, 2]) {
      const run = await runBlock('unlock', fill);
      assert.equal(run.code, 0, `attempt ${attempt}: ${run.stderr}`);
      assert.match(run.stdout, new RegExp(`The shared-secret lock on ${auth.businessNumber} is lifted`));
    }
    const row = await stack.db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
    assert.equal(row.lockedUntil, null);
    const events = await stack.db.auditEvent.findMany({
      where: { subjectId: auth.businessNumber, action: 'cbsa_authorization.lock_lifted' },
    });
    assert.deepEqual(
      events.map((e) => [e.actor, (e.after as { reasonLength: number }).reasonLength]),
      [[`support:${AGENT}`, fill.reason.length]],
    );

    const unlocked = await issueTestAuthorization(stack.db);
    const none = await runBlock('unlock', {
      ...fill,
      'business-number': unlocked.businessNumber,
      'request-id': randomUUID(),
    });
    assert.equal(none.code, 3);
    assert.match(none.stdout, /No lock is in force/);
    const unknown = await runBlock('unlock', {
      ...fill,
      'business-number': newBusinessNumber(),
      'request-id': randomUUID(),
    });
    assert.equal(unknown.code, 3);
    assert.match(unknown.stdout, /CBSA has no export authorization/);
    const invalid = await runBlock('unlock', {
      ...fill,
      'business-number': '123456789RM0001',
      'request-id': randomUUID(),
    });
    assert.equal(invalid.code, 2);
    assert.match(invalid.stderr, /businessNumber: The 9-digit business number root fails its check digit/);
  }, 180_000);

  it('refuses to lift a lock without the role or the agent, in English or French: the lock stays', async () => {
    const auth = await lockedAuthorization(stack);
    const fill = {
      'business-number': auth.businessNumber,
      reason: 'no role',
      'request-id': randomUUID(),
      agent: AGENT,
    };
    const noRole = await runBlock('unlock', fill, (script) => script.replace(' --role support', ' --lang fr'));
    assert.equal(noRole.code, 2);
    assert.match(noRole.stderr, /Seul un agent du soutien peut faire ceci/);
    const noAgent = await runBlock('unlock', fill, (script) => script.replace(`--agent ${AGENT} `, ''));
    assert.equal(noAgent.code, 2);
    assert.match(noAgent.stderr, /Say who acts: --agent <your name>, or set CERS_SUPPORT_AGENT/);
    const row = await stack.db.cbsaAuthorization.findUniqueOrThrow({ where: { businessNumber: auth.businessNumber } });
    assert.ok(row.lockedUntil);
  }, 120_000);

  it('rotates keys: a new key, then both configurations of the rotation read the running registrations', async () => {
    const generated = await runBlock('new-key', {});
    assert.equal(generated.code, 0, generated.stderr);
    const newKey = generated.stdout.trim();
    assert.equal(Buffer.from(newKey, 'base64').length, 32);

    const handle = await registrationAtTerms();
    const oldKeys = process.env.CERS_PAYLOAD_KEYS!;
    const run = await runBlock('rotate-check', {
      'old-keys': oldKeys,
      'old-key-id': oldKeys.split('=')[0]!,
      'new-key-id': 'k-new',
      'new-key': newKey,
      'workflow-id': handle.workflowId,
    });
    assert.equal(run.code, 0, run.stderr);
    assert.equal(run.stdout.match(new RegExp(`${handle.workflowId}: running, step terms`, 'g'))?.length, 2);
  }, 120_000);
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
