// Generated training data for a demo database (the fictional province 99):
// the Hậu Giang training plan adopted by the province, and sessions,
// participants and group members made up from the demo's staff registry
// (danso export --kind staff), deterministic, no real person in them:
//  - each district holds a collaborator course in May of 2023, 2024 and
//    2025 (15,000,000 đ each); a collaborator completes it in the year of
//    their id modulo 4 (0: 2023, 1: 2024, 2: 2025), and with id modulo 4
//    = 3 does not (one in two of them attends the 2025 session);
//  - the province holds the 3-month family-planning course in September
//    2024 (40,000,000 đ), completed by the commune officers of even id, and
//    the yearly update in October 2025 (20,000,000 đ), completed by the
//    province staff;
//  - the province staff are imported as members of
//    province_population_civil_servants, the district staff of
//    civil_servants (the plan's role_groups give collaborators and
//    commune officers from the registry).
// Used by server.mjs; also run alone: node tests/e2e/training_demo.mjs DANSO DB
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const repo = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const plan = 'hau-giang-2022-2030';

// The rows of `danso export --kind KIND` as objects (the demo's fields hold no comma).
function exported(danso, db, kind) {
  const text = execFileSync(danso, ['export', '--db', db, '--kind', kind], { encoding: 'utf8', maxBuffer: 1 << 28 });
  const [head, ...lines] = text.split('\n').filter(Boolean);
  const cols = head.split(',');
  return lines.map((line) => { const f = line.split(','); return Object.fromEntries(cols.map((c, i) => [c, f[i] ?? ''])); });
}

// The latest assignment of each person, by id.
function latestStaff(danso, db) {
  const byId = new Map();
  for (const row of exported(danso, db, 'staff')) {
    const prev = byId.get(row.id);
    if (!prev || prev.start <= row.start) byId.set(row.id, row);
  }
  return [...byId.values()].sort((a, b) => Number(a.id) - Number(b.id));
}

// The district above each unit (the unit's version in force last).
function districtOf(danso, db) {
  const units = new Map();
  for (const u of exported(danso, db, 'units')) {
    const prev = units.get(u.code);
    if (!prev || prev.valid_from <= u.valid_from) units.set(u.code, u);
  }
  return (code) => {
    for (let u = units.get(code); u; u = units.get(u.parent_code)) if (u.kind === 'district') return u.code;
    return undefined;
  };
}

export function loadTrainingDemo(danso, db, alreadyImported = false) {
  const dir = mkdtempSync(path.join(tmpdir(), 'danso-training-'));
  try {
    const run = (args) => {
      try {
        execFileSync(danso, [...args, '--db', db], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
      } catch (e) {
        throw new Error(`danso ${args.join(' ')}: ${e.stderr}`);
      }
    };
    if (!alreadyImported) run(['training', 'import', '--unit', '99', '--file', path.join(repo, 'data/programme/training', `${plan}.json`)]);
    const staff = latestStaff(danso, db);
    const district = districtOf(danso, db);
    const collaborators = staff.filter((s) => s.role === 'collaborator' && district(s.unit_code));
    const districts = [...new Set(collaborators.map((s) => district(s.unit_code)))].sort();
    const sessions = ['session,plan,course,course_title,course_kind,unit_code,start,end,cost_vnd,place'];
    const participants = ['session,staff_id,attended,completed'];
    for (const d of districts)
      for (const year of [2023, 2024, 2025])
        sessions.push(`CTV-${d}-${year},${plan},CTV-${year},Tập huấn cộng tác viên ${year},collaborator_training,${d},` +
          `${year}-05-10,${year}-05-12,15000000,Trung tâm Y tế huyện ${d}`);
    sessions.push(`KHHGD-99-2024,${plan},KHHGD-2024,Lớp 3 tháng dân số - KHHGĐ 2024,fp_standard_3m,99,2024-09-03,2024-11-29,40000000,Chi cục Dân số tỉnh`);
    sessions.push(`CN-99-2025,${plan},CN-2025,Cập nhật kiến thức dân số 2025,yearly_update,99,2025-10-06,2025-10-08,20000000,Chi cục Dân số tỉnh`);
    for (const s of collaborators) {
      const d = district(s.unit_code);
      const k = Number(s.id) % 4;
      if (k < 3) participants.push(`CTV-${d}-${2023 + k},${s.id},1,1`);
      else if (Number(s.id) % 8 === 3) participants.push(`CTV-${d}-2025,${s.id},1,0`);
    }
    for (const s of staff.filter((x) => x.role === 'commune_officer'))
      participants.push(`KHHGD-99-2024,${s.id},1,${Number(s.id) % 2 === 0 ? 1 : 0}`);
    const members = ['staff_id,group,unit_code,start'];
    for (const s of staff.filter((x) => x.role === 'province_staff')) {
      participants.push(`CN-99-2025,${s.id},1,1`);
      members.push(`${s.id},province_population_civil_servants,${s.unit_code},${s.start}`);
    }
    for (const s of staff.filter((x) => x.role === 'district_staff'))
      members.push(`${s.id},civil_servants,${s.unit_code},${s.start}`);
    const file = (name, lines) => { const p = path.join(dir, name); writeFileSync(p, lines.join('\n') + '\n'); return p; };
    run(['training', 'sessions', 'import', '--file', file('lop-hoc.csv', sessions)]);
    run(['training', 'participants', 'import', '--file', file('hoc-vien.csv', participants)]);
    run(['training', 'members', 'import', '--file', file('thanh-vien.csv', members)]);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [danso, db, again] = process.argv.slice(2);
  if (!danso || !db) throw new Error('usage: node tests/e2e/training_demo.mjs DANSO_BINARY DB [--plan-imported]');
  loadTrainingDemo(danso, db, again === '--plan-imported');
}
