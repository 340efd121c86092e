// What every page shares: the signed-in session, the chosen unit with the path
// from the top of the caller's tree down to it (the breadcrumbs), and the
// permissions check that decides which buttons a page shows.
import { createContext } from 'preact';
import { useContext } from 'preact/hooks';
import type { Session, Unit } from './api';
import type { MessageKey } from './i18n';

export interface AppState {
  session: Session;
  can: (permission: string) => boolean;
  unit: Unit | null;
  // Ancestors of the chosen unit within the caller's tree, top first, the unit last.
  path: Unit[];
  selectUnit: (unit: Unit, path: Unit[]) => void;
  signOut: () => void;
  // The server ended the session (as after turning on two-step
  // verification): back to sign-in with `notice` shown there.
  endSession: (notice: MessageKey) => void;
}

export const AppContext = createContext<AppState | null>(null);

export function useApp(): AppState {
  const s = useContext(AppContext);
  if (!s) throw new Error('AppContext missing');
  return s;
}

// Periods as the server writes them.
export function currentMonth(d = new Date()): string {
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}`;
}
export function previousMonth(d = new Date()): string {
  return currentMonth(new Date(d.getFullYear(), d.getMonth() - 1, 1));
}
export function previousQuarter(d = new Date()): string {
  const q = Math.floor(d.getMonth() / 3); // 0..3, the current quarter - 1
  return q === 0 ? `${d.getFullYear() - 1}-Q4` : `${d.getFullYear()}-Q${q}`;
}
export function monthRange(month: string): { from: string; to: string } {
  const [y, m] = month.split('-').map(Number);
  const last = new Date(y, m, 0).getDate();
  return { from: `${month}-01`, to: `${month}-${String(last).padStart(2, '0')}` };
}
export function today(): string {
  const d = new Date();
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}
