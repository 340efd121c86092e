// A signed-in API client for the end-to-end tests: keeps the session cookie
// and sends the CSRF token on every state-changing request.
export class ApiSession {
  constructor(base) {
    this.base = base;
    this.cookie = '';
    this.csrf = '';
    this.user = null;
  }

  async request(method, path, body) {
    const headers = {};
    if (this.cookie) headers.Cookie = this.cookie;
    if (method !== 'GET') headers['X-CSRF-Token'] = this.csrf;
    if (body !== undefined) headers['Content-Type'] = 'application/json';
    const res = await fetch(this.base + path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    let json = null;
    try { json = JSON.parse(text); } catch { json = null; }
    return { status: res.status, body: json, text, headers: res.headers };
  }

  get(path) { return this.request('GET', path); }
  post(path, body) { return this.request('POST', path, body); }

  // Signs in; returns the response. On success keeps the cookie and token.
  async signIn({ username, password }) {
    const r = await this.post('/api/v1/session', { username, password });
    if (r.status === 200) {
      const cookie = r.headers.getSetCookie().find((c) => c.startsWith('__Host-danso_session='));
      this.cookie = cookie.split(';')[0];
      this.csrf = r.body.csrf_token;
      this.user = r.body.user;
    }
    return r;
  }
}

// The value of one indicator of GET /api/v1/indicators for a unit and period.
// The indicator's value from figures that hold every write so far: while
// the server answers from before a recent write (X-Danso-Figures: stale),
// ask again, as the dashboard does.
export async function indicator(session, unit, period, code) {
  for (let tries = 0; ; ++tries) {
    const r = await session.get(`/api/v1/indicators?unit=${unit}&period=${period}`);
    if (r.status !== 200) throw new Error(`indicators ${unit} ${period}: ${r.status} ${r.text}`);
    if (r.headers.get('X-Danso-Figures') !== 'stale') return r.body.indicators[code].value;
    if (tries >= 120) throw new Error(`indicators ${unit} ${period}: still stale after a minute`);
    await new Promise((done) => setTimeout(done, 500));
  }
}
