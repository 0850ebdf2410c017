// Page benchmarks (figures, not assertions): release wasm size raw and gzip, time from
// navigation to the worker pool being ready, the 8 x 0.5 s run's elapsed time, Stop
// latency, each over several fresh page loads in Debian's headless Chromium, and the
// timeline's frame draw time with 32 threads and over 100k recorded state changes.
//
//   node tests/browser/bench.mjs --dist DIST [--loads N] [--only timeline|first-load|warm-up]
import { chromiumPath } from './chromium.mjs';
import { chromium } from 'playwright-core';
import { readdirSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { gzipSync } from 'node:zlib';
import { serve } from './serve.mjs';

const argv = process.argv.slice(2);
const option = (name, fallback) => {
  const at = argv.indexOf(name);
  return at >= 0 ? argv[at + 1] : fallback;
};
const dist = resolve(option('--dist', 'dist'));
const loads = Number(option('--loads', '5'));
const only = option('--only', null);

const median = (values) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
};
const percentile = (values, p) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))];
};
const drawSummary = (values) => `p50 ${percentile(values, 0.5).toFixed(2)} ms, p95 ${percentile(values, 0.95).toFixed(2)} ms, max ${Math.max(...values).toFixed(2)} ms (n=${values.length})`;
const summary = (values, unit) => {
  const digits = unit === 's' ? 3 : 1;
  return `median ${median(values).toFixed(digits)} ${unit} (min ${Math.min(...values).toFixed(digits)}, max ${Math.max(...values).toFixed(digits)}, n=${values.length})`;
};

for (const suffix of ['_bg.wasm', '.js']) {
  const file = readdirSync(dist).find((name) => name.startsWith('threadplay-web') && name.endsWith(suffix));
  const bytes = readFileSync(join(dist, file));
  console.log(`${file}: ${(bytes.length / 1024).toFixed(1)} KiB raw, ${(gzipSync(bytes, { level: 9 }).length / 1024).toFixed(1)} KiB gzip -9`);
}

const executablePath = chromiumPath();
const browser = await chromium.launch({
  executablePath,
  args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
    '--disable-background-networking', '--disable-component-update', '--disable-sync'],
});
const server = await serve({ root: dist, isolated: true });
const poolReady = [];
const elapsed = [];
const stopLatency = [];
const startLatency = [];
const medianStart = [];
const cpuSeconds = [];
const threadStartProgram = readFileSync(resolve(dist, '../benchmarks/thread_start.py'), 'utf8');
// 32 threads under the modern GIL, each yielding it 1100 times (a sleep: sleeping,
// waiting for the GIL, running) and taking a shared lock every 8th round: over 100k
// state changes. With `sleep(0)` the 32 threads keep both cores busy (the page's main
// thread competes with them); with 1 ms sleeps the cores stay mostly free, so the
// figure is the timeline's own cost while the trace grows to the same size.
const timelineProgram = (pause) => [
  'import threading, time',
  'lock = threading.Lock()',
  'done = 0',
  'def worker():',
  '    global done',
  '    for i in range(1100):',
  `        time.sleep(${pause})`,
  '        if i % 8 == 0:',
  '            with lock:',
  '                done += 1',
  'threads = [threading.Thread(target=worker) for _ in range(32)]',
  'for t in threads:',
  '    t.start()',
  'for t in threads:',
  '    t.join()',
  'print(done)',
].join('\n');
const timelines = [];
// First load: a fresh page opened at a demo, from navigation until its Run button is
// enabled (the page records the instant itself), and every file it fetched, gzipped.
const firstReady = [];
let firstLoadFiles = null;
try {
  for (let load = 0; load < (only && only !== 'first-load' ? 0 : loads); load += 1) {
    const context = await browser.newContext();
    const page = await context.newPage();
    const fetched = new Set();
    page.on('request', (request) => {
      // Files from the server only (workers also load blob: URLs made in the page).
      const url = new URL(request.url());
      if (url.protocol === 'http:' && url.origin === new URL(server.url).origin) fetched.add(url.pathname);
    });
    await page.addInitScript(() => {
      const look = () => {
        const run = document.querySelector('[data-testid=run]');
        if (run && !run.disabled) {
          window.__firstReadyMs = performance.now();
          return;
        }
        requestAnimationFrame(look);
      };
      requestAnimationFrame(look);
    });
    await page.goto(`${server.url}#/demo/race`);
    await page.waitForFunction(() => window.__firstReadyMs !== undefined, null, { timeout: 30_000 });
    firstReady.push(await page.evaluate(() => window.__firstReadyMs));
    firstLoadFiles ??= [...fetched].map((path) => {
      const bytes = readFileSync(join(dist, path === '/' ? 'index.html' : decodeURIComponent(path)));
      return { path, raw: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
    });
    await context.close();
  }

  for (let load = 0; load < (only ? 0 : loads); load += 1) {
    const page = await browser.newPage();
    await page.goto(`${server.url}#/demo/python`);
    const pool = page.locator('[data-testid=pool-status][data-ready-ms]');
    await pool.waitFor({ timeout: 30_000 });
    poolReady.push(Number(await pool.getAttribute('data-ready-ms')));
    await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });

    // benchmarks/thread_start.py: 8 threads, each timing Thread.start() to its first
    // line, then sleeping 0.5 s.
    await page.getByTestId('editor').fill(threadStartProgram);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'finished');
    elapsed.push(Number(await page.getByTestId('elapsed').getAttribute('data-ms')));
    const started = /thread start: median ([0-9.]+) ms, slowest ([0-9.]+) ms/.exec(await page.getByTestId('console').textContent());
    medianStart.push(Number(started[1]));
    startLatency.push(Number(started[2]));

    await page.getByTestId('editor').fill(threadStartProgram.replace('SLEEP = 0.5', 'SLEEP = 10'));
    await page.getByTestId('run').click();
    await page.waitForTimeout(200);
    stopLatency.push(await page.evaluate(() => new Promise((done) => {
      const clicked = performance.now();
      document.querySelector('[data-testid=stop]').click();
      const look = () => document.querySelector('[data-testid=status]').textContent === 'stopped'
        ? done(performance.now() - clicked)
        : requestAnimationFrame(look);
      requestAnimationFrame(look);
    })));
    await page.close();
  }
  // The chapter's CPU-bound loop in the Python sandbox (timed inside the program).
  const cpuProgram = readFileSync(resolve(dist, '../benchmarks/cpu_bound.py'), 'utf8');
  for (let load = 0; load < (only ? 0 : loads); load += 1) {
    const page = await browser.newPage();
    await page.goto(`${server.url}#/demo/python`);
    await page.locator('[data-testid=pool-status][data-ready-ms]').waitFor({ timeout: 30_000 });
    await page.getByTestId('editor').fill(cpuProgram);
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'finished', null, { timeout: 120_000 });
    cpuSeconds.push(Number((await page.getByTestId('console').textContent()).trim()));
    await page.close();
  }
  // The timeline: every frame's draw time (ingesting what was drained, painting) while
  // the run goes, then redraws at 100k+ events from zooming, panning and fitting.
  for (const pause of only && only !== 'timeline' ? [] : ['0.001', '0']) {
    const timeline = { pause };
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.goto(`${server.url}#/demo/python`);
    await page.locator('[data-testid=pool-status][data-ready-ms]').waitFor({ timeout: 30_000 });
    await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
    await page.getByTestId('gil-model').selectOption('modern');
    await page.getByTestId('editor').fill(timelineProgram(pause));
    await page.evaluate(() => { window.__timelineDrawMs = []; });
    const started = Date.now();
    await page.getByTestId('run').click();
    await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'finished', null, { timeout: 180_000 });
    timeline.seconds = (Date.now() - started) / 1000;
    await page.waitForTimeout(300);
    timeline.live = await page.evaluate(() => window.__timelineDrawMs.splice(0));
    const canvas = page.getByTestId('timeline');
    const attribute = async (name) => Number(await canvas.getAttribute(name));
    timeline.events = await attribute('data-events');
    timeline.recorded = await attribute('data-recorded');
    timeline.lanes = await attribute('data-lanes');
    timeline.handoffs = await attribute('data-gil-handoffs');
    timeline.output = (await page.getByTestId('console').textContent()).trim();
    await page.locator('.timeline-frame').focus();
    for (let round = 0; round < 10; round += 1) {
      for (const key of ['+', '+', 'ArrowRight', 'ArrowRight', '-', '-', '0']) await page.keyboard.press(key);
    }
    timeline.after = await page.evaluate(() => window.__timelineDrawMs.splice(0));
    await page.screenshot({ path: resolve(dist, `../target/bench-timeline-32-sleep${pause}.png`), fullPage: true });
    await page.close();
    timelines.push(timeline);
  }
} finally {
  await browser.close();
  await server.close();
}
for (const timeline of timelines) {
  console.log(`timeline, 32 threads x 1100 sleep(${timeline.pause}) (${timeline.lanes} lanes, run ${timeline.seconds.toFixed(1)} s): ${timeline.events} state changes drawn of ${timeline.recorded} recorded (${timeline.events === timeline.recorded ? 'none lost' : 'LOST SOME'}), ${timeline.handoffs} GIL hand-offs, program printed ${timeline.output}`);
  if (process.env.TIMELINE_SAMPLES) console.log(JSON.stringify(timeline.live.map((x) => +x.toFixed(2))));
  console.log(`  frame draw during the run: ${drawSummary(timeline.live)}`);
  console.log(`  redraw after the run (zoom, pan, fit at ${timeline.events} events): ${drawSummary(timeline.after)}`);
}
// The warm-up: the gil demo's sequential part on the first run after a page load, 2 s
// after the pool is ready, with the warm-up program and without it (`?no-warm-up`).
const firstRun = { warm: [], cold: [] };
if (!only || only === 'warm-up') {
  const server2 = await serve({ root: dist, isolated: true });
  const browser2 = await chromium.launch({ executablePath, args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run'] });
  try {
    for (let load = 0; load < loads; load += 1) {
      for (const [kind, query] of [['warm', ''], ['cold', '?no-warm-up']]) {
        const page = await browser2.newPage();
        await page.goto(`${server2.url}${query}#/demo/gil`);
        await page.waitForFunction(() => document.querySelector('[data-testid=run]')?.disabled === false, null, { timeout: 30_000 });
        await page.waitForTimeout(2000);
        await page.getByTestId('run').click();
        await page.waitForFunction(() => document.querySelector('[data-testid=status]').textContent === 'finished', null, { timeout: 60_000 });
        const lines = (await page.getByTestId('console').textContent()).split('\n');
        firstRun[kind].push(Number(lines[lines.indexOf('Sequential') + 1].trim().split(' ')[0]));
        await page.close();
      }
    }
  } finally {
    await browser2.close();
    await server2.close();
  }
  console.log(`first gil run after load, sequential part: with the warm-up ${summary(firstRun.warm, 's')}; without (?no-warm-up) ${summary(firstRun.cold, 's')}`);
}
if (firstLoadFiles) {
  const total = firstLoadFiles.reduce((sum, file) => sum + file.gzip, 0);
  console.log(`first load of #/demo/race: ${firstLoadFiles.length} files, ${(total / 1000).toFixed(1)} KB gzip -9 (${(total / 1024).toFixed(1)} KiB): ${firstLoadFiles.map((f) => `${f.path} ${(f.gzip / 1000).toFixed(1)} KB`).join(', ')}`);
  console.log(`navigation -> first demo ready to run (Run enabled on #/demo/race): ${summary(firstReady, 'ms')}`);
}
if (only) process.exit(0);
console.log(`navigation -> pool ready (built, Run offered; workers start on demand): ${summary(poolReady, 'ms')}`);
console.log(`8 threads x 0.5 s (benchmarks/thread_start.py), Run to finished: ${summary(elapsed, 'ms')}`);
console.log(`Thread.start() -> the thread's first line, median of 8 threads: ${summary(medianStart, 'ms')}`);
console.log(`Thread.start() -> the thread's first line, slowest of 8 threads: ${summary(startLatency, 'ms')}`);
console.log(`cpu_bound(5_000_000) in the page (benchmarks/cpu_bound.py): ${summary(cpuSeconds, 's')}`);
console.log(`Stop click -> status "stopped" (8 threads in 10 s sleeps): ${summary(stopLatency, 'ms')}`);
