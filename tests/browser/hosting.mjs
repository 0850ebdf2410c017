// Hosting checks (issue 13): the built page works from any path, on hosts with and
// without the isolation headers, and inside an iframe of a docs page on another site.
//
// - The site is served under /docs/threadplay/ from 127.0.0.1; the docs page from
//   localhost, another site (not only another origin), without any isolation headers.
// - With Document-Isolation-Policy (sent beside COOP/COEP, as www/_headers does) the
//   iframe is cross-origin isolated and runs real threads.
// - Without headers, a top-level visit installs the service worker, reloads once and
//   runs real threads; an iframe cannot be isolated that way, nor a page where the
//   service worker cannot help: they run the simulated build (engine-mode `simulated`).
// - Opened without its trailing slash, the page says which files did not load.
// Each check returns the bytes the site served and the files it loaded, in that mode.
import { join } from 'node:path';
import { serve } from './serve.mjs';
import { axeViolations, summarize } from './axe.mjs';

// The route an embed loads: the compact embed view (the demo page's hooks).
const EMBED_ROUTE = '#/embed/';
const BASE_PATH = '/docs/threadplay/';

const docsPage = (src) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Docs: threads</title></head>
<body><main><h1>Threads in Python</h1><p>A docs page on another site, not isolated.</p>
<iframe id="embed" title="threadplay" src="${src}" width="960" height="760"></iframe>
</main></body></html>`;

/** What a server log says: bytes in all, and each file (a path loaded n times shows ×n). */
function transferred(requests) {
  const bytes = requests.reduce((sum, request) => sum + request.bytes, 0);
  const counts = new Map();
  for (const { path, status } of requests) {
    const name = `${path.replace(BASE_PATH, '').replace(/-[0-9a-f]{16}/, '') || 'index.html'}${status === 200 ? '' : ` ${status}`}`;
    counts.set(name, (counts.get(name) ?? 0) + 1);
  }
  const files = [...counts].map(([name, n]) => (n > 1 ? `${name} ×${n}` : name));
  return { bytes, kb: (bytes / 1024).toFixed(0), files };
}

const isolationOf = (frame) => frame.evaluate(() => ({
  isolated: window.crossOriginIsolated,
  mode: window.threadplayIsolation,
  why: window.threadplayIsolationWhy,
}));

async function runnable(frame) {
  await frame.waitForFunction(() => {
    const run = document.querySelector('[data-testid=run]');
    return run && !run.disabled;
  }, null, { timeout: 45_000 });
}

/** The engine-mode hook (issue 13, simulated build) when the page has it. */
async function engineMode(frame) {
  const hook = frame.locator('[data-testid=engine-mode]');
  return (await hook.count()) ? (await hook.textContent()).trim() : null;
}

/** Runs the demo now on `frame` and returns its final status and console lines. */
async function runDemo(frame) {
  await runnable(frame);
  await frame.locator('[data-testid=run]').click();
  await frame.waitForFunction(
    () => ['finished', 'deadlock', 'error', 'stopped'].includes(document.querySelector('[data-testid=status]')?.textContent),
    null, { timeout: 60_000 },
  );
  const status = await frame.locator('[data-testid=status]').textContent();
  const lines = (await frame.locator('[data-testid=console]').textContent()).split('\n').map((line) => line.trim()).filter(Boolean);
  return { status, lines };
}

/** Runs race (already open on `frame()`), then opens deadlock with `goto` and runs it. */
async function expectRaceAndDeadlock(frame, goto, expect) {
  const race = await runDemo(frame());
  expect(race.status === 'finished' && race.lines.some((line) => /^Final counter: \d+$/.test(line)),
    `race: ${race.status}: ${race.lines.join(' | ')}`);
  await goto('deadlock');
  const deadlock = await runDemo(frame());
  expect(deadlock.status === 'deadlock', `deadlock ended ${deadlock.status}: ${deadlock.lines.join(' | ')}`);
  expect(deadlock.lines.includes('T1: took lock_a') && deadlock.lines.includes('T2: took lock_b'),
    `deadlock printed: ${deadlock.lines.join(' | ')}`);
  return race.lines.find((line) => line.startsWith('Final counter'));
}

/** Counts the main frame's navigations (the service worker's reload is one). */
function countNavigations(page) {
  const seen = { count: 0 };
  page.on('framenavigated', (frame) => {
    if (frame === page.mainFrame()) seen.count += 1;
  });
  return seen;
}

export async function hostingChecks({ browser, dist, check, expect, artifacts, report = console.log }) {
  const table = [];
  const record = (mode, ran, bytes) => table.push({ mode, ran, bytes });

  const withServers = async (headers, body, siteFiles = {}) => {
    const site = await serve({ root: dist, headers, basePath: BASE_PATH, files: siteFiles });
    // The docs pages, written per check (the server reads this object on each request).
    const pages = {};
    const docs = await serve({ hostname: 'localhost', headers: 'none', files: pages });
    docs.page = (name, src) => {
      pages[`/${name}.html`] = docsPage(src);
      return `${docs.url}${name}.html`;
    };
    try {
      return await body(site, docs);
    } finally {
      await site.close();
      await docs.close();
    }
  };

  // 'all': the three headers, as www/_headers sends them; 'dip': Document-Isolation-Policy
  // alone, which is what isolates a frame whose parent is not isolated.
  for (const headers of ['all', 'dip']) await check(`hosting: iframe on a docs page of another site, site with ${headers === 'all' ? 'the three headers' : 'Document-Isolation-Policy only'}: isolated, real threads`, () => withServers(headers, async (site, docs) => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const frame = () => page.frames().find((f) => f.url().startsWith(site.origin));
      // A docs page per demo, as a reader moving between two docs pages.
      const goto = async (slug) => {
        await page.goto(docs.page(slug, `${site.url}${EMBED_ROUTE}${slug}`));
        await frame().locator(`[data-testid=demo-${slug}]`).waitFor({ timeout: 30_000 });
      };
      await goto('race');
      await runnable(frame());
      const load = transferred(site.requests);
      const isolation = await isolationOf(frame());
      expect(await page.evaluate(() => window.crossOriginIsolated) === false, 'the docs page itself is isolated: the fixture is wrong');
      expect(isolation.isolated === true, `crossOriginIsolated in the iframe: ${isolation.isolated}`);
      expect(isolation.mode === 'headers', `threadplayIsolation in the iframe: ${isolation.mode} (${isolation.why})`);
      const mode = await engineMode(frame());
      expect(mode === null || mode === 'threads', `engine-mode ${mode}`);
      const counter = await expectRaceAndDeadlock(frame, goto, expect);
      await page.screenshot({ path: join(artifacts, `hosting-iframe-${headers}.png`) });
      expect(errors.length === 0, errors.join('\n'));
      record(`iframe on another site, ${headers === 'all' ? 'COOP/COEP + DIP' : 'DIP only'}`, `race (${counter}), deadlock: pass`, `${load.kb} KB: ${load.files.join(', ')}`);
      return `isolated in the iframe; ${counter}; deadlock; ${load.kb} KB until Run was offered`;
    } finally {
      await page.close();
    }
  }));

  // The same site at the top level, under the sub-path, with the headers.
  await check('hosting: /docs/threadplay/ with the headers: top-level, real threads', () => withServers('all', async (site) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      const navigations = countNavigations(page);
      const goto = async (slug) => {
        await page.goto(`${site.url}${EMBED_ROUTE}${slug}`);
        await page.getByTestId(`demo-${slug}`).waitFor({ timeout: 30_000 });
      };
      await goto('race');
      await runnable(page);
      const isolation = await isolationOf(page);
      expect(isolation.isolated === true && isolation.mode === 'headers', `isolation: ${JSON.stringify(isolation)}`);
      const first = transferred(site.requests);
      expect(!first.files.some((name) => name.startsWith('sw.js')), `the service worker was loaded: ${first.files}`);
      const counter = await expectRaceAndDeadlock(() => page, goto, expect);
      expect(navigations.count === 2, `${navigations.count} navigations for 2 page loads`);
      record('/docs/threadplay/, headers', `race (${counter}), deadlock: pass`, `${first.kb} KB: ${first.files.join(', ')}`);
      return `${counter}; ${first.kb} KB until Run was offered`;
    } finally {
      await page.close();
    }
  }));

  await check('hosting: /docs/threadplay/ without headers: the service worker reloads once, then real threads', () => withServers('none', async (site) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    try {
      const navigations = countNavigations(page);
      await page.goto(`${site.url}${EMBED_ROUTE}race`);
      await page.getByTestId('demo-race').waitFor({ timeout: 30_000 });
      expect(navigations.count === 2, `${navigations.count} navigations: the service worker should reload the page exactly once`);
      const isolation = await isolationOf(page);
      expect(isolation.isolated === true && isolation.mode === 'service-worker', `isolation: ${JSON.stringify(isolation)}`);
      const documents = site.requests.filter((request) => request.path === BASE_PATH).length;
      expect(documents === 2, `index.html fetched ${documents} times`);
      // What the first visit cost before its reload: no engine (script or wasm) is fetched twice.
      const engineFetches = site.requests.filter((request) => request.path.endsWith('.wasm')).length;
      expect(engineFetches === 1, `the wasm was fetched ${engineFetches} times`);
      await runnable(page);
      const reloadAt = site.requests.findLastIndex((request) => request.path === BASE_PATH);
      const before = transferred(site.requests.slice(0, reloadAt));
      const after = transferred(site.requests.slice(reloadAt));
      const counter = await expectRaceAndDeadlock(() => page, async (slug) => {
        await page.goto(`${site.url}${EMBED_ROUTE}${slug}`);
        await page.getByTestId(`demo-${slug}`).waitFor({ timeout: 30_000 });
      }, expect);
      // Later visits are isolated at once: no second reload, ever.
      const beforeReloads = navigations.count;
      await page.reload();
      await page.getByTestId('demo-deadlock').waitFor({ timeout: 30_000 });
      await runnable(page);
      expect(navigations.count === beforeReloads + 1, `a reload took ${navigations.count - beforeReloads} navigations`);
      expect((await isolationOf(page)).mode === 'service-worker', 'not isolated after a reload');
      expect(errors.length === 0, errors.join('\n'));
      await page.screenshot({ path: join(artifacts, 'hosting-service-worker.png') });
      record('/docs/threadplay/, no headers, top level', `service worker, one reload; race (${counter}), deadlock: pass`,
        `${before.kb} KB before the reload (${before.files.join(', ')}), then ${after.kb} KB: ${after.files.join(', ')}`);
      return `one reload; ${counter}; ${before.kb} KB before the reload, ${after.kb} KB after it until Run was offered`;
    } finally {
      await page.close();
    }
  }));

  // Emptied or given the service worker's path (null: a 404) while the check runs.
  const siteFiles = {};
  await check('hosting: no headers and no service worker (blocked, or missing from the host): no reload, simulated threads', () => withServers('none', async (site) => {
    const results = [];
    for (const how of ['blocked', 'missing']) {
      if (how === 'missing') siteFiles[`${BASE_PATH}sw.js`] = null;
      const page = await browser.newPage({ viewport: { width: 1280, height: 800 }, serviceWorkers: how === 'blocked' ? 'block' : 'allow' });
      try {
        const navigations = countNavigations(page);
        await page.goto(`${site.url}${EMBED_ROUTE}race`);
        await page.getByTestId('demo-race').waitFor({ timeout: 30_000 });
        await runnable(page);
        const isolation = await isolationOf(page);
        expect(isolation.isolated === false && isolation.mode === 'none', `${how}: isolation ${JSON.stringify(isolation)}`);
        expect(navigations.count === 1, `${how}: ${navigations.count} navigations`);
        expect(await engineMode(page) === 'simulated', `${how}: engine-mode ${await engineMode(page)}`);
        if (how === 'blocked') {
          const violations = await axeViolations(page);
          expect(violations.length === 0, `axe on the simulated page: ${summarize(violations)}`);
        }
        const counter = await expectRaceAndDeadlock(() => page, async (slug) => {
          await page.goto(`${site.url}${EMBED_ROUTE}${slug}`);
          await page.getByTestId(`demo-${slug}`).waitFor({ timeout: 30_000 });
        }, expect);
        results.push(`${how}: ${isolation.why}; simulated: ${counter}`);
      } finally {
        await page.close();
      }
    }
    const { kb, files } = transferred(site.requests.slice(0, site.requests.findLastIndex((request) => request.path === BASE_PATH)));
    record('/docs/threadplay/, no headers, service worker blocked or missing', 'no reload, simulated threads; race, deadlock: pass', `${kb} KB: ${files.join(', ')}`);
    return results.join('; ');
  }, siteFiles));

  // 'coop-coep' is the control: without Document-Isolation-Policy those two headers do not
  // isolate a frame whose parent is not isolated.
  for (const headers of ['none', 'coop-coep']) await check(`hosting: iframe on a docs page of another site, site with ${headers === 'none' ? 'no headers' : 'COOP/COEP only'}: simulated threads there`, () => withServers(headers, async (site, docs) => {
    const page = await browser.newPage({ viewport: { width: 1100, height: 900 } });
    try {
      const goto = async (slug) => {
        await page.goto(docs.page(slug, `${site.url}${EMBED_ROUTE}${slug}`));
        await frame().locator(`[data-testid=demo-${slug}]`).waitFor({ timeout: 30_000 });
      };
      const frame = () => page.frames().find((f) => f.url().startsWith(site.origin));
      await goto('race');
      await runnable(frame());
      const isolation = await isolationOf(frame());
      expect(isolation.isolated === false && isolation.mode === 'none', `isolation ${JSON.stringify(isolation)}`);
      expect(await engineMode(frame()) === 'simulated', `engine-mode ${await engineMode(frame())}`);
      const notice = await frame().locator('[data-testid=engine-note]').textContent();
      expect(/simulated/i.test(notice) && /one core/.test(notice), `notice: ${notice}`);
      const load = transferred(site.requests);
      const counter = await expectRaceAndDeadlock(frame, goto, expect);
      // (Chromium refuses service workers to a third-party iframe outright; either way none.)
      const registered = await frame().evaluate(async () => Boolean(await navigator.serviceWorker?.getRegistration().catch(() => null)));
      expect(!registered, 'the iframe registered a service worker');
      expect(!site.requests.some((request) => request.path.endsWith('/sw.js')), 'the iframe fetched the service worker');
      const documents = site.requests.filter((request) => request.path === BASE_PATH).length;
      expect(documents === 2, `the iframe loaded ${documents} times for 2 docs pages (a reload?)`);
      await page.screenshot({ path: join(artifacts, `hosting-iframe-${headers}.png`) });
      record(`iframe on another site, ${headers === 'none' ? 'no headers' : 'COOP/COEP only'}`, `simulated threads, no service worker, no reload; race (${counter}), deadlock: pass`, `${load.kb} KB: ${load.files.join(', ')}`);
      return `${isolation.why}; simulated: ${counter}; ${load.kb} KB until Run was offered`;
    } finally {
      await page.close();
    }
  }));

  await check('hosting: opened without its trailing slash: one line says which files did not load, and links the right address', () => withServers('all', async (site) => {
    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    try {
      const bare = site.url.replace(/\/$/, '');
      await page.goto(`${bare}${EMBED_ROUTE}race`);
      const message = page.getByTestId('boot-error');
      await message.waitFor({ timeout: 20_000 });
      const text = await message.textContent();
      expect(text.includes('could not load its files') && text.includes(`${BASE_PATH}`), `message: ${text}`);
      await page.screenshot({ path: join(artifacts, 'hosting-no-slash.png') });
      const violations = await axeViolations(page);
      expect(violations.length === 0, `axe on the message: ${summarize(violations)}`);
      await message.getByRole('link').click();
      await page.getByTestId('demo-race').waitFor({ timeout: 30_000 });
      expect(page.url() === `${site.url}${EMBED_ROUTE}race`, `the link went to ${page.url()}`);
      return text;
    } finally {
      await page.close();
    }
  }));

  if (table.length) {
    report('\nhosting mode | what ran | bytes the site served and what it loaded');
    for (const row of table) report(`${row.mode} | ${row.ran} | ${row.bytes}`);
  }
}
