// The monthly cycle in the browser (web/dist served by `danso serve`): the
// commune officer signs in, opens the tree, a village's register and the slip
// form and records a slip (the collaborator records one through the API in
// monthly_cycle.test.mjs); the district user's dashboard for the commune moves by one;
// a user of another district is not offered the commune and the API answers
// 404 to their browser. Screenshots of each page go to DANSO_E2E_SCREENSHOTS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiSession } from './api.mjs';
import { chooseUnit, dashboardValue, launchBrowser, newPage, openPage, screenshot, signIn } from './browser.mjs';
import { startServer } from './server.mjs';

let server, browser;
const pages = {};
const today = new Date().toISOString().slice(0, 10);
const month = today.slice(0, 7);
let deathsBefore;

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

test('the commune officer opens a village register', async () => {
  const page = pages.officer;
  const village = server.accounts.collaborator.villages[0];
  await chooseUnit(page, village, [server.accounts.commune_officer.unit]);
  await openPage(page, 'register');
  await page.getByTestId('households-table').waitFor();
  assert.ok((await page.locator('[data-testid^="household-members-"]').count()) > 0);
  await screenshot(page, '03-register');
});

test('the commune officer records a slip in the slip form', async () => {
  const page = pages.officer;
  const village = server.accounts.collaborator.villages[0];
  await openPage(page, 'slips');
  await page.getByTestId('slip-type').selectOption('death');
  assert.equal(await page.getByTestId('slip-village_code').inputValue(), village);
  // Persons of the village; one who died or moved away is refused by the
  // server with its message shown in the form.
  const api = new ApiSession(server.base);
  await api.signIn(server.accounts.commune_officer);
  const persons = (await api.get(`/api/v1/persons?unit=${village}&per_page=30`)).body.persons;
  let saved = false;
  for (const p of persons) {
    await page.getByTestId('slip-date').fill(today);
    await page.getByTestId('slip-person_id').fill(String(p.id));
    await page.getByTestId('slip-submit').click();
    const outcome = page.getByTestId('slip-saved').or(page.getByTestId('slip-error'));
    await outcome.first().waitFor();
    if (await page.getByTestId('slip-saved').isVisible()) { saved = true; break; }
    assert.notEqual((await page.getByTestId('slip-error').innerText()).trim(), '');
  }
  assert.ok(saved, 'a slip was recorded through the form');
  await page.getByTestId('slips-table').waitFor();
  await screenshot(page, '04-slip-form');
});

test('the commune dashboard count moves by one', async () => {
  const page = pages.district;
  await page.reload();
  await page.getByTestId('unit-tree').waitFor();
  await chooseUnit(page, server.accounts.collaborator.unit, [server.accounts.district_staff.unit]);
  assert.equal(await dashboardValue(page, month, 'deaths'), deathsBefore + 1);
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
});
