// Debian's chromium driven by playwright-core for the end-to-end tests, and
// the steps every page shares: sign in, choose a unit in the tree, open a
// page, save a screenshot into DANSO_E2E_SCREENSHOTS.
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { chromium } from 'playwright-core';

export function launchBrowser() {
  return chromium.launch({ executablePath: '/usr/bin/chromium', args: ['--headless', '--no-sandbox'] });
}

const shots = process.env.DANSO_E2E_SCREENSHOTS;

export async function screenshot(page, name) {
  if (!shots) throw new Error('DANSO_E2E_SCREENSHOTS is not set (CTest sets it; see tests/CMakeLists.txt)');
  mkdirSync(shots, { recursive: true });
  await page.screenshot({ path: path.join(shots, `${name}.png`), fullPage: true });
}

// A page of a new browser context (its own cookies) at the laptop size the
// UI is made for.
export async function newPage(browser, base) {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1366, height: 768 }, locale: 'vi-VN' });
  const page = await context.newPage();
  page.setDefaultTimeout(20000);
  return page;
}

export async function signIn(page, { username, password }, shot) {
  await page.goto('/');
  await page.getByTestId('login-form').waitFor();
  await page.getByTestId('login-username').fill(username);
  await page.getByTestId('login-password').fill(password);
  if (shot) await screenshot(page, shot);
  await page.getByTestId('login-submit').click();
  await page.getByTestId('unit-tree').waitFor();
}

// Chooses a unit in the tree, choosing (and so opening) its ancestors
// (codes, top first) until it is shown.
export async function chooseUnit(page, code, ancestors = []) {
  const target = page.getByTestId(`unit-${code}`);
  for (const a of ancestors) {
    const u = page.getByTestId(`unit-${a}`);
    await u.waitFor();
    if (!(await target.isVisible())) await u.click();
  }
  await target.click();
  await page.getByTestId(`crumb-${code}`).waitFor();
}

export async function openPage(page, name) {
  await page.getByTestId(`nav-${name}`).click();
  await page.getByTestId(`${name}-page`).waitFor();
}

// The dashboard's unformatted value of one key indicator for a period.
export async function dashboardValue(page, period, code) {
  await openPage(page, 'dashboard');
  await page.getByTestId('dashboard-period').fill(period);
  await page.getByTestId('dashboard-apply').click();
  const cell = page.getByTestId(`dashboard-${code}`);
  await cell.waitFor();
  // The figures of the period asked, not those shown before it was applied.
  await page.waitForFunction(([el, want]) => el.getAttribute('data-value') !== '' && el.getAttribute('data-period') === want,
    [await cell.elementHandle(), period]);
  // Figures from before a recent write are replaced by the page within seconds.
  await page.getByTestId('dashboard-stale').waitFor({ state: 'detached', timeout: 60000 });
  return Number(await cell.getAttribute('data-value'));
}
