/**
 * `npm test`: starts what the tests need once, runs every test file with Node's test runner, then
 * stops it all. Temporal: TEMPORAL_ADDRESS if set, else a fresh in-memory dev server. PostgreSQL:
 * a fresh database on DATABASE_URL's server if set (CI uses the machine's PostgreSQL), else
 * embedded PGlite. Extra arguments are passed to `node --test` (e.g. a single file).
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { migrate } from '../prisma/migrate';
import { createScratchDatabase } from '../prisma/scratch-database';
import { startEmbeddedPostgres } from '../service/embedded/postgres';
import { startEmbeddedTemporal } from '../service/embedded/temporal';
import { freePort } from '../testkit/ports';

function findTests(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'support' ? [] : findTests(full);
    return name.endsWith('.test.ts') ? [full] : [];
  });
}

async function main(): Promise<number> {
  const stops: (() => Promise<void>)[] = [];
  try {
    let temporalAddress = process.env.TEMPORAL_ADDRESS;
    if (!temporalAddress) {
      const temporal = await startEmbeddedTemporal({ cliPath: process.env.TEMPORAL_CLI_PATH, port: await freePort() });
      stops.push(temporal.stop);
      temporalAddress = temporal.address;
    }
    let databaseUrl: string;
    if (process.env.DATABASE_URL) {
      const db = await createScratchDatabase(process.env.DATABASE_URL, 'cers_test');
      stops.push(db.drop);
      databaseUrl = db.url;
    } else {
      const embedded = await startEmbeddedPostgres({ port: await freePort() });
      stops.push(embedded.stop);
      databaseUrl = embedded.url;
    }
    await migrate(databaseUrl);
    process.stdout.write(`Test stack: Temporal ${temporalAddress}, PostgreSQL ${databaseUrl.replace(/\/\/[^@]*@/, '//')}\n`);

    const args = process.argv.slice(2);
    const files = args.some((a) => a.endsWith('.ts')) ? args : [...args, ...findTests(__dirname).sort()];
    const child = spawn(process.execPath, ['--import', 'tsx', '--test', '--test-reporter=spec', ...files], {
      stdio: 'inherit',
      env: {
        ...process.env,
        NODE_ENV: 'test',
        TEMPORAL_ADDRESS: temporalAddress,
        DATABASE_URL: databaseUrl,
        CERS_PAYLOAD_KEYS: `test-1=${randomBytes(32).toString('base64')}`,
        // Hashing cost is not what the tests measure.
        CERS_SHARED_SECRET_SCRYPT_COST: '1024',
      },
    });
    return await new Promise<number>((resolve) => child.on('exit', (code, signal) => resolve(code ?? (signal ? 1 : 0))));
  } finally {
    for (const stop of stops.reverse()) await stop().catch((e: Error) => process.stderr.write(`teardown: ${e.message}\n`));
  }
}

main().then(
  (code) => process.exit(code),
  (error: Error) => {
    process.stderr.write(`Test stack failed to start: ${error.stack ?? error.message}\n`);
    process.exit(1);
  },
);
