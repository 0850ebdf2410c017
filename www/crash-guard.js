// The crash guard: notices when the engine dies and offers a restart that keeps the
// learner's program. Plain script, loaded before the wasm module, so it keeps working
// even if the page's own wasm is what trapped.
//
// How a crash is seen:
// - a trap on the page's main thread surfaces as an uncaught WebAssembly.RuntimeError
//   (window `error` / `unhandledrejection`);
// - a trap on a pool worker happens inside wasm-bindgen-rayon's worker loop, which runs
//   after an `await`, so it is an unhandled rejection *inside the worker* and never
//   reaches this page by itself. Every pool worker is therefore started through
//   worker-bootstrap.js, which reports its own errors by postMessage before it loads the
//   real worker script.
// What it does then: dispatches `threadplay:crash` on window (the app sets its status to
// error and stops polling), shows a panel ("The interpreter crashed", what was running,
// a Restart button), and marks the status hook `error`. Restart stores the program text
// and settings in sessionStorage and reloads; the page restores them on load.
// It must never throw, and never interfere with workers that are not pool workers.
(() => {
  'use strict';
  const RESTORE_KEY = 'threadplay:restore';
  let crash = null;

  const text = (selector) => document.querySelector(selector)?.textContent?.trim() ?? '';
  const value = (testId) => document.querySelector(`[data-testid="${testId}"]`)?.value;

  function whatWasRunning() {
    const title = text('.demo-head h1') || 'the playground';
    const status = text('[data-testid=status]');
    const gil = value('gil-model');
    const parts = [title];
    if (gil) parts.push(`${gil} GIL model`);
    return `${parts.join(', ')}${status === 'running' ? ', while a program was running' : ''}`;
  }

  function saveAndReload() {
    try {
      const state = {
        hash: location.hash,
        program: value('editor'),
        gil: value('gil-model'),
        scheduler: value('scheduler'),
        switchInterval: value('switch-interval'),
        seed: value('seed'),
        savedAt: Date.now(),
      };
      sessionStorage.setItem(RESTORE_KEY, JSON.stringify(state));
    } catch (_) {
      // Storage can be unavailable (private mode, sandboxed iframe): reload anyway.
    }
    // A crash the tests provoked (`?crash-test=...`) must not come back after the restart.
    const url = new URL(location.href);
    url.searchParams.delete('crash-test');
    if (url.href === location.href) location.reload();
    else location.replace(url.href);
  }

  function showPanel() {
    if (!document.body || document.querySelector('[data-testid=crash-panel]')) return;
    const make = (tag, props = {}, ...children) => {
      const node = document.createElement(tag);
      for (const [key, value] of Object.entries(props)) node.setAttribute(key, value);
      node.append(...children);
      return node;
    };
    const [first, ...rest] = crash.message.split('\n');
    const button = make('button', { type: 'button', class: 'run', 'data-testid': 'crash-restart' }, 'Restart the engine');
    button.addEventListener('click', saveAndReload);
    const panel = make('section', {
      class: 'crash-panel', 'data-testid': 'crash-panel', role: 'alertdialog', 'aria-modal': 'true',
      'aria-labelledby': 'crash-title', 'aria-describedby': 'crash-detail',
    },
    make('h2', { id: 'crash-title' }, 'The interpreter crashed'),
    make('p', { id: 'crash-detail' },
      `It stopped in ${crash.where} (${crash.running}). Nothing more can run until it is `
      + 'restarted. Restarting reloads the engine and keeps your program and settings.'),
    make('pre', { 'data-testid': 'crash-message' }, first),
    ...(rest.length ? [make('details', {}, make('summary', {}, 'Where it stopped'), make('pre', {}, rest.join('\n')))] : []),
    button);
    // Everything behind the panel is out of reach (keyboard and screen readers too)
    // until the restart: the page can no longer run anything.
    for (const child of document.body.children) child.inert = true;
    document.body.append(make('div', { class: 'crash-backdrop' }, panel));
    button.focus();
  }

  function markStatus() {
    const status = document.querySelector('[data-testid=status]');
    if (status) {
      status.textContent = 'error';
      status.className = 'status error';
    }
    document.documentElement.setAttribute('data-crashed', 'true');
  }

  function report(where, message) {
    if (crash) return;
    crash = { where, message: String(message || 'unknown error'), running: whatWasRunning() };
    try {
      window.dispatchEvent(new CustomEvent('threadplay:crash', { detail: crash }));
    } catch (_) {}
    // Let the app react first (if its own thread still runs), then make sure.
    setTimeout(() => {
      markStatus();
      showPanel();
    }, 50);
  }

  const isTrap = (error) =>
    (typeof WebAssembly !== 'undefined' && error instanceof WebAssembly.RuntimeError) ||
    /RuntimeError|unreachable|memory access out of bounds/.test(String(error?.message ?? error));

  window.addEventListener('error', (event) => {
    if (isTrap(event.error ?? event.message)) report('the page', event.error ?? event.message);
  });
  window.addEventListener('unhandledrejection', (event) => {
    if (isTrap(event.reason)) report('the page', event.reason);
  });

  // Pool workers start through worker-bootstrap.js. Messages the pool posts before the
  // real worker script is listening are held back until the bootstrap says it is.
  const NativeWorker = window.Worker;
  const bootstrap = new URL('worker-bootstrap.js', document.currentScript?.src ?? location.href);
  class GuardedWorker extends NativeWorker {
    constructor(url, options) {
      const target = new URL(String(url), location.href);
      // wasm-bindgen-rayon starts each pool worker from a blob copy of its helper script.
      const guarded = options?.type === 'module'
        && (target.protocol === 'blob:' || /workerHelpers/.test(target.pathname));
      if (!guarded) {
        super(url, options);
        this.held = null;
        return;
      }
      const wrapped = new URL(bootstrap);
      wrapped.searchParams.set('target', target.href);
      super(wrapped, options);
      this.held = [];
      super.addEventListener('message', (event) => {
        const data = event.data;
        if (data?.type === 'threadplay:bootstrap-ready') {
          const held = this.held ?? [];
          this.held = null;
          for (const args of held) super.postMessage(...args);
        } else if (data?.type === 'threadplay:worker-crash') {
          report('a worker thread', data.message);
        }
      });
      super.addEventListener('error', (event) => report('a worker thread', event.message));
    }
    postMessage(...args) {
      if (this.held) this.held.push(args);
      else super.postMessage(...args);
    }
  }
  window.Worker = GuardedWorker;

  window.threadplayCrash = () => crash;
})();
