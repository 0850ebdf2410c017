// The site's one service worker (registered by www/isolation.js). A scope has exactly one
// service worker, so this one does both jobs the page needs from it:
//
// 1. Offline once loaded (issue 14): it keeps a copy of the site's own files, so a page
//    loaded once still loads, and runs its demos, when the network is gone.
//    - Only same-origin GET requests inside the scope, never a range request; only whole,
//      successful, same-origin responses (200, type 'basic') are stored.
//    - Files whose names carry Trunk's content hash (`styles-<16 hex>.css`,
//      `threadplay-web-<16 hex>_bg.wasm`): cache first, they never change.
//    - Everything else (index.html, isolation.js, the simulated build's files, ...):
//      network first, the copy when the network fails or has not answered in 3 s (a
//      conference network that hangs instead of failing).
//    - Stored under the address without its query: `?p=` program links are the same page,
//      `worker-bootstrap.js?target=blob:...` the same script.
//    - The page (isolation.js) posts `{ type: 'threadplay:cache', urls }` with the files
//      it loaded before this worker controlled it; the reply (on the message's port) is
//      `{ cached, bytes, failed }` once they are all stored; an older deploy's copies of
//      the same hashed files are deleted then.
// 2. Isolation where it is asked for: registered as `sw.js?coi=1` (hosts that send no
//    isolation headers, GitHub Pages), every response it hands out gets COOP same-origin,
//    COEP require-corp and CORP cross-origin (as the npm package coi-serviceworker's
//    worker does), copies from the cache included. Without `coi=1` responses pass through
//    as the host sent them; the host's own headers are stored with each copy, so a host
//    that isolates by headers is still isolated offline.
//
// It must never answer a request with a response it did not get from the network or the
// cache, never store an error, an opaque response or a part of a file, and never touch
// requests of other origins except to add the isolation headers (coi only).
const COI = new URL(self.location.href).searchParams.get('coi') === '1';
// Bump when the storage format changes: activate deletes this scope's other versions.
const VERSION = 1;
const PREFIX = 'threadplay-offline';
const CACHE = `${PREFIX}-v${VERSION} ${self.registration.scope}`;
const NETWORK_WAIT_MS = 3_000;
// Trunk's content hash: 16 hex digits before the extension (wasm-bindgen's `_bg` after it).
const HASHED = /-[0-9a-f]{16}(?:_bg)?\.[a-z0-9]+$/;

self.addEventListener('install', () => self.skipWaiting());
self.addEventListener('activate', (event) => event.waitUntil((async () => {
  const names = await caches.keys();
  await Promise.all(names
    .filter((name) => name.startsWith(`${PREFIX}-`) && name.endsWith(` ${self.registration.scope}`) && name !== CACHE)
    .map((name) => caches.delete(name)));
  await self.clients.claim();
})()));

/** The cache key of a URL: without its query and fragment. */
const keyOf = (href) => {
  const url = new URL(href);
  return `${url.origin}${url.pathname}`;
};

/** Same-origin, inside the scope, and not the service worker itself. */
const cacheable = (href) => {
  const url = new URL(href);
  return url.origin === self.location.origin && url.href.startsWith(self.registration.scope)
    && url.pathname !== self.location.pathname;
};

const storable = (response) => response.status === 200 && response.type === 'basic';

/**
 * The response as the page should see it: with the isolation headers under coi. Rebuilt
 * also when its address is not the request's (a copy stored without the query): a worker
 * takes its `location` from the response, and worker-bootstrap.js reads `?target=` there.
 */
function deliver(request, response) {
  // Opaque responses (status 0) cannot be rebuilt; a redirected one must be, or the
  // browser refuses it for a navigation.
  const moved = response.redirected || (response.url !== '' && response.url !== request.url.split('#')[0]);
  if (response.status === 0 || (!COI && !moved)) return response;
  const headers = new Headers(response.headers);
  if (COI) {
    headers.set('Cross-Origin-Opener-Policy', 'same-origin');
    headers.set('Cross-Origin-Embedder-Policy', 'require-corp');
    headers.set('Cross-Origin-Resource-Policy', 'cross-origin');
  }
  return new Response(response.body, { status: response.status, statusText: response.statusText, headers });
}

/** Fetches `request` and stores a good response under `key` (in the background of `event`). */
async function fetchAndStore(request, key, event) {
  const response = await fetch(request);
  if (storable(response)) {
    const copy = response.clone();
    const stored = caches.open(CACHE).then((cache) => cache.put(key, copy)).catch(() => {});
    if (event) event.waitUntil(stored);
    else await stored;
  }
  return response;
}

async function cacheFirst(request, key, event) {
  const hit = await caches.match(key, { cacheName: CACHE });
  return hit ?? fetchAndStore(request, key, event);
}

function networkFirst(request, key, event) {
  return new Promise((resolve, reject) => {
    let done = false;
    const answer = (response) => {
      if (!done) {
        done = true;
        resolve(response);
      }
    };
    const copy = () => caches.match(key, { cacheName: CACHE });
    const network = fetchAndStore(request, key, event);
    network.then(answer, async (error) => {
      const hit = await copy();
      if (hit) answer(hit);
      else if (!done) {
        done = true;
        reject(error);
      }
    });
    // A network that neither answers nor fails: the copy after a while, if there is one
    // (the fetch goes on and still refreshes the copy when it completes).
    setTimeout(async () => {
      const hit = await copy();
      if (hit) answer(hit);
    }, NETWORK_WAIT_MS);
  });
}

self.addEventListener('fetch', (event) => {
  const request = event.request;
  // (Chromium devtools' only-if-cached requests cannot be fetched from here.)
  if (request.cache === 'only-if-cached' && request.mode !== 'same-origin') return;
  const ours = request.method === 'GET' && !request.headers.has('range') && cacheable(request.url);
  if (!ours) {
    if (COI) event.respondWith(fetch(request).then((response) => deliver(request, response)));
    return;
  }
  const key = keyOf(request.url);
  const answer = HASHED.test(new URL(key).pathname) ? cacheFirst(request, key, event) : networkFirst(request, key, event);
  event.respondWith(answer.then((response) => deliver(request, response)));
});

// The files the page loaded before this worker controlled it (isolation.js sends them
// once the page is up): fetched again only when not stored yet.
self.addEventListener('message', (event) => {
  if (event.data?.type !== 'threadplay:cache' || !Array.isArray(event.data.urls)) return;
  const port = event.ports?.[0];
  event.waitUntil((async () => {
    const cache = await caches.open(CACHE);
    const keys = [...new Set(event.data.urls.filter((href) => {
      try {
        return cacheable(href);
      } catch (_) {
        return false;
      }
    }).map(keyOf))];
    let failed = 0;
    await Promise.all(keys.map(async (key) => {
      if (await cache.match(key)) return;
      try {
        const response = await fetch(key, { credentials: 'same-origin' });
        if (storable(response)) await cache.put(key, response);
        else failed += 1;
      } catch (_) {
        failed += 1;
      }
    }));
    // An older deploy's hashed copies: deleted once the page uses the same file with a
    // new hash (only then, so nothing the page may still need goes).
    const stem = (href) => new URL(href).pathname.replace(/-[0-9a-f]{16}(?=(?:_bg)?\.[a-z0-9]+$)/, '');
    const current = new Set(keys.filter((key) => HASHED.test(key)).map(stem));
    for (const request of await cache.keys()) {
      if (HASHED.test(request.url) && current.has(stem(request.url)) && !keys.includes(request.url)) await cache.delete(request);
    }
    let bytes = 0;
    const stored = await cache.keys();
    for (const request of stored) bytes += (await (await cache.match(request)).blob()).size;
    port?.postMessage({ cached: stored.length, bytes, failed });
  })());
});
