// Adds up Jest's JSON reports into the one closing line CI reads: `N passed, N failed`.
// A report that is missing (Jest could not even start, e.g. a service failed) counts as failed.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const dir = process.argv[2];
const runs = ['unit', 'admin', 'integration'];
let passed = 0;
let failed = 0;
for (const run of runs) {
  let report;
  try {
    report = JSON.parse(readFileSync(join(dir, `${run}.json`), 'utf8'));
  } catch {
    console.log(`${run}: no report (the run could not start; see its output above)`);
    failed += 1;
    continue;
  }
  // Suites that failed to run (a setup error) hold no test results but are still failures.
  const brokenSuites = report.testResults.filter(
    (suite) => suite.status === 'failed' && suite.assertionResults.length === 0,
  ).length;
  console.log(
    `${run}: ${report.numPassedTests} passed, ${report.numFailedTests} failed` +
      (brokenSuites ? `, ${brokenSuites} suites could not run` : ''),
  );
  passed += report.numPassedTests;
  failed += report.numFailedTests + brokenSuites;
}
const compose = readFileSync(join(dir, 'compose.txt'), 'utf8');
if (/ [1-9]\d* failed/.test(compose.trim().split('\n').at(-1) ?? '')) failed += 1;
else passed += 1;
// Written by the integration run's global teardown: its scan of every workflow history.
let historyScan = '';
try {
  historyScan = readFileSync(join(dir, 'history-scan.txt'), 'utf8').trim();
} catch {
  historyScan = 'FAIL history scan: no report (the integration run did not finish)';
}
console.log(historyScan);
if (historyScan.startsWith('ok')) passed += 1;
else failed += 1;
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed > 0 ? 1 : 0);
