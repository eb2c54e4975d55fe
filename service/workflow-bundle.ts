/**
 * The workflow code bundle. Webpack is heavy (about 100 MB that the heap keeps long after), so
 * the service bundles in a short-lived child process and the worker loads the finished file.
 *
 * zod is preloaded (workflows/shared-zod.ts): evaluated once per worker thread and shared, frozen,
 * by every workflow. Without it each workflow created or replayed evaluated its own copy (about
 * 1 MB of heap and its CPU each time; sharing it took the worker's CPU per registration from 0.196
 * to 0.138 s, docs/benchmarks.md). A bare `preloadModules: ['zod']` would do nothing: zod declares
 * itself free of side effects, so webpack drops the bare `require('zod')` that preloading generates.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { bundleWorkflowCode, type WorkflowBundleWithSourceMap } from '@temporalio/worker';
import { FAILURE_CONVERTER_PATH } from '../client';

const WORKFLOWS_PATH = path.join(__dirname, '..', 'workflows', 'index.ts');
/** Evaluated once per worker thread and shared by every workflow (the module says why and how). */
const SHARED_ZOD_PATH = path.join(__dirname, '..', 'workflows', 'shared-zod.ts');
/**
 * The bundle `npm run build` wrote beside the compiled service (dist/workflow-bundle.js), when this
 * is the build: the worker then starts without webpack.
 */
export const PREBUILT_WORKFLOW_BUNDLE = ((file: string) =>
  __filename.endsWith('.js') && existsSync(file) ? file : undefined)(path.join(__dirname, '..', 'workflow-bundle.js'));

const quietLogger = { trace() {}, debug() {}, info() {}, warn() {}, error() {}, log() {} };

/**
 * Extra workflow interceptor modules (tests: fault injection, shorter activity timeouts), from
 * CERS_WORKFLOW_INTERCEPTOR_MODULES (comma-separated paths); not part of the validated configuration.
 */
export function workflowInterceptorModulesFromEnv(env: NodeJS.ProcessEnv = process.env): string[] {
  return (env.CERS_WORKFLOW_INTERCEPTOR_MODULES ?? '')
    .split(',')
    .filter(Boolean)
    .map((m) => path.resolve(m));
}

export function bundleWorkflows(
  interceptorModules: string[] = workflowInterceptorModulesFromEnv(),
): Promise<WorkflowBundleWithSourceMap> {
  return bundleWorkflowCode({
    workflowsPath: WORKFLOWS_PATH,
    failureConverterPath: FAILURE_CONVERTER_PATH,
    preloadModules: [SHARED_ZOD_PATH],
    workflowInterceptorModules: interceptorModules,
    logger: quietLogger,
  });
}

/**
 * Bundles in a child process; resolves to the path of the written bundle. `interceptorModules`
 * replaces CERS_WORKFLOW_INTERCEPTOR_MODULES when given (the tests' global setup builds variants).
 */
export function bundleWorkflowsToFile(outFile: string, interceptorModules?: string[]): Promise<string> {
  return new Promise((resolve, reject) => {
    const env = interceptorModules
      ? { ...process.env, CERS_WORKFLOW_INTERCEPTOR_MODULES: interceptorModules.join(',') }
      : process.env;
    const child = spawn(process.execPath, ['--import', 'tsx', __filename, outFile], {
      stdio: ['ignore', 'ignore', 'pipe'],
      env,
    });
    let errors = '';
    child.stderr.on('data', (chunk: Buffer) => (errors += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) =>
      code === 0
        ? resolve(outFile)
        : reject(new Error(`Bundling the workflow code failed (exit ${code}): ${errors.trim()}`)),
    );
  });
}

if (require.main === module) {
  const outFile = process.argv[2];
  if (!outFile) throw new Error('usage: workflow-bundle.ts <out-file>');
  bundleWorkflows().then(
    ({ code }) => {
      mkdirSync(path.dirname(outFile), { recursive: true });
      writeFileSync(outFile, code);
    },
    (error: Error) => {
      process.stderr.write(`${error.stack ?? error.message}\n`);
      process.exit(1);
    },
  );
}
