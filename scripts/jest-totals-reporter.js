// Appends each jest run's totals to $JEST_TOTALS_FILE so .ci/run can print one closing line for the whole monorepo.
const fs = require('node:fs');

class JestTotalsReporter {
  onRunComplete(_contexts, results) {
    const file = process.env.JEST_TOTALS_FILE;
    if (!file) return;
    const { numPassedTests, numFailedTests, numPendingTests } = results;
    fs.appendFileSync(file, `${numPassedTests} ${numFailedTests} ${numPendingTests}\n`);
  }
}

module.exports = JestTotalsReporter;
