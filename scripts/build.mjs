// `npm run build`: the service as JavaScript in dist/, ready for `node dist/service/launch.js` with
// production dependencies only: TypeScript compiled to CommonJS (tsconfig.build.json), the workflow
// code bundled now (dist/workflow-bundle.js, so the worker starts without webpack), the SQL
// migrations the service applies at start copied beside the compiled migrator, and the Slack
// console page's script and stylesheet copied beside the compiled console (which reads them at start).
import { spawnSync } from 'node:child_process';
import { cpSync, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const dist = path.join(root, 'dist');

/** @param {string} what @param {string} command @param {string[]} args */
function step(what, command, args) {
  process.stdout.write(`build: ${what}\n`);
  const result = spawnSync(command, args, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

rmSync(dist, { recursive: true, force: true });
step('TypeScript → dist/ (CommonJS)', process.execPath, [
  path.join(root, 'node_modules', 'typescript', 'bin', 'tsc'),
  '-p',
  'tsconfig.build.json',
]);
step('workflow bundle → dist/workflow-bundle.js', process.execPath, [
  '--import',
  'tsx',
  path.join(root, 'service', 'workflow-bundle.ts'),
  path.join(dist, 'workflow-bundle.js'),
]);
cpSync(path.join(root, 'prisma', 'migrations'), path.join(dist, 'prisma', 'migrations'), { recursive: true });
const consoleStatic = path.join('dev', 'slack', 'console', 'static');
cpSync(path.join(root, consoleStatic), path.join(dist, consoleStatic), {
  recursive: true,
  // The page's files only: its tsconfig.json is for type-checking the script.
  filter: (source) => !source.endsWith('tsconfig.json'),
});
// The Terms and Conditions documents, served as pages and checked at start (config/terms.ts).
cpSync(path.join(root, 'terms'), path.join(dist, 'terms'), { recursive: true });
process.stdout.write('build: done (run it with: NODE_ENV=production node dist/service/launch.js)\n');
