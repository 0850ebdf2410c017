// Figures for the worker pool (issue 13, workers on demand): navigation to the first
// runnable demo, the browser's memory (Pss summed over its processes, see soak.mjs) for a
// blank tab and for the race page idle and after a run, a page of six demo iframes (time
// until the first and the last is runnable, memory idle and after each ran once), and
// how long Thread.start() takes to reach the thread's first line on a page's first run
// and on its second. Figures only, no assertions (the machine is shared and noisy).
//
//   node tests/browser/bench-pool.mjs --dist DIST [--loads 5] [--rounds 3] [--only first|memory|six|start]
//
// Each memory figure comes from a browser of its own holding just that one tab, after
// the tab has been left alone for SETTLE_MS; the median over --rounds browsers is printed.
// Workers are counted two ways: the dedicated workers Playwright sees, and the page's
// own count (`threadplayWorkerCount()`, absent on builds before the lazy pool).
import { chromium } from 'playwright-core';
import { execFileSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { serve } from './serve.mjs';
import { browserPssMb } from './soak.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const dist = resolve(option('--dist', 'dist'));
const loads = Number(option('--loads', '5'));
const rounds = Number(option('--rounds', '3'));
const only = option('--only', null);
const SETTLE_MS = 3000;
// The demo the six-frame page embeds (the embed view `#/embed/race` replaces it once
// it exists).
const FRAME_ROUTE = option('--frame-route', '#/demo/race');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];
const executablePath = execFileSync('which', ['chromium']).toString().trim();

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
const summary = (values, unit, digits = 0) =>
  `median ${median(values).toFixed(digits)} ${unit} (min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)}, n=${values.length})`;

// The served folder: the build plus the six-frame page (same origin, so the frames are
// cross-origin isolated like their parent).
const root = mkdtempSync(join(tmpdir(), 'threadplay-bench-pool-'));
cpSync(dist, root, { recursive: true });
writeFileSync(join(root, 'six-frames.html'), `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>six demos</title>
<style>body{margin:0;font:16px sans-serif}main{display:grid;grid-template-columns:1fr 1fr;gap:8px;padding:8px}
iframe{width:100%;height:560px;border:1px solid #888}</style></head>
<body><main>${Array.from({ length: 6 }, (_, i) => `<iframe title="demo ${i + 1}" src="./${FRAME_ROUTE}"></iframe>`).join('')}</main>
<script>
  // Records, on this page's clock, when each frame's Run button is first enabled.
  window.__runnable = Array(6).fill(null);
  const frames = [...document.querySelectorAll('iframe')];
  const look = setInterval(() => {
    frames.forEach((frame, i) => {
      if (window.__runnable[i] !== null) return;
      const run = frame.contentDocument?.querySelector('[data-testid=run]');
      if (run && !run.disabled) window.__runnable[i] = performance.now();
    });
    if (window.__runnable.every((at) => at !== null)) clearInterval(look);
  }, 2);
</script></body></html>
`);
const server = await serve({ root, isolated: true });

async function withBrowser(body) {
  const browser = await chromium.launch({ executablePath, args: CHROMIUM_ARGS });
  try {
    return await body(browser);
  } finally {
    await browser.close();
  }
}

/** Workers of the page as Playwright sees them, and as the page counts them. */
async function workers(page, frame = page) {
  const counted = await frame.evaluate(() => globalThis.threadplayWorkerCount?.() ?? null);
  return { seen: page.workers().length, counted };
}

const enabled = (frame) => frame.waitForFunction(
  () => !document.querySelector('[data-testid=run]')?.disabled, null, { timeout: 60_000 });
const finished = (frame) => frame.waitForFunction(
  () => ['finished', 'error'].includes(document.querySelector('[data-testid=status]')?.textContent),
  null, { timeout: 120_000 });

const report = [];
const say = (line) => {
  report.push(line);
  console.log(line);
};

try {
  if (!only || only === 'first') {
    // Navigation to the first runnable demo: a fresh context per load, the instant the
    // race page's Run button is enabled (recorded inside the page), and the pool badge.
    const runnable = [];
    const readyAttr = [];
    await withBrowser(async (browser) => {
      for (let load = 0; load < loads; load += 1) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.addInitScript(() => {
          const look = () => {
            const run = document.querySelector('[data-testid=run]');
            if (run && !run.disabled) window.__firstReadyMs = performance.now();
            else requestAnimationFrame(look);
          };
          requestAnimationFrame(look);
        });
        await page.goto(`${server.url}#/demo/race`);
        await page.waitForFunction(() => window.__firstReadyMs !== undefined, null, { timeout: 60_000 });
        runnable.push(await page.evaluate(() => window.__firstReadyMs));
        readyAttr.push(Number(await page.getByTestId('pool-status').getAttribute('data-ready-ms')));
        await context.close();
      }
    });
    say(`navigation -> first runnable demo (Run enabled on #/demo/race): ${summary(runnable, 'ms')}; pool badge data-ready-ms ${summary(readyAttr, 'ms')}`);
  }

  if (!only || only === 'memory') {
    const blank = [];
    const idle = [];
    const ran = [];
    const idleWorkers = [];
    const ranWorkers = [];
    for (let round = 0; round < rounds; round += 1) {
      blank.push(await withBrowser(async (browser) => {
        const page = await browser.newPage();
        await page.goto('about:blank');
        await page.waitForTimeout(SETTLE_MS);
        return browserPssMb();
      }));
      await withBrowser(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(`${server.url}#/demo/race`);
        await enabled(page);
        await page.waitForTimeout(SETTLE_MS);
        idle.push(browserPssMb());
        idleWorkers.push(await workers(page));
        await page.getByTestId('run').click();
        await finished(page);
        await page.waitForTimeout(SETTLE_MS);
        ran.push(browserPssMb());
        ranWorkers.push(await workers(page));
      });
    }
    const show = (list) => list.map((w) => `${w.seen}${w.counted ? ` (page: ${JSON.stringify(w.counted)})` : ''}`).join(', ');
    say(`Pss, blank tab: ${summary(blank, 'MB')}`);
    say(`Pss, #/demo/race idle: ${summary(idle, 'MB')}; workers ${show(idleWorkers)}`);
    say(`Pss, #/demo/race after one run: ${summary(ran, 'MB')}; workers ${show(ranWorkers)}`);
  }

  if (!only || only === 'six') {
    const first = [];
    const last = [];
    const idle = [];
    const ran = [];
    const perRun = [];
    let counts = null;
    for (let round = 0; round < rounds; round += 1) {
      await withBrowser(async (browser) => {
        const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
        await page.goto(`${server.url}six-frames.html`);
        await page.waitForFunction(() => window.__runnable.every((at) => at !== null), null, { timeout: 120_000 });
        const at = await page.evaluate(() => window.__runnable);
        first.push(Math.min(...at));
        last.push(Math.max(...at));
        await page.waitForTimeout(SETTLE_MS);
        idle.push(browserPssMb());
        const frames = page.frames().filter((frame) => frame !== page.mainFrame());
        const idleWorkers = page.workers().length;
        const after = [];
        for (const frame of frames) {
          await frame.locator('[data-testid=run]').click();
          await finished(frame);
          await page.waitForTimeout(500);
          after.push(Math.round(browserPssMb()));
        }
        await page.waitForTimeout(SETTLE_MS);
        ran.push(browserPssMb());
        perRun.push(after);
        counts = { idle: idleWorkers, ran: page.workers().length };
      });
    }
    say(`six ${FRAME_ROUTE} frames: first runnable ${summary(first, 'ms')}, all six runnable ${summary(last, 'ms')}`);
    say(`six frames, Pss idle: ${summary(idle, 'MB')}; after each ran once: ${summary(ran, 'MB')} (workers Playwright saw: ${counts.idle} idle, ${counts.ran} after)`);
    say(`six frames, Pss after the 1st..6th run: ${perRun.map((list) => list.join(' ')).join(' | ')} MB`);
  }

  if (!only || only === 'start') {
    // benchmarks/thread_start.py (8 threads, Thread.start() -> the thread's first line)
    // on a fresh page's first run, then again on the same page.
    const program = readFileSync(resolve('benchmarks/thread_start.py'), 'utf8');
    const firstRun = { median: [], slowest: [] };
    const secondRun = { median: [], slowest: [] };
    await withBrowser(async (browser) => {
      for (let load = 0; load < loads; load += 1) {
        const context = await browser.newContext();
        const page = await context.newPage();
        await page.goto(`${server.url}#/demo/python`);
        await enabled(page);
        await page.getByTestId('editor').fill(program);
        for (const into of [firstRun, secondRun]) {
          await page.getByTestId('run').click();
          await finished(page);
          const started = /thread start: median ([0-9.]+) ms, slowest ([0-9.]+) ms/.exec(await page.getByTestId('console').textContent());
          into.median.push(Number(started[1]));
          into.slowest.push(Number(started[2]));
        }
        await context.close();
      }
    });
    say(`Thread.start() -> first line, a page's first run: median of 8 ${summary(firstRun.median, 'ms', 2)}; slowest of 8 ${summary(firstRun.slowest, 'ms', 2)}`);
    say(`Thread.start() -> first line, the second run: median of 8 ${summary(secondRun.median, 'ms', 2)}; slowest of 8 ${summary(secondRun.slowest, 'ms', 2)}`);
  }
} finally {
  await server.close();
  rmSync(root, { recursive: true, force: true });
}
console.log(`\n${new Date().toISOString()} ${dist}\n${report.join('\n')}`);
