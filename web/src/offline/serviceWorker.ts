// The service worker (web/sw.js) registered once the page has loaded, so
// that keeping the app shell never slows the first visit; only in the
// built UI (the development server serves no sw.js).
export function registerServiceWorker(): void {
  if (!import.meta.env.PROD || !('serviceWorker' in navigator)) return;
  const register = () => void navigator.serviceWorker.register('/sw.js').catch(() => {
    /* without a worker the UI works as before, online only */
  });
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}
