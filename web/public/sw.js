// The web app's service worker: pages keep working offline once loaded. Every same-origin GET
// (pages, scripts, styles, fonts, config.json) goes to the network first and its answer is kept;
// without a network the kept answer is served (a page by its path, whatever its query string).
// The API and Cognito are other origins: their calls never pass through here, and the pages keep
// what they need of them (tickets, the door's keys and list) on the device themselves.

const CACHE = "bitcoin-events-v1";

self.addEventListener("install", () => self.skipWaiting());

self.addEventListener("activate", (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) => Promise.all(names.filter((name) => name !== CACHE).map((name) => caches.delete(name))))
      .then(() => self.clients.claim()),
  );
});

// A page loaded before this worker controlled it sends what it loaded (itself, its scripts,
// styles, fonts, config.json): kept now, so that page works offline from the first visit on.
self.addEventListener("message", (event) => {
  if (event.data?.type !== "keep" || !Array.isArray(event.data.urls)) {
    return;
  }
  const urls = event.data.urls.filter((url) => new URL(url).origin === self.location.origin);
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) => Promise.all(urls.map((url) => fetch(url).then((response) => (response.ok ? cache.put(url, response) : undefined)).catch(() => undefined))))
      .then(() => event.source?.postMessage({ type: "kept", count: urls.length })),
  );
});

self.addEventListener("fetch", (event) => {
  const request = event.request;
  const url = new URL(request.url);
  if (request.method !== "GET" || url.origin !== self.location.origin) {
    return;
  }
  event.respondWith(
    fetch(request)
      .then((response) => {
        if (response.ok) {
          const copy = response.clone();
          event.waitUntil(caches.open(CACHE).then((cache) => cache.put(request, copy)));
        }
        return response;
      })
      .catch(() =>
        caches
          .open(CACHE)
          .then((cache) => cache.match(request, { ignoreSearch: request.mode === "navigate" }))
          .then((kept) => kept ?? Response.error()),
      ),
  );
});
