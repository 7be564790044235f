/** The service worker (vite-plugin-pwa injects the build's file list): the app shell and the last API answers, offline. */

// The program is type-checked with the DOM library; the few worker types used are declared here.
interface ExtendableEventLike extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEventLike extends ExtendableEventLike {
  request: Request;
  respondWith(response: Promise<Response> | Response): void;
}
interface WorkerScope {
  __WB_MANIFEST: Array<{ url: string; revision: string | null }>;
  location: Location;
  skipWaiting(): Promise<void>;
  clients: { claim(): Promise<void> };
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEventLike) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEventLike) => void): void;
}

const scope = self as unknown as WorkerScope;
// Written out in full: the build replaces exactly `self.__WB_MANIFEST` with the file list.
const PRECACHE = (self as unknown as WorkerScope).__WB_MANIFEST;

/** One shell cache per build (named by the list's revisions), so a deployment never mixes files. */
const SHELL = `gongbi-shell-${hash(PRECACHE.map((e) => `${e.url}@${e.revision ?? ''}`).join('|'))}`;
const RUNTIME = 'gongbi-runtime';
const API = 'gongbi-api';
const INDEX = new URL('index.html', scope.location.href).href;
/** A slow network is not a dead one, but an offline person should not stare at a spinner for long. */
const API_TIMEOUT_MS = 6_000;

function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

scope.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(SHELL)
      // addAll refuses duplicates, and the plugin lists the manifest's icons a second time.
      .then((cache) => cache.addAll([...new Set(PRECACHE.map((e) => new URL(e.url, scope.location.href).href))]))
      .then(() => scope.skipWaiting()),
  );
});

scope.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((keys) => Promise.all(keys.filter((k) => k.startsWith('gongbi-shell-') && k !== SHELL).map((k) => caches.delete(k))))
      .then(() => scope.clients.claim()),
  );
});

// index.html network first (a new deployment is picked up at once), hashed assets cache first
// (a hash never changes content), GET /api/* network first with the last good answer offline.
// The documents themselves are not here: they live in IndexedDB (y-indexeddb).
scope.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (url.origin !== scope.location.origin) return;
  if (url.pathname.startsWith('/api/auth/') && request.method === 'POST') {
    // Signing in or out changes whose data the API answers: forget the last person's answers.
    event.respondWith(fetch(request).finally(() => caches.delete(API)));
    return;
  }
  if (request.method !== 'GET') return;
  if (request.mode === 'navigate') event.respondWith(page(request));
  else if (url.pathname.startsWith('/assets/') || PRECACHE.some((e) => new URL(e.url, scope.location.href).href === url.href)) event.respondWith(asset(request));
  else if (url.pathname.startsWith('/api/') && cacheableApi(url)) event.respondWith(api(request));
});

/** Any page URL is the single-page app: the newest index.html, or the last one offline. */
async function page(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (response.ok && (response.headers.get('content-type') ?? '').includes('text/html')) {
      const copy = response.clone();
      void caches.open(SHELL).then((cache) => cache.put(INDEX, copy));
    }
    return response;
  } catch (error) {
    const cached = await caches.match(INDEX);
    if (cached) return cached;
    throw error;
  }
}

async function asset(request: Request): Promise<Response> {
  const cached = await caches.match(request);
  if (cached) return cached;
  const response = await fetch(request);
  if (response.ok) {
    const copy = response.clone();
    void caches.open(RUNTIME).then((cache) => cache.put(request, copy));
  }
  return response;
}

/** Health and exports are never useful stale (and exports are large). */
function cacheableApi(url: URL): boolean {
  return url.pathname !== '/api/health' && !url.pathname.includes('/export');
}

async function api(request: Request): Promise<Response> {
  const cache = await caches.open(API);
  const network = fetch(request).then(async (response) => {
    if (response.ok && (response.headers.get('content-type') ?? '').includes('application/json')) {
      await cache.put(request, response.clone());
    } else if (response.status === 401) {
      // The session is gone: nothing cached on its behalf may be shown any more.
      await caches.delete(API);
    }
    return response;
  });
  const cached = await cache.match(request);
  if (!cached) return network;
  // The network's answer when it comes in time or fails cleanly, the cached one otherwise.
  const timeout = new Promise<Response>((resolve) => setTimeout(() => resolve(cached), API_TIMEOUT_MS));
  return Promise.race([network.catch(() => cached), timeout]);
}
