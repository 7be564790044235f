/** Registers the service worker (dist/sw.js) that keeps the app shell and the last API answers for offline use. */

export function registerServiceWorker(): void {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator)) return;
  const container = navigator.serviceWorker;
  if (!container.controller) {
    // On the first visit the page read the API before the worker was there to keep the
    // answers (the plan list, the overview): read them again through it once it takes over.
    container.addEventListener('controllerchange', warmApiCache, { once: true });
  }
  // After the page has loaded, so the worker's precaching does not compete with the first render.
  const register = () => {
    // The dev server has no sw.js: the failed registration is harmless there.
    container.register('/sw.js', { scope: '/' }).catch(() => undefined);
  };
  if (document.readyState === 'complete') register();
  else window.addEventListener('load', register, { once: true });
}

function warmApiCache(): void {
  const urls = new Set<string>();
  for (const entry of performance.getEntriesByType('resource') as PerformanceResourceTiming[]) {
    if (entry.initiatorType !== 'fetch') continue;
    const url = new URL(entry.name);
    if (url.origin === location.origin && url.pathname.startsWith('/api/') && url.pathname !== '/api/health' && !url.pathname.includes('/export')) urls.add(url.href);
  }
  for (const url of urls) void fetch(url, { credentials: 'same-origin', headers: { accept: 'application/json' } }).catch(() => undefined);
}
