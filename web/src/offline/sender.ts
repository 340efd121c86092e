// Sends the outbox: every waiting write of the signed-in user, oldest first,
// under its Idempotency-Key, when the page starts with a session, when the
// connection comes back (the `online` event), after a write is kept, and
// every 30 s while something waits. One tab sends at a time (a Web Lock).
// A write the server takes leaves the outbox; one it refuses (4xx) stays,
// marked refused with the server's message; one it cannot answer now (no
// connection, 5xx, 401: a session to renew) waits for the next round.
import { ApiError, hasCsrfToken, requestKeyed } from '../api';
import { outboxItems, setState, discard, type OutboxItem } from './outbox';

// The server could not be reached or could not answer now: try later.
export function notReached(e: unknown): boolean {
  return e instanceof ApiError && (e.status === 0 || e.status === 502 || e.status === 503 || e.status === 504);
}

let user: number | null = null;
let timer: ReturnType<typeof setInterval> | null = null;
let running: Promise<number> | null = null;
const sentListeners = new Set<(n: number) => void>();

// Told how many writes a round delivered.
export function onSent(f: (n: number) => void): () => void {
  sentListeners.add(f);
  return () => sentListeners.delete(f);
}

async function sendOne(item: OutboxItem): Promise<'sent' | 'refused' | 'later'> {
  await setState(item.key, 'sending');
  try {
    await requestKeyed(item.method, item.path, item.body, item.key);
    await discard(item.key);
    return 'sent';
  } catch (e) {
    if (notReached(e) || !(e instanceof ApiError) || e.status === 401 || e.code === 'csrf_failed' || e.status === 429) {
      // No session (401) or a stale anti-forgery token: sent once the session is renewed.
      await setState(item.key, 'waiting');
      return 'later';
    }
    await setState(item.key, 'refused', {
      status: e.status, code: e.code, field: e.field, message_vi: e.messageVi, message_en: e.messageEn, issues: e.issues,
    });
    return 'refused';
  }
}

async function round(me: number): Promise<number> {
  let sent = 0;
  const items = await outboxItems(me);
  // A page closed while sending left its items "sending": safe to send again.
  for (const item of items) {
    if (item.state === 'refused') continue;
    if (user !== me || !hasCsrfToken() || !navigator.onLine) break;
    const r = await sendOne(item);
    if (r === 'sent') ++sent;
    if (r === 'later') break;
  }
  if (sent > 0) sentListeners.forEach((f) => f(sent));
  return sent;
}

// One round now (or the one running); the number of writes delivered.
export function sendOutbox(): Promise<number> {
  const me = user;
  if (me === null || !hasCsrfToken()) return Promise.resolve(0);
  if (running) return running;
  const go = () => round(me);
  const locks = (navigator as Navigator & { locks?: LockManager }).locks;
  running = (locks ? locks.request('danso-outbox', go) : go())
    .catch(() => 0)
    .finally(() => { running = null; });
  return running;
}

const onOnline = () => void sendOutbox();

// Starts sending for the signed-in user (null: stops, as at sign-out).
export function startSender(userId: number | null): void {
  user = userId;
  if (timer) clearInterval(timer);
  timer = null;
  window.removeEventListener('online', onOnline);
  if (userId === null) return;
  window.addEventListener('online', onOnline);
  timer = setInterval(onOnline, 30000);
  void sendOutbox();
}
