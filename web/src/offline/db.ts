// The browser's own database (IndexedDB) for work that must survive a lost
// connection and a reload: the outbox of writes waiting to be sent
// (outbox.ts) and the picker data of a collaborator's villages
// (pickerCache.ts). A few promise helpers over the raw API; no library.
const NAME = 'danso';
const VERSION = 1;

export type StoreName = 'outbox' | 'villages';

let opened: Promise<IDBDatabase> | null = null;

function open(): Promise<IDBDatabase> {
  if (!opened) {
    opened = new Promise((resolve, reject) => {
      const req = indexedDB.open(NAME, VERSION);
      req.onupgradeneeded = () => {
        const db = req.result;
        // Writes waiting to be sent, by their idempotency key.
        if (!db.objectStoreNames.contains('outbox')) db.createObjectStore('outbox', { keyPath: 'key' });
        // A village's persons and households for the pickers, by user and village.
        if (!db.objectStoreNames.contains('villages')) db.createObjectStore('villages', { keyPath: 'id' });
      };
      req.onsuccess = () => resolve(req.result);
      req.onerror = () => {
        opened = null;
        reject(req.error);
      };
    });
  }
  return opened;
}

function done<T>(req: IDBRequest<T>): Promise<T> {
  return new Promise((resolve, reject) => {
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error);
  });
}

async function store(name: StoreName, mode: IDBTransactionMode): Promise<IDBObjectStore> {
  return (await open()).transaction(name, mode).objectStore(name);
}

export async function getAll<T>(name: StoreName): Promise<T[]> {
  return done((await store(name, 'readonly')).getAll()) as Promise<T[]>;
}

export async function getOne<T>(name: StoreName, key: string): Promise<T | undefined> {
  return done((await store(name, 'readonly')).get(key)) as Promise<T | undefined>;
}

export async function put<T>(name: StoreName, value: T): Promise<void> {
  await done((await store(name, 'readwrite')).put(value));
}

export async function remove(name: StoreName, key: string): Promise<void> {
  await done((await store(name, 'readwrite')).delete(key));
}

// Reads and rewrites one record in one transaction: `change` returns the
// new value, or undefined to leave it.
export async function update<T>(name: StoreName, key: string, change: (v: T | undefined) => T | undefined): Promise<T | undefined> {
  const s = await store(name, 'readwrite');
  const next = change((await done(s.get(key))) as T | undefined);
  if (next !== undefined) await done(s.put(next));
  return next;
}
