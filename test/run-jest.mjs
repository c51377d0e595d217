/**
 * Runs jest and exits with what the results say, not only with jest's own exit code: a stray handler in a child
 * library can end jest's process with 0 after a failed run, and CI must never read a red run as green. Prints the
 * plain closing line `N passed, N failed, N skipped` as well.
 */
import { spawnSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const require = createRequire(import.meta.url);
const jest = path.join(path.dirname(require.resolve('jest/package.json', { paths: [root] })), 'bin', 'jest.js');
const out = path.join(root, '.test-data', 'jest-results.json');
fs.mkdirSync(path.dirname(out), { recursive: true });
fs.rmSync(out, { force: true });

const run = spawnSync(process.execPath, [jest, '--json', `--outputFile=${out}`, ...process.argv.slice(2)], { cwd: root, stdio: 'inherit' });
let results = null;
try {
  results = JSON.parse(fs.readFileSync(out, 'utf8'));
} catch {
  console.error('jest wrote no results: the run did not finish');
}
if (results) {
  const failedSuites = results.numFailedTestSuites + (results.numRuntimeErrorTestSuites ?? 0);
  console.log(`\n${results.numPassedTests} passed, ${results.numFailedTests} failed, ${results.numPendingTests} skipped`);
  if (failedSuites && !results.numFailedTests) console.log(`${failedSuites} test suite(s) failed to run`);
}
const ok = results != null && results.success && results.numFailedTests === 0 && run.status === 0;
process.exit(ok ? 0 : 1);
