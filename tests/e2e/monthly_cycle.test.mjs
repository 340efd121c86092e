// The monthly cycle end to end, against a server started on a fresh demo
// province: the demo accounts sign in; a collaborator records a slip in one of
// their villages; the commune's dashboard count moves by one; a user of
// another district cannot open that commune.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiSession, indicator } from './api.mjs';
import { startServer } from './server.mjs';

let server;
const as = {};           // ApiSession by account key
const today = new Date().toISOString().slice(0, 10);
const month = today.slice(0, 7);
// A report is submitted once its month is over: the birth goes in last month.
const lastMonth = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7);
const lastMonthDay = `${lastMonth}-15`;

before(async () => {
  server = await startServer();
});

after(async () => {
  if (!server) return;
  const { code, signal } = await server.stop();
  assert.equal(signal, null, 'the server stops on its own after SIGINT');
  assert.equal(code, 0, `the server shuts down gracefully\n${server.log().slice(-2000)}`);
});

test('the server answers its health check', async () => {
  const r = await new ApiSession(server.base).get('/api/v1/health');
  assert.equal(r.status, 200);
});

test('every demo account signs in; a wrong password does not', async () => {
  for (const [key, account] of Object.entries(server.accounts)) {
    as[key] = new ApiSession(server.base);
    const r = await as[key].signIn(account);
    assert.equal(r.status, 200, `${account.username}: ${r.text}`);
    assert.equal(r.body.user.role, account.role);
    assert.equal(r.body.user.unit, account.unit);
    assert.equal(r.body.csrf_token.length, 43);
  }
  assert.deepEqual(Object.keys(as).sort(),
    ['administrator', 'agency_member', 'collaborator', 'commune_officer', 'district_staff', 'other_district'].sort());
  const wrong = await new ApiSession(server.base).signIn({ username: 'vc.xa', password: 'not-the-password-1' });
  assert.equal(wrong.status, 401);
  assert.ok(wrong.body.error.message_vi && wrong.body.error.message_en);
});

test('the collaborator sees only their villages', async () => {
  const { unit, villages } = server.accounts.collaborator;
  for (const v of villages) assert.equal((await as.collaborator.get(`/api/v1/units/${v}`)).status, 200);
  const r = await as.commune_officer.get(`/api/v1/units/${unit}/children`);
  assert.equal(r.status, 200);
  const others = r.body.children.map((c) => c.code).filter((c) => !villages.includes(c));
  assert.ok(others.length > 0, 'the commune has villages not assigned to the collaborator');
  assert.equal((await as.collaborator.get(`/api/v1/units/${others[0]}`)).status, 404);
});

// A married woman of 20-40 living in the village (no death or move-out slip),
// with the number of births the register has for her.
async function findMother(session, village) {
  const list = async (path) => (await session.get(path)).body;
  const persons = (await list(`/api/v1/persons?unit=${village}&per_page=500`)).persons;
  const gone = new Set();
  for (const type of ['death', 'move_out'])
    for (const e of (await list(`/api/v1/events?unit=${village}&type=${type}&per_page=500`)).events) gone.add(e.person_id);
  const births = (await list(`/api/v1/events?unit=${village}&type=birth&per_page=500`)).events;
  const year = Number(today.slice(0, 4));
  const mother = persons.find((p) => p.sex === 'F' && p.marital === 'married' && !gone.has(p.id) &&
    year - Number(p.birth_date.slice(0, 4)) >= 21 && year - Number(p.birth_date.slice(0, 4)) <= 39);
  assert.ok(mother, 'a married woman of 20-40 in the village');
  const hers = births.filter((e) => e.related_id === mother.id);
  return { mother, order: Math.max(hers.length, ...hers.map((e) => e.birth_order ?? 0)) + 1 };
}

test('a birth recorded by the collaborator is in the month\'s report, submitted, approved and on the dashboard', async () => {
  const { unit: commune, villages: [village] } = server.accounts.collaborator;
  const births = () => indicator(as.district_staff, commune, lastMonth, 'births');
  const dashboardBefore = await births();
  const first = await as.commune_officer.post('/api/v1/reports', { unit: commune, period: lastMonth });
  assert.ok([200, 201].includes(first.status), first.text);
  assert.equal(first.body.form, 'commune_monthly');
  assert.equal(first.body.status, 'draft');
  const reportBefore = first.body.total.births;

  const { mother, order } = await findMother(as.collaborator, village);
  // The household she lives in (not necessarily the one she was registered in).
  const home = mother.lives_in_household_id;
  const child = await as.collaborator.post('/api/v1/persons', {
    household_id: home, name: 'Trẻ Mô Phỏng Một', sex: 'M', birth_date: lastMonthDay, relation: 'child' });
  assert.equal(child.status, 201, child.text);
  const birth = await as.collaborator.post('/api/v1/events', {
    type: 'birth', date: lastMonthDay, village_code: village, person_id: child.body.person.id, related_id: mother.id,
    birth_order: order, household_id: home, place: 'trạm y tế xã' });
  assert.equal(birth.status, 201, birth.text);

  const refreshed = await as.commune_officer.post('/api/v1/reports', { unit: commune, period: lastMonth });
  assert.equal(refreshed.status, 200, refreshed.text);
  assert.equal(refreshed.body.id, first.body.id);
  assert.equal(refreshed.body.total.births, reportBefore + 1);
  const row = refreshed.body.rows.find((r) => r.unit === village);
  assert.ok(row && row.values.births >= 1);
  const id = refreshed.body.id;

  // This month's report waits for the month's end: 409 naming the period.
  const current = await as.commune_officer.post('/api/v1/reports', { unit: commune, period: month });
  assert.ok([200, 201].includes(current.status), current.text);
  const early = await as.commune_officer.post(`/api/v1/reports/${current.body.id}/submit`, {});
  assert.equal(early.status, 409, early.text);
  assert.equal(early.body.error.field, 'period');
  assert.match(early.body.error.message_en, /has not ended/);
  assert.match(early.body.error.message_vi, /chưa kết thúc/);

  const submitted = await as.commune_officer.post(`/api/v1/reports/${id}/submit`, {});
  assert.equal(submitted.status, 200, submitted.text);
  assert.equal((await as.commune_officer.post(`/api/v1/reports/${id}/approve`, { comment: 'tự duyệt' })).status, 403);
  assert.equal((await as.other_district.get(`/api/v1/reports/${id}`)).status, 404);
  assert.equal((await as.other_district.post(`/api/v1/reports/${id}/approve`, { comment: 'x' })).status, 404);
  const approved = await as.district_staff.post(`/api/v1/reports/${id}/approve`, { comment: 'đồng ý' });
  assert.equal(approved.status, 200, approved.text);
  const report = await as.district_staff.get(`/api/v1/reports/${id}`);
  assert.equal(report.body.status, 'approved');
  assert.deepEqual(report.body.history.map((h) => h.action), ['compute', 'compute', 'submit', 'approve']);
  assert.equal(report.body.total.births, reportBefore + 1);
  assert.equal(await births(), dashboardBefore + 1);
});

test('a slip recorded by the collaborator moves the commune dashboard by one', async () => {
  const { unit: commune, villages: [village] } = server.accounts.collaborator;
  const district = server.accounts.district_staff.unit;
  const before = {
    commune: await indicator(as.district_staff, commune, month, 'deaths'),
    district: await indicator(as.district_staff, district, month, 'deaths'),
  };
  const persons = await as.collaborator.get(`/api/v1/persons?unit=${village}&per_page=100`);
  assert.equal(persons.status, 200);
  assert.ok(persons.body.persons.length > 10);
  // The first person living in the village today: a death slip for someone
  // who died or moved away is refused with the reason in both languages.
  let recorded = null;
  for (const p of persons.body.persons) {
    const r = await as.collaborator.post('/api/v1/events',
      { type: 'death', date: today, village_code: village, person_id: p.id, place: 'tại nhà' });
    if (r.status === 201) { recorded = r.body.event; break; }
    assert.equal(r.status, 400, r.text);
    assert.ok(r.body.error.message_vi && r.body.error.message_en);
  }
  assert.ok(recorded, 'a living resident of the village');
  assert.equal(recorded.type, 'death');
  assert.equal(recorded.village, village);
  const listed = await as.commune_officer.get(`/api/v1/events?unit=${commune}&from=${today}&to=${today}&type=death`);
  assert.ok(listed.body.events.some((e) => e.id === recorded.id));
  assert.equal(await indicator(as.district_staff, commune, month, 'deaths'), before.commune + 1);
  assert.equal(await indicator(as.district_staff, district, month, 'deaths'), before.district + 1);
});

test('the collaborator cannot record a slip outside their villages', async () => {
  // A village and a person of the other district, as its own user sees them.
  const other = as.other_district;
  const communes = await other.get(`/api/v1/units/${other.user.unit}/children`);
  const villages = await other.get(`/api/v1/units/${communes.body.children[0].code}/children`);
  const village = villages.body.children[0].code;
  const persons = await other.get(`/api/v1/persons?unit=${village}&per_page=1`);
  assert.equal(persons.status, 200);
  const r = await as.collaborator.post('/api/v1/events',
    { type: 'death', date: today, village_code: village, person_id: persons.body.persons[0].id });
  assert.equal(r.status, 404, r.text);
  assert.equal(r.body.error.code, 'not_found');
});

test('a user of another district cannot open the commune', async () => {
  const commune = server.accounts.collaborator.unit;
  for (const path of [`/api/v1/units/${commune}`, `/api/v1/units/${commune}/children`,
    `/api/v1/indicators?unit=${commune}&period=${month}`, `/api/v1/events?unit=${commune}`,
    `/api/v1/persons?unit=${commune}`]) {
    const r = await as.other_district.get(path);
    assert.equal(r.status, 404, `${path}: ${r.text}`);
    assert.equal(r.body.error.code, 'not_found');
  }
});
