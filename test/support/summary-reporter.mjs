// @ts-check
/**
 * A Jest reporter that ends the run with one plain line, `N passed, N failed` (`, N skipped` when
 * any), from Jest's own totals: the closing line CI reads. A test file that could not run at all
 * (it failed to load, or a hook outside any test failed) counts as one failure, so the line never
 * says 0 failed when Jest fails. Printed as the process exits, after Jest's own summary and the
 * global teardown, so it is the last line. Plain JavaScript: Jest loads reporters untransformed.
 */
export default class SummaryReporter {
  /**
   * @param {unknown} _contexts
   * @param {{ numPassedTests: number, numFailedTests: number, numRuntimeErrorTestSuites: number, numPendingTests: number, numTodoTests: number }} results
   *   Jest's AggregatedResult (the totals it prints as `Tests:`)
   */
  onRunComplete(_contexts, results) {
    const failed = results.numFailedTests + results.numRuntimeErrorTestSuites;
    const skipped = results.numPendingTests + results.numTodoTests;
    const line = `${results.numPassedTests} passed, ${failed} failed${skipped > 0 ? `, ${skipped} skipped` : ''}\n`;
    process.once('exit', () => process.stderr.write(line));
  }
}
