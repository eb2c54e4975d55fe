/**
 * `npm run cbsa:issue -- <BN15> [--json] [--issued-at ISO]`
 *
 * Plays CBSA's part for development and tests: issues (or re-issues) the export authorization of a
 * business number in the local authorization registry and prints its authorization ID and shared
 * secret (activation code) once, as CBSA's e-mail would. The secret is stored only as a scrypt hash
 * and is written nowhere but this one print to stdout.
 *
 * Database: DATABASE_URL if set, else the embedded PostgreSQL of a running `npm start`
 * (127.0.0.1:EMBEDDED_POSTGRES_PORT). Migrations are applied first, so a fresh database works.
 *
 * Exit codes: 0 issued; 1 database unreachable or other failure; 2 bad arguments or configuration.
 */
import { parseArgs } from 'node:util';
import {
  issueAuthorization,
  SHARED_SECRET_VALIDITY_DAYS,
  type IssuedAuthorization,
} from '../activities/cbsa/authorization-registry';
import { ConfigError, loadConfig, type Config } from '../config';
import { stepHeading } from '../slack/text';
import {
  describeBusinessNumberProblem,
  formatBusinessNumber,
  parseExportBusinessNumber,
} from '../domain/business-number';
import { translator } from '../i18n/catalogue';
import { createDatabase } from '../prisma/database';
import { migrate } from '../prisma/migrate';
import { NoDatabaseError, describeDatabaseUrl as describeUrl, operatorDatabaseUrl } from '../records/database-url';

const USAGE = `Usage: npm run cbsa:issue -- <business number, e.g. 123456782RM0001> [--json] [--issued-at 2026-01-31T12:00:00Z]

Issues (or re-issues) the CBSA export authorization for a business number in the local registry
and prints its authorization ID and activation code (shared secret) once.

  --json             print one JSON line {"businessNumber","authorizationId","sharedSecret","expiresAt"}
  --issued-at ISO    issue date (default now); a date more than ${SHARED_SECRET_VALIDITY_DAYS} days ago gives an expired code
  --help             show this help
`;

/** A problem the user can fix; `code` is the exit code. */
class UsageError extends Error {
  constructor(
    message: string,
    readonly code: 1 | 2 = 2,
  ) {
    super(message);
  }
}

interface Options {
  businessNumber: string;
  json: boolean;
  issuedAt?: Date;
}

function parseOptions(argv: string[]): Options | 'help' {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      strict: true,
      options: { json: { type: 'boolean' }, 'issued-at': { type: 'string' }, help: { type: 'boolean', short: 'h' } },
    });
  } catch (error) {
    throw new UsageError(`${(error as Error).message}\n\n${USAGE}`);
  }
  if (parsed.values.help) return 'help';
  // `npm run cbsa:issue -- 123 026 635 RM 0001` arrives as several words: they are one number.
  const typed = parsed.positionals.join(' ');
  if (typed.trim() === '') throw new UsageError(`Give the business number to authorize.\n\n${USAGE}`);
  const bn = parseExportBusinessNumber(typed);
  if (!bn.ok) throw new UsageError(`Invalid business number "${typed}": ${describeBusinessNumberProblem(bn.problem)}`);

  let issuedAt: Date | undefined;
  const issuedAtText = parsed.values['issued-at'];
  if (issuedAtText !== undefined) {
    issuedAt = /^\d{4}-\d{2}-\d{2}/.test(issuedAtText) ? new Date(issuedAtText) : new Date(Number.NaN);
    if (Number.isNaN(issuedAt.getTime())) {
      throw new UsageError(
        `--issued-at: expected an ISO 8601 date or date-time such as 2026-01-31 or 2026-01-31T12:00:00Z, not "${issuedAtText}"`,
      );
    }
  }
  return { businessNumber: bn.value, json: parsed.values.json === true, issuedAt };
}

/** The database to use, or a UsageError (exit 1) saying how to get one. */
async function databaseUrl(config: Config): Promise<string> {
  try {
    return await operatorDatabaseUrl(config);
  } catch (error) {
    if (error instanceof NoDatabaseError) throw new UsageError(error.message, 1);
    throw error;
  }
}

function humanText(issued: IssuedAuthorization, issuedAt: Date, replaced: boolean): string {
  const expires = new Date(issued.expiresAt);
  const expired = expires.getTime() <= Date.now();
  const lines = [
    'CBSA export authorization issued (local CBSA authorization registry)',
    '',
    `  Business number:                 ${formatBusinessNumber(issued.businessNumber)}`,
    `  Authorization ID:                ${issued.authorizationId}`,
    `  Activation code (shared secret): ${issued.sharedSecret}`,
    `  Issued:                          ${issuedAt.toISOString().slice(0, 10)}`,
    `  Expires:                         ${issued.expiresAt.slice(0, 10)} (${issued.expiresAt})${expired ? '  ALREADY EXPIRED' : ''}`,
    '',
    `The activation code is valid ${SHARED_SECRET_VALIDITY_DAYS} days from its issue date and can be used once, to create the`,
    // The step as the modal names it, so the two can be matched at a glance.
    `CERS business account for this business number, at "${stepHeading(translator('en'), 'businessAccount')}" of the registration.`,
    'Keep it secret, like a password: it is shown only this once, and CERS stores only a hash of it.',
  ];
  if (replaced)
    lines.push('', 'This replaces the previous activation code for this business number, which no longer works.');
  return `${lines.join('\n')}\n`;
}

function write(stream: NodeJS.WriteStream, text: string): Promise<void> {
  return new Promise((resolve) => stream.write(text, () => resolve()));
}

async function main(argv: string[]): Promise<number> {
  const options = parseOptions(argv);
  if (options === 'help') {
    await write(process.stdout, USAGE);
    return 0;
  }
  const config = loadConfig();
  const url = await databaseUrl(config);
  if (config.cbsaRegistry) {
    await write(
      process.stderr,
      `Note: CBSA_REGISTRY_URL is set, so the service redeems activation codes at ${new URL(config.cbsaRegistry.url).origin}, ` +
        `not in the local registry; a code issued here works only if that registry reads ${describeUrl(url)}.\n`,
    );
  }
  try {
    await migrate(url);
  } catch (error) {
    const { code, message } = error as NodeJS.ErrnoException;
    if (code === 'ECONNREFUSED' || code === 'ENOTFOUND' || code === 'ETIMEDOUT') {
      throw new UsageError(`Cannot reach the database at ${describeUrl(url)}: ${message || code}`, 1);
    }
    throw error;
  }
  const db = createDatabase(url, { maxConnections: 1 });
  try {
    const previous = await db.cbsaAuthorization.findUnique({
      where: { businessNumber: options.businessNumber },
      select: { businessNumber: true },
    });
    const issuedAt = options.issuedAt ?? new Date();
    const issued = await issueAuthorization(db, options.businessNumber, {
      issuedAt,
      scryptCost: config.sharedSecretScryptCost,
    });
    await write(
      process.stdout,
      options.json
        ? `${JSON.stringify({ businessNumber: issued.businessNumber, authorizationId: issued.authorizationId, sharedSecret: issued.sharedSecret, expiresAt: issued.expiresAt })}\n`
        : humanText(issued, issuedAt, previous !== null),
    );
    return 0;
  } finally {
    await db.$disconnect();
  }
}

main(process.argv.slice(2)).then(
  (code) => process.exit(code),
  async (error: unknown) => {
    if (error instanceof UsageError) {
      await write(process.stderr, `${error.message}\n`);
      process.exit(error.code);
    }
    if (error instanceof ConfigError) {
      await write(process.stderr, `${error.message}\nSee docs/configuration.md.\n`);
      process.exit(2);
    }
    // Unexpected: the message only (it never contains the secret, which exists only after success).
    await write(process.stderr, `cbsa:issue failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exit(1);
  },
);
