// Capture that survives a lost connection (docs/ui.md, "Working without a
// connection"), in the browser at a phone's width (360 px) against `danso
// serve` with web/dist: the collaborator signs in, the service worker takes
// the page (installable: chromium finds no error in the manifest and nothing
// against installing) and the villages are kept for the pickers; offline, three slips
// are recorded (the first person found by name in the kept villages), the
// page reloaded and changed, the outbox showing the three; online again,
// each slip is on the server once. A slip whose answer is lost on the way
// (the server wrote it) is sent again under its key and stays one slip. A
// slip the server refuses on arrival (the person's death recorded
// meanwhile) stays in the outbox with the server's message and is
// corrected from there. A household changed offline is changed once the
// connection returns. And the slip page on an emulated slow 3G link
// (400 kbit/s each way, 400 ms round trip): first load under 5 s, later
// loads under 1 s (the median of three reloads), the times printed. Screenshots of the outbox.
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiSession } from './api.mjs';
import { launchBrowser, screenshot, signIn } from './browser.mjs';
import { startServer } from './server.mjs';

let server, browser, api, context, page, village, persons;
// Yesterday (UTC): a day of this year, after the demo's events, never after the server's today.
const day = new Date(Date.now() - 86400000).toISOString().slice(0, 10);
const fold = (s) => s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').replace(/đ/g, 'd').replace(/Đ/g, 'D').toLowerCase();

before(async () => {
  if (!process.env.DANSO_WEB_DIST) throw new Error('DANSO_WEB_DIST is not set (CTest sets it)');
  server = await startServer({ staticRoot: process.env.DANSO_WEB_DIST });
  browser = await launchBrowser();
  api = new ApiSession(server.base);
  assert.equal((await api.signIn(server.accounts.collaborator)).status, 200);
  village = server.accounts.collaborator.villages[0];
  // Residents of the village a health insurance card slip can name.
  const r = await api.get(`/api/v1/persons?unit=${village}&per_page=12&for=death`);
  assert.equal(r.status, 200, r.text);
  persons = r.body.persons;
  assert.ok(persons.length >= 7, 'the village has residents');
});

after(async () => {
  await browser?.close();
  if (!server) return;
  const { code } = await server.stop();
  assert.equal(code, 0, `the server shuts down gracefully\n${server.log().slice(-2000)}`);
});

// The slips of `type` of a person on `date`, on the server.
async function slipsOf(type, person, date = day) {
  const r = await api.get(`/api/v1/events?unit=${village}&type=${type}&from=${date}&to=${date}&per_page=500`);
  assert.equal(r.status, 200, r.text);
  return r.body.events.filter((e) => e.person_id === person.id);
}

const badge = () => page.getByTestId('outbox-badge');
async function waitBadge(attr, value, timeout = 30000) {
  await page.waitForFunction(([a, v]) => document.querySelector('[data-testid="outbox-badge"]')?.getAttribute(a) === v,
    [attr, String(value)], { timeout });
}

// The villages kept on the phone for the pickers (IndexedDB danso, store villages).
function keptVillages() {
  return page.evaluate(() => new Promise((done) => {
    const req = indexedDB.open('danso');
    req.onsuccess = () => {
      const db = req.result;
      if (!db.objectStoreNames.contains('villages')) return done([]);
      const all = db.transaction('villages').objectStore('villages').getAll();
      all.onsuccess = () => done(all.result.filter((v) => v.persons.length > 0).map((v) => v.village));
      all.onerror = () => done([]);
    };
    req.onerror = () => done([]);
  }));
}

// A page of the menu, as on a phone: the menu opened, the page chosen.
async function openFromMenu(name) {
  await page.getByTestId('menu-toggle').click();
  await page.getByTestId(`nav-${name}`).click();
  await page.getByTestId(`${name}-page`).waitFor();
}

async function fillSlip(type, person, date = day) {
  await page.getByTestId('slip-type').selectOption(type);
  await page.getByTestId('slip-date').fill(date);
  await page.getByTestId('slip-person_id').fill(String(person.id));
}

test('offline, three slips are kept through a reload and a change of page and sent once when the connection returns', async () => {
  context = await browser.newContext({ baseURL: server.base, viewport: { width: 360, height: 740 }, locale: 'vi-VN' });
  page = await context.newPage();
  page.setDefaultTimeout(20000);
  // Signed in on the phone: the unit tree folds behind the menu button,
  // the collaborator's first village chosen.
  await page.goto('/');
  await page.getByTestId('login-username').fill(server.accounts.collaborator.username);
  await page.getByTestId('login-password').fill(server.accounts.collaborator.password);
  await page.getByTestId('login-submit').click();
  await page.getByTestId(`crumb-${village}`).waitFor();
  await openFromMenu('slips');
  // The service worker has taken the page and the villages are kept on the phone.
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 30000 });
  // Installable: chromium reads the manifest without error and finds
  // nothing that keeps the app from being installed.
  const cdp = await context.newCDPSession(page);
  const manifest = await cdp.send('Page.getAppManifest');
  assert.ok(manifest.url.endsWith('/manifest.webmanifest'), manifest.url);
  assert.deepEqual(manifest.errors, []);
  assert.equal(JSON.parse(manifest.data).start_url, '/#/slips');
  // (A test's browser context is incognito, which alone is not installed from.)
  const installable = await cdp.send('Page.getInstallabilityErrors');
  assert.deepEqual(installable.installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito'), []);
  await cdp.detach();
  for (let tries = 0; !(await keptVillages()).includes(village); ++tries) {
    assert.ok(tries < 120, 'the villages are kept within a minute');
    await page.waitForTimeout(500);
  }

  await context.setOffline(true);
  await waitBadge('data-online', 'no');
  const three = persons.slice(0, 3);
  for (const [n, p] of three.entries()) {
    if (n === 0) {
      // Found by name, without diacritics, in the villages kept on the phone.
      await page.getByTestId('slip-type').selectOption('health_insurance_card');
      await page.getByTestId('slip-date').fill(day);
      await page.getByTestId('slip-person_id-search').fill(fold(p.name));
      await page.getByTestId('slip-person_id-matches-offline').waitFor();
      await page.getByTestId(`slip-person_id-match-${p.id}`).click();
      assert.equal(await page.getByTestId('slip-person_id').inputValue(), String(p.id));
    } else {
      await fillSlip('health_insurance_card', p);
    }
    await page.getByTestId('slip-submit').click();
    await page.getByTestId('slip-queued').waitFor();
    await waitBadge('data-waiting', n + 1);
  }
  // A form half filled in survives the reload too.
  await page.getByTestId('slip-type').selectOption('death');
  await page.getByTestId('slip-place').fill('tại nhà');
  await page.reload();
  await page.getByTestId('slip-form').waitFor();
  assert.equal(await page.getByTestId('slip-type').inputValue(), 'death');
  assert.equal(await page.getByTestId('slip-place').inputValue(), 'tại nhà');
  // The village's households, kept on the phone, suggested in the household fields.
  await page.locator('[data-testid="slip-households"] option').first().waitFor({ state: 'attached' });
  const households = (await api.get(`/api/v1/households?unit=${village}&per_page=1`)).body.total;
  assert.equal(await page.locator('[data-testid="slip-households"] option').count(), households);
  await waitBadge('data-waiting', 3);
  assert.equal(await badge().getAttribute('data-online'), 'no');
  await openFromMenu('register');
  // A page never opened before (the map) says it needs a connection,
  // instead of loading for ever.
  await page.getByTestId('menu-toggle').click();
  await page.getByTestId('nav-map').click();
  await page.getByTestId('page-load-error').waitFor();
  await openFromMenu('outbox');
  await page.waitForFunction(() => document.querySelector('[data-testid="outbox-summary"]')?.getAttribute('data-waiting') === '3');
  const items = page.locator('[data-testid^="outbox-item-"]');
  assert.equal(await items.count(), 3);
  for (const state of await items.evaluateAll((els) => els.map((e) => e.getAttribute('data-state'))))
    assert.equal(state, 'waiting');
  // Oldest first, each naming its person by the name kept on the phone.
  for (const [n, p] of three.entries()) assert.ok((await items.nth(n).innerText()).includes(p.name), p.name);
  await page.getByTestId('outbox-offline').waitFor();
  await screenshot(page, 'offline-outbox-waiting-360');
  for (const p of three) assert.equal((await slipsOf('health_insurance_card', p)).length, 0, 'nothing sent while offline');

  await context.setOffline(false);
  await waitBadge('data-waiting', 0);
  await page.getByTestId('outbox-empty').waitFor();
  for (const p of three) {
    const slips = await slipsOf('health_insurance_card', p);
    assert.equal(slips.length, 1, `one slip of ${p.id} on the server`);
    assert.equal(slips[0].village, village);
  }
});

test('a slip whose answer is lost on the way is sent again under its key and recorded once', async () => {
  const p = persons[3];
  await openFromMenu('slips');
  let written = null;
  let cut = false;
  // The server writes the slip; its answer never reaches the page. (On the
  // context: the page's requests pass its service worker.)
  await context.route((url) => url.pathname === '/api/v1/events', async (route) => {
    if (cut || route.request().method() !== 'POST') return route.continue();
    cut = true;
    const answer = await route.fetch();
    written = (await answer.json()).event?.id ?? null;
    await route.abort('connectionreset');
  });
  await fillSlip('health_insurance_card', p);
  await page.getByTestId('slip-submit').click();
  await page.getByTestId('slip-queued').waitFor();
  assert.ok(written, 'the server wrote the slip the first time');
  await waitBadge('data-waiting', 0);
  const slips = await slipsOf('health_insurance_card', p);
  assert.deepEqual(slips.map((e) => e.id), [written], 'sent twice, recorded once');
  await context.unrouteAll();
});

test('a slip refused on arrival stays in the outbox with the server\'s message and is corrected from there', async () => {
  const [dead, other] = [persons[4], persons[5]];
  await context.setOffline(true);
  await waitBadge('data-online', 'no');
  await fillSlip('death', dead);
  await page.getByTestId('slip-submit').click();
  await page.getByTestId('slip-queued').waitFor();
  // Meanwhile the death is recorded by someone else.
  const body = { type: 'death', date: day, village_code: village, person_id: dead.id };
  assert.equal((await api.post('/api/v1/events', body)).status, 201);
  const refusal = await api.post('/api/v1/events', body);
  assert.equal(refusal.status, 400, refusal.text);

  await context.setOffline(false);
  await waitBadge('data-refused', 1);
  assert.equal(await badge().getAttribute('data-waiting'), '0');
  await badge().click();
  await page.getByTestId('outbox-page').waitFor();
  const item = page.locator('[data-testid^="outbox-item-"]');
  await item.waitFor();
  assert.equal(await item.count(), 1);
  assert.equal(await item.getAttribute('data-state'), 'refused');
  assert.equal((await item.getByTestId('outbox-error').innerText()).trim().split('\n')[0], refusal.body.error.message_vi);
  await screenshot(page, 'offline-outbox-refused-360');
  // Every button of the page a finger's size.
  for (const b of await page.locator('[data-testid="outbox-page"] button').all()) {
    const box = await b.boundingBox();
    assert.ok(box.height >= 44, `a button 44 px high (${box.height})`);
  }
  assert.ok((await badge().boundingBox()).height >= 44, 'the outbox badge 44 px high');

  // Opened for correction: the server's message at its field; another person.
  await item.getByTestId('outbox-open').click();
  await page.getByTestId('slip-form').waitFor();
  await page.getByTestId('slip-outbox-refused').waitFor();
  assert.equal(await page.getByTestId('slip-person_id-error').innerText(), refusal.body.error.message_vi);
  assert.equal(await page.getByTestId('slip-type').inputValue(), 'death');
  await screenshot(page, 'offline-outbox-correction-360');
  await page.getByTestId('slip-person_id').fill(String(other.id));
  await page.getByTestId('slip-submit').click();
  await page.getByTestId('slip-sent-from-outbox').waitFor();
  await waitBadge('data-refused', 0);
  assert.equal((await slipsOf('death', other)).length, 1);
  assert.equal((await slipsOf('death', dead)).length, 1, 'the death recorded meanwhile, once');
});

test('a household changed offline waits in the outbox and is changed once the connection returns', async () => {
  await openFromMenu('register');
  await page.getByTestId('households-table').waitFor();
  const id = Number((await page.locator('[data-testid^="household-edit-"]').first().getAttribute('data-testid'))
    .slice('household-edit-'.length));
  await page.getByTestId(`household-edit-${id}`).click();
  await page.getByTestId('household-form').waitFor();
  await context.setOffline(true);
  await waitBadge('data-online', 'no');
  const address = `Số ${id}, xóm Ngoại Tuyến`;
  await page.getByTestId('household-form-address').fill(address);
  await page.getByTestId('household-form-save').click();
  await page.getByTestId('household-form-queued').waitFor();
  await waitBadge('data-waiting', 1);
  await badge().click();
  const item = page.locator('[data-testid^="outbox-item-"]');
  await item.waitFor();
  assert.equal(await item.getAttribute('data-kind'), 'household');
  assert.notEqual((await api.get(`/api/v1/households/${id}`)).body.household.address, address);
  await context.setOffline(false);
  await waitBadge('data-waiting', 0);
  assert.equal((await api.get(`/api/v1/households/${id}`)).body.household.address, address);
  await context.close();
});

test('the slip page on a slow 3G link: first load under 5 s, later loads under 1 s', async () => {
  // Signed in beforehand; the browser then has the session's cookie only:
  // no cached file, no service worker, nothing kept.
  const signing = await browser.newContext({ baseURL: server.base });
  const first = await signing.newPage();
  await signIn(first, server.accounts.collaborator);
  const { cookies } = await signing.storageState();
  await signing.close();
  const slow = await browser.newContext({ baseURL: server.base, viewport: { width: 360, height: 740 }, locale: 'vi-VN',
    storageState: { cookies, origins: [] } });
  const p = await slow.newPage();
  const cdp = await slow.newCDPSession(p);
  await cdp.send('Network.enable');
  await cdp.send('Network.setCacheDisabled', { cacheDisabled: false });
  await cdp.send('Network.emulateNetworkConditions', {
    offline: false, latency: 400, downloadThroughput: 400000 / 8, uploadThroughput: 400000 / 8,
  });
  let bytes = 0;
  cdp.on('Network.loadingFinished', (e) => { bytes += e.encodedDataLength; });
  let t0 = Date.now();
  await p.goto('/#/slips', { waitUntil: 'commit', timeout: 30000 });
  await p.getByTestId('slip-form').waitFor({ timeout: 30000 });
  const firstMs = Date.now() - t0;
  const firstBytes = bytes;
  // The service worker keeps the shell after the first load.
  await p.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 60000 });
  // Later loads: three reloads, their median (a shared machine's load shows
  // in any one of them).
  const later = [];
  for (let n = 0; n < 3; ++n) {
    t0 = Date.now();
    await p.reload({ waitUntil: 'commit', timeout: 30000 });
    await p.getByTestId('slip-form').waitFor({ timeout: 30000 });
    later.push(Date.now() - t0);
  }
  const laterMs = [...later].sort((a, b) => a - b)[1];
  console.log(`slow 3G (400 kbit/s, 400 ms): first load of the slip page ${firstMs} ms (${firstBytes} bytes on the wire), later loads ${later.join(', ')} ms (median ${laterMs} ms)`);
  await slow.close();
  assert.ok(firstMs < 5000, `first load ${firstMs} ms`);
  assert.ok(laterMs < 1000, `later loads ${later.join(', ')} ms`);
});
