// A DanSo server for the end-to-end tests: a small demo database of its own
// in a temporary folder (a copy of the one run.mjs made for every file),
// the demo accounts with passwords drawn for it (danso user demo), the Điện Biên plan adopted by the province and last
// year's rewards saved under resolution 221/2020, a district's budget,
// Ninh Thuận's agency tasks with the agency member assigned to health,
// generated training data (training_demo.mjs), `danso serve` on a free
// loopback port, and a graceful stop (SIGINT; the exit code must be 0).
import { execFileSync, spawn } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, rmSync, existsSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { loadTrainingDemo } from './training_demo.mjs';

// The last year of events in the demo (`danso demo --years 2019-2025`).
export const demoLastYear = 2025;

export const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

function required(name) {
  const v = process.env[name];
  if (!v) throw new Error(`${name} is not set (CTest sets it; see tests/CMakeLists.txt)`);
  return v;
}

// Reads the logins file: USERNAME PASSWORD ROLE UNIT [VILLAGE...] per line,
// keyed by role ('district_staff' twice: the second is `other_district`).
export function readLogins(file) {
  const accounts = {};
  for (const line of readFileSync(file, 'utf8').split('\n').filter(Boolean)) {
    const [username, password, role, unit, ...villages] = line.split(' ');
    const key = accounts[role] ? `other_${role.replace('_staff', '')}` : role;
    accounts[key] = { username, password, role, unit, villages };
  }
  return accounts;
}

// 180,000 persons: the smallest demo with two districts (one per 12 communes of
// 10 villages of ~1,000 persons), for the user of another district.
export const defaultPersons = 180000;
export const defaultSeed = 11;

// Makes the database described above in `dir` (demo.db, logins.txt).
export function prepareDatabase(dir, { persons = defaultPersons, seed = defaultSeed } = {}) {
  const danso = required('DANSO_BINARY');
  const db = path.join(dir, 'demo.db');
  const logins = path.join(dir, 'logins.txt');
  execFileSync(danso, ['demo', '--db', db, '--persons', String(persons), '--seed', String(seed),
    '--years', `2019-${demoLastYear}`], { stdio: 'ignore' });
  execFileSync(danso, ['user', 'demo', '--db', db, '--logins', logins], { stdio: 'ignore' });
  // The Điện Biên plan adopted by the demo province (99), for the plans page.
  execFileSync(danso, ['plan', 'import', '--db', db, '--unit', '99',
    '--file', path.join(repo, 'data/programme/plans/dien-bien-2017-2030.json')], { stdio: 'ignore' });
  // The first district's budget for the demo's last year: 0.2% of regular spending, above the 0.15% floor.
  const budgets = path.join(dir, 'budgets.csv');
  writeFileSync(budgets, `unit_code,year,regular_spending_vnd,population_spending_vnd\n${readLogins(logins).district_staff.unit},${demoLastYear},10000000000,20000000\n`);
  execFileSync(danso, ['budget', 'import', '--db', db, '--file', budgets], { stdio: 'ignore' });
  // Ninh Thuận's tasks (2127/KH-UBND) adopted by the demo province; the demo's agency member speaks for its health department.
  execFileSync(danso, ['task', 'import', '--db', db, '--unit', '99',
    '--file', path.join(repo, 'data/programme/tasks/ninh-thuan-2127.json')], { stdio: 'ignore' });
  execFileSync(danso, ['task', 'member', '--db', db, '--user', 'bn.yte', '--unit', '99', '--agency', 'health'], { stdio: 'ignore' });
  // The demo's last year of rewards under resolution 221/2020, saved (its rule set stored), for the rewards page.
  execFileSync(danso, ['rewards', '--db', db, '--unit', '99', '--year', String(demoLastYear), '--save',
    '--totals', '--rules', path.join(repo, 'data/programme/rules/ha-tinh-221-2020.json')], { stdio: 'ignore' });
  // The Hậu Giang training plan adopted by the province, with generated sessions and completions.
  loadTrainingDemo(danso, db);
}

// Each server has a database of its own: a copy of the one `run.mjs` made
// once for every file of the run (DANSO_E2E_TEMPLATE), or made here (a file
// run by itself, or another demo).
export async function startServer({ persons = defaultPersons, seed = defaultSeed, staticRoot } = {}) {
  const danso = required('DANSO_BINARY');
  const dir = mkdtempSync(path.join(tmpdir(), 'danso-e2e-'));
  const db = path.join(dir, 'demo.db');
  const logins = path.join(dir, 'logins.txt');
  const template = process.env.DANSO_E2E_TEMPLATE;
  if (template && persons === defaultPersons && seed === defaultSeed) {
    for (const f of readdirSync(template)) copyFileSync(path.join(template, f), path.join(dir, f));
  } else {
    prepareDatabase(dir, { persons, seed });
  }
  const args = ['serve', '--db', db, '--listen', '127.0.0.1:0'];
  if (staticRoot) {
    if (!existsSync(path.join(staticRoot, 'index.html')))
      throw new Error(`${staticRoot}/index.html is missing: build the UI first (scripts/build.sh)`);
    args.push('--static', staticRoot);
  }
  const child = spawn(danso, args, { stdio: ['ignore', 'pipe', 'pipe'] });
  let log = '';
  child.stderr.on('data', (d) => { log += d; });
  const exited = new Promise((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
  const base = await new Promise((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`the server did not start in 30 s:\n${out}\n${log}`)), 30000);
    child.stdout.on('data', (d) => {
      out += d;
      const m = out.match(/http:\/\/127\.0\.0\.1:(\d+)\//);
      if (m) { clearTimeout(timer); resolve(`http://127.0.0.1:${m[1]}`); }
    });
    exited.then(({ code }) => { clearTimeout(timer); reject(new Error(`the server exited (${code}):\n${out}\n${log}`)); });
  });
  return {
    base, db, accounts: readLogins(logins), log: () => log,
    // SIGINT: requests in flight finish, the database closes; exit code 0.
    async stop() {
      child.kill('SIGINT');
      const r = await exited;
      rmSync(dir, { recursive: true, force: true });
      return r;
    },
  };
}
