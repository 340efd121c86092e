// Runs the end-to-end test files given (node --test, spec reporter) with
// one database made for all of them: the demo of server.mjs is made once
// in a temporary folder (DANSO_E2E_TEMPLATE), and each file's server starts
// on a copy of it; the folder is removed at the end, whatever the outcome.
//   node run.mjs monthly_cycle.test.mjs browser_cycle.test.mjs ...
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { prepareDatabase } from './server.mjs';

const files = process.argv.slice(2);
if (files.length === 0) {
  console.error('usage: node run.mjs FILE.test.mjs... / cách dùng: node run.mjs TỆP.test.mjs...');
  process.exit(2);
}
const template = mkdtempSync(path.join(tmpdir(), 'danso-e2e-template-'));
const cleanUp = () => rmSync(template, { recursive: true, force: true });
// Ctrl+C or a stop while the database is made or the tests run: passed on to
// the test runner (the commands making the database get it from the
// terminal and fail), and the folder is still removed below.
let child = null;
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child?.kill(signal));
let code = 1;
try {
  const started = performance.now();
  prepareDatabase(template);
  console.log(`# the demo database made once for every file, in ${((performance.now() - started) / 1000).toFixed(1)} s`);
  child = spawn(process.execPath, ['--test', '--test-reporter=spec', ...files], {
    stdio: 'inherit',
    env: { ...process.env, DANSO_E2E_TEMPLATE: template },
  });
  code = await new Promise((resolve) => child.on('exit', (c, signal) => resolve(c ?? (signal ? 1 : 0))));
} catch (e) {
  console.error(e);
} finally {
  cleanUp();
}
process.exit(code);
