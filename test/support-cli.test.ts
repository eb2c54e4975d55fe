/**
 * `npm run support`: run as a child process, exactly as a support agent runs it, against the test
 * stack (its DATABASE_URL, TEMPORAL_ADDRESS and keys are in this process's environment): output,
 * `--json`, exit codes, clear refusals of bad input, and the audit event of each lookup.
 */
import assert from 'node:assert/strict';
import { randomBytes } from 'node:crypto';
import { describe, it } from '@jest/globals';
import { urnFromPayload } from '../domain/urn';
import { useTestStack } from './support/stack';
import { completedRegistration, lockedOutRegistration } from './support/support-people';
import { freePort } from '../testkit/ports';
import { runToEnd, type Run } from './support/child-process';

const stack = useTestStack();
const AGENT = `agent.${randomBytes(3).toString('hex')}`;

function support(args: string[], env: NodeJS.ProcessEnv = {}): Promise<Run> {
  return runToEnd('npm', ['run', '--silent', 'support', '--', ...args], {
    ...process.env,
    CERS_SUPPORT_AGENT: AGENT,
    ...env,
  });
}

function jsonLine(run: Run): Record<string, unknown> {
  assert.match(run.stdout, /^[^\n]+\n$/, `exactly one line on stdout (stderr: ${run.stderr})`);
  return JSON.parse(run.stdout) as Record<string, unknown>;
}

const auditCount = () => stack.db.auditEvent.count({ where: { actor: `operator:${AGENT}`, action: 'support.lookup' } });

describe('npm run support', () => {
  it('urn: prints the person, their business, how their registration ended and the Web UI query; exit 0', async () => {
    const person = await completedRegistration(stack);
    const before = await auditCount();
    const run = await support(['urn', person.urn]);
    assert.equal(run.code, 0, run.stderr);
    assert.match(run.stdout, /^Person 1 of 1\n/);
    assert.match(run.stdout, /Name: +Marie-Ève O'Connor-Tremblay\n/);
    assert.match(run.stdout, new RegExp(`E-mail: +${person.email.replaceAll('.', '\\.')}\\n`));
    assert.match(run.stdout, /Language: +French \(fr\)\n/);
    assert.match(run.stdout, /Credential: +GCKey\n/);
    assert.match(run.stdout, new RegExp(`Memberships: +${person.businessNumber} +Owner\\n`));
    assert.match(
      run.stdout,
      /Registration: +none running: the last one ended .* \(completed, Registration complete\)\n/,
    );
    assert.match(run.stdout, /Shared-secret locks: +none\n/);
    assert.match(run.stdout, /Web UI query: +CersUrnDigest="[0-9a-f]{32}"\n/);
    assert.equal(await auditCount(), before + 1, 'audited under the agent from CERS_SUPPORT_AGENT');
  });

  it('email and bn with --json: one JSON line a script can read; the lock of a locked-out applicant', async () => {
    const person = await lockedOutRegistration(stack);
    const byEmail = await support(['email', person.email.toUpperCase(), '--json', '--agent', AGENT]);
    assert.equal(byEmail.code, 0, byEmail.stderr);
    const found = jsonLine(byEmail) as {
      kind: string;
      people: { urn: string; registration: { state: string; step: string }; locks: { locked: boolean }[] }[];
    };
    assert.equal(found.kind, 'people');
    assert.deepEqual(
      found.people.map((p) => [p.urn, p.registration.state, p.registration.step, p.locks.map((l) => l.locked)]),
      [[person.urn, 'running', 'businessAccount', [true]]],
    );

    const byBn = await support(['bn', person.businessNumber]);
    assert.equal(byBn.code, 0, 'a lock is something found, with or without an account');
    assert.match(
      byBn.stdout,
      new RegExp(`No CERS business account has the business number ${person.businessNumber}\\.`),
    );
    assert.match(
      byBn.stdout,
      new RegExp(
        `Shared-secret lock: +${person.businessNumber} +LOCKED until .* UTC \\(5 wrong activation codes counted\\)`,
      ),
    );
  });

  it('exit 3 for an unknown value, 2 for one that is not a value (saying why), nothing audited for those', async () => {
    const unknown = await support(['urn', urnFromPayload(`8${String(Date.now()).slice(-10)}`)]);
    assert.equal(unknown.code, 3);
    assert.equal(unknown.stdout, 'No user account has this URN.\n');

    const before = await auditCount();
    const urn = urnFromPayload('12345678901');
    const typo = `${urn.slice(0, -1)}${(Number(urn.at(-1)) + 1) % 10}`;
    const wrongDigit = await support(['urn', typo]);
    assert.equal(wrongDigit.code, 2);
    assert.match(wrongDigit.stderr, /^The arguments are not right: This URN fails its check digit: /);
    assert.match(wrongDigit.stderr, /\nnpm run support -- urn <URN>/, 'with how to ask');
    const inFrench = await support(['urn', typo, '--lang', 'fr']);
    assert.match(inFrench.stderr, /Ce NRU échoue à son chiffre de contrôle/);
    const notABn = await support(['bn', '123456789RM0001']);
    assert.equal(notABn.code, 2);
    assert.match(notABn.stderr, /business number root fails its check digit/);
    assert.equal(await auditCount(), before, 'nothing was looked up');
  });

  it('requires the agent, names unknown commands, shows --help', async () => {
    const anonymous = await support(['urn', urnFromPayload('12345678901')], { CERS_SUPPORT_AGENT: '' });
    assert.equal(anonymous.code, 2);
    assert.match(anonymous.stderr, /Say who acts: --agent <your name>, or set CERS_SUPPORT_AGENT/);
    const unknown = await support(['frobnicate', 'x']);
    assert.equal(unknown.code, 2);
    assert.match(unknown.stderr, /^Unknown command "frobnicate"\. Commands: urn, email, bn, /);
    const help = await support(['--help']);
    assert.equal(help.code, 0);
    assert.match(help.stdout, /^Usage: npm run support -- <command>/);
    for (const command of ['urn <URN> [--json]', 'bn <business number> [--json]', 'email <e-mail> [--json]'])
      assert.ok(help.stdout.includes(`  ${command}`), command);
  });

  it('says when Temporal does not answer (exit 0, from the database), and fails with exit 1 without a database', async () => {
    const person = await completedRegistration(stack);
    const closedPort = `127.0.0.1:${await freePort()}`;
    const noTemporal = await support(['urn', person.urn], { TEMPORAL_ADDRESS: closedPort });
    assert.equal(noTemporal.code, 0, noTemporal.stderr);
    assert.match(noTemporal.stdout, /Registration: +unknown: Temporal did not answer/);
    assert.match(noTemporal.stdout, /Name: +Marie-Ève/);

    const noDatabase = await support(['urn', person.urn], {
      DATABASE_URL: `postgresql://postgres@${closedPort}/postgres`,
    });
    assert.equal(noDatabase.code, 1);
    assert.match(noDatabase.stderr, /^Unexpected failure: /);
    assert.ok(!noDatabase.stderr.includes(person.urn), 'the value looked up is not in the error');
  });
});
