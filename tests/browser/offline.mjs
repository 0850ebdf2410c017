// Offline once loaded (issue 14): a page loaded once reloads, opens another demo and runs
// it with no network, in the build it used online (www/sw.js keeps the copies,
// www/isolation.js registers it and hands it the files the page loaded).
//
// Each check uses a fresh browser context (service workers allowed) and its own server,
// waits until the page says its files are stored (<html data-offline="ready">), then
// takes the network away twice over: the context goes offline and the server is closed
// (so a request that slipped past the emulation would fail too). Then it reloads, runs
// race, opens deadlock (a full reload of the other demo) and runs it:
// - the host sends COOP/COEP: still cross-origin isolated offline (the host's headers
//   are stored with each copy), threadplayIsolation 'headers', real threads;
// - the host sends nothing: one reload through sw.js?coi=1, then isolated by the worker,
//   offline too ('service-worker', real threads);
// - the simulated build (the page decided 'none'): it loads offline, from the copies;
// - a server that hangs: the copy after 3 s (network first has a time limit);
// - back online, a changed index.html is what the next reload shows (network first),
//   and a new deploy's hashed file replaces the old copy.
// Figures: the files and bytes stored, the time from navigation to Run enabled online
// (first visit) and offline.
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { serve } from './serve.mjs';

const TERMINAL = ['finished', 'deadlock', 'error', 'stopped'];

async function runnable(page) {
  await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000 });
}

async function runDemo(page) {
  await runnable(page);
  await page.getByTestId('run').click();
  await page.waitForFunction((terminal) => terminal.includes(document.querySelector('[data-testid=status]')?.textContent),
    TERMINAL, { timeout: 90_000 });
  const status = await page.getByTestId('status').textContent();
  const lines = (await page.getByTestId('console').textContent()).split('\n').map((line) => line.trim()).filter(Boolean);
  return { status, lines };
}

const stateOf = (page) => page.evaluate(() => ({
  isolated: window.crossOriginIsolated,
  mode: window.threadplayIsolation,
  engine: document.querySelector('[data-testid=engine-mode]')?.textContent.trim() ?? null,
  controlled: Boolean(navigator.serviceWorker?.controller),
  worker: navigator.serviceWorker?.controller?.scriptURL.split('/').pop() ?? null,
}));

/** Waits until isolation.js says the worker stored the page's files; returns its figures. */
async function storedForOffline(page) {
  await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 60_000 });
  return page.evaluate(() => window.threadplayOffline);
}

/** Runs race here, then opens deadlock by a full load and runs it; checks both outcomes. */
async function raceAndDeadlock(page, siteUrl, expect) {
  const race = await runDemo(page);
  expect(race.status === 'finished' && race.lines.some((line) => /^Final counter: \d+$/.test(line)),
    `race offline: ${race.status}: ${race.lines.join(' | ')}`);
  await page.goto(`${siteUrl}#/demo/deadlock`);
  await page.reload();
  await page.getByTestId('demo-deadlock').waitFor({ timeout: 30_000 });
  const deadlock = await runDemo(page);
  expect(deadlock.status === 'deadlock' && deadlock.lines.includes('T1: took lock_a') && deadlock.lines.includes('T2: took lock_b'),
    `deadlock offline: ${deadlock.status}: ${deadlock.lines.join(' | ')}`);
  return race.lines.find((line) => line.startsWith('Final counter'));
}

export async function offlineChecks({ browser, dist, check, expect, artifacts }) {
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} KB`;

  /**
   * Loads race on a site with `headers`, waits for the copies, goes offline and reloads.
   * `setup(context)` runs first (an init script); `want` is the state expected both online
   * and offline.
   */
  const loadedOnceThenOffline = async ({ headers, want, setup, shot }) => {
    const site = await serve({ root: dist, headers });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    const errors = [];
    try {
      await setup?.(context);
      const page = await context.newPage();
      page.on('pageerror', (error) => errors.push(error.message));
      let started = Date.now();
      await page.goto(`${site.url}#/demo/race`);
      await page.getByTestId('demo-race').waitFor({ timeout: 30_000 });
      await runnable(page);
      const online = Date.now() - started;
      const first = await stateOf(page);
      // (Online the plain worker is not there yet: it comes after the page is up.)
      for (const [key, value] of Object.entries(want)) {
        if (key !== 'worker' || value.includes('coi')) expect(first[key] === value, `online ${key}: ${JSON.stringify(first)}`);
      }
      const stored = await storedForOffline(page);
      expect(stored.cached > 0 && stored.failed === 0, `stored: ${JSON.stringify(stored)}`);
      expect((await stateOf(page)).controlled, 'the service worker does not control the page');

      await context.setOffline(true);
      await site.close();
      const served = site.requests.length;
      started = Date.now();
      await page.reload();
      await page.getByTestId('demo-race').waitFor({ timeout: 30_000 });
      await runnable(page);
      const offline = Date.now() - started;
      const state = await stateOf(page);
      for (const [key, value] of Object.entries(want)) expect(state[key] === value, `offline ${key}: ${JSON.stringify(state)}`);
      const counter = await raceAndDeadlock(page, site.url, expect);
      expect(site.requests.length === served, `the server answered ${site.requests.length - served} requests while offline`);
      await page.screenshot({ path: join(artifacts, `offline-${shot}.png`) });
      expect(errors.length === 0, errors.join('\n'));
      return `${state.engine} (${state.mode}, ${state.worker}); ${stored.cached} files, ${kb(stored.bytes)} stored; `
        + `Run enabled ${online} ms after the first visit's navigation, ${offline} ms after the offline reload; ${counter}; deadlock`;
    } finally {
      await context.close();
      await site.close();
    }
  };

  await check('offline: host with the headers: loaded once, reloads offline, race and deadlock in real threads', () => loadedOnceThenOffline({
    headers: 'coop-coep',
    want: { isolated: true, mode: 'headers', engine: 'threads', worker: 'sw.js' },
    shot: 'headers',
  }));

  await check('offline: host without headers: isolated through sw.js after one reload, offline too, real threads', () => loadedOnceThenOffline({
    headers: 'none',
    want: { isolated: true, mode: 'service-worker', engine: 'threads', worker: 'sw.js?coi=1' },
    shot: 'service-worker',
  }));

  // The page settles on 'none' when the one reload already happened in this tab and did
  // not isolate it (isolation.js): the simulated build, and the plain worker for copies.
  await check('offline: the simulated build, when it was the one used, loads and runs offline', () => loadedOnceThenOffline({
    headers: 'none',
    setup: (context) => context.addInitScript(() => sessionStorage.setItem('threadplay:isolation-reload', 'test')),
    want: { isolated: false, mode: 'none', engine: 'simulated', worker: 'sw.js' },
    shot: 'simulated',
  }));

  await check('offline: a network that hangs instead of failing: the page loads from its copy after the wait', async () => {
    const hang = new Set();
    const site = await serve({ root: dist, headers: 'coop-coep', hang });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    try {
      const page = await context.newPage();
      await page.goto(`${site.url}#/demo/race`);
      await runnable(page);
      await storedForOffline(page);
      hang.add('/');
      hang.add('/isolation.js');
      hang.add('/crash-guard.js');
      const started = Date.now();
      await page.reload({ timeout: 30_000 });
      await runnable(page);
      const took = Date.now() - started;
      const state = await stateOf(page);
      expect(state.isolated && state.engine === 'threads', `after the hang: ${JSON.stringify(state)}`);
      const race = await runDemo(page);
      expect(race.status === 'finished', `race after the hang: ${race.status}`);
      return `Run enabled ${took} ms after the reload (the page and two scripts hung; 3 s wait each, in parallel for the scripts)`;
    } finally {
      await context.close();
      await site.close();
    }
  });

  await check('offline: back online, a changed index.html is picked up (network first)', async () => {
    const files = {};
    const site = await serve({ root: dist, headers: 'coop-coep', files });
    const context = await browser.newContext({ viewport: { width: 1280, height: 800 }, serviceWorkers: 'allow' });
    try {
      const page = await context.newPage();
      const marker = () => page.evaluate(() => document.querySelector('meta[name=threadplay-check]')?.content ?? null);
      await page.goto(`${site.url}#/demo/race`);
      await runnable(page);
      await storedForOffline(page);
      const original = readFileSync(join(dist, 'index.html'), 'utf8');
      // A new deploy: index.html changed, and the stylesheet under a new hash.
      const styles = original.match(/styles-[0-9a-f]{16}\.css/)[0];
      const renamed = 'styles-00000000000000aa.css';
      files[`/${renamed}`] = readFileSync(join(dist, styles), 'utf8');
      files['/index.html'] = original.replace('<head>', '<head><meta name="threadplay-check" content="v2">').replaceAll(styles, renamed);
      // Offline the stored copy: not the new file.
      await context.setOffline(true);
      await page.reload();
      await runnable(page);
      expect(await marker() === null, 'offline, the page is not the stored copy');
      await context.setOffline(false);
      const before = site.requests.filter((request) => request.path === '/').length;
      await page.reload();
      await runnable(page);
      expect(await marker() === 'v2', 'online, the reload did not show the changed index.html');
      expect(site.requests.filter((request) => request.path === '/').length === before + 1, 'the navigation did not go to the network');
      await page.waitForFunction(() => document.documentElement.dataset.offline === 'ready', null, { timeout: 60_000 });
      const copies = await page.evaluate(async () => {
        const names = [];
        for (const cacheName of await caches.keys()) {
          for (const request of await (await caches.open(cacheName)).keys()) names.push(new URL(request.url).pathname);
        }
        return names;
      });
      expect(copies.includes(`/${renamed}`) && !copies.includes(`/${styles}`), `copies after the new deploy: ${copies.join(' ')}`);
      // And the changed file is the copy from now on.
      await context.setOffline(true);
      await page.reload();
      await runnable(page);
      expect(await marker() === 'v2', 'offline after the change, the copy is the old index.html');
      return `offline: stored copy; online: the changed file at once (its new ${renamed} stored, the old one deleted); offline again: the changed copy`;
    } finally {
      await context.close();
      await site.close();
    }
  });
}
