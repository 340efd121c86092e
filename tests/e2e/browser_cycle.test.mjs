// The monthly cycle in the browser (web/dist served by `danso serve`): the
// commune officer signs in, opens the tree and a village's register; the
// collaborator signs in, sees only their villages and records a slip in the
// slip form (a birth is recorded through the API in monthly_cycle.test.mjs);
// the officer's report counts it and is submitted and approved; the district
// user's dashboard for the commune moves by one; the district user reads
// the training coverage of their district (the same figures as the command
// line);
// a user of another district is not offered the commune and the API answers
// 404 to their browser; the administrator turns on two-step verification
// on their account page and signs in again with a code; the collaborator
// reads the work lists of their village (the API's counts and reasons, on a
// phone, printed). Screenshots of each
// page go to DANSO_E2E_SCREENSHOTS.
import { execFileSync } from 'node:child_process';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiSession } from './api.mjs';
import { chooseUnit, dashboardValue, launchBrowser, newPage, openPage, screenshot, signIn } from './browser.mjs';
import { demoLastYear, startServer } from './server.mjs';
import { totpCode } from './totp.mjs';

let server, browser;
const pages = {};
const today = new Date().toISOString().slice(0, 10);
// A report is submitted once its month is over: the cycle runs on last month.
const month = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 2, 1)).toISOString().slice(0, 7);
const slipDay = `${month}-15`;
// Three months back: a report submitted today is late whatever the deadline.
const latePeriod = new Date(Date.UTC(Number(today.slice(0, 4)), Number(today.slice(5, 7)) - 4, 1)).toISOString().slice(0, 7);
let deathsBefore;
let died;  // the person whose death the slip form recorded

before(async () => {
  if (!process.env.DANSO_WEB_DIST) throw new Error('DANSO_WEB_DIST is not set (CTest sets it)');
  server = await startServer({ staticRoot: process.env.DANSO_WEB_DIST });
  browser = await launchBrowser();
});

after(async () => {
  await browser?.close();
  if (!server) return;
  const { code } = await server.stop();
  assert.equal(code, 0, `the server shuts down gracefully\n${server.log().slice(-2000)}`);
});

test('the commune officer signs in and sees the commune in the tree', async () => {
  const { commune_officer: officer } = server.accounts;
  pages.officer = await newPage(browser, server.base);
  await signIn(pages.officer, officer, '01-sign-in');
  await chooseUnit(pages.officer, officer.unit);
  for (const v of server.accounts.collaborator.villages) await pages.officer.getByTestId(`unit-${v}`).waitFor();
  await screenshot(pages.officer, '02-tree');
});

test('the district user reads the commune dashboard', async () => {
  const { district_staff: district, collaborator } = server.accounts;
  pages.district = await newPage(browser, server.base);
  await signIn(pages.district, district);
  await chooseUnit(pages.district, collaborator.unit, [district.unit]);
  deathsBefore = await dashboardValue(pages.district, month, 'deaths');
  assert.ok(Number.isInteger(deathsBefore) && deathsBefore >= 0, `deaths: ${deathsBefore}`);
});

test('the district user reads the plan\'s targets for the district and drills down to a commune', async () => {
  const { district_staff: district, collaborator } = server.accounts;
  const page = pages.district;
  const year = String(demoLastYear);
  const population = await dashboardValue(page, year, 'population');
  await chooseUnit(page, district.unit);
  await openPage(page, 'plans');
  await page.getByTestId('plan-targets').waitFor();
  assert.match(await page.getByTestId('plan-unit').innerText(), new RegExp(`^${district.unit} `));
  // Every target of the plan is listed, each with a status.
  assert.equal(await page.locator('[data-testid^="target-"][data-testid$="-status"]').count(), 21, 'plan targets listed');
  await page.getByTestId('plan-children').waitFor();
  // The district's budget for the demo's last year, 0.2% of regular spending: above the floor.
  await page.getByTestId('plan-year').fill(year);
  await page.getByTestId('plan-apply').click();
  await page.getByTestId(`budget-${district.unit}`).waitFor();
  assert.equal(await page.getByTestId(`budget-${district.unit}`).locator('[data-status]').getAttribute('data-status'),
    'meets', 'the district\'s budget against the floor');
  await screenshot(page, 'plan-1-district');
  await page.getByTestId(`plan-drill-${collaborator.unit}`).click();
  await page.getByTestId(`crumb-${collaborator.unit}`).waitFor();
  await page.waitForFunction((code) => document.querySelector('[data-testid="plan-unit"]')?.textContent?.startsWith(code + ' '),
    collaborator.unit);
  // The commune's population target reads the same figure as its dashboard.
  const value = Number(await page.getByTestId('target-population-value').getAttribute('data-value'));
  assert.equal(value, population, 'the commune\'s population target against its dashboard');
  await page.getByTestId('target-population-trend').waitFor();
  await screenshot(page, 'plan-2-commune');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'plan-3-commune-phone');
  await page.setViewportSize({ width: 1366, height: 768 });
});

test('the district user reads the training coverage of the district: the same figures as the command line', async () => {
  const { district_staff: district } = server.accounts;
  const page = pages.district;
  const year = String(demoLastYear);
  await chooseUnit(page, district.unit);
  await openPage(page, 'training');
  await page.getByTestId('training-year').fill(year);
  await page.getByTestId('training-apply').click();
  const row = 'collaborators-collaborator_training';
  await page.waitForFunction(() => document.querySelector('[data-testid="training-coverage"]'));
  await page.getByTestId(`training-row-${row}`).waitFor();
  const cli = JSON.parse(execFileSync(process.env.DANSO_BINARY, ['training', 'coverage', '--db', server.db, '--unit',
    district.unit, '--year', year, '--format', 'json'], { encoding: 'utf8' }));
  const expected = cli.plans[0].rows.find((r) => r.group === 'collaborators' && r.course_kind === 'collaborator_training');
  assert.ok(expected.members > 0, 'the district has collaborators');
  const number = async (id) => Number((await page.getByTestId(id).innerText()).replace(/[^0-9]/g, ''));
  assert.equal(await number(`training-${row}-members`), expected.members, 'members against the command line');
  assert.equal(await number(`training-${row}-covered`), expected.covered, 'covered against the command line');
  assert.equal(await page.getByTestId(`training-${row}-status`).getAttribute('data-status'), expected.met ? 'met' : 'missed');
  assert.equal(Number(await page.getByTestId('training-spent-year').getAttribute('data-value')),
    cli.plans[0].spending.year_vnd, 'the year\'s spending against the command line');
  // The communes of the district for the same target, each as the command line counts it.
  await page.getByTestId('training-target').selectOption(row);
  await page.getByTestId('training-children').waitFor();
  const index = cli.plans[0].rows.indexOf(expected);
  assert.equal(await page.locator('[data-testid^="training-child-"][data-testid$="-members"]').count(),
    cli.plans[0].children.length, 'one row a commune');
  for (const kid of cli.plans[0].children.slice(0, 3))
    assert.equal(await number(`training-child-${kid.unit}-members`), kid.rows[index].members, `members of ${kid.unit}`);
  // Who among the collaborators still needs the course: as many as are not covered.
  await page.getByTestId('training-group').selectOption('collaborators');
  await page.getByTestId('training-needs').waitFor();
  assert.equal(await page.locator('[data-testid^="training-need-"]').count(), expected.members - expected.covered);
  await screenshot(page, 'training-1');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'training-2');
  await page.setViewportSize({ width: 1366, height: 768 });
});

// The commune's report for the month as the officer sees it: computed from
// the register (or refreshed), its total of one column.
async function computeReport(page, commune, column) {
  await chooseUnit(page, commune);
  await openPage(page, 'reports');
  await page.getByTestId('report-period').fill(month);
  await page.getByTestId('report-compute').click();
  await page.getByTestId('report-page').waitFor();
  await page.getByTestId(`report-total-${column}`).waitFor();
  return {
    id: await page.getByTestId('report-page').getAttribute('data-report-id'),
    total: Number((await page.getByTestId(`report-total-${column}`).innerText()).replace(/[^0-9]/g, '')),
  };
}

let reportBefore;
test('the commune officer computes the month\'s report', async () => {
  reportBefore = await computeReport(pages.officer, server.accounts.commune_officer.unit, 'deaths');
  assert.equal(await pages.officer.getByTestId('report-status').getAttribute('data-status'), 'draft');
});

test('the commune officer opens a village register', async () => {
  const page = pages.officer;
  const village = server.accounts.collaborator.villages[0];
  await chooseUnit(page, village, [server.accounts.commune_officer.unit]);
  await openPage(page, 'register');
  await page.getByTestId('households-table').waitFor();
  assert.ok((await page.locator('[data-testid^="household-members-"]').count()) > 0);
  await screenshot(page, '03-register');
});

test('the collaborator signs in and sees only their villages', async () => {
  const { collaborator } = server.accounts;
  pages.collaborator = await newPage(browser, server.base);
  await signIn(pages.collaborator, collaborator);
  for (const v of collaborator.villages) await pages.collaborator.getByTestId(`unit-${v}`).waitFor();
  assert.equal(await pages.collaborator.getByTestId(`unit-${collaborator.unit}`).count(), 0, 'not the commune');
});

test('the collaborator records a slip in the slip form', async () => {
  const page = pages.collaborator;
  const village = server.accounts.collaborator.villages[0];
  await chooseUnit(page, village);
  await openPage(page, 'slips');
  await page.getByTestId('slip-type').selectOption('death');
  assert.equal(await page.getByTestId('slip-village_code').inputValue(), village);
  // Persons of the village; one who died or moved away is refused by the
  // server with its message shown in the form.
  const api = new ApiSession(server.base);
  await api.signIn(server.accounts.collaborator);
  // Those a death slip can name today (the picker offers only them).
  const persons = (await api.get(`/api/v1/persons?unit=${village}&per_page=30&for=death`)).body.persons;
  // The person picker: the first person's name typed without diacritics
  // lists them; choosing them fills the id.
  const first = persons[0];
  const folded = first.name.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D');
  await page.getByTestId('slip-person_id-search').fill(folded.toLowerCase());
  await page.getByTestId(`slip-person_id-match-${first.id}`).waitFor();
  await screenshot(page, '04-slip-person-picker');
  await page.getByTestId(`slip-person_id-match-${first.id}`).click();
  assert.equal(await page.getByTestId('slip-person_id').inputValue(), String(first.id));
  assert.ok((await page.getByTestId('slip-person_id-chosen').innerText()).includes(first.name));
  let saved = false;
  for (const p of persons) {
    await page.getByTestId('slip-date').fill(slipDay);
    if (p !== first) await page.getByTestId('slip-person_id').fill(String(p.id));
    await page.getByTestId('slip-submit').click();
    const outcome = page.getByTestId('slip-saved').or(page.getByTestId('slip-error'));
    await outcome.first().waitFor();
    if (await page.getByTestId('slip-saved').isVisible()) { saved = true; died = p; break; }
    assert.notEqual((await page.getByTestId('slip-error').innerText()).trim(), '');
  }
  assert.ok(saved, 'a slip was recorded through the form');
  await page.getByTestId('slips-table').waitFor();
  await screenshot(page, '04-slip-form');
});

test('the collaborator corrects the slip with a reason and reads its versions', async () => {
  const page = pages.collaborator;
  const api = new ApiSession(server.base);
  await api.signIn(server.accounts.collaborator);
  const village = server.accounts.collaborator.villages[0];
  const slips = (await api.get(`/api/v1/events?unit=${village}&type=death&from=${slipDay}&to=${slipDay}`)).body.events;
  const slip = slips.find((e) => e.person_id === died.id);
  assert.ok(slip, 'the death slip is listed');
  assert.equal(slip.person_name, died.name, 'the list names the person');
  await page.getByTestId('slips-month').fill(`${month.slice(5, 7)}/${month.slice(0, 4)}`);
  await page.getByTestId(`slip-edit-${slip.id}`).click();
  await page.getByTestId('slip-correction').waitFor();
  await page.getByTestId('slip-place').fill('Trạm y tế xã');
  // Without a reason: the message at the reason's field, gone once typed in.
  await page.getByTestId('slip-submit').click();
  await page.getByTestId('slip-reason-error').waitFor();
  await page.getByTestId('slip-reason').fill('Ghi nhầm nơi mất');
  assert.equal(await page.getByTestId('slip-reason-error').count(), 0, 'the message goes once the field is typed in');
  await page.getByTestId('slip-submit').click();
  await page.getByTestId('slip-corrected').waitFor();
  const now = (await api.get(`/api/v1/events/${slip.id}`)).body.event;
  assert.equal(now.place, 'Trạm y tế xã');
  await page.getByTestId(`slip-history-${slip.id}`).click();
  await page.getByTestId('slip-version-2').waitFor();
  const v2 = await page.getByTestId('slip-version-2').innerText();
  assert.ok(v2.includes('Ghi nhầm nơi mất'), v2);
  assert.ok(v2.includes('Trạm y tế xã'), v2);
  await screenshot(page, '04-slip-corrected');
  await page.getByTestId('slip-correction-close').click();
  await page.getByTestId('slip-form').waitFor();
  // A birth: choosing the mother proposes her next birth order.
  const recent = `${Number(today.slice(0, 4)) - 3}-01-01`;
  const births = (await api.get(`/api/v1/events?unit=${village}&type=birth&from=${recent}&per_page=200`)).body.events;
  assert.ok(births.length > 0, 'the village has births');
  const mother = births[births.length - 1].related_id;
  const history = (await api.get(`/api/v1/persons/${mother}`)).body.person.history;
  const highest = Math.max(...history.filter((e) => e.type === 'birth' && e.related_id === mother).map((e) => e.birth_order));
  assert.ok(highest >= 1, `mother ${mother} has a birth`);
  await page.getByTestId('slip-type').selectOption('birth');
  await page.getByTestId('slip-related_id').fill(String(mother));
  await page.waitForFunction(([want]) => document.querySelector('[data-testid="slip-birth_order"]')?.value === want,
    [String(highest + 1)]);
  // The newborn declared in the same form: added to the mother's household.
  assert.equal(await page.getByTestId('slip-person_id').count(), 0, 'no child id to type');
  await page.getByTestId('slip-child-name').fill('Lò Thị Mới Sinh');
  await page.getByTestId('slip-child-sex').selectOption('F');
  await page.getByTestId('slip-submit').click();
  await page.getByTestId('slip-saved').or(page.getByTestId('slip-error')).first().waitFor();
  const said = await page.getByTestId('slip-saved').innerText();
  assert.ok(said.includes('Lò Thị Mới Sinh'), said);
  await screenshot(page, '04-slip-birth-newborn');
  const home = (await api.get(`/api/v1/persons/${mother}`)).body.person.household_id;
  const members = (await api.get(`/api/v1/households/${home}`)).body.household.members;
  assert.ok(members.some((m) => m.name === 'Lò Thị Mới Sinh'), 'the child is in the mother\'s household');
  // A marriage to a spouse who is not in the register: named on the slip,
  // not added to the register.
  const before = (await api.get(`/api/v1/persons?unit=${village}`)).body.total;
  const year = Number(today.slice(0, 4));
  const marrying = (await api.get(`/api/v1/persons?unit=${village}&per_page=200&for=marriage`)).body.persons
    .filter((p) => p.status.marital !== 'married' && Number(p.birth_date.slice(0, 4)) <= year - 21 &&
      Number(p.birth_date.slice(0, 4)) >= year - 45);
  assert.ok(marrying.length > 0, 'the village has unmarried adults');
  await page.getByTestId('slip-type').selectOption('marriage');
  await page.getByTestId('slip-outside-spouse').check();
  assert.equal(await page.getByTestId('slip-related_id').count(), 0, 'no spouse id to type');
  // Without the spouse's name: the message at the name's field.
  await page.getByTestId('slip-date').fill(slipDay);
  await page.getByTestId('slip-person_id').fill(String(marrying[0].id));
  await page.getByTestId('slip-submit').click();
  await page.getByTestId('slip-spouse_name-error').waitFor();
  let married = null;
  for (const p of marrying) {
    await page.getByTestId('slip-date').fill(slipDay);
    await page.getByTestId('slip-person_id').fill(String(p.id));
    await page.getByTestId('slip-spouse_name').fill('Phạm Văn Ngoài Sổ');
    await page.getByTestId('slip-spouse_birth_year').fill('1990');
    await page.getByTestId('slip-spouse_nationality').fill('Lào');
    await page.getByTestId('slip-submit').click();
    await page.getByTestId('slip-saved').or(page.getByTestId('slip-error')).first().waitFor();
    if (await page.getByTestId('slip-saved').isVisible()) { married = p; break; }
  }
  assert.ok(married, 'a marriage to a spouse outside the register was recorded through the form');
  const marriages = (await api.get(`/api/v1/events?unit=${village}&type=marriage&from=${slipDay}&to=${slipDay}`)).body.events;
  const m = marriages.find((e) => e.person_id === married.id);
  assert.equal(m.spouse_name, 'Phạm Văn Ngoài Sổ');
  assert.equal(m.related_id, null);
  assert.equal((await api.get(`/api/v1/persons/${married.id}`)).body.person.status.marital, 'married');
  assert.equal((await api.get(`/api/v1/persons?unit=${village}`)).body.total, before, 'the spouse is not added');
  await page.getByTestId(`slip-row-${m.id}`).waitFor();
  assert.ok((await page.getByTestId(`slip-row-${m.id}`).innerText()).includes('Phạm Văn Ngoài Sổ'));
  await screenshot(page, '04-slip-outside-spouse');
  await page.getByTestId('slip-type').selectOption('birth');  // the form as the steps after it expect
});

test('on a phone: a one-row header under a tenth of the screen, the pages under the menu, 44 px buttons, days as dd/mm/yyyy', async () => {
  const page = pages.collaborator;
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    const header = await page.locator('header.topbar').boundingBox();
    assert.ok(header.height <= 74, `the header is ${header.height} px tall`);
    assert.equal(await page.getByTestId('nav').isVisible(), false, 'the pages are under the menu');
    const small = await page.evaluate(() => [...document.querySelectorAll('button, .button, input, select')]
      .filter((e) => e.offsetParent !== null && !['checkbox', 'radio', 'hidden'].includes(e.type))
      .map((e) => [e.getAttribute('data-testid') ?? e.textContent.trim(), e.getBoundingClientRect().height])
      .filter(([, h]) => h < 44));
    assert.deepEqual(small, [], 'buttons and fields lower than 44 px');
    // The slip list, for the slip's month typed as the forms write it,
    // writes days as the forms do.
    await page.getByTestId('slips-month').fill(`${month.slice(5, 7)}/${month.slice(0, 4)}`);
    await page.waitForFunction(() => document.querySelectorAll('[data-testid="slips-table"] tbody tr').length > 0);
    const days = await page.locator('[data-testid="slips-table"] tbody td').allInnerTexts();
    assert.ok(days.some((d) => /^\d{2}\/\d{2}\/\d{4}$/.test(d.trim())), days.slice(0, 8).join(' | '));
    assert.ok(!days.some((d) => /^\d{4}-\d{2}-\d{2}$/.test(d.trim())), 'no ISO day left in the list');
    await screenshot(page, '04-slip-phone');
    await page.getByTestId('menu-toggle').click();
    await page.getByTestId('nav').waitFor();
    await screenshot(page, '04-slip-phone-menu');
    await page.getByTestId('nav-register').click();
    await page.getByTestId('register-page').waitFor();
    // The menu closes once the page has changed (an effect after the render).
    await page.getByTestId('nav').waitFor({ state: 'hidden', timeout: 2000 }).catch(() => {});
    assert.equal(await page.getByTestId('nav').isVisible(), false, 'choosing a page closes the menu');
  } finally {
    await page.setViewportSize({ width: 1366, height: 768 });
  }
});

test('the collaborator\'s work lists: the counts the API gives, the reasons, a phone at 360 px and the printed page', async () => {
  const page = pages.collaborator;
  const village = server.accounts.collaborator.villages[0];
  const on = `${demoLastYear}-06-30`;
  await chooseUnit(page, village);
  await openPage(page, 'worklists');
  await page.getByTestId('worklists-on').fill(`30/06/${demoLastYear}`);
  await page.getByTestId('worklists-show').click();
  const api = new ApiSession(server.base);
  await api.signIn(server.accounts.collaborator);
  const lists = (await api.get(`/api/v1/worklists?unit=${village}&on=${on}`)).body;
  assert.equal(lists.on, on);
  await page.waitForFunction(() => document.querySelector('[data-testid="worklists-tab-no_method"]') !== null);
  for (const [list, n] of Object.entries(lists.counts))
    assert.equal(Number(await page.getByTestId(`worklists-tab-${list}`).getAttribute('data-count')), n, list);
  // The list with rows that asks most of the collaborator: its rows are the API's, with their reasons.
  const shown = ['prenatal_screening', 'newborn_screening', 'no_method'].find((l) => lists.counts[l] > 0);
  assert.ok(shown, `a list with rows: ${JSON.stringify(lists.counts)}`);
  await page.getByTestId(`worklists-tab-${shown}`).click();
  const rows = lists.rows.filter((r) => r.list === shown);
  const table = page.getByTestId(`worklists-table-${shown}`);
  await table.waitFor();
  assert.equal(await table.locator('tbody tr').count(), rows.length);
  assert.ok((await page.getByTestId(`worklists-row-${rows[0].person_id}`).innerText()).includes(rows[0].reason_vi));
  await screenshot(page, 'worklists-1');
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(overflow <= 360, `the page is ${overflow} px wide on a 360 px phone`);
    await screenshot(page, 'worklists-2-phone');
  } finally {
    await page.setViewportSize({ width: 1366, height: 768 });
  }
  const href = await page.getByTestId('worklists-print').getAttribute('href');
  const printed = await page.context().newPage();
  await printed.goto(href);
  assert.equal(await printed.locator('section.list').count(), 1);
  assert.equal(await printed.locator('section.list tbody tr').count(), rows.length);
  await screenshot(printed, 'worklists-3-print');
  await printed.close();
});

test('the register shows the death the slip recorded', async () => {
  const page = pages.officer;
  const village = server.accounts.collaborator.villages[0];
  await chooseUnit(page, village, [server.accounts.commune_officer.unit]);
  await openPage(page, 'register');
  await page.getByTestId('households-table').waitFor();
  // A page number typed in the pager.
  if (await page.getByTestId('register-pager-go').count()) {
    await page.getByTestId('register-pager-go').fill('2');
    await page.getByTestId('register-pager-go').press('Enter');
    await page.waitForFunction(() => /\b2\//.test(document.querySelector('[data-testid="register-pager-status"]')?.textContent ?? ''));
  }
  // Searched by name with extra spaces: marked dead since the slip's day, with the death in their history.
  await page.getByTestId('register-search').fill(`  ${died.name.split(' ').join('   ')} `);
  await page.getByTestId('register-search-submit').click();
  const residence = page.getByTestId(`person-residence-${died.id}`);
  await residence.waitFor();
  const text = await residence.innerText();
  const dayAsShown = slipDay.split('-').reverse().join('/');  // dd/mm/yyyy
  assert.ok(text.includes(dayAsShown) && /chết|Dead/.test(text), `residence: ${text}`);
  await page.getByTestId(`person-open-${died.id}`).click();
  const history = page.getByTestId(`person-history-${died.id}`);
  await history.waitFor();
  assert.match(await history.innerText(), /chết|death/i);
  // The household they lived in opens from the result: the dead only with the box ticked.
  await page.getByTestId(`person-household-${died.id}`).click();
  const shown = page.getByTestId('register-shown-household');
  await shown.waitFor();
  await shown.locator('[data-testid^="members-former-"]').waitFor();
  assert.equal(await shown.getByTestId(`person-${died.id}`).count(), 0, 'not a member today');
  await shown.locator('[data-testid^="members-former-"]').check();
  await shown.getByTestId(`person-${died.id}`).waitFor();
  await screenshot(page, '04-register-status');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, '04-register-status-phone');
  await page.setViewportSize({ width: 1366, height: 768 });
});

let reportId;
test('the report counts the slip; the officer submits it and the district user approves it', async () => {
  const page = pages.officer;
  const after = await computeReport(page, server.accounts.commune_officer.unit, 'deaths');
  assert.equal(after.id, reportBefore.id, 'the draft is refreshed');
  assert.equal(after.total, reportBefore.total + 1);
  reportId = after.id;
  await screenshot(page, '05-report');
  // The row labels stay in view when the table is scrolled sideways.
  assert.equal(await page.locator('[data-testid="report-table"] tbody th[scope=row]').first()
    .evaluate((e) => getComputedStyle(e).position), 'sticky');
  // Laid out as the form: row 11 and, under its "Trong đó:" line, one
  // indented row per method, each with its number and unit of measure.
  const starts = page.getByTestId('report-col-contraception_starts');
  const iud = page.getByTestId('report-col-contraception_iud');
  assert.match(await starts.innerText(), /^11\s+Số lượt bắt đầu sử dụng biện pháp tránh thai/);
  assert.match(await iud.innerText(), /^11\.1\s+- Đặt dụng cụ tử cung/);
  assert.equal(await iud.evaluate((e) => e.closest('tr').previousElementSibling.textContent.trim()), 'Trong đó:');
  assert.ok(await iud.evaluate((e) => parseFloat(getComputedStyle(e).paddingLeft))
    > await starts.evaluate((e) => parseFloat(getComputedStyle(e).paddingLeft)), 'the method rows are indented');
  assert.equal(await page.getByTestId('report-col-contraception_female_sterilisation').count(), 1);
  assert.equal(await page.getByTestId('report-col-population_male').count(), 0, 'the residents by sex are the year\'s');
  await iud.scrollIntoViewIfNeeded();
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, '05-report-phone');
  await page.setViewportSize({ width: 1366, height: 768 });
  // Submitting asks for a confirmation first.
  await page.getByTestId('report-submit').click();
  await page.getByTestId('report-submit-confirmation').waitFor();
  assert.equal(await page.getByTestId('report-status').getAttribute('data-status'), 'draft', 'nothing sent before the confirmation');
  await screenshot(page, '05-report-confirm');
  await page.getByTestId('report-submit-confirm').click();
  await page.waitForSelector('[data-testid="report-status"][data-status="submitted"]');
  assert.equal(await page.getByTestId('report-approve').count(), 0, 'the commune does not approve its own report');

  const district = pages.district;
  await district.goto(`/#/reports/${reportId}`);
  await district.getByTestId('report-page').waitFor();
  await district.getByTestId('report-comment').fill('đồng ý');
  await district.getByTestId('report-approve').click();
  await district.waitForSelector('[data-testid="report-status"][data-status="approved"]');
  assert.equal(await district.getByTestId('report-history-3').getAttribute('data-action'), 'approve');
});

test('the commune dashboard count moves by one', async () => {
  const page = pages.district;
  await page.reload();
  await page.getByTestId('unit-tree').waitFor();
  await chooseUnit(page, server.accounts.collaborator.unit, [server.accounts.district_staff.unit]);
  assert.equal(await dashboardValue(page, month, 'deaths'), deathsBefore + 1);
  // The screenshot once the charts have drawn their new figures (ECharts
  // animates a change for about a second).
  await page.getByTestId('chart-children').waitFor();
  await page.waitForTimeout(1500);
  await screenshot(page, '06-dashboard');
});

test('a user of another district cannot open the commune', async () => {
  const { other_district: other, collaborator } = server.accounts;
  const page = await newPage(browser, server.base);
  await signIn(page, other);
  await page.getByTestId(`unit-${other.unit}`).click();
  await page.locator('[data-testid^="unit-"][data-kind="commune"]').first().waitFor();
  assert.equal(await page.getByTestId(`unit-${collaborator.unit}`).count(), 0);
  const status = await page.evaluate(async (code) => (await fetch(`/api/v1/units/${code}`)).status, collaborator.unit);
  assert.equal(status, 404);
  await page.goto(`/#/reports/${reportId}`);
  await page.waitForSelector('[data-testid="report-error"][data-code="not_found"]');
  assert.equal(await page.evaluate(async (id) => (await fetch(`/api/v1/reports/${id}`)).status, reportId), 404);
});

test('the district sees a late and a returned report on the completeness page; the officer sees the comment', async () => {
  const { commune_officer: officer, district_staff: district } = server.accounts;
  const as = { officer: new ApiSession(server.base), district: new ApiSession(server.base) };
  await as.officer.signIn(officer);
  await as.district.signIn(district);
  // Another commune of the district submits a report three months old: late.
  const communes = (await as.district.get(`/api/v1/units/${district.unit}/children`)).body.children;
  const other = communes.map((u) => u.code).find((c) => c !== officer.unit);
  const late = await as.district.post('/api/v1/reports', { unit: other, period: latePeriod });
  assert.equal(late.status, 201, late.text);
  assert.equal((await as.district.post(`/api/v1/reports/${late.body.id}/submit`, {})).status, 200);
  // The officer's commune submits the same period; the district returns it with a comment.
  const back = await as.officer.post('/api/v1/reports', { unit: officer.unit, period: latePeriod });
  assert.equal(back.status, 201, back.text);
  assert.equal((await as.officer.post(`/api/v1/reports/${back.body.id}/submit`, {})).status, 200);
  const comment = 'Thiếu phiếu sinh của thôn cuối xã';
  assert.equal((await as.district.post(`/api/v1/reports/${back.body.id}/return`, { comment })).status, 200);
  const expected = (await as.district.get(`/api/v1/report-completeness?unit=${district.unit}&period=${latePeriod}`)).body;
  const row = (code) => expected.rows.find((r) => r.unit === code);
  assert.equal(row(other).status, 'submitted');
  assert.ok(row(other).days_late > 0, `days late: ${row(other).days_late}`);
  assert.equal(row(officer.unit).status, 'returned');
  assert.equal(row(officer.unit).return_comment, comment);
  assert.equal(expected.total.reported, 2);
  assert.equal(expected.total.on_time, 0);

  const page = pages.district;
  await page.goto('/#/dashboard');
  await page.getByTestId('unit-tree').waitFor();
  await chooseUnit(page, district.unit);
  await openPage(page, 'completeness');
  await page.getByTestId('completeness-period').fill(latePeriod);
  await page.getByTestId('completeness-show').click();
  await page.waitForSelector(`[data-testid="completeness-status-${officer.unit}"][data-status="returned"]`);
  assert.equal(await page.getByTestId(`completeness-status-${other}`).getAttribute('data-status'), 'submitted');
  assert.equal(Number(await page.getByTestId(`completeness-time-${other}`).getAttribute('data-late')), row(other).days_late);
  assert.equal(await page.getByTestId(`completeness-comment-${officer.unit}`).innerText(), comment);
  assert.equal(await page.locator('[data-testid^="completeness-row-"]').count(), expected.rows.length, 'one row a commune');
  const shown = (await page.getByTestId('completeness-rate-total-reporting').innerText()).replace(/[^0-9,.]/g, '').replace(',', '.');
  assert.equal(Number(shown), expected.total.reporting_rate);
  await page.getByTestId('completeness-chart').waitFor();
  await page.waitForTimeout(1200);
  await screenshot(page, 'completeness-1');
  // The data quality checks of the period, on demand: as many findings as the API lists.
  await page.getByTestId('quality-run').click();
  await page.getByTestId('quality-result').waitFor({ timeout: 60000 });
  const quality = (await as.district.get(`/api/v1/data-quality?unit=${district.unit}&period=${latePeriod}`)).body;
  assert.equal(Number(await page.getByTestId('quality-silent-count').getAttribute('data-count')), quality.silent_villages.length);
  assert.equal(Number(await page.getByTestId('quality-outliers-count').getAttribute('data-count')), quality.outliers.length);
  await screenshot(page, 'completeness-1-quality');
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'completeness-2-phone');
  await page.setViewportSize({ width: 1366, height: 768 });

  // The officer: the comment in their things to do and at the top of the report.
  const officerPage = pages.officer;
  await chooseUnit(officerPage, officer.unit);
  await openPage(officerPage, 'reports');
  await officerPage.getByTestId(`todo-returned-${back.body.id}`).waitFor();
  assert.ok((await officerPage.getByTestId(`todo-returned-${back.body.id}`).innerText()).includes(comment));
  await screenshot(officerPage, 'completeness-3-todo');
  await officerPage.getByTestId(`todo-returned-${back.body.id}`).locator('a').click();
  await officerPage.getByTestId('report-returned-comment').waitFor();
  assert.ok((await officerPage.getByTestId('report-returned-comment').innerText()).includes(comment));
  await screenshot(officerPage, 'completeness-4-returned');
});

test('the administrator judges the demo\'s last year of rewards in the browser: the same total as the command line', async () => {
  const admin = server.accounts.administrator;
  const page = await newPage(browser, server.base);
  await signIn(page, admin);
  await chooseUnit(page, admin.unit);
  await openPage(page, 'rewards');
  // The run saved from the command line when the server was set up.
  const saved = page.getByTestId('reward-run-1');
  await saved.waitFor();
  const total = Number(await saved.getAttribute('data-total'));
  assert.ok(total > 0, `total ${total}`);
  await screenshot(page, 'rewards-1-runs');
  await page.getByTestId('reward-year').fill(String(demoLastYear));
  await page.getByTestId('reward-run').click();
  await page.getByTestId('reward-run-page').waitFor();
  assert.equal(Number(await page.getByTestId('reward-total').getAttribute('data-value')), total,
    'the browser\'s run against the command line\'s');
  assert.equal(await page.getByTestId('reward-run-page').getAttribute('data-run-id'), '2', 'the new run\'s id');
  await page.getByTestId('reward-payments').waitFor();
  await screenshot(page, 'rewards-2-run');
  const download = page.waitForEvent('download');
  await page.getByTestId('reward-xlsx').click();
  assert.equal((await download).suggestedFilename(), `chi-tra-99-${demoLastYear}-2.xlsx`);
  await page.context().close();
});

test('the administrator enters a commune\'s budget by hand on the plan page', async () => {
  const admin = server.accounts.administrator;
  const { commune_officer: officer } = server.accounts;
  const page = await newPage(browser, server.base);
  await signIn(page, admin);
  await chooseUnit(page, admin.unit);
  await openPage(page, 'plans');
  await page.getByTestId('budget-form').waitFor();
  await page.getByTestId('budget-unit').selectOption(officer.unit);
  // 2.000.000 of 2.000.000.000 đồng: 0.1%, below the 0.15% floor.
  await page.getByTestId('budget-regular').fill('2.000.000.000');
  await page.getByTestId('budget-population').fill('2.000.000');
  await page.getByTestId('budget-save').click();
  await page.getByTestId('budget-saved').waitFor();
  await page.waitForSelector(`[data-testid="budget-${officer.unit}"] [data-status="below"]`);
  await screenshot(page, 'plan-4-budget-entered');
  await page.context().close();
});

test('the agency member reports on their agency\'s task and is refused on another agency\'s', async () => {
  const member = server.accounts.agency_member;
  const page = await newPage(browser, server.base);
  await signIn(page, member);
  await chooseUnit(page, member.unit);
  await openPage(page, 'tasks');
  await page.getByTestId('tasks-mine').waitFor();
  assert.match(await page.getByTestId('tasks-mine').innerText(), /Sở Y tế/);
  // Their agency's tasks only, by default: Ninh Thuận's health department leads six (t01-t04, t13, t19).
  const rows = page.locator('[data-testid^="task-ninh-thuan-2127-"]');
  await rows.first().waitFor();
  assert.equal(await rows.count(), 6, 'the health department\'s tasks');
  // Its yearly report (t13, due 10 December since 2021) is overdue for the years before this one.
  assert.equal(await page.getByTestId('task-ninh-thuan-2127-t13').getAttribute('data-state'), 'overdue');
  const health = page.getByTestId('agency-99-health');
  const reportedBefore = Number(await health.locator('td').nth(2).innerText());
  await screenshot(page, 'tasks-1-agency-member');
  const t01 = page.getByTestId('task-ninh-thuan-2127-t01');
  await t01.getByRole('button').click();
  await t01.getByTestId('task-status').selectOption('done');
  await t01.getByTestId('task-note').fill('Đã trình kế hoạch triển khai mô hình');
  await t01.getByTestId('task-send').click();
  await page.getByTestId('task-sent').waitFor();
  await page.waitForSelector('[data-testid="task-ninh-thuan-2127-t01"][data-state="done"]');
  assert.equal(Number(await health.locator('td').nth(2).innerText()), reportedBefore + 1, 'reported this year, one more');
  // Another agency's task, named by its id: refused, and the API says why.
  const other = await page.evaluate(async () => {
    const list = await (await fetch('/api/v1/tasks?unit=99&agency=culture')).json();
    const csrf = (await (await fetch('/api/v1/session')).json()).csrf_token;
    const r = await fetch(`/api/v1/tasks/${list.tasks[0].id}/updates`, {
      method: 'POST', headers: { 'Content-Type': 'application/json', 'X-CSRF-Token': csrf },
      body: JSON.stringify({ status: 'done' }) });
    return { status: r.status, body: await r.json() };
  });
  assert.equal(other.status, 403, JSON.stringify(other.body));
  assert.match(other.body.error.message_en, /own agency's tasks/);
  await page.setViewportSize({ width: 360, height: 740 });
  await screenshot(page, 'tasks-2-phone');
  await page.context().close();
});

test('the administrator turns on two-step verification and signs in with a code', async () => {
  const admin = server.accounts.administrator;
  const page = await newPage(browser, server.base);
  await signIn(page, admin);
  await page.getByTestId('current-user').click();
  await page.getByTestId('account-page').waitFor();
  assert.equal(await page.getByTestId('account-totp').innerText(), 'Chưa bật');
  await page.getByTestId('totp-start').click();
  await page.getByTestId('totp-qr').waitFor();
  const secret = (await page.getByTestId('totp-secret').innerText()).replace(/\s/g, '');
  assert.match(secret, /^[A-Z2-7]{32}$/);
  await screenshot(page, '07-account-totp');
  // A wrong password is shown at its field; nothing changes.
  await page.getByTestId('totp-password').fill('sai mật khẩu');
  await page.getByTestId('totp-code').fill(totpCode(secret));
  await page.getByTestId('totp-confirm').click();
  await page.getByTestId('totp-password-error').waitFor();
  await page.getByTestId('totp-password').fill(admin.password);
  await page.getByTestId('totp-code').fill(totpCode(secret));
  await page.getByTestId('totp-confirm').click();
  // Every session ended: back to sign-in, which now asks for a code.
  await page.getByTestId('login-notice').waitFor();
  await page.getByTestId('login-username').fill(admin.username);
  await page.getByTestId('login-password').fill(admin.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('login-totp').waitFor();
  await page.getByTestId('login-totp').fill(totpCode(secret, Date.now() / 1000 + 30));  // the code used is spent
  await page.getByTestId('login-submit').click();
  await page.getByTestId('unit-tree').waitFor();
  await page.getByTestId('current-user').click();
  assert.equal(await page.getByTestId('account-totp').innerText(), 'Đang bật');
  await page.getByTestId('totp-is-on').waitFor();
  assert.equal(await page.getByTestId('totp-start').count(), 0, 'a second factor already on is not offered again');
});

test('the commune officer reviews a person registered twice and merges the two records', async () => {
  const officer = server.accounts.commune_officer;
  const api = new ApiSession(server.base);
  assert.equal((await api.signIn(officer)).status, 200);
  // A person of the commune entered a second time, as a collaborator would.
  const found = await api.get(`/api/v1/persons?unit=${officer.unit}&living=true&per_page=1`);
  assert.equal(found.status, 200, found.text);
  const first = found.body.persons[0];
  const added = await api.post('/api/v1/persons', {
    household_id: first.lives_in_household_id, name: first.name.toUpperCase(), sex: first.sex,
    birth_date: first.birth_date, relation: 'other', registered_on: today,
  });
  assert.equal(added.status, 201, added.text);
  const second = added.body.person;
  const key = `${first.id}-${second.id}`;
  const page = pages.officer;
  await chooseUnit(page, officer.unit);
  await openPage(page, 'duplicates');
  const pair = page.getByTestId(`duplicates-pair-${key}`);
  await pair.waitFor();
  assert.equal(await pair.getAttribute('data-reason'), 'name_birth');
  assert.ok((await page.getByTestId(`duplicates-second-${key}`).innerText()).includes(String(second.id)));
  await pair.scrollIntoViewIfNeeded();
  await screenshot(page, 'duplicates-1');
  await page.setViewportSize({ width: 360, height: 740 });
  try {
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    assert.ok(width <= 360, `the page is ${width} px wide on a 360 px phone`);
    await pair.scrollIntoViewIfNeeded();
    await screenshot(page, 'duplicates-2-phone');
  } finally {
    await page.setViewportSize({ width: 1366, height: 768 });
  }
  await page.getByTestId(`duplicates-keep-first-${key}`).click();
  await page.getByTestId('duplicates-text').fill('Cùng một người, ghi hai lần');
  await screenshot(page, 'duplicates-3-merge');
  await page.getByTestId('duplicates-confirm').click();
  await page.getByTestId('duplicates-done').waitFor();
  await pair.waitFor({ state: 'detached' });
  assert.equal((await api.get(`/api/v1/persons/${second.id}`)).status, 404);
  assert.equal((await api.get(`/api/v1/persons/${first.id}`)).status, 200);
});
