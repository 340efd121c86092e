// DanSo's service worker: the app shell kept in the browser so that the UI
// opens without a connection after its first visit. Built by
// offline-shell.mjs (a plugin of vite.config.ts) into dist/sw.js with the
// build's own list of files (the page, the entry script with the modules it
// imports, its styles, the manifest and icons) and a version made from it:
// a new build is a new worker, which keeps the new shell whole before it
// takes over and drops the old.
//
// - the UI's pages (navigations): the shell's page from the cache at once,
//   else the network (the first visit);
// - other files of the UI (/assets/, icons): from the cache, else the
//   network, a fetched /assets/ file kept (a page's chunk opened later);
// - the API (/api/) is never touched: its answers are the server's, and the
//   writes made offline wait in the page's outbox (src/offline/).
const VERSION = '__VERSION__';
const SHELL = __SHELL__;
const SHELL_CACHE = `danso-shell-${VERSION}`;
const ASSET_CACHE = 'danso-assets';

self.addEventListener('install', (event) => {
  event.waitUntil(caches.open(SHELL_CACHE).then((c) => c.addAll(SHELL)).then(() => self.skipWaiting()));
});

self.addEventListener('activate', (event) => {
  event.waitUntil(
    caches.keys()
      .then((keys) => Promise.all(keys.filter((k) => k !== SHELL_CACHE).map((k) => caches.delete(k))))
      .then(() => self.clients.claim()),
  );
});

async function page(request) {
  const cache = await caches.open(SHELL_CACHE);
  const kept = await cache.match('/');
  if (kept) return kept;
  return fetch(request);
}

async function file(request) {
  const kept = await caches.match(request);
  if (kept) return kept;
  const res = await fetch(request);
  if (res.ok && new URL(request.url).pathname.startsWith('/assets/')) {
    const copy = res.clone();
    caches.open(ASSET_CACHE).then((c) => c.put(request, copy));
  }
  return res;
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  if (request.method !== 'GET') return;
  const url = new URL(request.url);
  if (url.origin !== self.location.origin || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else event.respondWith(file(request));
});
