/**
 * The codec server over real HTTP, on the payloads of a real registration's history (real
 * Temporal, real worker, real PostgreSQL): decode by role, authentication, CORS, bad bodies,
 * the audit row of each decode, failures.
 */
import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, test } from '@jest/globals';
import {
  acceptTerms,
  credentialVerified,
  registrationStatus,
  submitBusinessAccount,
  submitUserAccount,
} from '../client';
import { resolvePayloadKeys } from '../client/payload-keys';
import { classifyField, MASKED } from '../domain/personal-data';
import { MAX_BODY_BYTES, type JsonPayload } from '../operators/codec-server/protocol';
import { PAYLOADS_DECODED } from '../records';
import { findTemporalCli } from '../service/embedded/temporal';
import {
  asJson,
  forgedToken,
  historyPayloads,
  jsonValue,
  newOperatorToken,
  startTestCodecServer,
  startTestIssuer,
  type FoundPayload,
  type TestCodecServer,
  type TestIssuer,
} from './support/codec';
import {
  issueTestAuthorization,
  sampleBusinessAccount,
  sampleUserAccount,
  startTestRegistration,
  useTestStack,
} from './support/stack';

const stack = useTestStack();
const run = promisify(execFile);
const AUDIENCE = 'cers-codec';
const UI_ORIGIN = 'http://localhost:8233';

let issuer: TestIssuer;
let server: TestCodecServer;
const desk = newOperatorToken();
let history: FoundPayload[];
let workflowId: string;
const subject = `pai-codec-${Math.random().toString(36).slice(2)}`;
let sharedSecret: string;
let business: ReturnType<typeof sampleBusinessAccount>;

beforeAll(async () => {
  issuer = await startTestIssuer(AUDIENCE);
  server = await startTestCodecServer({
    db: stack.db,
    keys: resolvePayloadKeys(stack.config),
    codec: {
      allowedOrigins: [UI_ORIGIN],
      oidc: { issuer: issuer.issuer, audience: AUDIENCE, rolesClaim: 'realm_access.roles' },
      operatorTokens: [{ name: 'help-desk', role: 'privacy-officer', sha256: desk.sha256 }],
    },
  });
  // A whole registration, with a wrong shared secret first so a failure is in its history.
  const auth = await issueTestAuthorization(stack.db);
  sharedSecret = auth.sharedSecret;
  business = sampleBusinessAccount(auth.businessNumber, auth.sharedSecret);
  const { handle } = await startTestRegistration(stack);
  workflowId = handle.workflowId;
  await handle.executeUpdate(credentialVerified, { args: [{ provider: 'gckey', subject }] });
  await handle.executeUpdate(acceptTerms, {
    args: [{ version: (await handle.query(registrationStatus)).termsVersion }],
  });
  await handle.executeUpdate(submitUserAccount, { args: [sampleUserAccount] });
  await handle
    .executeUpdate(submitBusinessAccount, { args: [{ ...business, sharedSecret: 'WRONG-SECRET-1234' }] })
    .catch(() => undefined);
  await handle.executeUpdate(submitBusinessAccount, { args: [business] });
  await handle.result();
  history = await historyPayloads(stack.client, stack.config.temporal.namespace, workflowId);
});
afterAll(async () => {
  await server?.close();
  await issuer?.close();
});

async function post(path: string, body: unknown, headers: Record<string, string> = {}) {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', 'X-Namespace': 'default', ...headers },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
  return { response, text: await response.text() };
}

async function decodeAs(authorization: string, payloads = history.map((found) => asJson(found.payload))) {
  const { response, text } = await post('/decode', { payloads }, { Authorization: authorization });
  assert.equal(response.status, 200, text);
  return (JSON.parse(text) as { payloads: JsonPayload[] }).payloads.map(jsonValue);
}

const operatorJwt = () => issuer.sign({ realm_access: { roles: ['operator'] } }).then((t) => `Bearer ${t}`);
const personal = [
  sampleUserAccount.givenName,
  sampleUserAccount.familyName,
  sampleUserAccount.email,
  '555-0142',
  'exports@exportco.example.ca',
  '123 rue Wellington',
  'Directrice des exportations',
];

/** Every object key in a decoded value, at any depth. */
function keysOf(value: unknown, found = new Set<string>()): Set<string> {
  if (Array.isArray(value)) value.forEach((item) => keysOf(item, found));
  else if (value && typeof value === 'object') {
    for (const [key, child] of Object.entries(value)) {
      found.add(key);
      keysOf(child, found);
    }
  }
  return found;
}

describe('decode by role, on a real registration history', () => {
  test('the history is encrypted: nothing readable before the codec server', () => {
    const raw = JSON.stringify(history.map((found) => Buffer.from(found.payload.data ?? []).toString('utf8')));
    for (const value of [...personal, sharedSecret]) assert.ok(!raw.includes(value), value);
    assert.ok(history.length >= 10, `only ${history.length} payloads`);
  });

  test('operator (an access token of the issuer): status and identifiers shown, personal data masked, no secret', async () => {
    const decoded = await decodeAs(await operatorJwt());
    const text = JSON.stringify(decoded);
    for (const value of [...personal, subject]) assert.ok(!text.includes(value), `operator sees ${value}`);
    assert.ok(!text.includes(sharedSecret) && !text.includes('WRONG-SECRET-1234'), 'operator sees the shared secret');
    assert.ok(!keysOf(decoded).has('sharedSecret'));
    // What the operator is there for: the step, the business number, the URN; names masked, not gone.
    assert.ok(text.includes(business.businessNumber));
    assert.match(text, /"urn":"\d/);
    assert.match(text, /"step":"(terms|userAccount|businessAccount|completed)"/);
    const userAccount = decoded.find(
      (value): value is Record<string, unknown> => !!value && typeof value === 'object' && 'givenName' in value,
    );
    assert.deepEqual(
      { givenName: userAccount?.givenName, email: userAccount?.email, language: userAccount?.language },
      { givenName: MASKED, email: MASKED, language: 'fr' },
    );
  });

  test('privacy officer (an operator token): personal data shown, the shared secret still absent', async () => {
    const decoded = await decodeAs(`Bearer ${desk.token}`);
    const text = JSON.stringify(decoded);
    for (const value of [...personal, subject]) assert.ok(text.includes(value), `privacy officer misses ${value}`);
    assert.ok(!text.includes(sharedSecret) && !text.includes('WRONG-SECRET-1234'));
    assert.ok(!keysOf(decoded).has('sharedSecret'));
  });

  test('privacy officer by access token role too', async () => {
    const token = await issuer.sign({ realm_access: { roles: ['operator', 'privacy-officer'] } });
    const text = JSON.stringify(await decodeAs(`Bearer ${token}`));
    assert.ok(text.includes(sampleUserAccount.email));
  });

  test('every field in the real history is classified in domain/personal-data.ts', async () => {
    const keys = keysOf(await decodeAs(`Bearer ${desk.token}`));
    assert.ok(keys.has('givenName') && keys.has('businessNumber'));
    const unclassified = [...keys].filter((key) => classifyField(key) === undefined);
    assert.deepEqual(unclassified, []);
  });

  test('failures decode: operators read the message without stack trace, privacy officers get the trace', async () => {
    const failures = history.filter((found) => found.path.endsWith('.encodedAttributes'));
    assert.ok(failures.length >= 1, 'the wrong shared secret left a failure in history');
    const payloads = failures.map((found) => asJson(found.payload));
    const forOperator = (await decodeAs(await operatorJwt(), payloads)) as Record<string, unknown>[];
    assert.ok(forOperator.every((value) => typeof value.message === 'string' && !('stack_trace' in value)));
    const forOfficer = (await decodeAs(`Bearer ${desk.token}`, payloads)) as Record<string, unknown>[];
    assert.ok(forOfficer.some((value) => typeof value.stack_trace === 'string'));
  });
});

describe('the temporal CLI through the codec server', () => {
  test('`temporal workflow show --codec-endpoint --codec-auth` prints the history decoded for the token role', async () => {
    const cli = findTemporalCli(process.env.TEMPORAL_CLI_PATH);
    assert.ok(cli, 'the Temporal CLI (npm install puts one in node_modules/.temporal-cli)');
    const show = async (token: string) => {
      const { stdout } = await run(cli, [
        'workflow',
        'show',
        '--address',
        stack.config.temporal.address,
        '--namespace',
        stack.config.temporal.namespace,
        '-w',
        workflowId,
        '--detailed',
        '--codec-endpoint',
        server.url,
        '--codec-auth',
        `Bearer ${token}`,
        '--codec-header',
        `X-Workflow-Id=${workflowId}`,
      ]);
      return stdout;
    };
    const asOperator = await show((await operatorJwt()).slice('Bearer '.length));
    assert.ok(asOperator.includes(business.businessNumber));
    assert.match(asOperator, /givenName: \[personal data\]/);
    for (const value of [...personal, sharedSecret]) assert.ok(!asOperator.includes(value), `CLI shows ${value}`);
    const asOfficer = await show(desk.token);
    assert.ok(asOfficer.includes(sampleUserAccount.email));
    assert.ok(!asOfficer.includes(sharedSecret));
    const row = await stack.db.auditEvent.findFirstOrThrow({
      where: { action: PAYLOADS_DECODED },
      orderBy: { id: 'desc' },
    });
    assert.equal(row.workflowId, workflowId);
  });
});

describe('authentication', () => {
  const body = () => ({ payloads: history.map((found) => asJson(found.payload)) });
  const refusals: [string, () => Promise<string | undefined>, number][] = [
    ['no token', async () => undefined, 401],
    ['a token that is nothing', async () => 'Bearer not-a-token', 401],
    ['an expired token', async () => `Bearer ${await issuer.sign({ exp: Math.floor(Date.now() / 1000) - 120 })}`, 401],
    ['a token for another audience', async () => `Bearer ${await issuer.sign({ aud: 'someone-else' })}`, 401],
    ['a token signed by another key', async () => `Bearer ${await forgedToken(issuer.issuer, AUDIENCE)}`, 401],
    [
      'a token from another issuer',
      async () => `Bearer ${await issuer.sign({ iss: 'https://elsewhere.example' })}`,
      401,
    ],
    [
      'a valid token with no codec role',
      async () => `Bearer ${await issuer.sign({ realm_access: { roles: ['viewer'] } })}`,
      403,
    ],
  ];
  for (const [name, authorization, status] of refusals) {
    test(`${name}: ${status}, no plaintext, no audit row`, async () => {
      const before = await stack.db.auditEvent.count({ where: { action: PAYLOADS_DECODED } });
      const header = await authorization();
      const { response, text } = await post('/decode', body(), header ? { Authorization: header } : {});
      assert.equal(response.status, status, text);
      assert.deepEqual(Object.keys(JSON.parse(text) as object).sort(), ['error', 'message']);
      for (const value of personal) assert.ok(!text.includes(value));
      assert.equal(await stack.db.auditEvent.count({ where: { action: PAYLOADS_DECODED } }), before);
    });
  }

  test('the 401 explains itself, in French for a French browser', async () => {
    const { text } = await post('/decode', body(), { 'Accept-Language': 'fr-CA,fr;q=0.9' });
    assert.match((JSON.parse(text) as { message: string }).message, /Connectez-vous/);
  });

  test('in development on loopback with nothing configured, no token is needed (operator)', async () => {
    const local = await startTestCodecServer({
      db: stack.db,
      keys: resolvePayloadKeys(stack.config),
      codec: {},
      env: 'development',
    });
    try {
      const response = await fetch(`${local.url}/decode`, { method: 'POST', body: JSON.stringify(body()) });
      const decoded = ((await response.json()) as { payloads: JsonPayload[] }).payloads.map(jsonValue);
      assert.ok(!JSON.stringify(decoded).includes(sampleUserAccount.email));
      const row = await stack.db.auditEvent.findFirstOrThrow({
        where: { action: PAYLOADS_DECODED },
        orderBy: { id: 'desc' },
      });
      assert.equal(row.actor, 'loopback');
    } finally {
      await local.close();
    }
  });

  test('production never lets a loopback caller in without a token', async () => {
    const local = await startTestCodecServer({
      db: stack.db,
      keys: resolvePayloadKeys(stack.config),
      codec: {},
      env: 'production',
    });
    try {
      const response = await fetch(`${local.url}/decode`, { method: 'POST', body: JSON.stringify(body()) });
      assert.equal(response.status, 401);
    } finally {
      await local.close();
    }
  });
});

describe('the audit trail', () => {
  test('one row per decode: who, role, namespace, workflow when named, how many payloads; never a value', async () => {
    const payloads = history.slice(0, 3).map((found) => asJson(found.payload));
    const { response } = await post(
      '/decode',
      { payloads },
      { Authorization: await operatorJwt(), 'X-Namespace': 'default', 'X-Workflow-Id': workflowId },
    );
    assert.equal(response.status, 200);
    const row = await stack.db.auditEvent.findFirstOrThrow({
      where: { action: PAYLOADS_DECODED },
      orderBy: { id: 'desc' },
    });
    assert.deepEqual(
      {
        actor: row.actor,
        subjectType: row.subjectType,
        subjectId: row.subjectId,
        workflowId: row.workflowId,
        after: row.after,
      },
      {
        actor: 'oidc:operator-1',
        subjectType: 'namespace',
        subjectId: 'default',
        workflowId,
        after: { role: 'operator', payloads: 3, undecodable: 0 },
      },
    );
    const operatorToken = await stack.db.auditEvent.count({
      where: { action: PAYLOADS_DECODED, actor: 'operator-token:help-desk' },
    });
    assert.ok(operatorToken >= 1);
    const all = await stack.db.auditEvent.findMany({ where: { action: PAYLOADS_DECODED } });
    const stored = JSON.stringify(all, (_, value: unknown) => (typeof value === 'bigint' ? String(value) : value));
    for (const value of [...personal, sharedSecret]) assert.ok(!stored.includes(value));
  });
});

describe('protocol edges', () => {
  test('CORS: the configured Web UI origin gets its preflight and its answer; another origin is refused', async () => {
    const preflight = await fetch(`${server.url}/decode`, {
      method: 'OPTIONS',
      headers: {
        Origin: UI_ORIGIN,
        'Access-Control-Request-Method': 'POST',
        'Access-Control-Request-Headers': 'content-type,x-namespace,authorization',
      },
    });
    assert.equal(preflight.status, 204);
    assert.equal(preflight.headers.get('access-control-allow-origin'), UI_ORIGIN);
    assert.equal(preflight.headers.get('access-control-allow-credentials'), 'true');
    assert.deepEqual(preflight.headers.get('access-control-allow-headers')?.toLowerCase().split(/,\s*/).sort(), [
      'authorization',
      'content-type',
      'x-namespace',
    ]);
    const answer = await post(
      '/decode',
      { payloads: [] },
      { Origin: UI_ORIGIN, Authorization: `Bearer ${desk.token}` },
    );
    assert.equal(answer.response.headers.get('access-control-allow-origin'), UI_ORIGIN);

    const foreign = await fetch(`${server.url}/decode`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(foreign.status, 403);
    assert.equal(foreign.headers.get('access-control-allow-origin'), null);
    const foreignPost = await post(
      '/decode',
      { payloads: [] },
      { Origin: 'https://evil.example', Authorization: `Bearer ${desk.token}` },
    );
    assert.equal(foreignPost.response.status, 403);
  });

  const auth = () => ({ Authorization: `Bearer ${desk.token}` });
  test('malformed bodies: 400 with what is wrong', async () => {
    const notJson = await post('/decode', '{"payloads": [', auth());
    assert.equal(notJson.response.status, 400);
    assert.match(notJson.text, /not JSON/);
    const wrongShape = await post('/decode', { payloads: [{ data: 'not base64!' }] }, auth());
    assert.equal(wrongShape.response.status, 400);
    assert.match((JSON.parse(wrongShape.text) as { message: string }).message, /payloads\.0\.data.*base64/);
    const noPayloads = await post('/decode', { items: [] }, auth());
    assert.equal(noPayloads.response.status, 400);
    assert.doesNotMatch(noPayloads.text, /at .*\.ts:\d+/); // no stack trace
  });

  test('a body over the limit: 413, and the server still answers afterwards', async () => {
    const big = JSON.stringify({ payloads: [{ data: 'A'.repeat(MAX_BODY_BYTES) }] });
    const { response } = await post('/decode', big, auth());
    assert.equal(response.status, 413);
    const after = await post('/decode', { payloads: [] }, auth());
    assert.equal(after.response.status, 200);
  });

  test('unknown paths 404, other methods 405; the CLI path template /<namespace>/decode works', async () => {
    assert.equal((await post('/decrypt', { payloads: [] }, auth())).response.status, 404);
    assert.equal((await fetch(`${server.url}/decode`)).status, 405);
    const templated = await post('/default/decode', { payloads: [asJson(history[0]!.payload)] }, auth());
    assert.equal(templated.response.status, 200);
  });

  test('a payload under a key this server lacks is named, not fatal', async () => {
    const { text } = await post(
      '/decode',
      {
        payloads: [
          {
            ...asJson(history[0]!.payload),
            metadata: {
              ...asJson(history[0]!.payload).metadata,
              'encryption-key-id': Buffer.from('gone-1').toString('base64'),
            },
          },
        ],
      },
      auth(),
    );
    const [value] = (JSON.parse(text) as { payloads: JsonPayload[] }).payloads.map(jsonValue);
    assert.match(String(value), /cannot decrypt.*gone-1/);
  });
});
