// @ts-check
/**
 * A Jest reporter that ends the run with one plain line, `N passed, N failed` (`, N skipped` when
 * any), from Jest's own totals: the closing line CI reads. A test file that could not run at all
 * (it failed to load, or a hook outside any test failed) counts as one failure, so the line never
 * says 0 failed when Jest fails. Printed as the process exits, after Jest's own summary and the
 * global teardown, so it is the last line; also written to test-output/test-summary.txt, for .ci/run
 * to repeat after npm's own error lines when the run fails. Plain JavaScript: Jest loads reporters
 * untransformed.
 */
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';

export const SUMMARY_FILE = path.join(import.meta.dirname, '..', '..', 'test-output', 'test-summary.txt');

export default class SummaryReporter {
  onRunStart() {
    rmSync(SUMMARY_FILE, { force: true });
  }

  /**
   * @param {unknown} _contexts
   * @param {{ numPassedTests: number, numFailedTests: number, numRuntimeErrorTestSuites: number, numPendingTests: number, numTodoTests: number }} results
   *   Jest's AggregatedResult (the totals it prints as `Tests:`)
   */
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`;
    mkdirSync(path.dirname(SUMMARY_FILE), { recursive: true });
    writeFileSync(SUMMARY_FILE, line);
    process.once('exit', () => process.stderr.write(line));
  }
}
