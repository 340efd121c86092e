// The map page in the browser (web/dist served by `danso serve`): the
// province's administrator opens the map of the demo province, whose units
// have generated outlines; the districts are coloured by the TFR in its
// bands with the values of GET /api/v1/indicators; a click on the map opens
// a district's map, a unit of the list a commune's (drilled down twice),
// another indicator is drawn in classes of equal counts, "up" goes back; a
// district user is not offered the other district, and the API answers 404
// for the province's outlines. At the laptop size and at 360 px; screenshots
// of each to DANSO_E2E_SCREENSHOTS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiSession } from './api.mjs';
import { launchBrowser, newPage, openPage, screenshot, signIn } from './browser.mjs';
import { demoLastYear, startServer } from './server.mjs';

let server, browser, api;
const period = String(demoLastYear);

before(async () => {
  if (!process.env.DANSO_WEB_DIST) throw new Error('DANSO_WEB_DIST is not set (CTest sets it)');
  server = await startServer({ staticRoot: process.env.DANSO_WEB_DIST });
  browser = await launchBrowser();
  api = new ApiSession(server.base);
  assert.equal((await api.signIn(server.accounts.administrator)).status, 200);
});

after(async () => {
  await browser?.close();
  if (!server) return;
  const { code } = await server.stop();
  assert.equal(code, 0, `the server shuts down gracefully\n${server.log().slice(-2000)}`);
});

// The map of the unit now chosen, for `period`, drawn with its legend.
async function mapShown(page, unit) {
  await page.locator(`[data-testid="map-page"][data-unit="${unit}"]`).waitFor();
  await page.getByTestId('map-chart').waitFor();
  await page.getByTestId('map-legend').waitFor();
}

async function setPeriod(page) {
  await page.getByTestId('map-period').fill(period);
  await page.getByTestId('map-apply').click();
}

// The units listed under the map: code -> { value, class }.
async function mapUnits(page) {
  const out = {};
  for (const b of await page.locator('[data-testid^="map-unit-"]').all()) {
    const code = (await b.getAttribute('data-testid')).slice('map-unit-'.length);
    const v = await b.getAttribute('data-value');
    out[code] = { value: v === '' ? null : Number(v), cls: await b.getAttribute('data-class') };
  }
  return out;
}

async function childValues(unit, code) {
  const r = await api.get(`/api/v1/indicators?unit=${unit}&period=${period}&children=1`);
  assert.equal(r.status, 200, r.text);
  return Object.fromEntries(r.body.map((s) => [s.unit, s.indicators[code].value]));
}

// The TFR's bands as the catalogue declares them: b1 below 1.8, b2 up to 2.3, b3 above.
const band = (tfr) => (tfr < 1.8 ? 'b1' : tfr <= 2.3 ? 'b2' : 'b3');

test('the province map in TFR bands (ECharts fetched with it, not with the sign-in page), drilled down twice, in classes of equal counts, and back up', async () => {
  const page = await newPage(browser, server.base);
  // The sign-in page fetches no part of ECharts; the map page does.
  const scripts = [];
  page.on('request', (r) => { if (r.resourceType() === 'script') scripts.push(new URL(r.url()).pathname); });
  await page.goto('/');
  await page.getByTestId('login-form').waitFor();
  assert.ok(scripts.length > 0 && !scripts.some((s) => s.includes('charts')), scripts.join(' '));
  await signIn(page, server.accounts.administrator);
  await openPage(page, 'map');
  assert.ok(scripts.some((s) => /\/charts-[^/]*\.js$/.test(s)), scripts.join(' '));
  await setPeriod(page);
  await mapShown(page, '99');
  assert.equal(await page.getByTestId('map-legend').getAttribute('data-kind'), 'bands');
  for (const key of ['b1', 'b2', 'b3']) await page.getByTestId(`map-class-${key}`).waitFor();

  // Every district is outlined (none missing) and shows the API's value in its band.
  const outlines = await api.get('/api/v1/units/99/boundaries');
  assert.equal(outlines.status, 200);
  assert.deepEqual(outlines.body.missing, []);
  const tfr = await childValues('99', 'tfr');
  const districts = Object.keys(tfr).sort();
  assert.deepEqual(outlines.body.features.map((f) => f.id).sort(), districts);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="map-unit-"]').length === n, districts.length);
  const shown = await mapUnits(page);
  assert.deepEqual(Object.keys(shown).sort(), districts);
  for (const d of districts) {
    assert.ok(Number.isFinite(tfr[d]), `TFR of ${d}: ${tfr[d]}`);
    assert.equal(shown[d].value, tfr[d], `value of ${d}`);
    assert.equal(shown[d].cls, band(tfr[d]), `band of ${d}`);
  }
  await screenshot(page, '20-map-province');

  // A click in the middle of the map opens the district drawn there.
  const box = await page.getByTestId('map-chart').boundingBox();
  await page.mouse.click(box.x + box.width / 2, box.y + box.height / 2);
  await page.waitForFunction((codes) => codes.includes(document.querySelector('[data-testid="map-page"]')?.dataset.unit),
    districts);
  const district = await page.getByTestId('map-page').getAttribute('data-unit');
  await mapShown(page, district);
  await page.getByTestId(`crumb-${district}`).waitFor();
  const communes = await childValues(district, 'tfr');
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="map-unit-"]').length === n,
    Object.keys(communes).length);
  const communeShown = await mapUnits(page);
  for (const [c, v] of Object.entries(communes)) assert.equal(communeShown[c].cls, v === null ? '' : band(v), `band of ${c}`);
  await screenshot(page, '21-map-district');

  // The second level down: a commune from the list, its villages drawn.
  const commune = Object.keys(communes).sort()[0];
  await page.getByTestId(`map-unit-${commune}`).click();
  await mapShown(page, commune);
  const villages = await api.get(`/api/v1/units/${commune}/boundaries`);
  assert.equal(villages.status, 200);
  assert.ok(villages.body.features.length >= 5, `villages outlined: ${villages.body.features.length}`);
  assert.ok(villages.body.features.every((f) => f.properties.kind === 'village'));
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="map-unit-"]').length === n,
    villages.body.features.length);
  // Another indicator: classes of equal counts over the villages' populations.
  await page.getByTestId('map-indicator').selectOption('population');
  await page.waitForFunction(() => document.querySelector('[data-testid="map-legend"]')?.dataset.kind === 'quantiles');
  const population = await childValues(commune, 'population');
  const classes = await page.locator('[data-testid^="map-class-q"]').count();
  assert.ok(classes >= 2 && classes <= 5, `${classes} classes`);
  const byClass = {};
  for (const [v, { value, cls }] of Object.entries(await mapUnits(page))) {
    assert.equal(value, population[v], `population of ${v}`);
    (byClass[cls] ??= []).push(value);
  }
  // Classes are ordered: every value of a class is above every value of the one before.
  const ordered = Object.keys(byClass).sort();
  for (let k = 1; k < ordered.length; k++)
    assert.ok(Math.min(...byClass[ordered[k]]) > Math.max(...byClass[ordered[k - 1]]), `${ordered[k - 1]} < ${ordered[k]}`);
  await screenshot(page, '22-map-commune-population');

  // Up goes back to the district's map.
  await page.getByTestId('map-up').click();
  await mapShown(page, district);
  await page.context().close();
});

test('on a phone: the map fits 360 px, and a district user sees only their district', async () => {
  const page = await newPage(browser, server.base);
  const user = server.accounts.district_staff;
  await signIn(page, user);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('nav-map').click();
  await page.getByTestId('map-page').waitFor();
  await setPeriod(page);
  await mapShown(page, user.unit);
  const chart = await page.getByTestId('map-chart').boundingBox();
  assert.ok(chart.width <= 360 && chart.width >= 300, `the map is ${chart.width} px wide`);
  const overflow = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(overflow <= 360, `the page is ${overflow} px wide`);
  const mine = new ApiSession(server.base);
  assert.equal((await mine.signIn(user)).status, 200);
  // Every commune of the district, each outlined.
  const children = (await mine.get(`/api/v1/units/${user.unit}/children`)).body.children.map((c) => c.code).sort();
  const outlines = await mine.get(`/api/v1/units/${user.unit}/boundaries`);
  assert.deepEqual(outlines.body.features.map((f) => f.id).sort(), children);
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="map-unit-"]').length === n, children.length);
  assert.deepEqual(Object.keys(await mapUnits(page)).sort(), children);
  // Every button and field at least 44 px high, to be hit with a finger.
  const small = await page.evaluate(() => [...document.querySelectorAll('main button, main input, main select')]
    .filter((e) => e.offsetParent !== null)
    .map((e) => [e.getAttribute('data-testid') ?? e.textContent.trim(), e.getBoundingClientRect().height])
    .filter(([, h]) => h < 44));
  assert.deepEqual(small, [], 'buttons and fields lower than 44 px');
  await screenshot(page, '23-map-phone');
  // The province's outlines are not theirs: 404, as for a unit that does not exist.
  const province = await mine.get('/api/v1/units/99/boundaries');
  const none = await mine.get('/api/v1/units/9999999/boundaries');
  assert.equal(province.status, 404);
  assert.equal(province.text, none.text);
  await page.context().close();
});
