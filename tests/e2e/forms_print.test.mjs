// The official forms printed to PDF through the browser (docs/forms.md): the
// district user computes every commune's monthly report, opens the page that
// prints them all in one go and one commune's form, and prints each with
// chromium's print (Playwright's page.pdf, the page's own @page size). The
// PDF is read back with poppler's pdfinfo and pdftotext: A4 pages in the
// orientation the form asks, each commune's form with its heading, title and
// signature block, the table's heading on every page; and one commune's
// yearly form 03-DSX with the rows only the year carries.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, test } from 'node:test';
import assert from 'node:assert/strict';
import { ApiSession } from './api.mjs';
import { launchBrowser, screenshot } from './browser.mjs';
import { startServer } from './server.mjs';

let server, browser, page, api;
let communes = [];
const month = new Date().toISOString().slice(0, 7);
const monthWords = `Tháng ${Number(month.slice(5, 7))} năm ${month.slice(0, 4)}`;
const out = process.env.DANSO_E2E_SCREENSHOTS || path.join(tmpdir(), 'danso-e2e-forms');

before(async () => {
  server = await startServer();
  browser = await launchBrowser();
  api = new ApiSession(server.base);
  assert.equal((await api.signIn(server.accounts.district_staff)).status, 200);
  // The browser signs in the way the UI does, so the pages it opens are the user's.
  const context = await browser.newContext({ baseURL: server.base, locale: 'vi-VN' });
  page = await context.newPage();
  page.setDefaultTimeout(30000);
  await page.goto('/api/v1/health');
  const { username, password } = server.accounts.district_staff;
  const status = await page.evaluate(async (body) => (await fetch('/api/v1/session', {
    method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify(body),
  })).status, { username, password });
  assert.equal(status, 200);
});

after(async () => {
  await browser?.close();
  if (!server) return;
  const { code } = await server.stop();
  assert.equal(code, 0, `the server shuts down gracefully\n${server.log().slice(-2000)}`);
});

// Prints the page at `url` to PDF; returns its pages' text and sizes.
async function printPdf(url, name) {
  const r = await page.goto(url);
  assert.equal(r.status(), 200, await r.text());
  assert.equal(r.headers()['content-type'], 'text/html; charset=utf-8');
  mkdirSync(out, { recursive: true });
  const file = path.join(out, `${name}.pdf`);
  writeFileSync(file, await page.pdf({ preferCSSPageSize: true }));
  const info = execFileSync('pdfinfo', ['-f', '1', '-l', '999', file], { encoding: 'utf8' });
  const count = Number(info.match(/^Pages:\s+(\d+)/m)[1]);
  const sizes = [...info.matchAll(/^Page\s+\d+ size:\s+([\d.]+) x ([\d.]+) pts/gm)].map((m) => [Number(m[1]), Number(m[2])]);
  // In reading order, white space collapsed: a label wrapped in its cell reads whole.
  const text = execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' });
  const pages = text.split('\f').slice(0, count).map((t) => t.replace(/\s+/g, ' '));
  return { count, sizes, pages };
}

const A4 = [595.28, 841.89];  // points, portrait
const near = (a, b) => Math.abs(a - b) < 1.5;
const isA4 = ([w, h], landscape) => (landscape ? near(w, A4[1]) && near(h, A4[0]) : near(w, A4[0]) && near(h, A4[1]));

test('the district computes every commune\'s monthly report', async () => {
  const district = server.accounts.district_staff.unit;
  const r = await api.get(`/api/v1/units/${district}/children`);
  assert.equal(r.status, 200, r.text);
  communes = r.body.children.filter((c) => c.kind === 'commune');
  assert.ok(communes.length >= 2, `communes: ${communes.length}`);
  for (const c of communes) {
    const computed = await api.post('/api/v1/reports', { unit: c.code, period: month });
    assert.ok([200, 201].includes(computed.status), computed.text);
    c.report = computed.body.id;
    c.villages = computed.body.rows.length;
  }
});

test('every commune form of the district prints in one go: A4 pages, headings on every page', async () => {
  const district = server.accounts.district_staff.unit;
  const pdf = await printPdf(`/api/v1/report-forms.html?unit=${district}&period=${month}`, 'forms-district-month');
  await screenshot(page, 'forms-district-month');
  // Each form on pages of its own: rows 1-14 take one portrait page, or two
  // landscape pages for more than five villages (the heading repeated).
  const perForm = communes.every((c) => c.villages > 5) ? 2 : 1;
  assert.ok(pdf.count >= communes.length && pdf.count <= perForm * communes.length,
    `${pdf.count} pages for ${communes.length} forms`);
  assert.equal(pdf.sizes.length, pdf.count);
  const landscape = communes.every((c) => c.villages > 5);
  pdf.sizes.forEach((s, i) => assert.ok(isA4(s, landscape), `page ${i + 1}: ${s.join(' x ')} pts`));
  pdf.pages.forEach((text, i) => {
    for (const heading of ['STT', 'Chỉ tiêu', 'Đơn vị tính', 'Tổng số'])
      assert.ok(text.includes(heading), `page ${i + 1} lacks the table heading "${heading}":\n${text}`);
  });
  const all = pdf.pages.join('\n');
  const count = (s) => all.split(s).length - 1;
  assert.equal(count('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'), communes.length);
  assert.equal(count('Độc lập - Tự do - Hạnh phúc'), communes.length);
  assert.equal(count('BÁO CÁO THỐNG KÊ DÂN SỐ CẤP XÃ'), communes.length);
  assert.equal(count(monthWords), communes.length);
  assert.equal(count('NGƯỜI LẬP BIỂU'), communes.length);
  assert.equal(count('THỦ TRƯỞNG ĐƠN VỊ'), communes.length);
  // Each form starts on a page of its own, in code order, naming its commune.
  const firsts = pdf.pages.map((t, i) => [t, i]).filter(([t]) => t.includes('CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM'));
  assert.equal(firsts.length, communes.length);
  firsts.forEach(([t], k) => assert.ok(t.includes(`Đơn vị báo cáo: ${communes[k].name}`), `form ${k + 1}:\n${t}`));
  assert.ok(!all.includes('Chưa có báo cáo của'), 'every commune has its report');
});

test('one commune\'s form prints with its heading, rows and signature block', async () => {
  const c = communes[0];
  const pdf = await printPdf(`/api/v1/reports/${c.report}/form.html`, 'form-commune-month');
  await screenshot(page, 'form-commune-month');
  pdf.sizes.forEach((s, i) => assert.ok(isA4(s, c.villages > 5), `page ${i + 1}: ${s.join(' x ')} pts`));
  const first = pdf.pages[0];
  for (const want of ['Báo cáo tháng cấp xã', `Đơn vị báo cáo: ${c.name}`, 'Đơn vị nhận báo cáo:', 'Số: ……/BC-……',
    'BÁO CÁO THỐNG KÊ DÂN SỐ CẤP XÃ', monthWords, 'Chia theo thôn/ấp/bản/tổ dân phố', 'Số hộ dân cư', 'Trong đó:'])
    assert.ok(first.includes(want), `the first page lacks "${want}":\n${first}`);
  const all = pdf.pages.join('\n');
  // Row 11's label wraps in its cell: its first words.
  for (const want of ['Số người chuyển đi', 'Số lượt bắt đầu sử dụng biện pháp',
    '11.1 - Đặt dụng cụ tử cung (vòng tránh thai)', '11.7 - Triệt sản nữ', 'Số lượt sàng lọc sơ sinh', 'NGƯỜI LẬP BIỂU',
    '(Ký, ghi rõ họ tên)', 'THỦ TRƯỞNG ĐƠN VỊ', `${c.name}, ngày`])
    assert.ok(all.includes(want), `the form lacks "${want}"`);
  pdf.pages.forEach((text, i) => assert.ok(text.includes('Đơn vị tính'), `page ${i + 1} lacks the table heading`));
});

test('a commune\'s yearly form 03-DSX prints with the year\'s own rows', async () => {
  const c = communes[0];
  const year = month.slice(0, 4);
  const computed = await api.post('/api/v1/reports', { unit: c.code, period: year });
  assert.ok([200, 201].includes(computed.status), computed.text);
  assert.equal(computed.body.form, 'commune_yearly');
  assert.equal(computed.body.columns.length, 30);
  const total = computed.body.total;
  assert.equal(total.population_male + total.population_female, total.population);
  const pdf = await printPdf(`/api/v1/reports/${computed.body.id}/form.html`, 'form-commune-year');
  await screenshot(page, 'form-commune-year');
  pdf.sizes.forEach((s, i) => assert.ok(isA4(s, c.villages > 5), `page ${i + 1}: ${s.join(' x ')} pts`));
  const first = pdf.pages[0];
  for (const want of ['Biểu 03-DSX', `Đơn vị báo cáo: ${c.name}`, 'BÁO CÁO THỐNG KÊ DÂN SỐ CẤP XÃ', `Năm ${year}`,
    'Dân số thường trú', '2.1', '- Nam', '- Nữ'])
    assert.ok(first.includes(want), `the first page lacks "${want}":\n${first}`);
  const all = pdf.pages.join('\n');
  for (const want of ['Số lượt bắt đầu sử dụng biện pháp', '- Triệt sản nam', 'Số lượt sàng lọc sơ sinh',
    'NGƯỜI LẬP BIỂU',
    'THỦ TRƯỞNG ĐƠN VỊ', `${c.name}, ngày`])
    assert.ok(all.includes(want), `the form lacks "${want}"`);
  pdf.pages.forEach((text, i) => assert.ok(text.includes('Đơn vị tính'), `page ${i + 1} lacks the table heading`));
});
