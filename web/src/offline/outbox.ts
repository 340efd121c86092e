// The outbox: writes made without a connection (or whose answer was lost),
// kept in the browser's database until the server has them. Each has a key
// of its own, sent as the Idempotency-Key header: sending it again after a
// lost answer never records it twice (docs/api.md). An item is waiting,
// being sent, or refused by the server, with the server's message, until
// it is corrected or discarded. Items belong to the user who made them.
import type { ApiIssue } from '../api';
import { getAll, getOne, put, remove, update } from './db';

export type OutboxState = 'waiting' | 'sending' | 'refused';

export interface OutboxError {
  status: number;
  code: string;
  field?: string;
  message_vi: string;
  message_en: string;
  issues: ApiIssue[];
}

// What the form was: a slip (opened again in the slip form), a household's
// or a person's record (new or changed; discarded and made again when refused).
export type OutboxKind = 'slip' | 'household' | 'person';

export interface OutboxItem {
  key: string;              // the Idempotency-Key
  user: number;             // the user who made it
  kind: OutboxKind;
  method: 'POST' | 'PATCH';
  path: string;             // /api/v1/events, /api/v1/households/12, ...
  body: Record<string, unknown>;
  unit: string;             // the unit chosen when it was made (to open it again)
  created_at: string;       // ISO instant, the phone's clock
  state: OutboxState;
  attempts: number;
  error?: OutboxError;      // the server's refusal
}

// A new key: a random UUID.
export function newKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const b = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(b, (x) => x.toString(16).padStart(2, '0')).join('');
}

// Every page showing the outbox hears of each change (this tab and others).
const listeners = new Set<() => void>();
const channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel('danso-outbox') : null;
if (channel) channel.onmessage = () => listeners.forEach((f) => f());
function changed(): void {
  listeners.forEach((f) => f());
  channel?.postMessage('changed');
}
export function onOutboxChange(f: () => void): () => void {
  listeners.add(f);
  return () => listeners.delete(f);
}

export async function outboxItems(user: number): Promise<OutboxItem[]> {
  const all = await getAll<OutboxItem>('outbox');
  return all.filter((i) => i.user === user).sort((a, b) => a.created_at.localeCompare(b.created_at));
}

export async function outboxItem(key: string): Promise<OutboxItem | undefined> {
  return getOne<OutboxItem>('outbox', key);
}

// Keeps a write (new, or corrected under its own key) as waiting.
export async function keep(item: Omit<OutboxItem, 'state' | 'attempts' | 'created_at'> & { created_at?: string }): Promise<void> {
  const old = await outboxItem(item.key);
  await put<OutboxItem>('outbox', {
    ...item,
    created_at: item.created_at ?? old?.created_at ?? new Date().toISOString(),
    state: 'waiting',
    attempts: old?.attempts ?? 0,
    error: undefined,
  });
  changed();
}

export async function setState(key: string, state: OutboxState, error?: OutboxError): Promise<void> {
  await update<OutboxItem>('outbox', key, (i) => i && {
    ...i, state, error, attempts: state === 'sending' ? i.attempts + 1 : i.attempts,
  });
  changed();
}

export async function discard(key: string): Promise<void> {
  await remove('outbox', key);
  changed();
}

// Items left "sending" by a page closed while sending go back to waiting:
// sending them again is safe under their key.
export async function resumeInterrupted(user: number): Promise<void> {
  for (const i of await outboxItems(user)) if (i.state === 'sending') await setState(i.key, 'waiting');
}
