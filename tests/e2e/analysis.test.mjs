// Free analysis in the browser (web/dist served by `danso serve`): the
// province's administrator chooses indicators from the catalogue, the
// districts and the months of the demo's last year; the pivot shows the
// values of GET /api/v1/indicators for the same unit and month, each with
// its indicator's declared precision; the rows and columns are swapped; the
// trend (year on year), the bars across the districts and the map are
// drawn; the analysis is saved as a favourite on the dashboard, reopened
// from its link after a reload with the same figures, exported as CSV with
// Vietnamese headings, and deleted. The dashboard shows the rate of natural
// increase with its decimals, the trend over every year covered, and a
// favourite saved through the API with only what it requires. At the
// laptop size and at 360 px; screenshots to DANSO_E2E_SCREENSHOTS.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiSession } from './api.mjs';
import { launchBrowser, newPage, openPage, screenshot, signIn } from './browser.mjs';
import { demoLastYear, startServer } from './server.mjs';

let server, browser, api;
const year = String(demoLastYear);

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

// Every cell of the pivot shown: row -> col -> { value, text }.
async function pivotCells(page, testid = 'analysis-pivot') {
  return page.evaluate((id) => {
    const out = [];
    for (const td of document.querySelectorAll(`[data-testid^="${id}-cell-"]`)) {
      const [, r, c] = td.dataset.testid.match(/-cell-(\d+)-(\d+)$/);
      (out[Number(r)] ??= [])[Number(c)] = { value: td.dataset.value === '' ? null : Number(td.dataset.value), text: td.textContent.trim() };
    }
    return out;
  }, testid);
}

// A chart drawn to its end (ECharts animates lines and bars for about a second).
const drawn = (page) => page.waitForTimeout(1500);

// The decimals a shown figure has ("1.234,56" -> 2 in Vietnamese).
const decimals = (text) => (text.replace(/\s*⚠$/, '').split(',')[1] ?? '').length;

test('a pivot of indicators × districts × months, laid out both ways, drawn, saved to the dashboard, reopened and exported', async () => {
  const catalogue = await api.get('/api/v1/indicators/catalogue');
  assert.equal(catalogue.status, 200, catalogue.text);
  const precision = Object.fromEntries(catalogue.body.indicators.map((d) => [d.code, d.precision]));
  const names = Object.fromEntries(catalogue.body.indicators.map((d) => [d.code, d.vi]));

  const page = await newPage(browser, server.base);
  await signIn(page, server.accounts.administrator);
  await openPage(page, 'analysis');
  // Births and the TFR (the default's crude birth rate left out), the districts, every month of the year.
  await page.getByTestId('analysis-ind-births').waitFor();
  if (!(await page.getByTestId('analysis-ind-births').isChecked())) await page.getByTestId('analysis-ind-births').check();
  if (!(await page.getByTestId('analysis-ind-tfr').isChecked())) await page.getByTestId('analysis-ind-tfr').check();
  if (await page.getByTestId('analysis-ind-cbr').isChecked()) await page.getByTestId('analysis-ind-cbr').uncheck();
  await page.getByTestId('analysis-units-children').check();
  await page.getByTestId('analysis-periods-range').check();
  await page.getByTestId('analysis-from').fill(`${year}-01`);
  await page.getByTestId('analysis-to').fill(`${year}-12`);
  await page.getByTestId('analysis-every').selectOption('month');
  await page.getByTestId('analysis-run').click();
  await page.getByTestId('analysis-pivot').waitFor();

  const districts = (await api.get(`/api/v1/indicators?unit=99&period=${year}&children=1`)).body.map((s) => s.unit);
  assert.ok(districts.length >= 2, `districts: ${districts}`);
  // Rows: each district × (births, TFR); columns: the 12 months.
  const pivot = page.getByTestId('analysis-pivot');
  assert.equal(Number(await pivot.getAttribute('data-rows')), districts.length * 2);
  assert.equal(Number(await pivot.getAttribute('data-cols')), 12);
  const data = await api.get(`/api/v1/analysis?indicators=births,tfr&unit=99&units=children&from=${year}-01&to=${year}-12&every=month`);
  assert.equal(data.status, 200, data.text);
  assert.deepEqual(data.body.indicators.map((d) => d.code), ['births', 'tfr']);
  const units = data.body.units.map((u) => u.code);
  assert.deepEqual([...units].sort(), [...districts].sort());
  const cells = await pivotCells(page);
  // Every value is that of GET /api/v1/indicators for the same district and month, shown at its precision.
  for (const m of [1, 6, 12]) {
    const month = `${year}-${String(m).padStart(2, '0')}`;
    for (const [u, code] of units.entries()) {
      const r = await api.get(`/api/v1/indicators?unit=${code}&period=${month}`);
      assert.equal(r.status, 200, r.text);
      for (const [i, ind] of ['births', 'tfr'].entries()) {
        const shown = cells[u * 2 + i][m - 1];
        assert.equal(shown.value, r.body.indicators[ind].value, `${ind} of ${code} in ${month}`);
        if (shown.value !== null) assert.equal(decimals(shown.text), precision[ind], `${ind} shown as ${shown.text}`);
      }
    }
  }
  assert.ok(cells.flat().some((c) => c.value > 0), 'some births in the year');
  await screenshot(page, '30-analysis-pivot');

  // Periods down (then the second row dim dropped): districts × indicators across, the columns
  // kept first and the dim dropped after them; each figure in its new place.
  await page.getByTestId('analysis-rows').selectOption('period');
  await page.getByTestId('analysis-rows2').selectOption('');
  await page.waitForFunction(() => document.querySelector('[data-testid="analysis-pivot"]')?.dataset.rows === '12');
  const U = units.length;
  assert.equal(Number(await pivot.getAttribute('data-cols')), U * 2);
  const swapped = await pivotCells(page);
  for (let p = 0; p < 12; p++)
    for (let u = 0; u < U; u++)
      for (let i = 0; i < 2; i++) assert.deepEqual(swapped[p][u * 2 + i], cells[u * 2 + i][p], `month ${p + 1}, ${units[u]}, ${i}`);
  // The trend year on year, the bars across districts, the map.
  await page.getByTestId('analysis-view-line').click();
  await page.getByTestId('analysis-line').waitFor();
  await page.getByTestId('analysis-yoy').check();
  await drawn(page);
  await screenshot(page, '31-analysis-trend-year-on-year');
  await page.getByTestId('analysis-view-bar').click();
  await page.getByTestId('analysis-bar').waitFor();
  await drawn(page);
  await screenshot(page, '31-analysis-bars');
  await page.getByTestId('analysis-view-map').click();
  await page.getByTestId('map-chart').waitFor();
  await page.waitForFunction((n) => document.querySelectorAll('[data-testid^="map-unit-"]').length === n, districts.length);
  await drawn(page);
  await screenshot(page, '32-analysis-map');

  // Saved as a favourite shown on the dashboard, back to the table.
  await page.getByTestId('analysis-view-table').click();
  await page.getByTestId('analysis-fav-name').fill('Sinh theo tháng, các huyện');
  await page.getByTestId('analysis-fav-dashboard').check();
  await page.getByTestId('analysis-fav-save').click();
  await page.getByTestId('analysis-fav-saved').waitFor();
  const favs = await api.get('/api/v1/favourites');
  assert.equal(favs.status, 200, favs.text);
  const fav = favs.body.favourites.find((f) => f.name === 'Sinh theo tháng, các huyện');
  assert.ok(fav, favs.text);
  assert.equal(fav.on_dashboard, true);
  assert.deepEqual(fav.spec.indicators, ['births', 'tfr']);
  assert.deepEqual(fav.spec.rows, ['period']);
  assert.deepEqual(fav.spec.columns, ['unit', 'indicator']);

  // Reopened from its link on a fresh page: the same layout and figures.
  const again = await newPage(browser, server.base);
  await signIn(again, server.accounts.administrator);
  await again.goto(`/#/analysis/${fav.id}`);
  await again.getByTestId('analysis-pivot').waitFor();
  assert.equal(await again.getByTestId('analysis-pivot').getAttribute('data-rows'), '12');
  assert.deepEqual(await pivotCells(again), swapped);
  await screenshot(again, '33-analysis-reopened');

  // On the dashboard: its own card, with the same table.
  await openPage(again, 'dashboard');
  await again.getByTestId(`dashboard-fav-${fav.id}`).waitFor();
  await again.getByTestId(`dashboard-fav-${fav.id}-pivot`).waitFor();
  assert.deepEqual(await pivotCells(again, `dashboard-fav-${fav.id}-pivot`), swapped);

  // The CSV as laid out, with Vietnamese headings and the catalogue's names.
  const href = await page.getByTestId('analysis-export-csv').getAttribute('href');
  const csv = await api.get(href);
  assert.equal(csv.status, 200, csv.text);
  assert.match(csv.headers.get('content-disposition') ?? '', /phan-tich/);
  assert.ok(csv.text.includes(names.births) && csv.text.includes(names.tfr), csv.text.slice(0, 400));
  assert.ok(csv.text.includes(`${year}-06`), 'the months are the rows');

  // Deleted: gone from the list and from the dashboard.
  again.on('dialog', (d) => d.accept());
  await openPage(again, 'analysis');
  await again.getByTestId(`analysis-fav-delete-${fav.id}`).click();
  await again.getByTestId(`analysis-fav-${fav.id}`).waitFor({ state: 'detached' });
  assert.equal((await api.get('/api/v1/favourites')).body.favourites.some((f) => f.id === fav.id), false);
  await again.context().close();
  await page.context().close();
});

test('the dashboard: every figure at its precision, the trend over every covered year, the TFR\'s band', async () => {
  const catalogue = (await api.get('/api/v1/indicators/catalogue')).body;
  const rni = catalogue.indicators.find((d) => d.code === 'rni');
  assert.ok(rni && rni.precision >= 1, `rni precision ${rni?.precision}`);
  // A favourite saved through the API with only what it requires: the dashboard completes it.
  const saved = await api.post('/api/v1/favourites', {
    name: 'TFR tỉnh', spec: { indicators: ['tfr'], unit: '99', periods: [year] }, on_dashboard: true,
  });
  assert.equal(saved.status, 201, saved.text);
  const page = await newPage(browser, server.base);
  await signIn(page, server.accounts.administrator);
  await openPage(page, 'dashboard');
  const favCell = page.getByTestId(`dashboard-fav-${saved.body.id}-pivot-cell-0-0`);
  await favCell.waitFor();
  await page.getByTestId('dashboard-period').fill(year);
  await page.getByTestId('dashboard-apply').click();
  const row = page.getByTestId('indicator-rni');
  await row.waitFor();
  const figures = (await api.get(`/api/v1/indicators?unit=99&period=${year}`)).body.indicators;
  const text = (await row.locator('td').nth(1).textContent()).trim();
  assert.equal(decimals(text), rni.precision, `rni ${figures.rni.value} shown as ${text}`);
  assert.equal(Number(text.replace(/\./g, '').replace(',', '.')), Number(figures.rni.value.toFixed(rni.precision)));
  // The TFR's card names its band from the catalogue.
  const tfrBand = catalogue.indicators.find((d) => d.code === 'tfr').bands
    .find((b) => b.upper === null || figures.tfr.value < b.upper || (b.upper_inclusive && figures.tfr.value === b.upper));
  assert.equal((await page.getByTestId('dashboard-tfr-band').textContent()).trim(), tfrBand.vi);
  // The trend: a point for every year from the first the register covers.
  await page.getByTestId('chart-trend').waitFor();
  const first = Number(catalogue.covered.first.slice(0, 4));
  const option = await page.getByTestId('trend-mode').locator('option').first().textContent();
  assert.ok(option.includes(`${first}–${year}`), option);
  assert.equal(Number(await favCell.getAttribute('data-value')), figures.tfr.value);
  assert.equal((await api.request('DELETE', `/api/v1/favourites/${saved.body.id}`)).status, 204);
  await page.getByTestId('trend-mode').selectOption('months');
  await page.getByTestId('trend-months-line').waitFor();
  await drawn(page);
  await screenshot(page, '34-dashboard-precision-trend');
  await page.context().close();
});

test('at 360 px the analysis page stacks its choices, the pivot scrolls sideways and the dashboard fits', async () => {
  const page = await newPage(browser, server.base);
  await signIn(page, server.accounts.administrator);
  await page.setViewportSize({ width: 360, height: 740 });
  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('nav-analysis').click();
  await page.getByTestId('analysis-page').waitFor();
  await page.getByTestId('analysis-ind-births').waitFor();
  await page.getByTestId('analysis-run').click();
  await page.getByTestId('analysis-pivot').waitFor();
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(width <= 360, `the page is ${width} px wide`);
  // Every choice is a target a finger can hit.
  const box = await page.getByTestId('analysis-ind-births').locator('xpath=..').boundingBox();
  assert.ok(box.height >= 44, `a choice is ${box.height} px high`);
  // The list of indicators scrolls down, not sideways.
  const list = await page.getByTestId('analysis-indicators').evaluate((el) => [el.scrollWidth, el.clientWidth, el.scrollHeight, el.clientHeight]);
  assert.ok(list[0] <= list[1] && list[2] > list[3], `the list of indicators: ${list}`);
  await screenshot(page, '35-analysis-360');
  // The dashboard too, whose comparison offers every indicator of the catalogue by name.
  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('compare-indicator').waitFor();
  const dashWidth = await page.evaluate(() => document.documentElement.scrollWidth);
  assert.ok(dashWidth <= 360, `the dashboard is ${dashWidth} px wide`);
  await page.context().close();
});
