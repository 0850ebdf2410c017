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
//   the site's service worker as `sw.js?coi=1`, which adds COOP/COEP to every response of
//   this site, and reloads once so the page itself comes through it.
// - 'none': no way to isolate here (an iframe on a host without headers, a browser without
//   service workers such as Firefox's private windows, file://, a service worker that did
//   not help). The loader then runs without shared memory.
//
// It must never reload more than once per tab (the reload is remembered in
// sessionStorage; without sessionStorage it does not try), never register the service
// worker from an iframe (it could not isolate the frame, and would take over the site's
// requests in the embedding page's storage partition), and never throw.
//
// Offline once loaded (issue 14): the same worker (a scope has one) keeps copies of the
// site's files. Where the page is up at the top level without it (isolated by headers,
// or 'none' on http(s) with service workers), it registers `sw.js` without `coi` only
// after the page has loaded and the engine started, never reloads for it and never
// delays the loader; then (in every top-level mode) it hands the worker the files the
// page loaded so far. When they are stored, <html data-offline="ready"> and
// `window.threadplayOffline` ({ cached, bytes, failed }) say so. Errors are swallowed:
// a page that cannot work offline still works online.
(() => {
  'use strict';
  const RELOADED = 'threadplay:isolation-reload';
  const WORKER = 'sw.js';
  // The worker that adds the isolation headers: our sw.js registered with `?coi=1`.
  const isCoi = (scriptURL) => {
    try {
      const url = new URL(scriptURL);
      return url.pathname.endsWith(`/${WORKER}`) && url.searchParams.get('coi') === '1';
    } catch (_) {
      return false;
    }
  };
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

  const here = document.currentScript?.src ?? location.href;
  const workerURL = (coi) => {
    const url = new URL(WORKER, here);
    if (coi) url.searchParams.set('coi', '1');
    return url;
  };

  // Offline copies, once the page is up: after `load`, after the engine started (the
  // loader's TrunkApplicationStarted), after an idle moment and a few seconds more, so
  // that neither the worker nor the files it stores compete with the engine's start.
  const keepOffline = () => {
    if (!topLevel || !serviceWorkers || !window.isSecureContext || !/^https?:$/.test(location.protocol)) return;
    const started = new Promise((resolve) => addEventListener('TrunkApplicationStarted', resolve, { once: true }));
    const loaded = document.readyState === 'complete' ? Promise.resolve()
      : new Promise((resolve) => addEventListener('load', resolve, { once: true }));
    const idle = () => new Promise((resolve) => (window.requestIdleCallback ?? setTimeout)(resolve, { timeout: 2_000 }));
    Promise.all([started, loaded]).then(idle).then(() => new Promise((resolve) => setTimeout(resolve, 3_000))).then(async () => {
      const mode = window.threadplayIsolation;
      const existing = await serviceWorkers.getRegistration(workerURL(false).href).catch(() => null);
      const existingCoi = [existing?.active, existing?.waiting, existing?.installing].some((worker) => isCoi(worker?.scriptURL));
      // Never swap the isolating worker for the plain one: the next visit needs it.
      const registration = await serviceWorkers.register(workerURL(mode === 'service-worker' || existingCoi).href);
      const ready = await serviceWorkers.ready;
      const urls = performance.getEntriesByType('resource').map((entry) => entry.name);
      urls.push(location.href);
      // Files workers load, which the page's own list does not show.
      urls.push(new URL(window.threadplayEngine?.mode === 'simulated' ? 'simulated/engine-worker.js' : 'worker-bootstrap.js', here).href);
      // The Python library's modules, which workers read on first import (src/web/library.rs).
      for (const file of window.threadplayLibrary ?? []) urls.push(new URL(file, here).href);
      const channel = new MessageChannel();
      const reply = new Promise((resolve) => { channel.port1.onmessage = (event) => resolve(event.data); });
      (ready.active ?? registration.active)?.postMessage({ type: 'threadplay:cache', urls }, [channel.port2]);
      window.threadplayOffline = await reply;
      document.documentElement.dataset.offline = 'ready';
    }).catch(() => {});
  };

  if (window.crossOriginIsolated === true) {
    storage()?.removeItem(RELOADED);
    const ours = isCoi(serviceWorkers?.controller?.scriptURL);
    decide(ours ? 'service-worker' : 'headers', ours ? 'the service worker added the headers' : 'the host sends the headers');
    keepOffline();
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
    keepOffline();
    return;
  }
  if (store.getItem(RELOADED)) {
    decide('none', 'the service worker was installed and the page reloaded, yet it is not isolated');
    keepOffline();
    return;
  }

  set('reloading');
  const script = workerURL(true);
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
