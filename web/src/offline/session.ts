// What the page needs to open without a connection: the last session the
// server confirmed (the user and their permissions; never its anti-forgery
// token) and the roots of their unit tree, kept in localStorage. The page
// opens on them at once and asks the server in the background: a session
// the server has ended sends the user back to sign-in, one it cannot
// reach leaves them working, their writes kept in the outbox.
import type { Session, Unit } from '../api';

const SESSION_KEY = 'danso.session';
const ROOTS_KEY = 'danso.roots';

export function keepSession(s: Session): void {
  localStorage.setItem(SESSION_KEY, JSON.stringify({ ...s, csrf_token: '' }));
}

export function keptSession(): Session | null {
  try {
    const s = JSON.parse(localStorage.getItem(SESSION_KEY) ?? 'null') as Session | null;
    return s && s.user && Array.isArray(s.permissions) ? s : null;
  } catch {
    return null;
  }
}

export function keepRoots(user: number, roots: Unit[]): void {
  localStorage.setItem(ROOTS_KEY, JSON.stringify({ user, roots }));
}

export function keptRoots(user: number): Unit[] | null {
  try {
    const k = JSON.parse(localStorage.getItem(ROOTS_KEY) ?? 'null') as { user: number; roots: Unit[] } | null;
    return k && k.user === user && Array.isArray(k.roots) ? k.roots : null;
  } catch {
    return null;
  }
}

// Signed out, or the session ended: nothing opens without signing in again.
export function forgetSession(): void {
  localStorage.removeItem(SESSION_KEY);
  localStorage.removeItem(ROOTS_KEY);
}
