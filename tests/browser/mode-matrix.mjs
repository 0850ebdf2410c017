// Every demo in every hosting mode (issue 13), as a table: does the demo run to its
// expected status and lines, in the build the mode should load? The modes:
// - dip-frame: an iframe (made by www/embed.js) on a docs page of another site without
//   isolation headers; the site sends COOP/COEP and Document-Isolation-Policy
//   (www/_headers) -> real threads in the frame;
// - plain-frame: the same with a site that sends no isolation header -> simulated;
// - plain-top: the page itself on a site without headers, service workers blocked (or
//   a browser where they cannot help) -> simulated;
// - sw-top: the page on a site without headers, service worker allowed -> it reloads
//   once through www/isolation.js's service worker, then real threads;
// - folder-top: the site in a folder (/docs/threadplay/) with the headers -> threads;
// - folder-frame: the site in that folder without headers, in a docs page's iframe ->
//   simulated.
// A cell passes when the status, the expected lines (demos/*.demo through the CLI) and
// engine-mode are right; in the frame modes also when the iframe's height follows its
// content after the run (the height messages), within 2 px. Also printed per mode:
// which build it loaded and the bytes the site served until Run was first enabled.
// run.mjs checks each mode with every demo (`modeMatrixChecks`); as a command it prints
// the table:
//
//   node tests/browser/mode-matrix.mjs --dist dist [--cli target/release/threadplay]
//        [--modes dip-frame,plain-frame,...] [--demos race,deadlock]
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';

const FOLDER = '/docs/threadplay/';
export const MODES = {
  'dip-frame': { headers: 'all', frame: true, engine: 'threads', what: 'iframe on a docs page of another site; the site sends COOP/COEP and Document-Isolation-Policy' },
  'plain-frame': { headers: 'none', frame: true, engine: 'simulated', what: 'iframe on a docs page of another site; the site sends no isolation header' },
  'plain-top': { headers: 'none', frame: false, engine: 'simulated', serviceWorkers: 'block', what: 'top level, no isolation header, service workers blocked' },
  'sw-top': { headers: 'none', frame: false, engine: 'threads', what: 'top level, no isolation header: the service worker reloads once' },
  'folder-top': { headers: 'all', frame: false, engine: 'threads', basePath: FOLDER, what: `top level in ${FOLDER}, with the headers` },
  'folder-frame': { headers: 'none', frame: true, engine: 'simulated', basePath: FOLDER, what: `iframe of ${FOLDER} without headers on a docs page of another site` },
};

const docsPage = (site, slug) => `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Docs: ${slug}</title>
<script src="${site.url}embed.js" defer></script></head>
<body><main style="max-width:56rem;margin:auto"><h1>Threads</h1><p>A docs page on another site.</p>
<div data-threadplay="${slug}"></div><p>The end.</p></main></body></html>`;

const TERMINAL = ['finished', 'deadlock', 'error', 'stopped'];

/** Runs the demo open in `frame` and says what is wrong with it, or '' when nothing is. */
async function runAndJudge(frame, demo, mode) {
  await frame.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000 });
  const engine = (await frame.locator('[data-testid=engine-mode]').textContent()).trim();
  await frame.locator('[data-testid=run]').click();
  await frame.waitForFunction((terminal) => terminal.includes(document.querySelector('[data-testid=status]')?.textContent),
    TERMINAL, { timeout: 180_000 });
  const status = await frame.locator('[data-testid=status]').textContent();
  const lines = (await frame.locator('[data-testid=console]').textContent()).split('\n');
  const problems = [];
  if (engine !== mode.engine) problems.push(`engine ${engine}`);
  if (status !== demo.status) problems.push(`status ${status}`);
  let from = 0;
  for (const line of demo.expect) {
    const at = (demo.anyOrder ?? demo.expect_any_order) ? lines.indexOf(line) : lines.indexOf(line, from);
    if (at < 0) {
      problems.push(`no line ${JSON.stringify(line)}`);
      break;
    }
    from = at + 1;
  }
  return problems;
}

/**
 * Runs every demo in each named mode. Returns `{ table, loaded }`: table maps a slug to
 * `{ mode: 'pass' | 'FAIL: why' }`, loaded maps a mode to the build it loaded and the
 * bytes the site served until Run was enabled. `log` hears each cell as it is decided.
 */
export async function runModeMatrix({ dist, demos, modeNames = Object.keys(MODES), log = () => {} }) {
  const table = new Map(demos.map((demo) => [demo.slug, {}]));
  const loaded = {};
  for (const name of modeNames) {
    const mode = MODES[name];
    const site = await serve({ root: dist, headers: mode.headers, basePath: mode.basePath ?? '/' });
    const files = Object.fromEntries(demos.map((demo) => [`/${demo.slug}.html`, docsPage(site, demo.slug)]));
    const docs = await serve({ files, headers: 'none', hostname: 'localhost' });
    const browser = await launchChromium();
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: mode.serviceWorkers ?? 'allow' });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    const started = Date.now();
    try {
      for (const [index, demo] of demos.entries()) {
        const cell = table.get(demo.slug);
        errors.length = 0;
        try {
          let frame = page.mainFrame();
          if (mode.frame) {
            await page.goto(`${docs.origin}/${demo.slug}.html`);
            const element = page.locator('iframe[data-threadplay-frame]');
            await element.waitFor({ timeout: 30_000 });
            frame = await (await element.elementHandle()).contentFrame();
          } else {
            await page.goto(`${site.url}#/demo/${demo.slug}`);
            // The service worker's one reload (sw-top) comes on the first visit: the
            // engine loads only after it, so the demo's page shows up after it too.
            await page.getByTestId(`demo-${demo.slug}`).waitFor({ timeout: 30_000 });
          }
          if (index === 0) {
            await frame.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000 });
            const kb = site.requests.reduce((sum, request) => sum + request.bytes, 0) / 1024;
            const wasm = site.requests.filter((request) => request.path.endsWith('.wasm')).map((request) => request.path.split('/').pop().replace(/-[0-9a-f]{16}/, ''));
            loaded[name] = `${(await frame.locator('[data-testid=engine-mode]').textContent()).trim()}: ${kb.toFixed(0)} KB until Run was enabled (wasm: ${wasm.join(', ')})`;
          }
          const problems = await runAndJudge(frame, demo, mode);
          if (mode.frame) {
            await page.waitForTimeout(400);
            const element = page.locator('iframe[data-threadplay-frame]');
            const height = await element.evaluate((iframe) => iframe.getBoundingClientRect().height);
            const content = await frame.evaluate(() => document.documentElement.scrollHeight);
            if (Math.abs(height - content) > 2) problems.push(`frame ${height.toFixed(0)} px for ${content} px`);
          }
          if (errors.length) problems.push(`page error: ${errors[0]}`);
          cell[name] = problems.length ? `FAIL: ${problems.join('; ')}` : 'pass';
        } catch (error) {
          cell[name] = `FAIL: ${String(error.message).split('\n')[0]}`;
        }
        log(`${name} ${demo.slug}: ${cell[name]}`);
      }
    } finally {
      await browser.close();
      await site.close();
      await docs.close();
    }
    log(`${name}: ${((Date.now() - started) / 1000).toFixed(0)} s`);
  }
  return { table, loaded };
}

/** run.mjs's checks: one per mode, every demo in it. */
export async function modeMatrixChecks({ dist, demos, check, expect }) {
  for (const [name, mode] of Object.entries(MODES)) {
    await check(`hosting mode ${name} (${mode.what}): every demo runs to its expected lines in the ${mode.engine} build`, async () => {
      const { table, loaded } = await runModeMatrix({ dist, demos, modeNames: [name] });
      const failed = [...table].filter(([, cells]) => cells[name] !== 'pass').map(([slug, cells]) => `${slug}: ${cells[name]}`);
      expect(failed.length === 0, failed.join('\n'));
      return `${table.size} demos; ${loaded[name]}`;
    });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const argv = process.argv.slice(2);
  const option = (name, fallback) => {
    const at = argv.indexOf(name);
    return at >= 0 ? argv[at + 1] : fallback;
  };
  const dist = resolve(option('--dist', 'dist'));
  const modeNames = option('--modes', Object.keys(MODES).join(',')).split(',');
  let demos = JSON.parse(execFileSync(resolve(option('--cli', 'target/release/threadplay')),
    ['demos', '--dir', resolve('demos')], { maxBuffer: 16 << 20 }).toString());
  const only = option('--demos', null);
  if (only) demos = demos.filter((demo) => only.split(',').includes(demo.slug));
  const { table, loaded } = await runModeMatrix({ dist, demos, modeNames, log: (line) => process.stderr.write(`${line}\n`) });
  console.log(`| demo | ${modeNames.join(' | ')} |`);
  console.log(`|---|${modeNames.map(() => '---').join('|')}|`);
  for (const [slug, cells] of table) console.log(`| ${slug} | ${modeNames.map((name) => cells[name]).join(' | ')} |`);
  const passed = modeNames.map((name) => `${name} ${[...table.values()].filter((cells) => cells[name] === 'pass').length}/${table.size}`);
  console.log(`\npassed: ${passed.join(', ')}`);
  console.log('\nwhat each mode loaded (the site\'s server log, no HTTP compression, no-store):');
  for (const name of modeNames) console.log(`- ${name}: ${loaded[name] ?? 'not measured'}`);
}
