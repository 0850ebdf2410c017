// Figures and screenshots for a docs page with six embeds (issue 13): the chapter in
// fixtures/six-embeds.html, served from another site (localhost) without isolation
// headers, with six `<div data-threadplay>` that www/embed.js turns into lazy iframes
// of the site (127.0.0.1). Two ways the site can be served:
// - `threads`: the site sends COOP/COEP and Document-Isolation-Policy (www/_headers),
//   so each frame is cross-origin isolated and loads the threads build;
// - `simulated`: the site sends no isolation header (GitHub Pages), so each frame
//   loads the simulated build.
// For each, in a browser of its own per round: navigation -> the first frame's Run
// enabled (the frames in the first screen load at once, the rest as they near the
// viewport); the browser's Pss (soak.mjs) for a blank tab, for the docs page idle, and
// after each frame in turn was scrolled to and run once (its status and whether its
// expected lines printed); workers; every frame's height against its content. Round 1
// saves full-page screenshots at 1280 and 390 px wide into --out.
// Figures only, no assertions (the machine is shared and noisy).
//
//   node tests/browser/docs-embeds.mjs --dist dist [--cli target/release/threadplay]
//        [--rounds 3] [--modes threads,simulated] [--out target/docs-embeds]
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { launchChromium } from './chromium.mjs';
import { serve } from './serve.mjs';
import { browserPssMb } from './soak.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const dist = resolve(option('--dist', 'dist'));
const rounds = Number(option('--rounds', '3'));
const modes = option('--modes', 'threads,simulated').split(',');
const out = resolve(option('--out', 'target/docs-embeds'));
mkdirSync(out, { recursive: true });
const SETTLE_MS = 3000;
const progress = (text) => process.stderr.write(`${new Date().toISOString().slice(11, 19)} ${text}\n`);
const here = new URL('.', import.meta.url).pathname;

const demos = new Map(JSON.parse(execFileSync(resolve(option('--cli', 'target/release/threadplay')),
  ['demos', '--dir', resolve('demos')], { maxBuffer: 16 << 20 }).toString()).map((demo) => [demo.slug, demo]));

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const range = (values, digits = 0) => `${median(values).toFixed(digits)} (${Math.min(...values).toFixed(digits)}..${Math.max(...values).toFixed(digits)})`;

/** The six frames, in page order, once embed.js has made them. */
async function framesOf(page) {
  await page.waitForFunction(() => document.querySelectorAll('iframe[data-threadplay-frame]').length === 6, null, { timeout: 30_000 });
  return page.locator('iframe[data-threadplay-frame]');
}

/** Milliseconds from the docs page's navigation until Run is enabled in `frame`. */
async function runnableAt(page, frame) {
  await frame.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000, polling: 5 });
  const at = await frame.evaluate(() => performance.timeOrigin + performance.now());
  return at - await page.evaluate(() => performance.timeOrigin);
}

/** Workers each loaded frame has started: the pool's count in the threads build, the
 * one engine worker in the simulated build. A lazy frame not loaded yet has no document
 * to ask (and Playwright would wait for one forever). */
const workersIn = (page) => Promise.all(page.frames().slice(1).filter((frame) => frame.url().startsWith('http')).map((frame) => frame.evaluate(
  () => globalThis.threadplayWorkerCount?.() ?? (document.documentElement.dataset.engine === 'simulated' ? 1 : null),
).catch(() => null)));

async function measure(mode, round) {
  const site = await serve({ root: dist, headers: mode === 'threads' ? 'all' : 'none' });
  const html = readFileSync(join(here, 'fixtures/six-embeds.html'), 'utf8')
    .replace('{{EMBED_SCRIPT}}', `<script src="${site.url}embed.js" defer></script>`);
  const docs = await serve({ files: { '/index.html': html }, headers: 'none', hostname: 'localhost' });
  const browser = await launchChromium();
  const figures = { mode, round };
  try {
    const blank = await browser.newPage();
    await blank.goto('about:blank');
    await blank.waitForTimeout(SETTLE_MS);
    figures.blank = browserPssMb();
    await blank.close();

    const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('crash', () => progress('the page crashed'));
    page.on('close', () => progress('the page closed'));
    browser.on('disconnected', () => progress('the browser went away'));
    await page.goto(docs.url, { waitUntil: 'commit' });
    const frames = await framesOf(page);
    // The first frame is in the first screen: it loads at once.
    const firstFrame = await (await frames.nth(0).elementHandle()).contentFrame();
    progress(`${mode} round ${round}: frames made`);
    figures.firstRunnable = await runnableAt(page, firstFrame);
    progress(`${mode} round ${round}: first runnable at ${figures.firstRunnable.toFixed(0)} ms`);
    figures.engine = await firstFrame.evaluate(() => document.querySelector('[data-testid=engine-mode]')?.textContent.trim());
    figures.isolated = await firstFrame.evaluate(() => crossOriginIsolated);
    await page.waitForTimeout(SETTLE_MS);
    figures.loadedIdle = await page.evaluate(() => [...document.querySelectorAll('iframe')].filter((f) => f.getAttribute('data-height')).length);
    progress('settled');
    figures.idle = browserPssMb();
    figures.idleWorkers = await workersIn(page);
    figures.runs = [];
    figures.afterEach = [];
    for (let index = 0; index < 6; index += 1) {
      const element = frames.nth(index);
      await element.scrollIntoViewIfNeeded();
      const frame = await (await element.elementHandle()).contentFrame();
      await frame.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 60_000 });
      const slug = await element.getAttribute('data-threadplay-frame');
      progress(`${mode} round ${round}: running ${slug}`);
      const started = Date.now();
      await frame.locator('[data-testid=run]').click();
      // A click that started nothing (seen: the frame above grew as its run ended and
      // moved this one while the click was on its way): say so, and press Run again
      // from inside the frame.
      const begun = await frame.waitForFunction(() => document.querySelector('[data-testid=status]')?.textContent !== 'idle', null, { timeout: 5000 })
        .then(() => true, () => false);
      if (!begun) {
        figures.missedClicks = (figures.missedClicks ?? 0) + 1;
        progress(`${slug}: the click started no run; pressing Run from inside the frame`);
        await frame.evaluate(() => document.querySelector('[data-testid=run]').click());
      }
      await frame.waitForFunction(() => ['finished', 'deadlock', 'error', 'stopped'].includes(document.querySelector('[data-testid=status]')?.textContent), null, { timeout: 120_000 })
        .catch(async (error) => {
          const shown = await frame.evaluate(() => ({
            status: document.querySelector('[data-testid=status]')?.textContent,
            elapsed: document.querySelector('[data-testid=elapsed]')?.textContent,
            virtual: document.querySelector('[data-testid=virtual-elapsed]')?.textContent,
            console: document.querySelector('[data-testid=console]')?.textContent.slice(-300),
          }));
          await page.screenshot({ path: join(out, `stuck-${mode}-${slug}.png`) });
          throw new Error(`${slug} did not end in ${mode}: ${JSON.stringify(shown)}; ${error.message}`);
        });
      const status = await frame.locator('[data-testid=status]').textContent();
      const lines = (await frame.locator('[data-testid=console]').textContent()).split('\n');
      const demo = demos.get(slug);
      const printed = demo.expect.every((line) => lines.includes(line));
      await page.waitForTimeout(300);
      const heights = await element.evaluate((iframe) => ({ frame: iframe.getBoundingClientRect().height, said: Number(iframe.getAttribute('data-height')) }));
      const content = await frame.evaluate(() => document.documentElement.scrollHeight);
      figures.runs.push({ slug, status, ok: status === demo.status && printed, ms: Date.now() - started, frameHeight: heights.frame, content });
      await page.waitForTimeout(SETTLE_MS);
      figures.afterEach.push(browserPssMb());
    }
    figures.workers = await workersIn(page);
    figures.errors = errors;
    if (round === 1) {
      // The whole page in one picture. Chromium does not paint cross-origin frames that
      // are off screen, so a full-page capture would show them blank: the viewport is
      // made as tall as the page instead.
      const wholePage = async (width) => {
        await page.setViewportSize({ width, height: 844 });
        await page.waitForTimeout(1500);
        const height = await page.evaluate(() => document.documentElement.scrollHeight);
        await page.setViewportSize({ width, height });
        await page.waitForTimeout(1500);
        await page.screenshot({ path: join(out, `six-embeds-${mode}-${width}.png`) });
        return page.evaluate(() => document.documentElement.scrollWidth);
      };
      await wholePage(1280);
      figures.phoneWidth = await wholePage(390);
    }
  } finally {
    await browser.close();
    await site.close();
    await docs.close();
  }
  return figures;
}

const all = [];
for (let round = 1; round <= rounds; round += 1) {
  for (const mode of modes) {
    const figures = await measure(mode, round);
    all.push(figures);
    console.log(JSON.stringify(figures));
  }
}

console.log(`\nsix embeds on a docs page of another site (${dist}), ${rounds} rounds, medians (min..max)`);
for (const mode of modes) {
  const rows = all.filter((figures) => figures.mode === mode);
  const pick = (key) => rows.map((figures) => figures[key]);
  const over = (values) => values.map((value, i) => value - rows[i].blank);
  console.log(`\n${mode}: engine-mode ${[...new Set(pick('engine'))].join('/')}, crossOriginIsolated ${[...new Set(pick('isolated'))].join('/')}`);
  console.log(`  navigation -> first embed runnable: ${range(pick('firstRunnable'))} ms`);
  console.log(`  frames loaded before any scrolling: ${[...new Set(pick('loadedIdle'))].join('/')}`);
  console.log(`  Pss blank tab ${range(pick('blank'))} MB; docs page idle +${range(over(pick('idle')))} MB over it`);
  for (let index = 0; index < 6; index += 1) {
    const runs = rows.map((figures) => figures.runs[index]);
    console.log(`  after run ${index + 1} (${runs[0].slug}: ${runs.map((run) => `${run.status}${run.ok ? '' : ' WRONG'}`).join(', ')}; ${range(runs.map((run) => run.ms))} ms; frame ${runs[0].frameHeight.toFixed(0)} px for ${runs[0].content} px of content): +${range(over(rows.map((figures) => figures.afterEach[index])))} MB`);
  }
  console.log(`  workers per loaded frame, idle: ${rows.map((figures) => figures.idleWorkers.join(' ')).join(' | ')}`);
  console.log(`  workers per frame after all ran: ${rows.map((figures) => figures.workers.join(' ')).join(' | ')}`);
  console.log(`  clicks on Run that started nothing (pressed again from inside the frame): ${rows.map((figures) => figures.missedClicks ?? 0).join(' ')}`);
  console.log(`  page errors: ${rows.flatMap((figures) => figures.errors).length}; page width at 390 px: ${pick('phoneWidth').filter(Boolean).join('/')}`);
}
