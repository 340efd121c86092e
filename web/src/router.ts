// Client routes in the location hash (#/register, #/reports/12): the server
// answers index.html for any path, and a hash keeps reloads on the same page.
import { useEffect, useState } from 'preact/hooks';

export type Route = { page: string; arg?: string };

export function parseHash(hash: string): Route {
  const parts = hash.replace(/^#\/?/, '').split('/').filter(Boolean);
  return { page: parts[0] ?? 'dashboard', arg: parts[1] ? decodeURIComponent(parts[1]) : undefined };
}

export function navigate(page: string, arg?: string | number): void {
  location.hash = arg === undefined ? `#/${page}` : `#/${page}/${encodeURIComponent(String(arg))}`;
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  useEffect(() => {
    const f = () => setRoute(parseHash(location.hash));
    window.addEventListener('hashchange', f);
    return () => window.removeEventListener('hashchange', f);
  }, []);
  return route;
}
