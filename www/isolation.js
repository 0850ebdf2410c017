// Cross-origin isolation, wherever the browser allows it. Plain script, the first thing
// the page runs (before the crash guard and the engine). It decides how this page gets
// the shared memory real threads need and tells the loader:
//
//   window.threadplayIsolation       'headers' | 'service-worker' | 'none'
//                                    ('reloading' for the moment before the one reload)
//   window.threadplayIsolationReady  a Promise of that final value; it never settles when
//                                    the page is about to reload, so nothing is loaded twice
//   <html data-isolation="...">      the same value, for styles and tests
//
// - 'headers': the host sent COOP/COEP, or Document-Isolation-Policy (Chromium 137+, which
//   also isolates an iframe inside a page that is not isolated itself).
// - 'service-worker': a host without headers (GitHub Pages). A top-level visit registers
//   coi-serviceworker.js (the npm package coi-serviceworker, vendored by
//   scripts/vendor-coi-serviceworker), which adds COOP/COEP to every response of this
//   site, and reloads once so the page itself comes through it.
// - 'none': no way to isolate here (an iframe on a host without headers, a browser without
//   service workers such as Firefox's private windows, file://, a service worker that did
//   not help). The loader then runs without shared memory.
//
// It must never reload more than once per tab (the reload is remembered in
// sessionStorage; without sessionStorage it does not try), never register the service
// worker from an iframe (it could not isolate the frame, and would take over the site's
// requests in the embedding page's storage partition), and never throw.
(() => {
  'use strict';
  const RELOADED = 'threadplay:isolation-reload';
  const WORKER = 'coi-serviceworker.js';
  let settle;
  const ready = new Promise((resolve) => { settle = resolve; });
  window.threadplayIsolationReady = ready;

  const set = (mode) => {
    window.threadplayIsolation = mode;
    try {
      document.documentElement.dataset.isolation = mode;
    } catch (_) {}
  };
  const decide = (mode, why) => {
    if (window.threadplayIsolation && window.threadplayIsolation !== 'reloading') return;
    set(mode);
    window.threadplayIsolationWhy = why;
    settle(mode);
  };
  const storage = () => {
    try {
      return window.sessionStorage;
    } catch (_) {
      return null;
    }
  };
  const topLevel = (() => {
    try {
      return window.top === window.self;
    } catch (_) {
      return false;
    }
  })();
  const serviceWorkers = (() => {
    try {
      return navigator.serviceWorker ?? null;
    } catch (_) {
      // Firefox throws SecurityError here when storage is blocked.
      return null;
    }
  })();

  if (window.crossOriginIsolated === true) {
    storage()?.removeItem(RELOADED);
    const ours = serviceWorkers?.controller?.scriptURL?.endsWith(`/${WORKER}`);
    decide(ours ? 'service-worker' : 'headers', ours ? 'the service worker added the headers' : 'the host sends the headers');
    return;
  }
  if (!topLevel) {
    decide('none', 'an iframe can be isolated only by headers from the host (Document-Isolation-Policy)');
    return;
  }
  if (location.protocol === 'file:') {
    decide('none', 'pages opened from file:// cannot be isolated; serve the folder over http');
    return;
  }
  if (!window.isSecureContext || !serviceWorkers) {
    decide('none', 'this browser offers no service worker here (private window, or not https)');
    return;
  }
  const store = storage();
  if (!store) {
    decide('none', 'no sessionStorage to remember the one reload');
    return;
  }
  if (store.getItem(RELOADED)) {
    decide('none', 'the service worker was installed and the page reloaded, yet it is not isolated');
    return;
  }

  set('reloading');
  const script = new URL(WORKER, document.currentScript?.src ?? location.href);
  const reload = () => {
    if (window.threadplayIsolation !== 'reloading') return;
    try {
      store.setItem(RELOADED, String(Date.now()));
    } catch (_) {
      decide('none', 'could not remember the reload');
      return;
    }
    const line = document.querySelector('#boot span');
    if (line) line.textContent = 'Turning on real threads (the page reloads once)\u2026';
    location.reload();
  };
  serviceWorkers.register(script.href).then(
    () => serviceWorkers.ready.then(reload),
    (error) => decide('none', `the service worker did not register: ${error?.message ?? error}`),
  );
  // A registration that never settles (a browser or an extension that blocks service
  // workers without saying so) must not keep the page waiting. A late activation then
  // does not reload this visit; the next one is isolated from its first response.
  setTimeout(() => decide('none', 'the service worker did not start within 6 s'), 6_000);
})();
