// The outbox and the connection as a page sees them, following every change.
import { useEffect, useState } from 'preact/hooks';
import { onOutboxChange, outboxItems, type OutboxItem } from './outbox';

export function useOutbox(user: number): OutboxItem[] | null {
  const [items, setItems] = useState<OutboxItem[] | null>(null);
  useEffect(() => {
    let live = true;
    const load = () => outboxItems(user).then((i) => { if (live) setItems(i); }, () => { if (live) setItems([]); });
    load();
    const stop = onOutboxChange(load);
    return () => { live = false; stop(); };
  }, [user]);
  return items;
}

export function useOnline(): boolean {
  const [online, setOnline] = useState(navigator.onLine);
  useEffect(() => {
    const on = () => setOnline(true);
    const off = () => setOnline(false);
    window.addEventListener('online', on);
    window.addEventListener('offline', off);
    return () => { window.removeEventListener('online', on); window.removeEventListener('offline', off); };
  }, []);
  return online;
}
