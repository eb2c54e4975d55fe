// Generates the Prisma client (prisma/generated). Prisma's CLI downloads its native schema engine
// on every command, which fails offline; generation never uses that engine, so any existing file
// satisfies the check. See docs/operations.md, "Database".
import { spawnSync } from 'node:child_process';

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY ?? process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
};
const result = spawnSync('npx', ['--no-install', 'prisma', 'generate'], { stdio: 'inherit', env });
process.exit(result.status ?? 1);
